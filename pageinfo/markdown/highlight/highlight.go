// Package highlight is a goldmark extension that renders fenced code
// blocks: with chroma and CSS classes (never inline styles) for a known
// language, as <pre class="mermaid"> for ```mermaid and <pre class="math">
// for ```math (left to client-side scripts), and as plain escaped
// <pre><code> otherwise. It records in the document's wikidoc.Doc.Needs
// which of these a page holds, so a skin loads the assets only there.
//
//	md := goldmark.New(goldmark.WithExtensions(highlight.New()))
//	css := highlight.CSS() // for the skin's stylesheet
//
// Only the first word of the info string is used, and it reaches the
// output only as a class name of letters, digits and "_+#.-".
package highlight

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight/internal/lexers"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// MaxBytes is the largest code block that is highlighted; larger ones are
// rendered plain, which bounds the time spent in chroma's regexps.
const MaxBytes = 128 << 10

// Priority of the renderer, before goldmark's own (1000).
const Priority = 100

// Kind says how a code block renders.
type Kind int

// Kinds of code blocks.
const (
	Plain   Kind = iota // escaped <pre><code>
	Chroma              // highlighted with chroma
	Mermaid             // <pre class="mermaid">
	Math                // <pre class="math">
)

type extender struct{}

// New returns the extension.
func New() goldmark.Extender { return extender{} }

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithASTTransformers(util.Prioritized(needs{}, Priority)),
		// Before goldmark's own (700), which it wraps.
		parser.WithBlockParsers(util.Prioritized(fencedParser{parser.NewFencedCodeBlockParser()}, 699)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, Priority)))
}

// Classify returns how a block in lang of size bytes renders, and the
// lexer for Chroma.
func Classify(lang string, size int) (Kind, chroma.Lexer) {
	switch strings.ToLower(lang) {
	case "":
		return Plain, nil
	case "mermaid":
		return Mermaid, nil
	case "math":
		return Math, nil
	}
	if size > MaxBytes {
		return Plain, nil
	}
	if l := lexer(lang); l != nil {
		return Chroma, l
	}
	return Plain, nil
}

// Language returns the first word of the block's info string.
func Language(n *ast.FencedCodeBlock, src []byte) string {
	return string(n.Language(src))
}

// Size returns the number of bytes of code in n.
func Size(n ast.Node, src []byte) int {
	size := 0
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Len()
	}
	return size
}

// needs records which extra assets the document's code blocks need.
type needs struct{}

func (needs) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	if a, ok := pc.Get(aheadKey).(*ahead); ok {
		root.AddMeta(aheadMeta, a) // for the renderer
	}
	d := wikidoc.Get(pc)
	src := reader.Source()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fc, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return wikidoc.BlocksOnly(n), nil
		}
		switch k, _ := Classify(Language(fc, src), Size(fc, src)); k {
		case Chroma:
			d.Needs.Highlight = true
		case Mermaid:
			d.Needs.Mermaid = true
		case Math:
			d.Needs.Math = true
		}
		return ast.WalkSkipChildren, nil
	})
}

// lexerCache maps a language name to its lexer (or nil), so unknown names
// do not run chroma's slow filename matching on every render. It stops
// growing at maxCached names, as languages come from user text.
var (
	lexerCache sync.Map
	cached     atomic.Int32
)

const maxCached = 4096

func lexer(lang string) chroma.Lexer {
	if v, ok := lexerCache.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	l := lexers.Get(lang)
	if l != nil && l.Config().Name == "plaintext" {
		l = nil
	}
	if cached.Add(1) <= maxCached {
		lexerCache.Store(lang, l)
	}
	return l
}
