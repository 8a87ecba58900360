package highlight

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Ahead makes the parse that uses pc highlight the document's code blocks
// on a goroutine of its own, each as soon as the parser has read it, so
// that highlighting, most of the time it takes to render a page with code,
// overlaps with the rest of the parse, with what the caller does before
// rendering (such as looking up its links) and with the rendering of the
// rest of the page. Call it before the parse. The renderer takes each
// block's markup when it needs it, highlighting the block itself if the
// goroutine has not begun it and waiting for it if it has (with an Aside,
// Aside.Help has the caller take the blocks left, last first). The
// goroutine ends when no block is left: a document dropped without
// rendering costs the work, nothing more.
//
// The output is the same as without Ahead: each block is highlighted
// and written once, by the same lexer and writer, from the same code; a block whose code or
// language has changed since it was read (by a transformer) is
// highlighted again when it renders.
func Ahead(pc parser.Context) { pc.Set(aheadKey, &ahead{byNode: make(map[ast.Node]*job)}) }

var aheadKey = parser.NewContextKey()

const aheadMeta = "folio.highlight.ahead"

// ahead is the highlighting of one document's blocks.
type ahead struct {
	byNode map[ast.Node]*job // written by the parsing goroutine only

	mu      sync.Mutex
	queue   []*job // for the goroutine, in document order
	running bool
}

// add queues the highlighting of a block just read, starting the
// goroutine if it is not running.
func (a *ahead) add(j *job) {
	a.byNode[j.node] = j
	a.mu.Lock()
	a.queue = append(a.queue, j)
	start := !a.running
	a.running = true
	a.mu.Unlock()
	if start {
		go a.work()
	}
}

func (a *ahead) work() {
	for {
		a.mu.Lock()
		if len(a.queue) == 0 {
			a.running = false
			a.mu.Unlock()
			return
		}
		j := a.queue[0]
		a.queue = a.queue[1:]
		a.mu.Unlock()
		if j.claimed.CompareAndSwap(false, true) {
			j.run()
		}
	}
}

// fencedParser is goldmark's fenced code block parser, which also hands
// each block to Ahead's goroutine as it closes.
type fencedParser struct{ parser.BlockParser }

func (p fencedParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	a, _ := pc.Get(aheadKey).(*ahead)
	fc, ok := node.(*ast.FencedCodeBlock)
	if a == nil || !ok {
		return
	}
	src := reader.Source()
	lang, c := Language(fc, src), code(fc, src)
	if kind, l := Classify(lang, len(c)); kind == Chroma {
		a.add(&job{node: fc, lang: lang, lexer: l, code: bytes.Clone(c), done: make(chan struct{})})
	}
}

// job is the highlighting of one block.
type job struct {
	node    ast.Node
	lang    string
	lexer   chroma.Lexer
	code    []byte
	claimed atomic.Bool   // someone has begun
	done    chan struct{} // closed when markup is set
	markup  []byte        // the block's whole markup
}

func (j *job) run() {
	var b bytes.Buffer
	b.Grow(2*len(j.code) + 64)
	writeHighlighted(bufferWriter{&b}, j.lang, j.lexer, j.code)
	j.markup = b.Bytes()
	close(j.done)
}

// result returns the block's markup, highlighting it now unless the
// goroutine has begun it, and then waiting for it.
func (j *job) result() []byte {
	if j.claimed.CompareAndSwap(false, true) {
		j.run()
	} else {
		<-j.done
	}
	return j.markup
}

// help runs j on the calling goroutine unless someone has begun it.
func (j *job) help() {
	if j.claimed.CompareAndSwap(false, true) {
		j.run()
	}
}

// jobOf returns the job Ahead made for n, if it is still for n's language
// and code.
func jobOf(n ast.Node, lang string, code []byte) *job {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	a, _ := doc.Meta()[aheadMeta].(*ahead)
	if a == nil {
		return nil
	}
	j := a.byNode[n]
	if j == nil || j.lang != lang || !bytes.Equal(j.code, code) {
		return nil
	}
	return j
}
