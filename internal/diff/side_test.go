package diff

import (
	"strings"
	"testing"
)

func TestSideHTML(t *testing.T) {
	old := "one\n  two  words\nthree\ngone\n"
	new := "one\n  two  Words\nthree\nnew line\nadded\n"
	got := SideHTML(Hunks(Lines(old, new), 3))
	for _, want := range []string{
		`<table class="diff diff-side">`,
		`<td colspan="6">@@ -1,4 +1,5 @@</td>`,
		`<tr class="diff-context"><td class="diff-ln diff-ln-old">1</td><td class="diff-marker"> </td><td class="diff-text diff-old">one</td><td class="diff-ln diff-ln-new">1</td><td class="diff-marker"> </td><td class="diff-text diff-new">one</td></tr>`,
		`<td class="diff-text diff-old diff-deleted">  two  <del>words</del></td>`,
		`<td class="diff-text diff-new diff-added">  two  <ins>Words</ins></td>`,
		`<td class="diff-text diff-new diff-added">added</td>`,
		`<td class="diff-text diff-old diff-empty"></td>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("SideHTML lacks %s\n%s", want, got)
		}
	}
	// Every line of both sides appears once.
	if n := strings.Count(got, "diff-ln-old\">") + strings.Count(got, "diff-ln-new\">"); n != 4+5 {
		t.Errorf("%d numbered cells, want 9\n%s", n, got)
	}
	if got := SideHTML(nil); got != "<table class=\"diff diff-side\">\n</table>\n" {
		t.Errorf("no hunks: %q", got)
	}
}

func TestTruncate(t *testing.T) {
	var a, b strings.Builder
	for i := range 100 {
		a.WriteString("line " + strings.Repeat("x", i) + "\n")
		if i%10 == 0 {
			b.WriteString("changed\n")
		} else {
			b.WriteString("line " + strings.Repeat("x", i) + "\n")
		}
	}
	hunks := Hunks(Lines(a.String(), b.String()), 1)
	if got, cut := Truncate(hunks, 1000, 1<<20); cut || len(got) != len(hunks) {
		t.Fatalf("Truncate within limits cut: %v, %d hunks of %d", cut, len(got), len(hunks))
	}
	got, cut := Truncate(hunks, 7, 1<<20)
	n := 0
	for _, h := range got {
		n += len(h.Lines)
		if h.OldLines+h.NewLines == 0 {
			t.Errorf("empty hunk %+v", h)
		}
	}
	if !cut || n > 7 || n == 0 {
		t.Fatalf("Truncate(7 lines): cut %v, %d lines", cut, n)
	}
	if got, cut := Truncate(hunks, 1000, 10); !cut || len(got) != 1 || len(got[0].Lines) != 1 {
		t.Fatalf("Truncate(10 bytes): cut %v, %+v", cut, got)
	}
}
