package store_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/foliowiki/folio/store"
)

func TestSnippet(t *testing.T) {
	filler := strings.Repeat("some filler words. ", 20) // 380 bytes
	long := strings.Repeat("w", 1000)
	cases := []struct {
		name, text, query, want string
	}{
		{"short text", "Bananas are yellow.", "yellow bananas", "Bananas are yellow."},
		{"white space", "  Bananas\n\nare\t yellow.\n", "yellow", "Bananas are yellow."},
		{"empty", "", "x", ""},
		{"no query", "Some text.", "", "Some text."},
		{"no match: the opening", "Opening words. " + filler, "nothing",
			"Opening words. " + strings.Repeat("some filler words. ", 11) + "some filler…"},
		{"match in the middle", filler + "The needle is here. " + filler, "needle",
			"…filler words. some filler words. some filler words. The needle is here. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler…"},
		{"case and accents", "Über die École.", "école", "Über die École."},
		{"non-ASCII upper case", filler + "DIE ÉCOLE", "école", "…filler words. some filler words. some filler words. DIE ÉCOLE"},
		{"CJK", "Ünïcödé — 日本語 😀", "日本語", "Ünïcödé — 日本語 😀"},
		// Matches the index finds: folded, and inside a run of Han and kana.
		{"accents folded", filler + "Un café crème. " + filler, "cafe creme",
			"…some filler words. some filler words. some filler words. Un café crème. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler…"},
		{"Arabic vowels folded", filler + "قرأ مُحَمَّد الكتاب", "محمد", "…filler words. some filler words. some filler words. قرأ مُحَمَّد الكتاب"},
		{"Arabic vowels in the query", filler + "قرأ محمد الكتاب", "مُحَمَّد", "…filler words. some filler words. some filler words. قرأ محمد الكتاب"},
		{"inside a Japanese run", filler + "これは日本語の文章です。" + filler, "文章",
			"…some filler words. some filler words. これは日本語の文章です。some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler…"},
		{"whole words only", filler + "dolorem ipsum. " + filler + "lorem.", "lorem", "…some filler words. some filler words. some filler words. lorem."},
		// "apple" alone early; "apple" and "pie" together later: the later
		// stretch shows both terms.
		{"most distinct terms", "apple " + filler + "apple pie " + filler, "pie apple",
			"…some filler words. some filler words. some filler words. apple pie some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words. some filler words.…"},
		// The snippet would start inside the long word: it starts after it.
		{"after a long word", "x " + long + " lorem", "lorem", "…lorem"},
		// The snippet would end inside the long word: it ends before it,
		// unless that word is all it shows.
		{"before a long word", "lorem " + long, "lorem", "lorem…"},
		{"a long word alone", long + " lorem", "absent", long[:store.SnippetMaxBytes] + "…"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := store.Snippet(c.text, store.SearchTerms(c.query))
			if got != c.want {
				t.Errorf("Snippet = %q\nwant      %q", got, c.want)
			}
		})
	}
}

// TestSnippetBounded pins the snippet's work: its result does not depend on
// the text past store.SnippetScanBytes (so a backend need read no more of a
// hit), it is at most store.SnippetMaxBytes long (plus the ellipses), and it
// allocates a bounded number of times however many matches the text holds
// (counted, not timed: the timing is BenchmarkSnippet's).
func TestSnippetBounded(t *testing.T) {
	lorem := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 1_800_000/57)
	many := strings.Repeat("lorem ", 20000)
	for _, c := range []struct {
		name, text, query string
	}{
		{"20000 matches", many, "lorem"},
		{"1.8 MB of lorem ipsum", lorem, "lorem"},
		{"two terms", lorem, "elit lorem"},
		// "many" only in the title: every "lorem" of the window is looked at.
		{"a term without a match", many, "lorem many"},
		{"no match", lorem, "absent"},
		{"a word as long as the text", strings.Repeat("a", 2<<20), "a"},
	} {
		t.Run(c.name, func(t *testing.T) {
			terms := store.SearchTerms(c.query)
			got := store.Snippet(c.text, terms)
			if n := len(got) - strings.Count(got, "…")*len("…"); n > store.SnippetMaxBytes || !utf8.ValidString(got) {
				t.Errorf("Snippet is %d bytes (valid UTF-8: %v), want at most %d: %q", n, utf8.ValidString(got), store.SnippetMaxBytes, got)
			}
			// The text past SnippetScanBytes, replaced by other words: the same snippet.
			other := c.text[:store.SnippetScanBytes] + strings.Repeat(" lorem elit absent", 1000)
			if alt := store.Snippet(other, terms); alt != got {
				t.Errorf("Snippet depends on the text past SnippetScanBytes:\n%q\n%q", got, alt)
			}
			// As many allocations as for the first 8 KB of the text: their
			// number does not grow with the matches.
			allocs := testing.AllocsPerRun(5, func() { store.Snippet(c.text, terms) })
			few := testing.AllocsPerRun(5, func() { store.Snippet(c.text[:8<<10], terms) })
			if allocs > few+1 || allocs > 30 {
				t.Errorf("Snippet allocates %v times, %v times for the first 8 KB; want a bounded number", allocs, few)
			}
		})
	}
}

// go test ./store -run '^$' -bench Snippet -benchmem
func BenchmarkSnippet(b *testing.B) {
	lorem := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 1_800_000/57)
	for _, c := range []struct{ name, query string }{
		{"FirstWord", "lorem"},
		{"AbsentTerm", "lorem absent"},
		{"NoMatch", "absent"},
	} {
		b.Run(c.name, func(b *testing.B) {
			terms := store.SearchTerms(c.query)
			b.ReportAllocs()
			for b.Loop() {
				store.Snippet(lorem, terms)
			}
		})
	}
}
