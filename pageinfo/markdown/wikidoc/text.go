package wikidoc

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

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

// BlocksOnly is the status for a walk looking for blocks after entering
// n: it skips the children of a block that holds inlines (a paragraph, a
// heading, a table cell), where no block can be, and goes on elsewhere.
func BlocksOnly(n ast.Node) ast.WalkStatus {
	if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
		return ast.WalkSkipChildren
	}
	return ast.WalkContinue
}

// WriteText appends the plain text of n to b, as PlainText.
func WriteText(b *strings.Builder, n ast.Node, src []byte) {
	writeText(builderSink{b}, n, src)
}

// CountWords returns the number of words, runs of non-space runes, in the
// text WriteText would write, without building it.
func CountWords(n ast.Node, src []byte) int {
	var c wordCounter
	writeText(&c, n, src)
	return c.end()
}

// textSink is what writeText writes to.
type textSink interface {
	Write(p []byte) (int, error)
	WriteByte(c byte) error
	// endsInSpace reports whether the text so far is empty or ends in ' '.
	endsInSpace() bool
}

func writeText(b textSink, n ast.Node, src []byte) {
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
			_, _ = b.Write(n.Value)
		case *ast.AutoLink:
			_, _ = b.Write(n.Label(src))
		case *ast.RawHTML, *ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

func writeSegment(b textSink, t *ast.Text, src []byte) {
	v := t.Segment.Value(src)
	if t.IsRaw() || bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		_, _ = b.Write(v) // nothing to unescape: most text
	} else {
		v = util.UnescapePunctuations(v)
		v = util.ResolveNumericReferences(v)
		_, _ = b.Write(util.ResolveEntityNames(v))
	}
	if t.SoftLineBreak() || t.HardLineBreak() {
		space(b)
	}
}

// space appends one space unless b is empty or already ends in one.
func space(b textSink) {
	if !b.endsInSpace() {
		_ = b.WriteByte(' ')
	}
}

type builderSink struct{ *strings.Builder }

func (b builderSink) endsInSpace() bool {
	s := b.String()
	return s == "" || s[len(s)-1] == ' '
}

// wordCounter counts the words of the text written to it, as counting
// over the whole text at once would, reading runes across writes.
type wordCounter struct {
	words   int
	in      bool // inside a word
	started bool
	last    byte                  // last byte written, if started
	pending [utf8.UTFMax - 1]byte // the start of a rune cut by the end of a write
	np      int
}

func (c *wordCounter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	c.started, c.last = true, p[len(p)-1]
	data := p
	if c.np > 0 {
		data = append(c.pending[:c.np:c.np], p...) // a copy: the cap is full
		c.np = 0
	}
	for i := 0; i < len(data); {
		if !utf8.FullRune(data[i:]) { // shorter than UTFMax
			c.np = copy(c.pending[:], data[i:])
			break
		}
		r, size := utf8.DecodeRune(data[i:])
		c.rune(r)
		i += size
	}
	return len(p), nil
}

func (c *wordCounter) WriteByte(b byte) error {
	if c.np == 0 && b < utf8.RuneSelf {
		c.started, c.last = true, b
		c.rune(rune(b))
		return nil
	}
	_, err := c.Write([]byte{b})
	return err
}

func (c *wordCounter) endsInSpace() bool { return !c.started || c.last == ' ' }

func (c *wordCounter) rune(r rune) {
	space := unicode.IsSpace(r)
	if !space && !c.in {
		c.words++
	}
	c.in = !space
}

// end counts a rune left cut at the end of the text (an invalid one) and
// returns the number of words.
func (c *wordCounter) end() int {
	if c.np > 0 {
		c.rune(utf8.RuneError)
		c.np = 0
	}
	return c.words
}
