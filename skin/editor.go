package skin

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin/engine"
)

// EditorFile is the editor's script (editor.js: toolbar, syntax help,
// keyboard shortcuts, live preview), shared by every skin as highlight.css
// is: PageData and PreviewData add it to the scripts of the edit form's
// page (route EditRoute). It enhances the form the server writes and does
// nothing on a page without one. See docs/skins.md.
const EditorFile = "editor.js"

// EditRoute is the route of the edit form.
const EditRoute = "page.edit"

// editorFiles are editor.js and its precompressed files (`make assets`).
//
//go:embed editor.js*
var editorFiles embed.FS

// editorJS is editor.js (embedded as bytes: no copy at package init).
//
//go:embed editor.js
var editorJS []byte

// editorVariants returns editor.js's precompressed bodies.
func editorVariants() map[compression.Encoding][]byte {
	out := map[compression.Encoding][]byte{}
	for _, e := range compression.Preferred {
		if b, err := editorFiles.ReadFile(EditorFile + e.Ext()); err == nil {
			out[e] = b
		}
	}
	return out
}

// addEditor adds the editor's script to the edit form's page, and its
// words in lang (editor-messages).
func (s *Set) addEditor(d *Data, m Meta, lang *i18n.Lang) {
	if m.RouteName == EditRoute && s.editorHash() != "" {
		d.Scripts = append(d.Scripts, URL{URL: staticURL(s.editorHash(), EditorFile)})
		d.EditorMessages = editorMessages(lang)
	}
}

// editorWords are the messages editor.js shows, without parameters.
var editorWords = []string{
	"editor-bold", "editor-italic", "editor-link", "editor-wikilink", "editor-heading", "editor-list", "editor-code", "editor-table",
	"editor-bold-text", "editor-italic-text", "editor-link-text", "editor-page-title", "editor-code-text", "editor-table-header", "editor-table-cell",
	"editor-formatting", "editor-syntax-help", "editor-syntax",
	"editor-help-bold", "editor-help-italic", "editor-help-pagelink", "editor-help-labelled", "editor-help-external", "editor-help-heading",
	"editor-help-list", "editor-help-numbered", "editor-help-code", "editor-help-table", "editor-help-category", "editor-help-redirect",
	"editor-live-preview", "editor-updating", "editor-preview-unloaded", "editor-unknown-error",
}

// editorMessages is the JSON object of editor.js's words in lang, by
// message key; a message with parameters has {name} where the script puts
// each ("The preview failed: {error}. …").
func editorMessages(lang *i18n.Lang) string {
	m := make(map[string]string, len(editorWords)+4)
	for _, k := range editorWords {
		m[k] = lang.T(k)
	}
	m["editor-tool-hint"] = lang.T("editor-tool-hint", "Tool", "{tool}", "Keys", "{keys}")
	m["editor-shortcuts"] = lang.T("editor-shortcuts", "Mod", "{mod}")
	m["editor-preview-failed"] = lang.T("editor-preview-failed", "Error", "{error}")
	m["editor-upload-failed"] = lang.T("editor-upload-failed", "File", "{file}", "Error", "{error}")
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("skin: editor messages: %v", err)) // strings marshal
	}
	return string(b)
}

// The partials the live preview renders alone (Article), when a skin has
// them.
const (
	articlePartial = "article"
	tocPartial     = "toc"
)

// parsePartial parses the partial name of a skin on its own, or returns
// nil when the skin has no such partial.
func parsePartial(dir, name string, srcs partials) (*mustache.Template, error) {
	src, ok := srcs[name]
	if !ok {
		return nil, nil
	}
	t, err := mustache.ParseStringPartials(src, srcs)
	if err != nil {
		return nil, fmt.Errorf("%s: partial %q: %w", dir, name, err)
	}
	return t, nil
}

// Article is what the live preview shows of a page: the skin's article
// region and, in skins that show the table of contents outside it, the
// table of contents.
type Article struct {
	HTML        string   `json:"html"` // the "article" partial as a view renders it
	TOC         string   `json:"toc"`  // the "toc" partial when the skin has one and the page a TOC; else ""
	Stylesheets []string `json:"stylesheets"`
}

// Article renders pi as a view of the saved page would show it in its
// article region, for u in the named skin: the skin's "article" partial
// over ViewData (the page.view route of pi's title), byte for byte what
// the view has there. A skin without an "article" partial gets pi's HTML
// in <div class="page-body">. The stylesheets are those the view links.
// watched is whether the page will be on u's watchlist when saved: the
// star of the view.
func (s *Set) Article(pi *blob.PageInfo, u *blob.UserInfo, site Site, skin string, watched bool) (Article, error) {
	m := Meta{RouteName: "page.view", Class: router.ClassView, Page: pi.Title, CanonicalURL: router.TitleURL(pi.Title)}
	d := s.ViewData(pi, u, m, site, skin)
	d.UserKeys = s.reader(u, site, d.Skin, watched && u != nil && !u.Anonymous, site.Language(d.InterfaceLang, u)).keys
	sk := s.skin(d.Skin)
	var a Article
	for _, st := range d.Stylesheets {
		a.Stylesheets = append(a.Stylesheets, st.URL)
	}
	ts, err := sk.templates()
	if err != nil {
		return Article{}, fmt.Errorf("skin %s: %w", sk.man.Name, err)
	}
	if ts.article == nil {
		a.HTML = `<div class="page-body">` + d.HTMLBody + `</div>`
		return a, nil
	}
	data := engine.Map(d)
	var b strings.Builder
	if err := ts.article.FRender(&b, data); err != nil {
		return Article{}, fmt.Errorf("skin %s: render the article: %w", sk.man.Name, err)
	}
	a.HTML = b.String()
	if ts.toc != nil && d.HasTOC {
		var t strings.Builder
		if err := ts.toc.FRender(&t, data); err != nil {
			return Article{}, fmt.Errorf("skin %s: render the toc: %w", sk.man.Name, err)
		}
		a.TOC = t.String()
	}
	return a, nil
}
