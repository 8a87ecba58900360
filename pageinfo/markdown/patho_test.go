package markdown

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
)

// pathological inputs that must render, or be refused as over the work
// budget (ErrTooComplex), in time linear-ish in their size. Tests check
// the structure of the output; BenchmarkPathological measures the time.
var pathological = []struct {
	name string
	src  string
}{
	{"nested-blockquotes-10k", strings.Repeat("> ", 10000) + "x\n"},
	{"nested-lists-10k", strings.Repeat("- ", 10000) + "x\n"},
	{"nested-ordered-lists-10k", strings.Repeat("1. ", 10000) + "x\n"},
	{"indented-lists-1k", indentedList(1000)},
	{"open-wikilinks-100k", strings.Repeat("[[", 100000)},
	{"open-wikilinks-words-100k", strings.Repeat("[[a ", 100000)},
	{"wikilinks-100k", strings.Repeat("[[a]]", 100000)},
	{"nested-wikilinks-100k", strings.Repeat("[[", 100000) + "a" + strings.Repeat("]]", 100000)},
	{"category-100k", strings.Repeat("[[Category:A]]", 100000)},
	{"brackets-100k", strings.Repeat("[", 100000) + strings.Repeat("]", 100000)},
	{"links-nested-10k", strings.Repeat("[", 10000) + "a" + strings.Repeat("](b)", 10000)},
	{"link-refs-10k", strings.Repeat("[a]", 50000) + "\n\n[a]: ./x.md\n"},
	{"emphasis-100k", strings.Repeat("*a ", 100000)},
	{"emphasis-open-100k", strings.Repeat("*", 100000) + "a"},
	{"emphasis-mixed-50k", strings.Repeat("*_", 50000) + "a" + strings.Repeat("_*", 50000)},
	{"emphasis-alternating-50k", strings.Repeat("**a*", 50000)},
	{"backticks-10k", backticks(10000)},
	{"html-open-100k", strings.Repeat("<a ", 100000)},
	{"autolinks-100k", strings.Repeat("www.a.b ", 100000)},
	{"headings-10k", strings.Repeat("# a\n", 10000)},
	{"table-1k-columns", table(1000, 10)},
	{"table-wikilinks-10k", "| a | b |\n|---|---|\n" + strings.Repeat("| [[a|b]] [[a\\|b]] | c |\n", 10000)},
	{"table-open-wikilinks-100k", "| a |\n|---|\n| " + strings.Repeat("[[|", 100000) + " |\n"},
	{"table-nested-wikilinks-50k", "| a |\n|---|\n| " + strings.Repeat("[[", 50000) + "a|b" + strings.Repeat("]]", 50000) + " |\n"},
	{"table-backticks-wikilinks-10k", "| a |\n|---|\n| " + backticks(10000) + "[[a|b]] |\n"},
	{"table-backticks-escaped-10k", "| a |\n|---|\n| " + strings.Repeat("\\``x` [[a|b]] ", 10000) + "|\n"},
	{"footnotes-10k", strings.Repeat("[^a]", 10000) + "\n\n[^a]: x\n"},
	{"code-100k", "```go\n" + strings.Repeat("x := \"a\" // b\n", 10000) + "```\n"},
}

func indentedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

func backticks(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strings.Repeat("`", i%50+1) + "a")
	}
	return b.String()
}

func table(cols, rows int) string {
	row := "|" + strings.Repeat(" a |", cols) + "\n"
	return row + "|" + strings.Repeat("---|", cols) + "\n" + strings.Repeat(row, rows)
}

// TestPathological renders each pathological input and checks the shape
// of the output: element nesting stays within limits.MaxDepth (plus a few
// inline levels), the size within a fixed factor of the input (footnote
// references are the worst, ~42x: each 4-byte "[^a]" gets a <sup> and a
// back link). Time is measured by BenchmarkPathological, not here.
func TestPathological(t *testing.T) {
	t.Parallel() // seconds of CPU under -race: beside the package's other long tests
	for _, c := range pathological {
		t.Run(c.name, func(t *testing.T) {
			res, err := testRenderer.Render([]byte(c.src), DocContext{Title: "P"})
			if errors.Is(err, ErrTooComplex) {
				t.Log(err) // over the work budget: refused, in linear time
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if max := 50*len(c.src) + 1024; len(res.HTML) > max {
				t.Errorf("output %d bytes for %d bytes of input, want at most %d", len(res.HTML), len(c.src), max)
			}
			if d := nesting(res.HTML); d > limits.MaxDepth+4 {
				t.Errorf("elements nest %d deep, want at most %d", d, limits.MaxDepth+4)
			}
			if len(res.Links) > 1 {
				t.Errorf("links = %d, want at most 1", len(res.Links))
			}
		})
	}
}

// nesting returns the deepest element nesting in s, void elements aside.
func nesting(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			if name, _ := z.TagName(); voidElements[string(name)] {
				continue
			}
			depth++
			deepest = max(deepest, depth)
		case html.EndTagToken:
			depth--
		}
	}
}

var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "wbr": true}

func BenchmarkPathological(b *testing.B) {
	for _, c := range pathological {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(c.src)
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := testRenderer.Render(src, DocContext{Title: "P"}); err != nil && !errors.Is(err, ErrTooComplex) {
					b.Fatal(err)
				}
			}
		})
	}
}
