package merge

import "strings"

// Markers label the sides of a conflict in Marked's result.
type Markers struct {
	Ours, Theirs string // the sides' names ("current text", "your text")
}

// Marked merges as Merge does, but does not give up at a conflict: each
// region changed differently on both sides is written as both versions
// between conflict markers, theirs first (the text of the one merging),
// in the style of diff3 and git:
//
//	<<<<<<< your text
//	theirs' lines
//	=======
//	ours' lines
//	>>>>>>> current text
//
// Everything else is merged, so the result is a partial merge the user
// can finish by hand. It returns the number of conflicts (0: the result is
// Merge's).
func Marked(base, ours, theirs string, m Markers) (merged string, conflicts int) {
	if out, conflict := Merge(base, ours, theirs); !conflict {
		return out, 0
	}
	out, _ := mergeWith(base, ours, theirs, func(sb *strings.Builder, o, t []string) {
		conflicts++
		sb.WriteString("<<<<<<< " + m.Theirs + "\n")
		writeLines(sb, t)
		sb.WriteString("=======\n")
		writeLines(sb, o)
		sb.WriteString(">>>>>>> " + m.Ours + "\n")
	})
	return out, conflicts
}

// writeLines writes lines, ending the last with a newline if it has none,
// so that a marker always starts a line.
func writeLines(sb *strings.Builder, lines []string) {
	for _, l := range lines {
		sb.WriteString(l)
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		sb.WriteByte('\n')
	}
}
