package server

import (
	"testing"

	"github.com/foliowiki/folio/store"
)

// TestHighlight: a snippet's words are marked as search matches them —
// whatever their case and accents — and a Japanese term inside the run of
// characters it is written in.
func TestHighlight(t *testing.T) {
	for _, c := range []struct{ q, snippet, want string }{
		{"cafe", "Un Café crème & <b>", "Un <mark>Café</mark> crème &amp; &lt;b&gt;"},
		{"HAUSER strasse", "Die Häuser der Straße.", "Die <mark>Häuser</mark> der <mark>Straße</mark>."},
		{"文章", "これは日本語の文章です。", "これは日本語の<mark>文章</mark>です。"},
		{"محمد", "قال مُحَمَّد ذلك", "قال <mark>مُحَمَّد</mark> ذلك"},
		{"run", "running late", "running late"},
	} {
		if got := string(highlight(c.snippet, store.SearchTerms(c.q))); got != c.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", c.snippet, c.q, got, c.want)
		}
	}
}
