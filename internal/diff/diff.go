package diff

import (
	"strconv"
	"strings"

	"github.com/foliowiki/folio/internal/diff/lcs"
)

// Op says what happened to a line or a word.
type Op int

// The operations, in the order a unified diff shows them.
const (
	Equal  Op = iota // present in both texts
	Delete           // present in the old text only
	Insert           // present in the new text only
)

// String returns "equal", "delete" or "insert".
func (op Op) String() string {
	switch op {
	case Equal:
		return "equal"
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	}
	return "Op(" + strconv.Itoa(int(op)) + ")"
}

// Line is one line of a line diff.
type Line struct {
	Op Op
	// OldNo and NewNo are 1-based line numbers in the old and new text; a
	// line absent from a text has 0 there.
	OldNo, NewNo int
	// Text is the line including its terminating "\n" (or "\r\n"), if it
	// has one; only the last line of a text can lack one. Joining the Text
	// of the Equal and Delete lines gives back the old text byte for byte,
	// and the Equal and Insert lines the new text.
	Text string
	// Words is set on a Delete or Insert line that was paired with a similar
	// line on the other side. Its spans cover Text exactly; the spans whose
	// Op is not Equal are the changed words. Words is nil on Equal lines and
	// on changed lines that were not paired, which are changed as a whole.
	Words []Span
}

// Span is a run of word and whitespace tokens within a changed line.
type Span struct {
	Op   Op
	Text string
}

// lineBudget bounds the work of the line diff; see lcs.Match.
const lineBudget = lcs.DefaultBudget

// Lines returns the line diff that turns a into b: Equal lines interleaved
// with blocks of changes, each block listing its Delete lines before its
// Insert lines. Changed lines are paired up and given word-level Words.
//
// The diff is minimal (Myers' algorithm, after setting aside lines found in
// one text only, which keeps even big rewrites cheap) unless the edit
// distance is so large that finding it would cost more than about 2^23
// steps. Then the region not yet aligned is reported as a coarse
// replacement: all its old lines deleted, all its new lines inserted. Word
// highlighting has a budget of its own (2^22), after which the remaining
// changed lines get no Words. Heavy real edits of a 2 MiB page stay far
// below both limits; adversarial input (two unrelated 2 MiB texts built from
// a few distinct lines) takes about 0.1 s. Lines accepts any bytes, and
// compares invalid UTF-8 byte-wise.
func Lines(a, b string) []Line {
	al, bl := splitLines(a), splitLines(b)

	// Matching the common prefix and suffix here saves interning them.
	pre := 0
	for pre < len(al) && pre < len(bl) && al[pre] == bl[pre] {
		pre++
	}
	suf := 0
	for suf < len(al)-pre && suf < len(bl)-pre && al[len(al)-1-suf] == bl[len(bl)-1-suf] {
		suf++
	}
	var in lcs.Interner
	am, bm := al[pre:len(al)-suf], bl[pre:len(bl)-suf]
	mid, _ := lcs.Match(in.IDs(am), in.IDs(bm), lineBudget)

	pairs := make([]lcs.Pair, 0, pre+len(mid)+suf)
	for i := range pre {
		pairs = append(pairs, lcs.Pair{A: i, B: i})
	}
	for _, p := range mid {
		pairs = append(pairs, lcs.Pair{A: pre + p.A, B: pre + p.B})
	}
	for i := range suf {
		pairs = append(pairs, lcs.Pair{A: len(al) - suf + i, B: len(bl) - suf + i})
	}

	lines := script(al, bl, pairs)
	addWords(lines)
	return lines
}

// splitLines splits s after each "\n", keeping the terminators.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, "\n")
	if s[len(s)-1] != '\n' {
		n++
	}
	out := make([]string, 0, n)
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// script turns matched pairs into Lines: before each match, the unmatched
// old lines are deleted and then the unmatched new lines inserted.
func script(a, b []string, pairs []lcs.Pair) []Line {
	out := make([]Line, 0, len(a)+len(b)-len(pairs))
	i, j := 0, 0
	emit := func(ai, bj int) {
		for ; i < ai; i++ {
			out = append(out, Line{Op: Delete, OldNo: i + 1, Text: a[i]})
		}
		for ; j < bj; j++ {
			out = append(out, Line{Op: Insert, NewNo: j + 1, Text: b[j]})
		}
	}
	for _, p := range pairs {
		emit(p.A, p.B)
		out = append(out, Line{Op: Equal, OldNo: i + 1, NewNo: j + 1, Text: a[i]})
		i, j = i+1, j+1
	}
	emit(len(a), len(b))
	return out
}

// Stats counts the inserted and deleted lines.
func Stats(lines []Line) (added, removed int) {
	for _, l := range lines {
		switch l.Op {
		case Insert:
			added++
		case Delete:
			removed++
		}
	}
	return added, removed
}
