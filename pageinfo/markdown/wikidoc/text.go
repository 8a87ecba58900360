package wikidoc

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// PlainText returns the text a reader sees in n: text and code spans with
// escapes and entities resolved, link and image labels, one space between
// blocks and at line breaks. Raw HTML and code blocks are left out.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	WriteText(&b, n, src)
	return strings.TrimSpace(b.String())
}

// WriteText appends the plain text of n to b, as PlainText.
func WriteText(b *strings.Builder, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			space(b)
		}
		switch n := n.(type) {
		case *ast.Text:
			writeSegment(b, n, src)
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.RawHTML, *ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

func writeSegment(b *strings.Builder, t *ast.Text, src []byte) {
	v := t.Segment.Value(src)
	if t.IsRaw() {
		b.Write(v)
	} else {
		v = util.UnescapePunctuations(v)
		v = util.ResolveNumericReferences(v)
		b.Write(util.ResolveEntityNames(v))
	}
	if t.SoftLineBreak() || t.HardLineBreak() {
		space(b)
	}
}

// space appends one space unless b is empty or already ends in one.
func space(b *strings.Builder) {
	if s := b.String(); s != "" && s[len(s)-1] != ' ' {
		b.WriteByte(' ')
	}
}
