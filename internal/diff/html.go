package diff

import (
	"html"
	"strconv"
	"strings"
)

// HTML renders hunks as an inline diff table, one row per line, for skins to
// style. Every piece of text is escaped with html.EscapeString, and invalid
// UTF-8 is replaced with U+FFFD. The markup is:
//
//	<table class="diff">
//	<tbody class="diff-hunk">
//	<tr class="diff-header"><td colspan="4">@@ -3,4 +3,5 @@</td></tr>
//	<tr class="diff-context"><td class="diff-ln diff-ln-old">3</td><td class="diff-ln diff-ln-new">3</td><td class="diff-marker"> </td><td class="diff-text">unchanged</td></tr>
//	<tr class="diff-deleted"><td class="diff-ln diff-ln-old">4</td><td class="diff-ln diff-ln-new"></td><td class="diff-marker">-</td><td class="diff-text">the <del>old</del> line</td></tr>
//	<tr class="diff-added"><td class="diff-ln diff-ln-old"></td><td class="diff-ln diff-ln-new">4</td><td class="diff-marker">+</td><td class="diff-text">the <ins>new</ins> line</td></tr>
//	</tbody>
//	</table>
//
// Classes for CSS:
//
//   - diff: the table.
//   - diff-hunk: the tbody of one hunk; diff-header: its first row, whose
//     single cell holds the unified-diff range of the hunk.
//   - diff-context, diff-deleted, diff-added: rows of unchanged, deleted and
//     added lines.
//   - diff-ln, with diff-ln-old or diff-ln-new: line number cells, empty
//     where the line is absent from that side.
//   - diff-marker: " ", "-" or "+".
//   - diff-text: the line, without its line terminator. Style it with
//     white-space: pre-wrap, since runs of spaces and tabs are kept.
//   - del and ins elements mark the changed words of an edited line; a line
//     changed as a whole (not paired with a similar line) has none, its row
//     class says it all.
//   - diff-eol: a span inside del or ins standing for a line terminator that
//     was added, removed or changed: "↵" for "\n", "␍↵" for "\r\n".
//
// No hunks give an empty table.
func HTML(hunks []Hunk) string {
	var sb strings.Builder
	sb.WriteString(`<table class="diff">` + "\n")
	for _, h := range hunks {
		sb.WriteString(`<tbody class="diff-hunk">` + "\n")
		sb.WriteString(`<tr class="diff-header"><td colspan="4">` + h.header() + "</td></tr>\n")
		for _, l := range h.Lines {
			writeRow(&sb, l)
		}
		sb.WriteString("</tbody>\n")
	}
	sb.WriteString("</table>\n")
	return sb.String()
}

var (
	rowClass = [...]string{Equal: "diff-context", Delete: "diff-deleted", Insert: "diff-added"}
	marker   = [...]string{Equal: " ", Delete: "-", Insert: "+"}
	wordTag  = [...]string{Delete: "del", Insert: "ins"}
)

func writeRow(sb *strings.Builder, l Line) {
	sb.WriteString(`<tr class="` + rowClass[l.Op] + `"><td class="diff-ln diff-ln-old">`)
	if l.OldNo > 0 {
		sb.WriteString(strconv.Itoa(l.OldNo))
	}
	sb.WriteString(`</td><td class="diff-ln diff-ln-new">`)
	if l.NewNo > 0 {
		sb.WriteString(strconv.Itoa(l.NewNo))
	}
	sb.WriteString(`</td><td class="diff-marker">` + marker[l.Op] + `</td><td class="diff-text">`)
	writeText(sb, l)
	sb.WriteString("</td></tr>\n")
}

// writeText writes the escaped text of l, without its line terminator, with
// its changed words marked.
func writeText(sb *strings.Builder, l Line) {
	if l.Words == nil {
		text, _ := cutEOL(l.Text)
		writeEscaped(sb, text)
	}
	for _, s := range l.Words {
		text, eol := cutEOL(s.Text)
		if s.Op == Equal {
			writeEscaped(sb, text)
			continue
		}
		sb.WriteString("<" + wordTag[s.Op] + ">")
		writeEscaped(sb, text)
		switch eol {
		case "\n":
			sb.WriteString(`<span class="diff-eol">↵</span>`)
		case "\r\n":
			sb.WriteString(`<span class="diff-eol">␍↵</span>`)
		}
		sb.WriteString("</" + wordTag[s.Op] + ">")
	}
}

// cutEOL splits a trailing "\n" or "\r\n" off s.
func cutEOL(s string) (text, eol string) {
	if t, ok := strings.CutSuffix(s, "\r\n"); ok {
		return t, "\r\n"
	}
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		return t, "\n"
	}
	return s, ""
}

func writeEscaped(sb *strings.Builder, s string) {
	sb.WriteString(html.EscapeString(strings.ToValidUTF8(s, "\uFFFD")))
}
