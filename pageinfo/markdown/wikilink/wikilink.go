// Package wikilink is a goldmark extension for MediaWiki-style links:
// [[Title]], [[Title|label]], [[Title#Section]], [[Title#Section|label]],
// [[#Section]] and [[:Category:Name]]; "\|" separates target and label
// as '|' does ([[Title\|label]], as GFM tables make people write it).
//
// As in MediaWiki, a target's character references are decoded first
// ([[Caf&#233;]] is Café), then its fragment is split off at the first '#'
// and its title normalized with the site's title rules; a target they
// reject is not a link and stays literal text. Existence is asked of the
// document's wikidoc.Doc, once per distinct title, at parse time or, in a
// Deferred document, when it is resolved before rendering: a missing page
// gets class="new" and points at its edit URL (or its view URL for readers
// who may not create pages).
//
//	md := goldmark.New(goldmark.WithExtensions(wikilink.New(site)))
//
// NewTable is GFM's table extension in which a '|' inside [[…]] does not
// split a cell: use it instead of goldmark's extension.NewTable.
package wikilink

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// Priority of the inline parser: before goldmark's links (200) and
// footnotes (101), after category (98).
const Priority = 99

// KindLink is the node kind of a wiki link.
var KindLink = ast.NewNodeKind("WikiLink")

func init() { limits.CountAsLink(KindLink) }

// Link is a resolved wiki link. Its children are the label.
type Link struct {
	ast.BaseInline
	Title    string // canonical target title, "" for a same-page link
	Fragment string // anchor within the target, "" if none
	Href     string // URL, not yet escaped for HTML; set once existence is known
	Exists   bool   // false renders a red link (class="new"); set with Href
}

// Kind implements ast.Node.
func (n *Link) Kind() ast.NodeKind { return KindLink }

// Dump implements ast.Node.
func (n *Link) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title, "Href": n.Href}, nil)
}

type extender struct{ site *wikidoc.Site }

// New returns the extension, resolving titles and URLs with site (nil
// funcs take wikidoc's defaults).
func New(site wikidoc.Site) goldmark.Extender { return &extender{site: site.WithDefaults()} }

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(&inlineParser{site: e.site}, Priority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{}, Priority)))
}

type inlineParser struct{ site *wikidoc.Site }

func (p *inlineParser) Trigger() []byte { return []byte{'['} }

func (p *inlineParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	inside, n, ok := wikidoc.Scan(line)
	if !ok {
		return nil
	}
	t, ok := wikidoc.ParseTarget(inside)
	if !ok {
		return nil
	}
	title, err := p.site.Resolve(t)
	if err != nil {
		return nil
	}
	frag := wikidoc.Anchor(t.Fragment)
	link := &Link{Title: title, Fragment: frag}
	p.site.Ref(wikidoc.Get(pc), title, frag, seg.Start, func(href string, exists bool) {
		link.Href, link.Exists = href, exists
	})
	link.SetPos(seg.Start)
	start := seg.Start + 2
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start+t.LabelStart, start+t.LabelEnd)))
	block.Advance(n)
	return link
}
