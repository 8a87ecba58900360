package wikilink

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// NewTable returns goldmark's GFM table extension (extension.NewTable with
// opts) in which a '|' inside a [[…]] link does not end a cell, so that
// "| [[Foo|label]] |" is one cell holding a link to Foo labelled "label", as
// MediaWiki users write it. Use it in place of extension.NewTable alongside
// New. Everything else is GFM's: "\|" does not end a cell either (inside
// "[[…]]" it then separates target and label), a '|' in a code span (even
// inside "[[…]]" there) still ends one, and the rows of a table are split
// before their inlines are parsed.
//
// The rows are split by goldmark's own code, shown a copy of the source in
// which those pipes are masked: the copy is made once per document, and
// only for a paragraph that looks like a table and holds a "[[".
func NewTable(opts ...extension.TableOption) goldmark.Extender { return &table{opts: opts} }

type table struct{ opts []extension.TableOption }

// Extend implements goldmark.Extender, registering what extension.NewTable
// does, with the paragraph transformer wrapped.
func (e *table) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(rows{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(e.opts...), 500)))
}

// rows turns paragraphs into tables with goldmark's transformer, which it
// shows the source with the pipes of wiki links masked.
type rows struct{ table parser.ParagraphTransformer }

// maskedKey holds a document's masked copy of its source, a *maskedSource.
var maskedKey = parser.NewContextKey()

// maskedSource is a copy of src with the pipes of the wiki links of the
// rows seen so far masked.
type maskedSource struct{ src, masked []byte }

// Transform implements parser.ParagraphTransformer.
func (r rows) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	if lines.Len() < 2 || !maybeTable(lines, src) {
		r.table.Transform(node, reader, pc)
		return
	}
	var masked []byte
	for i := range lines.Len() {
		seg := lines.At(i)
		line := src[seg.Start:seg.Stop]
		if !bytes.Contains(line, open) || bytes.IndexByte(line, '|') < 0 {
			continue
		}
		if masked == nil {
			masked = maskedCopy(src, pc)
		}
		maskLine(masked[seg.Start:seg.Stop], line)
	}
	if masked == nil {
		r.table.Transform(node, reader, pc)
		return
	}
	r.table.Transform(node, maskedReader{reader, masked}, pc)
}

// maskedCopy returns the document's masked copy of src, copying src the
// first time.
func maskedCopy(src []byte, pc parser.Context) []byte {
	if m, ok := pc.Get(maskedKey).(*maskedSource); ok && len(m.src) == len(src) && (len(src) == 0 || &m.src[0] == &src[0]) {
		return m.masked
	}
	m := &maskedSource{src: src, masked: bytes.Clone(src)}
	pc.Set(maskedKey, m)
	return m.masked
}

// maskedReader is reader with another source of the same length. Goldmark's
// table transformer reads the rows from Source and makes cells of their
// offsets, which the inline parser later reads from the real source.
type maskedReader struct {
	text.Reader
	src []byte
}

func (m maskedReader) Source() []byte { return m.src }

var open = []byte("[[")

// maybeTable reports whether a line after the first of a paragraph could
// be a GFM table's delimiter row ("|---|:-:|"): only spaces, '-', ':' and
// '|', with some '-'. Goldmark checks more.
func maybeTable(lines *text.Segments, src []byte) bool {
	for i := 1; i < lines.Len(); i++ {
		if seg := lines.At(i); isDelimiterRow(src[seg.Start:seg.Stop]) {
			return true
		}
	}
	return false
}

// isDelimiterRow reports whether line holds only spaces, '-', ':' and '|',
// with at least one '-'.
func isDelimiterRow(line []byte) bool {
	dash := false
	for _, c := range line {
		switch {
		case c == '-':
			dash = true
		case c == '|' || c == ':' || util.IsSpace(c):
		default:
			return false
		}
	}
	return dash
}

// mask is the byte that replaces a '|' inside a wiki link in the copy
// goldmark's table transformer reads: anything but '|', '\\', '`' or a space.
const mask = '!'

// maskLine writes into dst (a copy of line) a mask over every '|' inside a
// [[…]] link of line, where the inline parser will find one: not in a code
// span, nor after a backslash escape ("\[[Foo|x]]"). It reads line left to
// right as the inline parser does, and takes time linear in its length:
// each "[[" is scanned at most wikidoc.MaxLinkBytes ahead, and the closing
// backtick run of a code span is looked up in a table of the line's runs.
func maskLine(dst, line []byte) {
	var ticks *tickRuns
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]):
			i += 2
		case c == '`':
			if ticks == nil {
				ticks = newTickRuns(line)
			}
			i = ticks.skipSpan(line, i)
		case c == '[' && i+1 < len(line) && line[i+1] == '[':
			inside, n, ok := wikidoc.Scan(line[i:])
			if !ok {
				i++
				continue
			}
			for j, c := range inside {
				if c == '|' {
					dst[i+2+j] = mask
				}
			}
			i += n
		default:
			i++
		}
	}
}

// tickRuns lists the runs of backticks of a line, to find the closing run
// of a code span: the next run of exactly as many backticks.
type tickRuns struct {
	start, end []int         // the runs, in order
	byLen      map[int][]int // run length → indices into start, ascending
	next       map[int]int   // run length → how far byLen[length] was searched
	k          int           // the run at or after the current position
}

func newTickRuns(line []byte) *tickRuns {
	t := &tickRuns{byLen: make(map[int][]int), next: make(map[int]int)}
	for i := 0; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '`' {
			j++
		}
		t.byLen[j-i] = append(t.byLen[j-i], len(t.start))
		t.start, t.end = append(t.start, i), append(t.end, j)
		i = j
	}
	return t
}

// skipSpan returns where reading goes on after the backticks at line[i]:
// after the code span they open, or after them if no run closes it. Calls
// come with increasing i, so the searches add up to the number of runs.
func (t *tickRuns) skipSpan(line []byte, i int) int {
	for t.end[t.k] <= i {
		t.k++
	}
	opener := t.end[t.k] - i // after an escaped '`', the rest of the run
	idx := t.byLen[opener]
	n := t.next[opener]
	for n < len(idx) && idx[n] <= t.k {
		n++
	}
	t.next[opener] = n
	if n == len(idx) {
		return t.end[t.k] // no closer: the backticks are text
	}
	closer := idx[n]
	t.k = closer
	return t.end[closer]
}
