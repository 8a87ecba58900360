package diff

import (
	"strconv"
	"strings"
)

// Hunk is a run of changed lines with the unchanged lines around them, as
// in a unified diff.
type Hunk struct {
	// OldStart and NewStart are the 1-based numbers of the first old and new
	// line the hunk covers. When the hunk covers no line of a side (a pure
	// insertion or deletion), its start is the number the next line of that
	// side would have.
	OldStart, NewStart int
	// OldLines and NewLines count the lines of each side in the hunk.
	OldLines, NewLines int
	Lines              []Line
}

// Hunks groups the changes of lines, as returned by Lines, into hunks with up
// to context unchanged lines before and after each change. Changes closer
// than 2*context unchanged lines share a hunk. A negative context is taken
// as 0. Identical texts have no hunks.
func Hunks(lines []Line, context int) []Hunk {
	context = max(context, 0)
	var hunks []Hunk
	old, nw := 0, 0 // lines of each side before lines[i]
	start := -1     // start of the current hunk in lines
	var h Hunk
	lastChange := -1
	for i, l := range lines {
		if l.Op != Equal {
			if start >= 0 && i-lastChange-1 > 2*context {
				hunks = append(hunks, h.finish(lines, start, lastChange+context+1))
				start = -1
			}
			if start < 0 {
				start = max(lastChange+1, i-context)
				// Rewind the counters over the leading context (Equal lines).
				h = Hunk{OldStart: old - (i - start) + 1, NewStart: nw - (i - start) + 1}
			}
			lastChange = i
		}
		if l.Op != Insert {
			old++
		}
		if l.Op != Delete {
			nw++
		}
	}
	if start >= 0 {
		hunks = append(hunks, h.finish(lines, start, min(lastChange+context+1, len(lines))))
	}
	return hunks
}

// finish sets the hunk's lines to lines[start:end] and counts them.
func (h Hunk) finish(lines []Line, start, end int) Hunk {
	h.Lines = lines[start:end:end]
	for _, l := range h.Lines {
		if l.Op != Insert {
			h.OldLines++
		}
		if l.Op != Delete {
			h.NewLines++
		}
	}
	return h
}

// header returns the "@@ -l,s +l,s @@" line of h, following GNU diff: a
// count of 1 is left out, and an empty side gives the line before it.
func (h Hunk) header() string {
	rng := func(start, n int) string {
		switch n {
		case 0:
			return strconv.Itoa(start-1) + ",0"
		case 1:
			return strconv.Itoa(start)
		}
		return strconv.Itoa(start) + "," + strconv.Itoa(n)
	}
	return "@@ -" + rng(h.OldStart, h.OldLines) + " +" + rng(h.NewStart, h.NewLines) + " @@"
}

// Unified returns the unified diff ("diff -u") from a to b with context
// lines of context, naming the texts nameA and nameB in the header. A line
// without a final newline is followed by "\ No newline at end of file", so
// the output works with patch(1). Identical texts give "".
func Unified(a, b string, context int, nameA, nameB string) string {
	hunks := Hunks(Lines(a, b), context)
	if len(hunks) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("--- " + nameA + "\n+++ " + nameB + "\n")
	for _, h := range hunks {
		sb.WriteString(h.header())
		sb.WriteByte('\n')
		for _, l := range h.Lines {
			sb.WriteByte(" -+"[l.Op])
			sb.WriteString(l.Text)
			if !strings.HasSuffix(l.Text, "\n") {
				sb.WriteString("\n\\ No newline at end of file\n")
			}
		}
	}
	return sb.String()
}
