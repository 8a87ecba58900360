package skin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown"
)

// sectionPage is the main page with sections rendered by the real renderer.
func sectionPage(t *testing.T) (src string, html string, marks []markdown.SectionMark) {
	t.Helper()
	src = "Intro\n\n## First & more\n\ntext\n\n> ## quoted\n\n### Sub\n\n## Last\n"
	res, err := markdown.New(markdown.Default, markdown.Options{}).Render([]byte(src), markdown.DocContext{Title: "Main_Page"})
	if err != nil {
		t.Fatal(err)
	}
	return src, res.HTML, res.Sections
}

// TestEditSectionLinks: a reader who may edit gets an edit link after each
// section's heading, numbered as ?section=N counts, on the specialized
// view as in the data; a reader who may not gets the HTML unchanged.
func TestEditSectionLinks(t *testing.T) {
	set := loadSet(t).WithSite(testSite())
	pi := mainPage()
	_, pi.HTML, pi.Sections = sectionPage(t)
	want := []string{
		`<div class="mw-heading mw-heading2"><h2 id="first--more">First &amp; more</h2><span class="mw-editsection"><a href="/-/edit/Main_Page?section=1" aria-label="Edit section: First &amp; more">edit</a></span></div>`,
		`<div class="mw-heading mw-heading3"><h3 id="sub">Sub</h3><span class="mw-editsection"><a href="/-/edit/Main_Page?section=2" aria-label="Edit section: Sub">edit</a></span></div>`,
		`<div class="mw-heading mw-heading2"><h2 id="last">Last</h2><span class="mw-editsection"><a href="/-/edit/Main_Page?section=3" aria-label="Edit section: Last">edit</a></span></div>`,
	}
	d := set.ViewData(pi, alice(), viewMeta("Main_Page"), testSite(), "")
	for _, w := range want {
		if !strings.Contains(d.HTMLBody, w) {
			t.Errorf("editor's html-body lacks\n%s\nin\n%s", w, d.HTMLBody)
		}
	}
	if strings.Count(d.HTMLBody, "mw-editsection") != 3 || strings.Contains(d.HTMLBody, `<h2 id="quoted">quoted</h2><span`) {
		t.Errorf("a heading in a block quote is no section: %s", d.HTMLBody)
	}
	for _, name := range []string{"desktop", "minimal"} {
		var b bytes.Buffer
		if err := set.View(pi, alice(), viewMeta("Main_Page"), name).Render(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want[2]) {
			t.Errorf("%s: the editor's view has no edit links", name)
		}
		b.Reset()
		if err := set.View(pi, anonymousUser(), viewMeta("Main_Page"), name).Render(&b); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "mw-editsection") || !strings.Contains(b.String(), pi.HTML) {
			t.Errorf("%s: a reader who may not edit sees edit links, or not the page's HTML", name)
		}
	}
	if a := set.ViewData(pi, blockedUser(), viewMeta("Main_Page"), testSite(), ""); a.HTMLBody != pi.HTML {
		t.Errorf("a blocked user's html-body was changed: %s", a.HTMLBody)
	}
	// Marks that do not fit the HTML (a PageInfo from elsewhere) change nothing.
	pi.Sections[1].Start = len(pi.HTML) + 5
	if d := set.ViewData(pi, alice(), viewMeta("Main_Page"), testSite(), ""); d.HTMLBody != pi.HTML {
		t.Errorf("bad marks changed the HTML: %s", d.HTMLBody)
	}
}
