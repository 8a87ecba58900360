package highlight

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Aside, set on a document with SetAside before it renders, takes the
// document's fenced code blocks out of the output: the renderer writes
// Placeholder(i) in place of block i and keeps the block, whose markup
// WriteBlock writes later. A caller that sanitizes the output can then
// sanitize the rest and splice the blocks, whose markup it knows to be
// safe, back in (package markdown does; see its sanitize.go for when that
// is the same as sanitizing everything). Until then, blocks that Ahead
// highlights go on being highlighted while the caller works on the rest.
//
// A block is only set aside if its code holds no "\r" and no NUL, the two
// characters an HTML tokenizer would rewrite in its text; such a block is
// written in place as usual.
type Aside struct {
	Placeholder func(i int) string
	blocks      []asideBlock
}

type asideBlock struct {
	lang string
	code []byte
	job  *job // or nil
}

// Len returns the number of blocks set aside.
func (a *Aside) Len() int { return len(a.blocks) }

// CodeBytes returns the size of the code of the blocks set aside.
func (a *Aside) CodeBytes() int {
	n := 0
	for _, k := range a.blocks {
		n += len(k.code)
	}
	return n
}

// Help highlights, on the calling goroutine and last first, the blocks
// set aside that Ahead's goroutine has not begun: a caller about to write
// the blocks has nothing better to do.
func (a *Aside) Help() {
	for i := len(a.blocks) - 1; i >= 0; i-- {
		if j := a.blocks[i].job; j != nil {
			j.help()
		}
	}
}

// WriteBlock appends the markup of block i to b, waiting for Ahead's
// goroutine if it is highlighting the block. The source the document was
// parsed from must not have changed.
func (a *Aside) WriteBlock(b *strings.Builder, i int) {
	k := a.blocks[i]
	writeBlock(builderWriter{b}, k.lang, k.code, k.job)
}

const asideKey = "folio.highlight.aside"

// SetAside makes the renderer set the code blocks of doc aside into a.
func SetAside(doc *ast.Document, a *Aside) { doc.AddMeta(asideKey, a) }

// asideOf returns the Aside of the document n is in, or nil.
func asideOf(n ast.Node) *Aside {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	a, _ := doc.Meta()[asideKey].(*Aside)
	return a
}

// builderWriter is the util.BufWriter the block writers take, over a
// strings.Builder and without a buffer of its own.
type builderWriter struct{ *strings.Builder }

func (builderWriter) Available() int { return 0 }
func (builderWriter) Buffered() int  { return 0 }
func (builderWriter) Flush() error   { return nil }

// bufferWriter is the same over a bytes.Buffer.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }
