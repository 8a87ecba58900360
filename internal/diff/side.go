package diff

import (
	"strconv"
	"strings"
)

// SideHTML renders hunks as a side-by-side diff table: the old text on the
// left, the new on the right. Escaping, the word marks (del, ins, diff-eol)
// and the hunk header are as in HTML. The markup is:
//
//	<table class="diff diff-side">
//	<tbody class="diff-hunk">
//	<tr class="diff-header"><td colspan="6">@@ -3,4 +3,5 @@</td></tr>
//	<tr class="diff-context"><td class="diff-ln diff-ln-old">3</td><td class="diff-marker"> </td><td class="diff-text diff-old">unchanged</td><td class="diff-ln diff-ln-new">3</td><td class="diff-marker"> </td><td class="diff-text diff-new">unchanged</td></tr>
//	<tr class="diff-changed"><td class="diff-ln diff-ln-old">4</td><td class="diff-marker diff-deleted">-</td><td class="diff-text diff-old diff-deleted">the <del>old</del> line</td><td class="diff-ln diff-ln-new">4</td><td class="diff-marker diff-added">+</td><td class="diff-text diff-new diff-added">the <ins>new</ins> line</td></tr>
//	</tbody>
//	</table>
//
// A row shows an unchanged line on both sides (diff-context), an edited line
// beside its new version (diff-changed), or a line deleted or added as a
// whole beside an empty side (diff-changed too, the empty cells having
// diff-empty). The cells of a deleted line have diff-deleted, those of an
// added one diff-added. Lines paired for word highlighting (Line.Words) share
// a row; between pairs, the other deleted and added lines are shown side by
// side in turn, the longer run beside empty cells.
func SideHTML(hunks []Hunk) string {
	var sb strings.Builder
	sb.WriteString(`<table class="diff diff-side">` + "\n")
	for _, h := range hunks {
		sb.WriteString(`<tbody class="diff-hunk">` + "\n")
		sb.WriteString(`<tr class="diff-header"><td colspan="6">` + h.header() + "</td></tr>\n")
		for i := 0; i < len(h.Lines); {
			if h.Lines[i].Op == Equal {
				l := h.Lines[i]
				sb.WriteString(`<tr class="diff-context">`)
				writeSide(&sb, l, "old")
				writeSide(&sb, l, "new")
				sb.WriteString("</tr>\n")
				i++
				continue
			}
			start := i
			for i < len(h.Lines) && h.Lines[i].Op == Delete {
				i++
			}
			mid := i
			for i < len(h.Lines) && h.Lines[i].Op == Insert {
				i++
			}
			writeBlock(&sb, h.Lines[start:mid], h.Lines[mid:i])
		}
		sb.WriteString("</tbody>\n")
	}
	sb.WriteString("</table>\n")
	return sb.String()
}

// writeBlock writes the rows of one change block. Paired lines (both with
// Words) keep their order on both sides (see addWords), so the k-th paired
// deletion goes with the k-th paired insertion; the unpaired lines before a
// pair share rows too, without word marks.
func writeBlock(sb *strings.Builder, dels, ins []Line) {
	i, j := 0, 0
	for i < len(dels) || j < len(ins) {
		// The unpaired lines before the next pair, side by side.
		i0, j0 := i, j
		for i < len(dels) && dels[i].Words == nil {
			i++
		}
		for j < len(ins) && ins[j].Words == nil {
			j++
		}
		for k := 0; k < max(i-i0, j-j0); k++ {
			var del, in *Line
			if i0+k < i {
				del = &dels[i0+k]
			}
			if j0+k < j {
				in = &ins[j0+k]
			}
			writeChanged(sb, del, in)
		}
		switch {
		case i < len(dels) && j < len(ins):
			writeChanged(sb, &dels[i], &ins[j])
			i, j = i+1, j+1
		case i < len(dels): // a paired line whose partner is out of this hunk
			writeChanged(sb, &dels[i], nil)
			i++
		case j < len(ins):
			writeChanged(sb, nil, &ins[j])
			j++
		}
	}
}

func writeChanged(sb *strings.Builder, del, ins *Line) {
	sb.WriteString(`<tr class="diff-changed">`)
	if del != nil {
		writeSide(sb, *del, "old")
	} else {
		sb.WriteString(`<td class="diff-ln diff-ln-old diff-empty"></td><td class="diff-marker diff-empty"></td><td class="diff-text diff-old diff-empty"></td>`)
	}
	if ins != nil {
		writeSide(sb, *ins, "new")
	} else {
		sb.WriteString(`<td class="diff-ln diff-ln-new diff-empty"></td><td class="diff-marker diff-empty"></td><td class="diff-text diff-new diff-empty"></td>`)
	}
	sb.WriteString("</tr>\n")
}

// writeSide writes the three cells of line l on side ("old" or "new").
func writeSide(sb *strings.Builder, l Line, side string) {
	no := l.OldNo
	if side == "new" {
		no = l.NewNo
	}
	change := ""
	switch l.Op {
	case Delete:
		change = " diff-deleted"
	case Insert:
		change = " diff-added"
	}
	sb.WriteString(`<td class="diff-ln diff-ln-` + side + `">` + strconv.Itoa(no) + `</td><td class="diff-marker` + change + `">` + marker[l.Op] +
		`</td><td class="diff-text diff-` + side + change + `">`)
	writeText(sb, l)
	sb.WriteString("</td>")
}

// Truncate keeps the first hunks up to maxLines lines and maxBytes bytes of
// line text in all, cutting the last hunk kept short if need be (its header
// then counts the lines shown). It reports whether anything was left out.
// A first hunk is always kept in part, one line at least.
func Truncate(hunks []Hunk, maxLines, maxBytes int) ([]Hunk, bool) {
	lines, bytes := 0, 0
	for i, h := range hunks {
		for k, l := range h.Lines {
			lines++
			bytes += len(l.Text)
			if lines > maxLines || bytes > maxBytes {
				if k == 0 && i > 0 {
					return hunks[:i:i], true
				}
				out := append(hunks[:i:i], Hunk{OldStart: h.OldStart, NewStart: h.NewStart}.finish(h.Lines, 0, max(k, 1)))
				return out, true
			}
		}
	}
	return hunks, false
}
