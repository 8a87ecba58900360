package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
)

// benchPage is a rustc-dev-guide page of about 20 KB (20,560 bytes, with
// code blocks, relative links and lists).
const benchPage = "building/suggested.md"

func readBenchPage(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join(corpusDir(b, "rustc-dev-guide"), benchPage))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkRender20KB is a cache miss: parse, render, sanitize one page.
func BenchmarkRender20KB(b *testing.B) {
	src := readBenchPage(b)
	dc := DocContext{Title: "Building/suggested", Exists: func(string) bool { return true }, CanCreate: true}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := testRenderer.Render(src, dc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinks20KB is the parse-only pass that lists a page's links.
func BenchmarkLinks20KB(b *testing.B) {
	src := readBenchPage(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		testRenderer.Links(src, "Building/suggested")
	}
}

// footnotes returns a page of n footnotes: a paragraph referring to each
// of them in turn, then their definitions.
func footnotes(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Claim %d.[^%d]\n", i, i)
	}
	b.WriteString("\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[^%d]: Note %d.\n", i, i)
	}
	return b.String()
}

// BenchmarkFootnotes renders pages of 5,000 and 50,000 footnotes; the time
// per footnote must not grow with their number. 50,000 is over the default
// budget (limits.MaxFootnotes): "50000" measures how fast it is refused,
// "50000-unlimited" renders it with the budget lifted.
func BenchmarkFootnotes(b *testing.B) {
	cfg := Default
	cfg.Budget = limits.Budget{Nodes: 1 << 30, Footnotes: 1 << 30}
	unlimited := New(cfg, testOptions)
	for _, c := range []struct {
		name string
		n    int
		r    *Renderer
	}{{"5000", 5000, testRenderer}, {"50000", 50000, testRenderer}, {"50000-unlimited", 50000, unlimited}} {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(footnotes(c.n))
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				_, _ = c.r.Render(src, DocContext{Title: "P"})
			}
		})
	}
}
