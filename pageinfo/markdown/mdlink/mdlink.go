// Package mdlink is a goldmark extension that turns Markdown links to
// relative ".md" files, as in a Git-hosted documentation wiki, into wiki
// links, and marks external links.
//
// On the page "Foo/Bar", which lives in the folder "Foo/":
//
//	[t](../dir/page.md#a)  → title NormalizeTitle("dir/page"), /wiki/Dir/page#a
//	[t](./x.md), [t](x.md) → "Foo/x"
//	[t]: ./page.md         → the same for reference definitions
//	[t](/dir/page.md)      → "dir/page", from the wiki root
//
// A query ("?highlight=…") is dropped; the fragment is kept as written. A
// path escaping the root or naming no valid title is left alone, as are
// links to other relative files. Resolved links are recorded in the
// document's wikidoc.Doc like [[…]] links and get class="new" when the
// page is missing. Links with a scheme the sanitizer keeps (https:,
// mailto:, ftp:, tel:, irc: …) or starting with "//" get class="external".
package mdlink

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// Priority of the AST transformer.
const Priority = 200

type extender struct{ site *wikidoc.Site }

// New returns the extension, resolving titles and URLs with site.
func New(site wikidoc.Site) goldmark.Extender { return &extender{site: site.WithDefaults()} }

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(&transformer{site: e.site}, Priority)))
}

type transformer struct{ site *wikidoc.Site }

func (t *transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	d := wikidoc.Get(pc)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			t.link(d, n)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && IsExternal(string(n.URL(reader.Source()))) {
				n.SetAttributeString("class", "external")
			}
		}
		return ast.WalkContinue, nil
	})
}

// link rewrites one Markdown link in place.
func (t *transformer) link(d *wikidoc.Doc, n *ast.Link) {
	dest := string(n.Destination)
	if IsExternal(dest) {
		n.SetAttributeString("class", "external")
		return
	}
	if hasScheme(dest) {
		return
	}
	title, frag, ok := Resolve(t.site, d.Title, dest)
	if !ok {
		return
	}
	t.site.Ref(d, title, frag, n.Pos(), func(href string, exists bool) {
		n.Destination = []byte(href)
		if !exists {
			n.SetAttributeString("class", "new")
		}
	})
}

// externalSchemes are the URL schemes of links marked external: those the
// sanitizer keeps on links. Links with other schemes are left to the
// sanitizer, which drops their href.
var externalSchemes = []string{"http", "https", "ftp", "mailto", "tel", "irc", "ircs", "xmpp"}

// IsExternal reports whether dest is a protocol-relative URL ("//host/…")
// or has one of the schemes http, https, ftp, mailto, tel, irc, ircs or
// xmpp.
func IsExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	scheme, _, ok := strings.Cut(dest, ":")
	if !ok {
		return false
	}
	for _, s := range externalSchemes {
		if strings.EqualFold(scheme, s) {
			return true
		}
	}
	return false
}

// hasScheme reports whether dest starts with a URL scheme and a colon.
func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return false
	}
	for j := 0; j < i; j++ {
		c := dest[j]
		alpha := 'a' <= c|0x20 && c|0x20 <= 'z'
		if !alpha && (j == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// Resolve returns the wiki title and fragment that a relative link dest to
// a ".md" file names on the page pageTitle, or false if dest is not such a
// link or names no valid title.
func Resolve(site *wikidoc.Site, pageTitle, dest string) (title, frag string, ok bool) {
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if len(p) < 4 || !strings.EqualFold(p[len(p)-3:], ".md") {
		return "", "", false
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	p = p[:len(p)-3]
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p)[1:]
	} else if p = path.Join(folder(pageTitle), p); p == ".." || strings.HasPrefix(p, "../") {
		return "", "", false
	}
	if p == "" || p == "." {
		return "", "", false
	}
	title, err := site.NormalizeTitle(p)
	if err != nil {
		return "", "", false
	}
	return title, frag, true
}

// folder returns the folder a page lives in: "Foo/Bar" → "Foo", "Foo" → "".
func folder(title string) string {
	if i := strings.LastIndexByte(title, '/'); i >= 0 {
		return title[:i]
	}
	return ""
}
