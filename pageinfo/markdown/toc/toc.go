// Package toc gives headings stable, unique ids and collects the table of
// contents into the document's wikidoc.Doc.TOC.
//
// Ids come from the heading's plain text (wikidoc.Anchor: lower-case,
// hyphenated, any script) and are made unique per document with "-1",
// "-2" … by IDs, which must be fresh for every document:
//
//	pc := parser.NewContext(parser.WithIDs(toc.NewIDs()))
//	md := goldmark.New(goldmark.WithExtensions(toc.New()))
package toc

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// Priority of the AST transformer: after the other wiki transformers, so
// heading text is final.
const Priority = 900

// EmptyID is the base id of a heading without text.
const EmptyID = "section"

// IDs is a parser.IDs that makes unique, unicode-aware ids. The zero value
// is not usable; call NewIDs once per document.
type IDs struct {
	used map[string]struct{}
	next map[string]int // base id → last suffix tried
}

// NewIDs returns an id set holding the reserved ids only.
func NewIDs() *IDs {
	s := &IDs{used: make(map[string]struct{}, len(reserved)+16), next: make(map[string]int)}
	for id := range reserved {
		s.used[id] = struct{}{}
	}
	return s
}

// reserved are the ids the bundled skins give their own elements (the
// main content, the search box, the navigation and personal links):
// a heading never takes one of them, "Content" gets "content-1", so that
// a page cannot stand in for the skin's elements. Skins should keep to
// these or to ids no heading makes (upper case, ":").
var reserved = map[string]bool{
	"content": true, "search-q": true, "nav-heading": true, "toc-heading": true,
	"pt-login": true, "pt-logout": true, "pt-createaccount": true, "pt-userpage": true,
	"pt-notifications": true, "pt-preferences": true,
	"n-mainpage": true, "n-recent": true, "n-allpages": true,
}

// Reserved reports whether id is one of the skins' own ids, which
// headings never get.
func Reserved(id string) bool { return reserved[id] }

var _ parser.IDs = (*IDs)(nil)

// Generate returns the anchor of value, with "-N" appended if it was taken.
func (s *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(s.Unique(wikidoc.Anchor(string(value))))
}

// Unique returns base, or base-N with the smallest free N, and marks it used.
func (s *IDs) Unique(base string) string {
	if base == "" {
		base = EmptyID
	}
	if _, taken := s.used[base]; !taken {
		s.used[base] = struct{}{}
		return base
	}
	for i := s.next[base] + 1; ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if _, taken := s.used[id]; !taken {
			s.used[id] = struct{}{}
			s.next[base] = i
			return id
		}
	}
}

// Put marks value as used.
func (s *IDs) Put(value []byte) { s.used[string(value)] = struct{}{} }

type extender struct{}

// New returns the extension.
func New() goldmark.Extender { return extender{} }

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, Priority)))
}

type transformer struct{}

// Transform sets the id of every heading and appends it to the TOC.
func (transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	d := wikidoc.Get(pc)
	ids := pc.IDs()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return wikidoc.BlocksOnly(n), nil
		}
		txt := wikidoc.PlainText(h, reader.Source())
		var id []byte
		if s, ok := ids.(*IDs); ok {
			id = []byte(s.Unique(wikidoc.Anchor(txt)))
		} else {
			id = ids.Generate([]byte(txt), ast.KindHeading)
		}
		h.SetAttributeString("id", id)
		d.TOC = append(d.TOC, wikidoc.Heading{Level: h.Level, Anchor: string(id), Text: txt})
		return ast.WalkSkipChildren, nil
	})
}
