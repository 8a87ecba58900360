package markdown

import (
	"os"
	"path/filepath"
	"testing"
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
