// Package category is a goldmark extension for MediaWiki category tags:
// [[Category:Name]] (and [[Category:Name|sort key]]) anywhere in the text
// adds Name to the document's wikidoc.Doc.Categories and renders nothing.
// [[:Category:Name]], with a leading colon, is an ordinary wiki link and is
// left to the wikilink extension. A paragraph left empty by its tags is
// dropped.
//
//	md := goldmark.New(goldmark.WithExtensions(category.New(site), wikilink.New(site)))
package category

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// Prefix starts every canonical category title.
const Prefix = "Category:"

// Priority of the inline parser: before wikilink (99).
const Priority = 98

// KindTag is the node kind of a category tag.
var KindTag = ast.NewNodeKind("CategoryTag")

// Tag is a category tag; it renders nothing.
type Tag struct {
	ast.BaseInline
	Name string // canonical, without Prefix
}

// Kind implements ast.Node.
func (n *Tag) Kind() ast.NodeKind { return KindTag }

// Dump implements ast.Node.
func (n *Tag) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

type extender struct{ site *wikidoc.Site }

// New returns the extension, normalizing names with site's title rules.
func New(site wikidoc.Site) goldmark.Extender { return &extender{site: site.WithDefaults()} }

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(&inlineParser{site: e.site}, Priority)),
		parser.WithASTTransformers(util.Prioritized(emptyParagraphs{}, 500)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nothing{}, Priority)))
}

type inlineParser struct{ site *wikidoc.Site }

func (p *inlineParser) Trigger() []byte { return []byte{'['} }

func (p *inlineParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 2+len(Prefix) || line[1] != '[' {
		return nil
	}
	inside, n, ok := wikidoc.Scan(line)
	if !ok {
		return nil
	}
	t, ok := wikidoc.ParseTarget(inside)
	if !ok || t.Colon || t.Fragment != "" {
		return nil
	}
	title, err := p.site.Resolve(t)
	if err != nil || !strings.HasPrefix(title, Prefix) || len(title) == len(Prefix) {
		return nil
	}
	name := title[len(Prefix):]
	wikidoc.Get(pc).AddCategory(name)
	block.Advance(n)
	return &Tag{Name: name}
}

type nothing struct{}

func (nothing) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTag, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

// emptyParagraphs removes paragraphs that hold nothing but category tags
// and white space, so a line of tags leaves no empty <p>.
type emptyParagraphs struct{}

func (emptyParagraphs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if len(wikidoc.Get(pc).Categories) == 0 {
		return
	}
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindParagraph {
			return ast.WalkContinue, nil
		}
		if onlyTags(n, reader.Source()) {
			drop = append(drop, n)
		}
		return ast.WalkSkipChildren, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

func onlyTags(p ast.Node, src []byte) bool {
	tags := false
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *Tag:
			tags = true
		case *ast.Text:
			if len(util.TrimLeftSpace(c.Segment.Value(src))) != 0 {
				return false
			}
		default:
			return false
		}
	}
	return tags
}
