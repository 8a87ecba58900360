// Package section splits a Markdown page into the sections MediaWiki's
// section editing works on (?section=N).
//
// The sections are delimited by the headings at the top level of the
// document, ATX ("## Foo") or setext ("Foo" over "---"), as the parser
// sees them: a "#" line inside a fenced code block, a list, a block quote,
// an HTML block or front matter starts no section. Headings are numbered
// from 1 in document order. Section 0 is the text before the first
// heading; section N runs from the first line of heading N to the next
// heading of the same or a higher level (a lower or equal level number),
// so it holds its subsections, as MediaWiki's.
//
// Find collects the headings from a parsed goldmark document; the
// renderer (markdown.Renderer.Sections) parses with the renderer's own
// parser, so the numbers agree with the rendered headings. Parse uses a
// plain CommonMark parser, for tests and tools.
package section

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// Heading is one top-level heading of a document.
type Heading struct {
	Level  int    // 1–6
	Start  int    // byte offset of the heading's first line in the source
	Anchor string // the heading's id, when the parser gave it one
	Text   string // the heading's plain text
}

// Find returns the top-level headings of root, a document parsed from
// src, in document order.
func Find(root ast.Node, src []byte) []Heading {
	var hs []Heading
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok {
			continue
		}
		start := lineStart(src, headingPos(h))
		if start < 0 {
			continue
		}
		var anchor string
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				anchor = string(b)
			}
		}
		hs = append(hs, Heading{Level: h.Level, Start: start, Anchor: anchor, Text: wikidoc.PlainText(h, src)})
	}
	return hs
}

// headingPos is a byte offset on the first line of h, or -1.
func headingPos(h *ast.Heading) int {
	if p := h.Pos(); p >= 0 {
		return p
	}
	if h.Lines().Len() > 0 {
		return h.Lines().At(0).Start
	}
	return -1
}

// lineStart returns the offset of the start of the line holding offset i.
func lineStart(src []byte, i int) int {
	if i < 0 || i > len(src) {
		return -1
	}
	for i > 0 && src[i-1] != '\n' {
		i--
	}
	return i
}

// Doc is a source and its top-level headings.
type Doc struct {
	Src      string
	Headings []Heading
}

// Parse parses src as CommonMark and returns it with its headings.
func Parse(src string) Doc {
	b := []byte(src)
	root := goldmark.DefaultParser().Parse(text.NewReader(b))
	return Doc{Src: src, Headings: Find(root, b)}
}

// Len is the number of the last section (the number of headings).
func (d Doc) Len() int { return len(d.Headings) }

// bounds returns the byte range of section n.
func (d Doc) bounds(n int) (start, end int, ok bool) {
	if n < 0 || n > len(d.Headings) {
		return 0, 0, false
	}
	if n == 0 {
		if len(d.Headings) == 0 {
			return 0, len(d.Src), true
		}
		return 0, d.Headings[0].Start, true
	}
	h := d.Headings[n-1]
	end = len(d.Src)
	for _, next := range d.Headings[n:] {
		if next.Level <= h.Level {
			end = next.Start
			break
		}
	}
	return h.Start, end, true
}

// Get returns the text of section n and its heading (the zero Heading for
// section 0), or false if there is no section n.
func (d Doc) Get(n int) (string, Heading, bool) {
	start, end, ok := d.bounds(n)
	if !ok {
		return "", Heading{}, false
	}
	var h Heading
	if n > 0 {
		h = d.Headings[n-1]
	}
	return d.Src[start:end], h, true
}

// Replace returns the source with section n replaced by text, or false if
// there is no section n. Replacing a section by its own text gives the
// source back unchanged. Otherwise the new text keeps the line breaks the
// section ended with (at least one when more follows, and a blank line
// before a setext heading, which a paragraph would otherwise swallow), so
// the next section still starts on a line of its own; an empty text
// removes the section.
func (d Doc) Replace(n int, text string) (string, bool) {
	start, end, ok := d.bounds(n)
	if !ok {
		return "", false
	}
	old := d.Src[start:end]
	if text == old {
		return d.Src, true
	}
	rest := d.Src[end:]
	body := strings.TrimRight(text, "\n")
	if body == "" {
		return d.Src[:start] + rest, true
	}
	brk := old[len(strings.TrimRight(old, "\n")):]
	if rest != "" {
		if brk == "" {
			brk = "\n"
		}
		if brk == "\n" && !strings.HasPrefix(strings.TrimLeft(rest, " "), "#") {
			brk = "\n\n" // rest starts with a setext heading
		}
	} else if strings.HasSuffix(text, "\n") && brk == "" {
		brk = "\n"
	}
	return d.Src[:start] + body + brk + rest, true
}

// Append returns src with a new last section: a level-2 heading (MediaWiki's
// section=new makes "== Subject ==") and body, separated from what comes
// before by a blank line. An empty heading appends body alone. Line breaks
// in heading become spaces: a heading is one line.
func Append(src, heading, body string) string {
	heading = strings.Join(strings.Fields(heading), " ")
	body = strings.Trim(body, "\n")
	var b strings.Builder
	if s := strings.TrimRight(src, "\n"); s != "" {
		b.WriteString(s)
		b.WriteString("\n\n")
	}
	if heading != "" {
		b.WriteString("## ")
		b.WriteString(heading)
		b.WriteString("\n")
		if body != "" {
			b.WriteString("\n")
		}
	}
	if body != "" {
		b.WriteString(body)
		b.WriteString("\n")
	}
	return b.String()
}
