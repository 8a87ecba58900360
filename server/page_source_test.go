package server_test

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
)

// TestViewSource: a reader who may not edit gets a "View source" tab that
// leads to the page's Markdown in a read-only text area inside the skin —
// title, landmarks, tabs — escaped; a missing page is a 404.
func TestViewSource(t *testing.T) {
	srv := newServerWith(t, func(c *config.Config) { c.AnonymousEdit = false })
	put(t, srv, "Birds", "# Birds\n\nSparrows <b>and</b> ravens & owls.")
	anon := newClient(t, srv)
	view := mustStatus(t, anon.do("GET", "/wiki/Birds", nil), 200, "view")
	mustContain(t, view, `<a href="/-/source/Birds" accesskey="e" title="View the source of this page [alt-shift-e]">View source</a>`, "the View source tab")
	src := mustStatus(t, anon.do("GET", "/-/source/Birds", nil), 200, "source")
	for _, want := range []string{
		`<title>Source of &#34;Birds&#34;`, `<main`, `<h1`, `lang="`,
		`<textarea class="source" readonly`,
		"Sparrows &lt;b&gt;and&lt;/b&gt; ravens &amp; owls.",
		`href="/-/raw/Birds"`,
	} {
		mustContain(t, src, want, "source page")
	}
	if strings.Contains(src, "<b>and</b>") {
		t.Fatal("the source page renders the page's HTML unescaped")
	}
	mustStatus(t, anon.do("GET", "/-/source/No_such_page", nil), 404, "source of a missing page")
}
