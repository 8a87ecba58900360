package diff

import (
	"os"
	"strings"
	"testing"
)

const benchPage = "../../testdata/corpus/rustc-dev-guide/pages/building/suggested.md"

// benchTexts returns a ~20 KB page and a copy with a few typical edits.
func benchTexts(b *testing.B) (string, string) {
	data, err := os.ReadFile(benchPage)
	if err != nil {
		b.Fatal(err)
	}
	a := string(data)
	lines := splitLines(a)
	n := len(lines)
	lines[n/5] = strings.Replace(lines[n/5], "the", "a", 1)
	lines[n/2] = "A brand new paragraph, inserted by an editor.\n\n" + lines[n/2]
	lines = append(lines[:3*n/4], lines[3*n/4+3:]...)
	lines[n-10] = strings.ToUpper(lines[n-10])
	return a, strings.Join(lines, "")
}

func BenchmarkLines(b *testing.B) {
	x, y := benchTexts(b)
	b.SetBytes(int64(len(x) + len(y)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(x, y)
	}
}

func BenchmarkHTML(b *testing.B) {
	x, y := benchTexts(b)
	b.ReportAllocs()
	for b.Loop() {
		HTML(Hunks(Lines(x, y), 3))
	}
}

// BenchmarkLinesWorstCase diffs two unrelated 2 MiB texts built from a few
// distinct lines: the budget, not the input, bounds the time.
func BenchmarkLinesWorstCase(b *testing.B) {
	x, y := worstCase(2 << 20)
	b.SetBytes(int64(len(x) + len(y)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(x, y)
	}
}

// BenchmarkLinesLargePage diffs a 2 MiB page against a copy with a few
// edits: the common case for big pages.
func BenchmarkLinesLargePage(b *testing.B) {
	x, y := benchTexts(b)
	x, y = strings.Repeat(x, 100), strings.Repeat(x, 50)+y+strings.Repeat(x, 49)
	b.SetBytes(int64(len(x) + len(y)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(x, y)
	}
}

// BenchmarkLinesLongLine diffs a 1 MiB single-line page (say, a minified
// table) against a copy with a few words changed.
func BenchmarkLinesLongLine(b *testing.B) {
	x := strings.Repeat("lorem ipsum dolor sit amet, ", 1<<15)
	y := strings.Replace(x, "dolor", "DOLOR", 3)
	y = y[:len(y)/2] + "inserted words " + y[len(y)/2:]
	b.SetBytes(int64(len(x) + len(y)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(x, y)
	}
}

// BenchmarkLinesLongLineRewrite diffs a 1 MiB line against a copy with
// every fifth word changed, which exhausts the word budget.
func BenchmarkLinesLongLineRewrite(b *testing.B) {
	words := strings.Fields(strings.Repeat("lorem ipsum dolor sit amet ", 1<<15))
	x := strings.Join(words, " ")
	for i := 0; i < len(words); i += 5 {
		words[i] = "changed"
	}
	y := strings.Join(words, " ")
	b.SetBytes(int64(len(x) + len(y)))
	b.ReportAllocs()
	for b.Loop() {
		Lines(x, y)
	}
}
