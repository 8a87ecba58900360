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
//     md := goldmark.New(goldmark.WithExtensions(limits.New()))
package limits

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxDepth is the deepest block nesting; real pages stay far below it.
const MaxDepth = 64

// MaxLinkText bounds the bytes between "[" and "]" of a link text.
const MaxLinkText = 1000

type extender struct{}

// New returns the extension.
func New() goldmark.Extender { return extender{} }

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(depthGuard{}, 1)),
		// After footnotes (101), which consume "[^x]" whole, and before
		// goldmark's link parser (200), which sees the same brackets.
		parser.WithInlineParsers(util.Prioritized(&bracketGuard{}, 199)),
	)
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
