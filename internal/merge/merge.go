package merge

import (
	"slices"
	"strings"

	"github.com/foliowiki/folio/internal/diff/lcs"
)

// Merge merges the changes that ours and theirs each made to base, line by
// line, in the manner of diff3 (and of git and MediaWiki):
//
//   - base lines unchanged on both sides are kept;
//   - a region changed on one side only takes that side's version;
//   - a region changed the same way on both sides is taken once;
//   - a region changed differently on both sides is a conflict.
//
// Changes are told apart by the base lines left unchanged on both sides
// between them, so changes to adjacent lines, or an insertion right next to
// a line changed on the other side, conflict even though they do not
// overlap. This is deliberate: the two edits may well depend on each other.
//
// A missing final newline counts as a change to the last line. On conflict
// Merge returns ours and true.
func Merge(base, ours, theirs string) (merged string, conflict bool) {
	switch {
	case ours == theirs, theirs == base:
		return ours, false
	case ours == base:
		return theirs, false
	}
	return merge3(base, ours, theirs)
}

// merge3 is Merge without its shortcuts for unchanged sides.
func merge3(base, ours, theirs string) (string, bool) { return mergeWith(base, ours, theirs, nil) }

// mergeWith is merge3; with mark, a conflict does not end the merge: mark
// writes the conflicting chunk and the merge goes on (Marked).
func mergeWith(base, ours, theirs string, mark func(sb *strings.Builder, ours, theirs []string)) (string, bool) {
	var in lcs.Interner
	bl, ol, tl := splitLines(base), splitLines(ours), splitLines(theirs)
	b, o, t := in.IDs(bl), in.IDs(ol), in.IDs(tl)
	mo, mt := matches(b, o), matches(b, t)

	var sb strings.Builder
	sb.Grow(max(len(ours), len(theirs)))
	// Positions of the next line of base, ours and theirs to merge.
	lb, lo, lt := 0, 0, 0
	for {
		// A stable run: lines of base kept by both sides.
		n := 0
		for lb+n < len(b) && mo[lb+n] == lo+n && mt[lb+n] == lt+n {
			n++
		}
		if n > 0 {
			for _, l := range bl[lb : lb+n] {
				sb.WriteString(l)
			}
			lb, lo, lt = lb+n, lo+n, lt+n
			continue
		}
		// An unstable chunk, up to the next base line kept by both sides
		// (or the end).
		j := lb
		for j < len(b) && (mo[j] < 0 || mt[j] < 0) {
			j++
		}
		eo, et := len(o), len(t)
		if j < len(b) {
			eo, et = mo[j], mt[j]
		}
		var pick []string
		switch bc, oc, tc := b[lb:j], o[lo:eo], t[lt:et]; {
		case slices.Equal(oc, bc):
			pick = tl[lt:et]
		case slices.Equal(tc, bc), slices.Equal(oc, tc):
			pick = ol[lo:eo]
		case mark == nil:
			return ours, true
		default:
			mark(&sb, ol[lo:eo], tl[lt:et])
		}
		for _, l := range pick {
			sb.WriteString(l)
		}
		if j == len(b) {
			return sb.String(), false
		}
		lb, lo, lt = j, eo, et
	}
}

// matches returns, for each line of base, the index of the line of other it
// is matched with, or -1 if base's line was deleted or changed.
func matches(base, other []int) []int {
	m := make([]int, len(base))
	for i := range m {
		m[i] = -1
	}
	pairs, _ := lcs.Match(base, other, lcs.DefaultBudget)
	for _, p := range pairs {
		m[p.A] = p.B
	}
	return m
}

// splitLines splits s after each "\n", keeping the terminators.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
