// Package frontmatter is a goldmark extension that hides a YAML front
// matter block: a first line "---", then anything, then a line "---" or
// "...". Without it such a block renders as a rule and a setext heading
// (the silverbullet corpus has one on most pages). A first "---" with no
// closing line is an ordinary thematic break. The block is not
// interpreted.
//
//	md := goldmark.New(goldmark.WithExtensions(frontmatter.New()))
package frontmatter

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Priority of the block parser, before setext headings (100) and thematic
// breaks (200).
const Priority = 10

// KindFrontMatter is the node kind of a front matter block.
var KindFrontMatter = ast.NewNodeKind("FrontMatter")

// FrontMatter is a front matter block; its lines hold the YAML.
type FrontMatter struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *FrontMatter) Kind() ast.NodeKind { return KindFrontMatter }

// IsRaw implements ast.Node: the lines are not Markdown.
func (n *FrontMatter) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *FrontMatter) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type extender struct{}

// New returns the extension.
func New() goldmark.Extender { return extender{} }

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(blockParser{}, Priority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nothing{}, Priority)))
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'-'} }

func (blockParser) Open(parent ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if seg.Start != 0 || parent.Kind() != ast.KindDocument || !isFence(line, false) || !closed(reader.Source()[seg.Stop:]) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &FrontMatter{}, parser.NoChildren
}

// closed reports whether rest has a closing fence line.
func closed(rest []byte) bool {
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		if isFence(line, true) {
			return true
		}
	}
	return false
}

// isFence reports whether line is "---" (or "..." when closing), ignoring
// trailing white space.
func isFence(line []byte, closing bool) bool {
	line = util.TrimRightSpace(line)
	return string(line) == "---" || closing && string(line) == "..."
}

func (blockParser) Continue(node ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, seg := reader.PeekLine()
	reader.AdvanceToEOL()
	if isFence(line, true) {
		return parser.Close
	}
	node.Lines().Append(seg)
	return parser.Continue | parser.NoChildren
}

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (blockParser) CanInterruptParagraph() bool { return false }

func (blockParser) CanAcceptIndentedLine() bool { return true }

type nothing struct{}

func (nothing) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFrontMatter, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}
