package markdown

import (
	"strings"
	"testing"
)

// The skin's title is a page's one h1: a level-1 heading of the text, ATX
// or setext, renders as h2 and keeps its id, its TOC level (1) and its
// place among the headings; deeper headings keep their levels.
func TestLevelOneHeadingsAreDemoted(t *testing.T) {
	res := render(t, "# Guide\n\nIntro.\n\n## Install\n\nOther top\n=========\n\n### Deep\n")
	if strings.Contains(res.HTML, "<h1") {
		t.Errorf("an h1 in the body:\n%s", res.HTML)
	}
	for _, want := range []string{`<h2 id="guide">Guide</h2>`, `<h2 id="install">Install</h2>`, `<h2 id="other-top">Other top</h2>`, `<h3 id="deep">Deep</h3>`} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
	var got []string
	for _, h := range res.TOC {
		got = append(got, strings.Repeat("#", h.Level)+" "+h.Anchor)
	}
	if want := "# guide|## install|# other-top|### deep"; strings.Join(got, "|") != want {
		t.Errorf("TOC = %q, want %q", strings.Join(got, "|"), want)
	}
}
