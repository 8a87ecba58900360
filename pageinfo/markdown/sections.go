package markdown

import (
	"strconv"
	"strings"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo/markdown/section"
)

// SectionMark is one editable heading and where it sits in the HTML
// (blob.SectionMark).
type SectionMark = blob.SectionMark

// Sections parses src as Render would for the page title and returns it
// with its top-level headings, the sections of ?section=N: numbered as
// Result.Sections and the rendered headings. A source over the work
// budget has none.
func (r *Renderer) Sections(src, title string) section.Doc {
	p := r.parse([]byte(src), title)
	if p.err != nil {
		return section.Doc{Src: src}
	}
	return section.Doc{Src: src, Headings: section.Find(p.root, p.src)}
}

// sectionMarks returns the marks of the headings hs (section N is hs[N-1])
// found in html, the final HTML of their render.
func sectionMarks(html string, hs []section.Heading) []SectionMark {
	marks := make([]SectionMark, 0, len(hs))
	for i, h := range hs {
		marks = append(marks, SectionMark{N: i + 1, Level: h.Level, Anchor: h.Anchor, Text: h.Text})
	}
	return LocateSections(html, marks)
}

// LocateSections sets the offsets of marks in html, the rendered page
// (again, after hooks changed it), and returns those it found: each is the
// first heading element of its level with its id ("<h2 id=\"foo\">", as the
// renderer and the sanitizer write it) after the previous one. Ids are
// unique in a page, and no text spells a heading's id before the heading
// itself in the renderer's output; a heading without an id, or missing,
// has no mark (and its section no edit link).
func LocateSections(html string, marks []SectionMark) []SectionMark {
	out := marks[:0]
	at := 0
	for _, m := range marks {
		if m.Anchor == "" || m.Level < 1 || m.Level > 6 {
			continue
		}
		lv := strconv.Itoa(m.Level)
		open := "<h" + lv + ` id="` + m.Anchor + `">`
		i := strings.Index(html[at:], open)
		if i < 0 {
			continue
		}
		start := at + i
		j := strings.Index(html[start:], "</h"+lv+">")
		if j < 0 {
			continue
		}
		m.Start, m.End = start, start+j+len("</h"+lv+">")
		out = append(out, m)
		at = m.End
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
