package toc

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// DemotePriority runs the demotion after Transform has recorded the
// headings' levels in the TOC.
const DemotePriority = Priority + 50

// Demote returns an extension that renders every level-1 heading of the
// text (`# Title`, or a setext `===` heading) as an h2: the skin's page
// title is the page's one h1. Only the element changes: the heading keeps
// its id, its place in the TOC (at level 1) and its section number, and
// deeper headings keep their levels.
func Demote() goldmark.Extender { return demoteExtender{} }

type demoteExtender struct{}

// Extend implements goldmark.Extender.
func (demoteExtender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(demoter{}, DemotePriority)))
}

type demoter struct{}

// Transform makes each level-1 heading a level-2 one.
func (demoter) Transform(root *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return wikidoc.BlocksOnly(n), nil
		}
		if h.Level == 1 {
			h.Level = 2
		}
		return ast.WalkSkipChildren, nil
	})
}
