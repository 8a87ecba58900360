// Package limits is a goldmark extension that keeps pathological Markdown
// from taking quadratic time in goldmark v1.8.7:
//
//   - Block nesting is capped at MaxDepth: a list or blockquote marker
//     deeper than that starts a plain paragraph instead. (goldmark rescans
//     the rest of the line at every level, so "- - - … x" with 100k
//     markers on one line takes minutes; browsers flatten beyond 512
//     levels anyway.)
//
//   - A "]" more than MaxLinkText bytes after the "[" it would close is
//     literal text. (goldmark walks everything between the brackets at
//     every "]" to reject links inside links, and bounds only the span of
//     all open brackets, so "[[[[…]]]]" takes seconds per 100 KB.) Longer
//     link texts are not links.
//
//   - Every render has a work budget, as MediaWiki's parser limits: a
//     Budget of AST nodes, footnotes, links and element nesting. A
//     document over it is not rendered: Exceeded reports an error
//     wrapping ErrTooComplex that names the limit, and the document's AST
//     is emptied so that later transformers and the renderer do nothing.
//
//     md := goldmark.New(goldmark.WithExtensions(limits.New()))
//     root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
//     if err := limits.Exceeded(pc); err != nil { … }
package limits

import (
	"errors"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxDepth is the deepest block nesting; real pages stay far below it.
const MaxDepth = 64

// MaxLinkText bounds the bytes between "[" and "]" of a link text.
const MaxLinkText = 1000

// The default work budget of one render. A real page stays far below
// each (the two corpora: at most 3,300 nodes, 240 links, 77 footnotes and
// 16 levels in a page); a 2 MiB page of prose is about 130,000 nodes.
// Rendering costs about 3 µs a node, so a page at the budget renders in
// well under a second.
const (
	// MaxNodes bounds the nodes of the document's syntax tree.
	MaxNodes = 200_000
	// MaxFootnotes bounds footnote references plus footnote definitions
	// (each reference renders a note link and a back link).
	MaxFootnotes = 10_000
	// MaxLinks bounds links and images: Markdown, wiki and bare URLs.
	MaxLinks = 20_000
	// MaxNesting bounds how deep elements nest, in the syntax tree and in
	// the rendered HTML (raw HTML included): the HTML5 parser that
	// balances the output refuses deeper trees (golang.org/x/net/html
	// stops at 512 open elements, its root included, as browsers stop
	// nesting at 512).
	MaxNesting = 511
)

// ErrTooComplex is the error of a document over its work budget.
var ErrTooComplex = errors.New("page too complex to render")

// Budget is the work a render may do; a zero field takes its default
// (MaxNodes, MaxFootnotes, MaxLinks, MaxNesting). Nesting bounds the
// syntax tree; the rendered HTML cannot nest deeper than MaxNesting
// whatever it says.
type Budget struct {
	Nodes, Footnotes, Links, Nesting int
}

// WithDefaults returns b with its zero fields set to the defaults.
func (b Budget) WithDefaults() Budget {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&b.Nodes, MaxNodes)
	def(&b.Footnotes, MaxFootnotes)
	def(&b.Links, MaxLinks)
	def(&b.Nesting, MaxNesting)
	return b
}

// Over returns an error wrapping ErrTooComplex that says what went over.
func Over(what string, limit int) error {
	return fmt.Errorf("%w: more than %d %s", ErrTooComplex, limit, what)
}

type extender struct{ budget Budget }

// New returns the extension with the default budget.
func New() goldmark.Extender { return extender{budget: Budget{}.WithDefaults()} }

// NewWithBudget returns the extension with budget b (zero fields default).
func NewWithBudget(b Budget) goldmark.Extender { return extender{budget: b.WithDefaults()} }

// Extend implements goldmark.Extender.
func (e extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(depthGuard{}, 1)),
		// After footnotes (101), which consume "[^x]" whole, and before
		// goldmark's link parser (200), which sees the same brackets.
		parser.WithInlineParsers(util.Prioritized(&bracketGuard{}, 199)),
		// First of all transformers, before any of them works on the tree.
		parser.WithASTTransformers(util.Prioritized(counter{e.budget}, 0)),
	)
}

var exceededKey = parser.NewContextKey()

// Exceeded returns the error of a document parsed with pc that is over
// its budget, or nil.
func Exceeded(pc parser.Context) error {
	err, _ := pc.Get(exceededKey).(error)
	return err
}

// counter checks the parsed document against the budget in one walk.
type counter struct{ b Budget }

// linkKinds are the node kinds counted as links; extensions' links
// register theirs with CountAsLink.
var linkKinds = map[ast.NodeKind]bool{ast.KindLink: true, ast.KindAutoLink: true, ast.KindImage: true}

// CountAsLink makes nodes of kind k count against Budget.Links. Call it
// from init().
func CountAsLink(k ast.NodeKind) { linkKinds[k] = true }

func (c counter) Transform(root *ast.Document, _ text.Reader, pc parser.Context) {
	nodes, footnotes, links, depth := 0, 0, 0, 0
	var err error
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		nodes++
		switch k := n.Kind(); {
		case k == east.KindFootnoteLink || k == east.KindFootnote:
			footnotes++
		case linkKinds[k]:
			links++
		}
		switch {
		case nodes > c.b.Nodes:
			err = Over("nodes in the syntax tree", c.b.Nodes)
		case footnotes > c.b.Footnotes:
			err = Over("footnotes (references and notes)", c.b.Footnotes)
		case links > c.b.Links:
			err = Over("links", c.b.Links)
		case depth > c.b.Nesting:
			err = Over("levels of nesting", c.b.Nesting)
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, nil
	})
	if err != nil {
		pc.Set(exceededKey, err)
		root.RemoveChildren(root)
	}
}

// depthGuard turns any container start beyond MaxDepth into a paragraph.
type depthGuard struct{}

func (depthGuard) Trigger() []byte { return []byte("-+*>0123456789") }

func (depthGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if len(pc.OpenedBlocks()) < MaxDepth || !acceptsParagraph(parent) {
		return nil, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	p := ast.NewParagraph()
	p.Lines().Append(seg.TrimRightSpace(reader.Source()))
	reader.AdvanceToEOL()
	return p, parser.NoChildren
}

// acceptsParagraph reports whether parent is a container whose parser
// takes any block as a child (a list, say, wants list items only).
func acceptsParagraph(parent ast.Node) bool {
	k := parent.Kind()
	return k == ast.KindListItem || k == ast.KindBlockquote || k == ast.KindDocument
}

func (depthGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (depthGuard) Close(ast.Node, text.Reader, parser.Context) {}

func (depthGuard) CanInterruptParagraph() bool { return true }

func (depthGuard) CanAcceptIndentedLine() bool { return false }

// bracketGuard mirrors goldmark's stack of open link brackets: goldmark
// pushes every "[" and "![" that reaches it and pops at every "]" while
// the stack is not empty. A "]" too far from the top bracket is taken as
// text here, so goldmark never sees it and both stacks stay equal.
type bracketGuard struct{}

var openKey = parser.NewContextKey()

func (*bracketGuard) Trigger() []byte { return []byte{'[', ']', '!'} }

func (*bracketGuard) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	open, _ := pc.Get(openKey).([]int)
	switch line[0] {
	case '!':
		if len(line) > 1 && line[1] == '[' {
			pc.Set(openKey, append(open, seg.Start+1))
		}
		return nil
	case '[':
		pc.Set(openKey, append(open, seg.Start))
		return nil
	}
	if len(open) == 0 {
		return nil
	}
	if seg.Start-open[len(open)-1] <= MaxLinkText {
		pc.Set(openKey, open[:len(open)-1])
		return nil
	}
	block.Advance(1)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1))
}

// CloseBlock implements parser.CloseBlocker: goldmark drops its open
// brackets at the end of each block, and so do we.
func (*bracketGuard) CloseBlock(_ ast.Node, _ text.Reader, pc parser.Context) {
	if open, _ := pc.Get(openKey).([]int); len(open) > 0 {
		pc.Set(openKey, open[:0])
	}
}
