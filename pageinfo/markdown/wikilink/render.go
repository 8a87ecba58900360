package wikilink

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

type htmlRenderer struct{}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLink, r.render)
}

// render writes <a href="…" title="Display title">label</a>, with
// class="new" and a "(page does not exist)" title for a red link.
func (r *htmlRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*Link)
	WriteOpen(w, n.Href, n.Title, n.Exists)
	return ast.WalkContinue, nil
}

// WriteOpen writes the start tag of a wiki link to title (may be "" for a
// same-page link) at href; other wiki extensions reuse it.
func WriteOpen(w util.BufWriter, href, title string, exists bool) {
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), false)))
	_ = w.WriteByte('"')
	if title != "" {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML([]byte(wikidoc.DisplayTitle(title))))
		if !exists {
			_, _ = w.WriteString(` (page does not exist)`)
		}
		_ = w.WriteByte('"')
	}
	if !exists {
		_, _ = w.WriteString(` class="new"`)
	}
	_ = w.WriteByte('>')
}
