package markdown

import (
	"strconv"
	"strings"
	"testing"
)

func TestRenderSections(t *testing.T) {
	src := "---\ntitle: x\n---\nIntro\n\n# One\n\n> ## Quoted\n\n## Two *b*\n\n```\n# code\n```\n\n<h2 id=\"three\">raw</h2>\n\n## Three\n"
	res, err := testRenderer.Render([]byte(src), DocContext{Title: "T"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		n     int
		level int
		text  string
	}{{1, 2, "One"}, {2, 2, "Two b"}, {3, 2, "Three"}} // "# One" renders as h2: the skin's title is the page's one h1
	if len(res.Sections) != len(want) {
		t.Fatalf("Sections = %+v, want %d", res.Sections, len(want))
	}
	for i, w := range want {
		m := res.Sections[i]
		if m.N != w.n || m.Level != w.level || m.Text != w.text {
			t.Errorf("section %d = %+v, want %+v", i, m, w)
		}
		el := res.HTML[m.Start:m.End]
		if !strings.HasPrefix(el, "<h") || !strings.HasSuffix(el, "</h"+string(rune('0'+w.level))+">") || !strings.Contains(el, `id="`+m.Anchor+`"`) {
			t.Errorf("section %d marks %q in the HTML", m.N, el)
		}
	}
	// The numbers are those of the splitter with the renderer's parser.
	d := testRenderer.Sections(src, "T")
	if d.Len() != 3 || d.Headings[1].Text != "Two b" {
		t.Errorf("Sections = %+v", d.Headings)
	}
	if got, _, _ := d.Get(3); got != "## Three\n" {
		t.Errorf("section 3 = %q", got)
	}
}

// FuzzSections: with the renderer's parser (front matter, footnotes,
// tables …) the sections are in order and within the source, replacing
// one by its own text changes nothing, and every edit link the render
// marks is a heading element of a section that exists, with its level.
func FuzzSections(f *testing.F) {
	for _, s := range []string{"# a\n## b\n# c", "---\ntitle: x\n---\n# h\n", "[^1]\n\n[^1]: # x\n\n# y", "| a |\n|---|\n| # b |\n\n## c", "a\n===\n<h1 id=\"a\">x</h1>\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d := testRenderer.Sections(src, "T")
		last := -1
		for _, h := range d.Headings {
			if h.Start <= last || h.Start > len(src) {
				t.Fatalf("heading %+v after %d in %q", h, last, src)
			}
			last = h.Start
		}
		for n := 0; n <= d.Len(); n++ {
			text, _, _ := d.Get(n)
			if out, ok := d.Replace(n, text); !ok || out != src {
				t.Fatalf("Replace(%d, Get(%d)) = %q, want %q", n, n, out, src)
			}
		}
		res, err := testRenderer.Render([]byte(src), DocContext{Title: "T"})
		if err != nil {
			return
		}
		end := 0
		for _, m := range res.Sections {
			if m.N < 1 || m.N > d.Len() || m.Start < end || m.End > len(res.HTML) || d.Headings[m.N-1].Level != m.Level {
				t.Fatalf("mark %+v of %d sections in %q", m, d.Len(), res.HTML)
			}
			if el := res.HTML[m.Start:m.End]; !strings.HasPrefix(el, "<h"+strconv.Itoa(m.Level)) || !strings.HasSuffix(el, "</h"+strconv.Itoa(m.Level)+">") {
				t.Fatalf("mark %+v covers %q", m, el)
			}
			end = m.End
		}
	})
}
