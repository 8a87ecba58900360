package highlight

import (
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark/ast"
)

// Ahead starts highlighting the code blocks of the parsed document doc on
// a goroutine of its own, so that highlighting, most of the time it takes
// to render a page with code, overlaps with what the caller does before it
// renders doc (such as looking up its links) and with the rendering of the
// rest of the page. The renderer takes each block's tokens when it comes
// to the block, highlighting the block itself if the goroutine has not
// begun it, and waiting for it if it has. The goroutine works from the
// last block back, and ends when no block is left: a document dropped
// without rendering costs the work, nothing more.
//
// The output is the same as without Ahead: each block is highlighted
// once, by the same lexer, from the same code.
func Ahead(doc *ast.Document, src []byte) {
	var jobs []*job
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		c := code(fc, src)
		if kind, l := Classify(Language(fc, src), len(c)); kind == Chroma {
			jobs = append(jobs, &job{node: fc, lexer: l, code: c, done: make(chan struct{})})
		}
		return ast.WalkSkipChildren, nil
	})
	if len(jobs) == 0 {
		return
	}
	byNode := make(map[ast.Node]*job, len(jobs))
	for _, j := range jobs {
		byNode[j.node] = j
	}
	doc.AddMeta(aheadKey, byNode)
	go func() {
		for i := len(jobs) - 1; i >= 0; i-- {
			if j := jobs[i]; j.claimed.CompareAndSwap(false, true) {
				j.run()
			}
		}
	}()
}

const aheadKey = "folio.highlight.ahead"

// job is the highlighting of one block.
type job struct {
	node    ast.Node
	lexer   chroma.Lexer
	code    []byte
	claimed atomic.Bool   // someone has begun
	done    chan struct{} // closed when tokens and ok are set
	tokens  []chroma.Token
	ok      bool
}

func (j *job) run() {
	j.tokens, j.ok = tokenize(j.lexer, j.code)
	close(j.done)
}

// result returns the block's tokens, highlighting it now unless the
// goroutine has begun it, and then waiting for it.
func (j *job) result() ([]chroma.Token, bool) {
	if j.claimed.CompareAndSwap(false, true) {
		j.run()
	} else {
		<-j.done
	}
	return j.tokens, j.ok
}

// jobOf returns the job Ahead made for n, or nil.
func jobOf(n ast.Node) *job {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	byNode, _ := doc.Meta()[aheadKey].(map[ast.Node]*job)
	return byNode[n]
}
