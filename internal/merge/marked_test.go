package merge

import "testing"

func TestMarked(t *testing.T) {
	m := Markers{Ours: "current text", Theirs: "your text"}
	base := "a\nb\nc\nd\ne\n"
	for _, tc := range []struct {
		name, ours, theirs, want string
		conflicts                int
	}{
		{"clean", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "A\nb\nc\nd\nE\n", 0},
		{"one conflict, the rest merged", "A\nb\nC1\nd\ne\n", "a\nb\nC2\nd\nE\n",
			"A\nb\n<<<<<<< your text\nC2\n=======\nC1\n>>>>>>> current text\nd\nE\n", 1},
		{"two conflicts", "A1\nb\nc\nd\nE1\n", "A2\nb\nc\nd\nE2\n",
			"<<<<<<< your text\nA2\n=======\nA1\n>>>>>>> current text\nb\nc\nd\n<<<<<<< your text\nE2\n=======\nE1\n>>>>>>> current text\n", 2},
		{"no final newline", "a\nb\nc\nd\nx", "a\nb\nc\nd\ny",
			"a\nb\nc\nd\n<<<<<<< your text\ny\n=======\nx\n>>>>>>> current text\n", 1},
		{"deleted on one side, changed on the other", "a\nb\nd\ne\n", "a\nb\nC\nd\ne\n",
			"a\nb\n<<<<<<< your text\nC\n=======\n>>>>>>> current text\nd\ne\n", 1},
	} {
		got, n := Marked(base, tc.ours, tc.theirs, m)
		if got != tc.want || n != tc.conflicts {
			t.Errorf("%s: Marked = %d conflicts\n%q\nwant %d\n%q", tc.name, n, got, tc.conflicts, tc.want)
		}
	}
}
