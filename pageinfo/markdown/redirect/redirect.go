// Package redirect is a goldmark extension for MediaWiki redirects: a first
// line "#REDIRECT [[Target]]" (any case, optional colon, as MediaWiki) sets
// the document's wikidoc.Doc.Redirect to the canonical target and renders
// as <div class="redirect"><a …>Target</a></div>, the label as text; the
// rest of the page renders as usual. Anything after the link on that line is ignored. The
// target counts as an outgoing link, red if missing.
//
//	md := goldmark.New(goldmark.WithExtensions(redirect.New(site)))
package redirect

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
	"github.com/foliowiki/folio/pageinfo/markdown/wikilink"
)

// Priority of the block parser: before ATX headings (600).
const Priority = 550

// KindRedirect is the node kind of a redirect line.
var KindRedirect = ast.NewNodeKind("Redirect")

// Redirect is the redirect line; its child is the link label, as text
// (like a wiki link's label: never Markdown nor HTML, which could put a
// link of its own in the redirect box).
type Redirect struct {
	ast.BaseBlock
	Title  string       // canonical target
	Href   string       // URL of the target, fragment included; set once existence is known
	Exists bool         // set with Href
	Label  text.Segment // the label in the source; a transformer makes it the child
}

// Kind implements ast.Node.
func (n *Redirect) Kind() ast.NodeKind { return KindRedirect }

// Dump implements ast.Node.
func (n *Redirect) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title}, nil)
}

type extender struct{ site *wikidoc.Site }

// New returns the extension, resolving targets with site.
func New(site wikidoc.Site) goldmark.Extender { return &extender{site: site.WithDefaults()} }

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(&blockParser{site: e.site}, Priority)),
		parser.WithASTTransformers(util.Prioritized(labeler{}, 1)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, Priority)))
}

type blockParser struct{ site *wikidoc.Site }

func (p *blockParser) Trigger() []byte { return []byte{'#'} }

func (p *blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if parent.Kind() != ast.KindDocument || len(bytes.TrimSpace(reader.Source()[:seg.Start])) != 0 {
		return nil, parser.NoChildren
	}
	off := linkOffset(line)
	if off < 0 {
		return nil, parser.NoChildren
	}
	inside, _, ok := wikidoc.Scan(line[off:])
	if !ok {
		return nil, parser.NoChildren
	}
	t, ok := wikidoc.ParseTarget(inside)
	if !ok || t.Page == "" {
		return nil, parser.NoChildren
	}
	title, err := p.site.Resolve(t)
	if err != nil {
		return nil, parser.NoChildren
	}
	d := wikidoc.Get(pc)
	d.Redirect = title
	d.RedirectFragment = wikidoc.Anchor(t.Fragment)
	n := &Redirect{Title: title}
	p.site.Ref(d, title, wikidoc.Anchor(t.Fragment), seg.Start, func(href string, exists bool) {
		n.Href, n.Exists = href, exists
	})
	start := seg.Start + off + 2
	n.Label = text.NewSegment(start+t.LabelStart, start+t.LabelEnd)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// linkOffset returns where "[[" starts after "#REDIRECT", an optional colon
// and spaces, or -1 if line is no redirect.
func linkOffset(line []byte) int {
	const word = "#redirect"
	if len(line) < len(word) || !bytes.EqualFold(line[:len(word)], []byte(word)) {
		return -1
	}
	i := skipSpace(line, len(word))
	if i < len(line) && line[i] == ':' {
		i = skipSpace(line, i+1)
	}
	if !bytes.HasPrefix(line[i:], []byte("[[")) {
		return -1
	}
	return i
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

func (p *blockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (p *blockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (p *blockParser) CanInterruptParagraph() bool { return false }

func (p *blockParser) CanAcceptIndentedLine() bool { return false }

// labeler gives the redirect its label as a text child, once inline
// parsing (which a block holding an inline would upset) is over.
type labeler struct{}

func (labeler) Transform(root *ast.Document, _ text.Reader, _ parser.Context) {
	if n, ok := root.FirstChild().(*Redirect); ok && !n.HasChildren() {
		n.AppendChild(n, ast.NewTextSegment(n.Label))
	}
}

type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRedirect, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</a></div>\n")
			return ast.WalkContinue, nil
		}
		n := node.(*Redirect)
		_, _ = w.WriteString(`<div class="redirect">`)
		wikilink.WriteOpen(w, n.Href, n.Title, n.Exists)
		return ast.WalkContinue, nil
	})
}
