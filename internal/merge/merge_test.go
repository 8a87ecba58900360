package merge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// text joins lines, each followed by "\n".
func text(lines ...string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestMerge(t *testing.T) {
	base := text("= Title =", "", "First paragraph.", "", "Second paragraph.", "", "Third paragraph.")
	tests := []struct {
		name         string
		base         string
		ours, theirs string
		want         string // "" with conflict
		conflict     bool
	}{
		{
			name:   "different paragraphs",
			base:   base,
			ours:   text("= Title =", "", "First paragraph, edited.", "", "Second paragraph.", "", "Third paragraph."),
			theirs: text("= Title =", "", "First paragraph.", "", "Second paragraph.", "", "Third paragraph, edited."),
			want:   text("= Title =", "", "First paragraph, edited.", "", "Second paragraph.", "", "Third paragraph, edited."),
		},
		{
			name:     "same line changed differently",
			base:     base,
			ours:     strings.Replace(base, "Second paragraph.", "Second, by us.", 1),
			theirs:   strings.Replace(base, "Second paragraph.", "Second, by them.", 1),
			conflict: true,
		},
		{
			name:   "same change on both sides",
			base:   base,
			ours:   strings.Replace(base, "Second paragraph.", "Second, fixed.", 1),
			theirs: strings.Replace(base, "Second paragraph.", "Second, fixed.", 1) + "Appendix.\n",
			want:   strings.Replace(base, "Second paragraph.", "Second, fixed.", 1) + "Appendix.\n",
		},
		{
			name:     "different insertions at the same spot",
			base:     text("a", "b"),
			ours:     text("a", "ours", "b"),
			theirs:   text("a", "theirs", "b"),
			conflict: true,
		},
		{
			name:   "same insertion at the same spot",
			base:   text("a", "b", "c"),
			ours:   text("a", "new", "b", "c"),
			theirs: text("a", "new", "b", "C"),
			want:   text("a", "new", "b", "C"),
		},
		{
			name:     "delete a region the other side edits",
			base:     text("a", "b", "c", "d"),
			ours:     text("a", "d"),
			theirs:   text("a", "b", "C", "d"),
			conflict: true,
		},
		{
			name:   "both delete the same region",
			base:   text("a", "b", "c", "d", "e"),
			ours:   text("a", "d", "E"),
			theirs: text("a", "d", "e"),
			want:   text("a", "d", "E"),
		},
		{
			// Documented choice, as git and MediaWiki: no unchanged line
			// separates the two changes, so they conflict.
			name:     "adjacent lines conflict",
			base:     text("a", "b", "c", "d"),
			ours:     text("a", "B", "c", "d"),
			theirs:   text("a", "b", "C", "d"),
			conflict: true,
		},
		{
			name:     "insertion next to a changed line conflicts",
			base:     text("a", "b", "c"),
			ours:     text("a", "B", "c"),
			theirs:   text("a", "b", "new", "c"),
			conflict: true,
		},
		{
			name:   "one unchanged line apart merges",
			base:   text("a", "b", "c", "d"),
			ours:   text("A", "b", "c", "d"),
			theirs: text("a", "b", "C", "d"),
			want:   text("A", "b", "C", "d"),
		},
		{
			name:   "insertions at both ends",
			base:   text("a", "b"),
			ours:   text("top", "a", "b"),
			theirs: text("a", "b", "bottom"),
			want:   text("top", "a", "b", "bottom"),
		},
		{
			name:   "from empty base, same text",
			base:   "",
			ours:   "x\n",
			theirs: "x\n",
			want:   "x\n",
		},
		{
			name:     "from empty base, different text",
			base:     "",
			ours:     "x\n",
			theirs:   "y\n",
			conflict: true,
		},
		{
			name:   "newline added at end merges with a change far away",
			base:   "x\ny\nz",
			ours:   "X\ny\nz",
			theirs: "x\ny\nz\n",
			want:   "X\ny\nz\n",
		},
		{
			name:     "newline added at end conflicts with a change to the last line",
			base:     "x\ny\nz",
			ours:     "x\ny\nZ",
			theirs:   "x\ny\nz\n",
			conflict: true,
		},
		{
			name:   "both add the final newline",
			base:   "x\ny\nz",
			ours:   "X\ny\nz\n",
			theirs: "x\ny\nz\n",
			want:   "X\ny\nz\n",
		},
		{
			name:   "unchanged sides",
			base:   base,
			ours:   base,
			theirs: base,
			want:   base,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if tt.conflict {
				want = tt.ours
			}
			for _, f := range []struct {
				name string
				fn   func(string, string, string) (string, bool)
			}{{"Merge", Merge}, {"merge3", merge3}} {
				got, conflict := f.fn(tt.base, tt.ours, tt.theirs)
				if got != want || conflict != tt.conflict {
					t.Errorf("%s = %q, %v; want %q, %v", f.name, got, conflict, want, tt.conflict)
				}
				// diff3 is symmetric.
				got, conflict = f.fn(tt.base, tt.theirs, tt.ours)
				if conflict != tt.conflict || (!conflict && got != want) {
					t.Errorf("%s swapped = %q, %v; want %q, %v", f.name, got, conflict, want, tt.conflict)
				}
			}
		})
	}
}

func FuzzMerge(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC")
	f.Add("", "x", "y\n")
	f.Add("a\nb\n", "a\n\nb\n", "\r\na\nb\n")
	f.Add("1\n2\n3\n4\n5\n", "1\n3\n4\n5\n", "1\n2\n3\n5\nx\n")
	f.Fuzz(func(t *testing.T, b, o, th string) {
		for name, fn := range map[string]func(string, string, string) (string, bool){"Merge": Merge, "merge3": merge3} {
			if got, c := fn(b, o, b); got != o || c {
				t.Fatalf("%s(b, o, b) = %q, %v; want %q", name, got, c, o)
			}
			if got, c := fn(b, b, th); got != th || c {
				t.Fatalf("%s(b, b, t) = %q, %v; want %q", name, got, c, th)
			}
			if got, c := fn(b, o, o); got != o || c {
				t.Fatalf("%s(b, x, x) = %q, %v; want %q", name, got, c, o)
			}
			got, c := fn(b, o, th)
			if c && got != o {
				t.Fatalf("%s: conflict returned %q, not ours", name, got)
			}
			swapped, c2 := fn(b, th, o)
			if c != c2 || (!c && got != swapped) {
				t.Fatalf("%s not symmetric: %q, %v vs %q, %v", name, got, c, swapped, c2)
			}
		}
	})
}

func BenchmarkMerge(b *testing.B) {
	var lines []string
	for i := range 2000 {
		lines = append(lines, strings.Repeat("word ", i%13)+"line", "")
	}
	base := text(lines...)
	ours := strings.Replace(base, "word line", "word LINE", 1)
	theirs := strings.Replace(base, "word word word word word word word word word word word word line", "changed", 1)
	b.SetBytes(int64(len(base)))
	b.ReportAllocs()
	for b.Loop() {
		if _, c := Merge(base, ours, theirs); c {
			b.Fatal("conflict")
		}
	}
}

// TestMergeDisjointEdits edits two halves of a page, separated by an
// untouched line, on each side, and expects both edits in the result.
func TestMergeDisjointEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	edit := func(lines []string, tag string) []string {
		var out []string
		for i, l := range lines {
			switch r.IntN(5) {
			case 0: // delete
			case 1:
				out = append(out, l, fmt.Sprintf("%s insert %d", tag, i))
			case 2:
				out = append(out, fmt.Sprintf("%s change %d", tag, i))
			default:
				out = append(out, l)
			}
		}
		return out
	}
	for range 500 {
		n := 2 + r.IntN(30)
		var lines []string
		for i := range n {
			lines = append(lines, fmt.Sprintf("line %d", i))
		}
		cut := r.IntN(n - 1)
		head, mid, tail := lines[:cut], lines[cut], lines[cut+1:]
		oursHead, theirsTail := edit(head, "ours"), edit(tail, "theirs")
		base := text(lines...)
		ours := text(slices.Concat(oursHead, []string{mid}, tail)...)
		theirs := text(slices.Concat(head, []string{mid}, theirsTail)...)
		want := text(slices.Concat(oursHead, []string{mid}, theirsTail)...)
		if got, c := Merge(base, ours, theirs); got != want || c {
			t.Fatalf("Merge(%q, %q, %q) = %q, %v; want %q", base, ours, theirs, got, c, want)
		}
	}
}
