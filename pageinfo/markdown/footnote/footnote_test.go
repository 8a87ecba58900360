package footnote_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/foliowiki/folio/pageinfo/markdown/footnote"
)

func convert(t *testing.T, md goldmark.Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSameAsGoldmark renders the same HTML as goldmark's own extension.
func TestSameAsGoldmark(t *testing.T) {
	theirs := goldmark.New(goldmark.WithExtensions(extension.Footnote))
	ours := goldmark.New(goldmark.WithExtensions(footnote.New()))
	many := func(n int, order func(i int) int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "x[^%d] ", order(i))
		}
		b.WriteString("\n\n")
		for i := range n {
			fmt.Fprintf(&b, "[^%d]: note %d\n", i, i)
		}
		return b.String()
	}
	for _, src := range []string{
		"A claim[^1] and another[^note].\n\n[^1]: First note.\n[^note]: Second note.\n",
		"Twice[^a], thrice[^b][^b][^b], and again[^a].\n\n[^b]: B.\n[^a]: A.\n",
		"Unused notes vanish[^x].\n\n[^y]: never used\n[^x]: used\n[^z]: never\n",
		"Duplicate labels: the first wins[^d].\n\n[^d]: first\n[^d]: second\n",
		"Missing[^nope] stays text, ![^img] too.\n\n[^img]: an image note\n",
		"> quoted[^q]\n>\n> [^q]: a note in a quote\n\nafter[^r]\n\n[^r]: R\n",
		"- list[^l]\n\n[^l]: multi\n    paragraph\n\n    second para\n\n        code\n",
		"Case[^A] and [^a].\n\n[^a]: lower\n[^A]: upper\n",
		"[^empty]:\n\nref[^empty]\n",
		"Label [^ spaced ] and [^].\n\n[^ spaced ]: spaced\n",
		"no notes at all [^1]\n",
		many(50, func(i int) int { return i }),
		many(50, func(i int) int { return 49 - i }),
		many(60, func(i int) int { return (i * 7) % 60 }),
	} {
		if got, want := convert(t, ours, src), convert(t, theirs, src); got != want {
			t.Errorf("%q:\n got: %s\nwant: %s", src, got, want)
		}
	}
}

// TestManyFootnotes renders 50,000 notes in order (the insertion sort's
// worst case) and checks they are all there, numbered in order; with
// goldmark's extension this takes about 40 s (BenchmarkFootnotes in
// pageinfo/markdown measures the time).
func TestManyFootnotes(t *testing.T) {
	const n = 50000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "x[^%d]\n", i)
	}
	b.WriteString("\n")
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: n%d\n", i, i)
	}
	out := convert(t, goldmark.New(goldmark.WithExtensions(footnote.New())), b.String())
	if c := strings.Count(out, `role="doc-backlink"`); c != n {
		t.Fatalf("%d back links, want %d", c, n)
	}
	if i, j := strings.Index(out, `<li id="fn:1">`), strings.Index(out, `<li id="fn:50000">`); i < 0 || j < i {
		t.Fatal("notes missing or out of order")
	}
}
