package transclude

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
)

// codeParser is a CommonMark parser with the renderer's guards against
// goldmark's quadratic cases (package limits: deep nesting, far brackets)
// and a budget no text reaches, so the syntax tree is never emptied.
var codeParser = goldmark.New(goldmark.WithExtensions(limits.NewWithBudget(limits.Budget{
	Nodes: 1 << 40, Footnotes: 1 << 40, Links: 1 << 40, Nesting: 1 << 40,
}))).Parser()

// span is a byte range [start, end) of a source.
type span struct{ start, end int }

// codeRegions returns the byte ranges of src that are code, in order and
// disjoint: the content of code spans, and of fenced (with its info
// string) and indented code blocks, as a CommonMark parser sees them
// (the renderer's has more extensions, which do not change what is code).
// Nothing in them is markup for the expander.
func codeRegions(src string) []span {
	b := []byte(src)
	root := codeParser.Parse(text.NewReader(b))
	var rs []span
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			if s, ok := childSpan(n); ok {
				rs = append(rs, s)
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if s, ok := linesSpan(n); ok {
				if n.Info != nil && n.Info.Segment.Start < s.start {
					s.start = n.Info.Segment.Start
				}
				rs = append(rs, s)
			} else if n.Info != nil {
				rs = append(rs, span{n.Info.Segment.Start, n.Info.Segment.Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			if s, ok := linesSpan(n); ok {
				rs = append(rs, s)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return merge(rs)
}

// childSpan is the range from the first to the last text of a code span.
func childSpan(n ast.Node) (span, bool) {
	s := span{-1, -1}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		if s.start < 0 || t.Segment.Start < s.start {
			s.start = t.Segment.Start
		}
		if t.Segment.Stop > s.end {
			s.end = t.Segment.Stop
		}
	}
	return s, s.start >= 0 && s.end > s.start
}

// linesSpan is the range from the first to the last line of a block.
func linesSpan(n ast.Node) (span, bool) {
	ls := n.Lines()
	if ls.Len() == 0 {
		return span{}, false
	}
	return span{ls.At(0).Start, ls.At(ls.Len() - 1).Stop}, true
}

// merge sorts nothing (the walk is in document order) but drops empty
// and overlapping ranges, so the result is increasing and disjoint.
func merge(rs []span) []span {
	out := rs[:0]
	last := 0
	for _, r := range rs {
		if r.start < last {
			r.start = last
		}
		if r.end <= r.start {
			continue
		}
		out = append(out, r)
		last = r.end
	}
	return out
}
