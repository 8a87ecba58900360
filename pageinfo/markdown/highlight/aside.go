package highlight

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// Aside, set on a document with SetAside before it renders, takes the
// markup of the document's fenced code blocks out of the output: each
// block's markup is appended to Markup, its end offset there to Ends, and
// Placeholder(i) is written in the output in its place. A caller that
// sanitizes the output can then sanitize the rest and splice the blocks,
// whose markup it knows to be safe, back in (package markdown does; see
// its sanitize.go for when that is the same as sanitizing everything).
//
// A block is only set aside if its code holds no "\r" and no NUL, the two
// characters an HTML tokenizer would rewrite in its text; such a block is
// written in place as usual.
type Aside struct {
	Placeholder func(i int) string
	Markup      bytes.Buffer
	Ends        []int
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

// asideWriter writes to an Aside's Markup; it is the util.BufWriter the
// block writers take, without a buffer of its own.
type asideWriter struct{ *bytes.Buffer }

func (asideWriter) Buffered() int { return 0 }
func (asideWriter) Flush() error  { return nil }
