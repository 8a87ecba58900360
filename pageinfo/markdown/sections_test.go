package markdown

import (
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
	}{{1, 1, "One"}, {2, 2, "Two b"}, {3, 2, "Three"}}
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
