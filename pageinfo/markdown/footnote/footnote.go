// Package footnote is goldmark's footnote extension (PHP Markdown Extra
// "[^label]" references and "[^label]: text" notes) in linear time. It
// builds the same AST (goldmark's extension/ast Footnote nodes) and renders
// it with goldmark's own FootnoteHTMLRenderer, so the HTML is the same
// byte for byte (TestSameAsGoldmark); only three steps change:
//
//   - goldmark finds the note of each reference by walking the list of all
//     notes, comparing labels: references × notes. Here a map from label
//     to note, built at the first reference, answers each in constant time.
//
//   - goldmark orders the notes with ast.BaseNode.SortChildren, an insertion
//     sort that walks the sorted list for each note: notes² when they are
//     written in the order they are referred to, as they usually are. Here
//     they are sorted in a slice, O(n log n), and relinked.
//
//   - goldmark reads each reference's label with the paragraph reader's
//     Value, which walks every line of the paragraph: lines × references
//     in a paragraph of references. Here the label comes from the line.
//
// 50,000 footnotes took 38 s to render with goldmark's extension
// (BenchmarkFootnotes in pageinfo/markdown).
//
//	md := goldmark.New(goldmark.WithExtensions(footnote.New()))
package footnote

import (
	"slices"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// labelLimit is the longest label, as goldmark's (CommonMark's link label
// limit).
const labelLimit = 999

var (
	listKey  = parser.NewContextKey() // *ast.FootnoteList of the document
	linksKey = parser.NewContextKey() // []*ast.FootnoteLink, in order
	indexKey = parser.NewContextKey() // map[string]*ast.Footnote, first note of each label
)

type extender struct{ opts []extension.FootnoteOption }

// New returns the extension; opts are those of goldmark's footnote
// renderer (extension.WithFootnoteIDPrefix …).
func New(opts ...extension.FootnoteOption) goldmark.Extender { return &extender{opts: opts} }

// Extend implements goldmark.Extender, with goldmark's priorities.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 999)),
		parser.WithInlineParsers(util.Prioritized(inlineParser{}, 101)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewFootnoteHTMLRenderer(e.opts...), 500),
	))
}

// blockParser parses "[^label]: text" notes, as goldmark's.
type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'['} }

func (blockParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || line[pos] != '[' {
		return nil, parser.NoChildren
	}
	pos++
	if pos > len(line)-1 || line[pos] != '^' {
		return nil, parser.NoChildren
	}
	open := pos + 1
	closure := util.FindClosure(line[pos+1:min(len(line), pos+1+labelLimit)], '[', ']', false, false) //nolint:staticcheck // as goldmark
	if closure < 0 {
		return nil, parser.NoChildren
	}
	closes := pos + 1 + closure
	next := closes + 1
	if next >= len(line) || line[next] != ':' {
		return nil, parser.NoChildren
	}
	padding := segment.Padding
	label := reader.Value(text.NewSegment(segment.Start+open-padding, segment.Start+closes-padding))
	if util.IsBlank(label) {
		return nil, parser.NoChildren
	}
	item := ast.NewFootnote(label)
	pos = next + 1 - padding
	if pos >= len(line) {
		reader.Advance(pos)
		return item, parser.NoChildren
	}
	reader.AdvanceAndSetPadding(pos, padding)
	return item, parser.HasChildren
}

func (blockParser) Continue(_ gast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	childpos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	if childpos < 0 {
		return parser.Close
	}
	reader.AdvanceAndSetPadding(childpos, padding)
	return parser.Continue | parser.HasChildren
}

// Close moves the note into the document's list of notes, which takes the
// place of the first note until the transformer moves it to the end.
func (blockParser) Close(node gast.Node, _ text.Reader, pc parser.Context) {
	list, _ := pc.Get(listKey).(*ast.FootnoteList)
	if list == nil {
		list = ast.NewFootnoteList()
		pc.Set(listKey, list)
		node.Parent().InsertBefore(node.Parent(), node, list)
	}
	node.Parent().RemoveChild(node.Parent(), node)
	list.AppendChild(list, node)
}

func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }

// inlineParser parses "[^label]" references (and "![^label]", a "!" and a
// reference), as goldmark's.
type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'!', '['} }

func (inlineParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	open := pos
	closure := util.FindClosure(line[pos:min(len(line), pos+labelLimit)], '[', ']', false, false) //nolint:staticcheck // as goldmark
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	// The label is on this line. (goldmark asks block.Value, which walks
	// every line of the paragraph: quadratic in a paragraph of references.)
	value := line[open:closes]
	block.Advance(closes + 1)

	list, _ := pc.Get(listKey).(*ast.FootnoteList)
	if list == nil {
		return nil
	}
	d := index(pc, list)[string(value)]
	if d == nil {
		return nil
	}
	if d.Index < 0 {
		list.Count++
		d.Index = list.Count
	}
	link := ast.NewFootnoteLink(d.Index)
	links, _ := pc.Get(linksKey).([]*ast.FootnoteLink)
	pc.Set(linksKey, append(links, link))
	if line[0] == '!' {
		parent.AppendChild(parent, gast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// index returns the notes by label, the first of each label as goldmark's
// search finds it, building the map at the first reference: inline parsing
// starts once all blocks, hence all notes, are parsed.
func index(pc parser.Context, list *ast.FootnoteList) map[string]*ast.Footnote {
	if m, ok := pc.Get(indexKey).(map[string]*ast.Footnote); ok {
		return m
	}
	m := make(map[string]*ast.Footnote, list.ChildCount())
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		f := n.(*ast.Footnote)
		if _, dup := m[string(f.Ref)]; !dup {
			m[string(f.Ref)] = f
		}
	}
	pc.Set(indexKey, m)
	return m
}

// transformer counts the references of each note, adds the back links,
// drops notes nobody refers to, orders the notes by number and moves the
// list to the end of the document, as goldmark's.
type transformer struct{}

func (transformer) Transform(doc *gast.Document, _ text.Reader, pc parser.Context) {
	list, _ := pc.Get(listKey).(*ast.FootnoteList)
	links, _ := pc.Get(linksKey).([]*ast.FootnoteLink)
	pc.Set(listKey, nil)
	pc.Set(linksKey, nil)
	pc.Set(indexKey, nil)
	if list == nil {
		return
	}
	if list.Parent() == nil || doc.FirstChild() == nil {
		return // the document was emptied (limits: over its budget)
	}
	counter := make(map[int]int, list.Count)
	for _, l := range links {
		if l.Index >= 0 {
			counter[l.Index]++
		}
	}
	refIndex := make(map[int]int, list.Count)
	for _, l := range links {
		l.RefCount = counter[l.Index]
		l.RefIndex = refIndex[l.Index]
		refIndex[l.Index]++
	}
	notes := make([]*ast.Footnote, 0, list.Count)
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		f := n.(*ast.Footnote)
		list.RemoveChild(list, n)
		if f.Index >= 0 {
			var container gast.Node = f
			if fc := f.LastChild(); fc != nil && gast.IsParagraph(fc) {
				container = fc
			}
			refs := counter[f.Index]
			for i := range max(refs, 1) {
				b := ast.NewFootnoteBacklink(f.Index)
				b.RefCount, b.RefIndex = refs, i
				container.AppendChild(container, b)
			}
			notes = append(notes, f)
		}
		n = next
	}
	slices.SortFunc(notes, func(a, b *ast.Footnote) int { return a.Index - b.Index })
	for _, f := range notes {
		list.AppendChild(list, f)
	}
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	doc.AppendChild(doc, list)
}
