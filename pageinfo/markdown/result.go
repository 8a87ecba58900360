package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// TOCEntry is one heading of the table of contents: its level (1–6), its
// element id, and its plain text. It is blob.TOCEntry (and
// wikidoc.Heading), the type PageInfo keeps.
type TOCEntry = blob.TOCEntry

// Needs says which extra assets a skin must load for a page: chroma CSS
// (HighlightCSS), a math typesetter for <pre class="math">, mermaid.js for
// <pre class="mermaid">. It is blob.Needs (and wikidoc.Needs).
type Needs = blob.Needs

// Result is what Render learns from one page.
type Result struct {
	HTML string     `json:"html"`          // rendered and sanitized body
	TOC  []TOCEntry `json:"toc,omitempty"` // headings in document order
	// Sections are the top-level headings, the sections of ?section=N,
	// and where they are in HTML.
	Sections   []SectionMark `json:"sections,omitempty"`
	Links      []string      `json:"links,omitempty"`      // distinct outgoing canonical titles, in order of appearance, red ones included
	Categories []string      `json:"categories,omitempty"` // canonical names without "Category:", in order of appearance
	Files      []string      `json:"files,omitempty"`      // names of the files embedded or linked with [[Media:…]], without "File:", in order of discovery, missing ones included
	Redirect   string        `json:"redirect,omitempty"`   // canonical target of "#REDIRECT [[Target]]", or ""
	// RedirectFragment is the anchor of the section a redirect names
	// ("#REDIRECT [[Target#Some section]]"), or "".
	RedirectFragment string `json:"redirect_fragment,omitempty"`
	Summary          string `json:"summary,omitempty"` // first top-level paragraph as plain text, at most SummaryRunes
	Needs            Needs  `json:"needs"`
	Words            int    `json:"words"` // words of text, code blocks and raw HTML excluded
}

// SummaryRunes bounds Result.Summary; a longer paragraph is cut at a word
// boundary and ends in "…".
const SummaryRunes = 300

// summarize returns the summary and the word count of the document.
func summarize(root ast.Node, src []byte) (string, int) {
	words := wikidoc.CountWords(root, src)
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindParagraph {
			continue
		}
		if s := wikidoc.PlainText(c, src); s != "" {
			return truncate(strings.Join(strings.Fields(s), " "), SummaryRunes), words
		}
	}
	return "", words
}

// truncate cuts s to at most n runes, at a space if there is one in the
// second half, and appends "…" when it cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, i := 0, 0
	for j := range s {
		if i == n-1 {
			cut = j
			break
		}
		i++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}
