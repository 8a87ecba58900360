package section_test

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/section"
)

const page = `Intro text.

# One

one

## One.a

one a

# Two

` + "```" + `
# not a heading (code)
` + "```" + `

- # not a heading (list)

> # not a heading (quote)

Three
-----

three
`

func TestGet(t *testing.T) {
	d := section.Parse(page)
	if d.Len() != 4 {
		t.Fatalf("Len = %d, want 4 (headings in code, lists and quotes do not count): %+v", d.Len(), d.Headings)
	}
	tests := []struct {
		n       int
		text    string
		heading string
	}{
		{0, "Intro text.\n\n", ""},
		{1, "# One\n\none\n\n## One.a\n\none a\n\n", "One"}, // holds its subsection
		{2, "## One.a\n\none a\n\n", "One.a"},
		{3, page[strings.Index(page, "# Two"):], "Two"}, // "Three" is a level 2 heading: part of it
		{4, "Three\n-----\n\nthree\n", "Three"},         // a setext heading
	}
	for _, tt := range tests {
		got, h, ok := d.Get(tt.n)
		if !ok || got != tt.text || h.Text != tt.heading {
			t.Errorf("Get(%d) = %q, %q, %v; want %q, %q", tt.n, got, h.Text, ok, tt.text, tt.heading)
		}
	}
	for _, n := range []int{-1, 5, 100} {
		if _, _, ok := d.Get(n); ok {
			t.Errorf("Get(%d) is ok; there is no such section", n)
		}
	}
}

func TestNoHeadings(t *testing.T) {
	d := section.Parse("just text\n")
	if got, _, ok := d.Get(0); !ok || got != "just text\n" {
		t.Errorf("Get(0) = %q, %v", got, ok)
	}
	if _, _, ok := d.Get(1); ok {
		t.Error("Get(1) of a page without headings is ok")
	}
}

func TestFrontMatterIsNotAHeading(t *testing.T) {
	// A thematic break pair around "title: x" is front matter for the
	// renderer; for plain CommonMark, "title: x\n---" is a setext heading.
	// Either way a "#" inside an HTML block is not one.
	d := section.Parse("<div>\n# not a heading\n</div>\n\n## Real\n")
	if d.Len() != 1 || d.Headings[0].Text != "Real" {
		t.Errorf("headings = %+v, want only Real", d.Headings)
	}
}

func TestReplace(t *testing.T) {
	d := section.Parse(page)
	tests := []struct {
		name string
		n    int
		text string
		want string
	}{
		{"same text", 2, "## One.a\n\none a\n\n", page},
		{"new body keeps the blank line", 2, "## One.a\n\nchanged", strings.Replace(page, "one a\n", "changed\n", 1)},
		{"CR-free text without final newline", 1, "# Uno", strings.Replace(page, "# One\n\none\n\n## One.a\n\none a\n\n", "# Uno\n\n", 1)},
		{"empty text removes the section", 2, "", strings.Replace(page, "## One.a\n\none a\n\n", "", 1)},
		{"last section", 4, "Three\n-----\n\nthird", strings.Replace(page, "three\n", "third\n", 1)},
		{"section 0", 0, "New intro.", strings.Replace(page, "Intro text.", "New intro.", 1)},
	}
	for _, tt := range tests {
		got, ok := d.Replace(tt.n, tt.text)
		if !ok || got != tt.want {
			t.Errorf("%s: Replace(%d) =\n%q\nwant\n%q", tt.name, tt.n, got, tt.want)
		}
	}
	if _, ok := d.Replace(5, "x"); ok {
		t.Error("Replace(5) is ok; there is no such section")
	}
}

func TestReplaceBeforeSetextHeading(t *testing.T) {
	// A paragraph right before "Two\n---" would turn it into a paragraph
	// line; the replacement keeps a blank line there.
	d := section.Parse("# One\n```\nx\n```\nTwo\n===\n")
	if d.Len() != 2 {
		t.Fatalf("headings = %+v", d.Headings)
	}
	got, _ := d.Replace(1, "# One\n\ntext\n")
	if got != "# One\n\ntext\n\nTwo\n===\n" {
		t.Errorf("got %q", got)
	}
	if d2 := section.Parse(got); d2.Len() != 2 {
		t.Errorf("the setext heading was lost: %q", got)
	}
}

func TestAppend(t *testing.T) {
	tests := []struct{ src, heading, body, want string }{
		{"Text.\n", "Question", "Why?", "Text.\n\n## Question\n\nWhy?\n"},
		{"Text.", "Q", "A\n\n", "Text.\n\n## Q\n\nA\n"},
		{"", "Q", "A", "## Q\n\nA\n"},
		{"Text.\n\n\n", "Two\nlines", "", "Text.\n\n## Two lines\n"},
		{"Text.\n", "", "Just a comment.", "Text.\n\nJust a comment.\n"},
	}
	for _, tt := range tests {
		if got := section.Append(tt.src, tt.heading, tt.body); got != tt.want {
			t.Errorf("Append(%q, %q, %q) = %q, want %q", tt.src, tt.heading, tt.body, got, tt.want)
		}
	}
	d := section.Parse(section.Append(page, "New", "body"))
	if _, h, ok := d.Get(d.Len()); !ok || h.Text != "New" || h.Level != 2 {
		t.Errorf("the appended section is not the last one: %+v", h)
	}
}
