package skin

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/blob"
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

//go:embed editor.js
var editorJS []byte

// addEditor adds the editor's script to the edit form's page.
func (s *Set) addEditor(d *Data, m Meta) {
	if m.RouteName == EditRoute && s.editorHash != "" {
		d.Scripts = append(d.Scripts, URL{URL: staticURL(s.editorHash, EditorFile)})
	}
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
	if sk.article == nil {
		a.HTML = `<div class="page-body">` + d.HTMLBody + `</div>`
		return a, nil
	}
	data := engine.Map(d)
	var b strings.Builder
	if err := sk.article.FRender(&b, data); err != nil {
		return Article{}, fmt.Errorf("skin %s: render the article: %w", sk.man.Name, err)
	}
	a.HTML = b.String()
	if sk.toc != nil && d.HasTOC {
		var t strings.Builder
		if err := sk.toc.FRender(&t, data); err != nil {
			return Article{}, fmt.Errorf("skin %s: render the toc: %w", sk.man.Name, err)
		}
		a.TOC = t.String()
	}
	return a, nil
}
