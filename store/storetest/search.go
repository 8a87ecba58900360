package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

func testSearch(t *testing.T, s store.Store) {
	save(t, s, "Gardening", "How to grow tomatoes in a small garden.", 0)
	save(t, s, "Tomatoes", "A red fruit.", 0)
	cook := save(t, s, "Cooking", "Sauce needs tomatoes, garlic and basil. Tomatoes again.", 0)
	save(t, s, "Unrelated", "Nothing to see here.", 0)

	hits, total, err := s.SearchPages(ctx(t), "tomatoes", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total != exact(3) || len(hits) != 3 {
		t.Fatalf("search tomatoes: total %+v, %d hits %v; want 3", total, len(hits), hits)
	}
	if hits[0].Title != "Tomatoes" {
		t.Errorf("best hit = %q, want the title match Tomatoes first", hits[0].Title)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Rank > hits[i-1].Rank {
			t.Errorf("hits not ordered best first: %v", hits)
		}
	}
	for _, h := range hits {
		if h.Title != "Tomatoes" && !strings.Contains(strings.ToLower(h.Snippet), "tomatoes") {
			t.Errorf("snippet of %s = %q, want it to show the term", h.Title, h.Snippet)
		}
	}
	page, total, err := s.SearchPages(ctx(t), "tomatoes", 1, 1)
	if err != nil || total != exact(3) || len(page) != 1 || page[0].Title != hits[1].Title {
		t.Fatalf("search page 2 = %v (total %+v), %v; want [%s]", page, total, err, hits[1].Title)
	}
	// All words must match.
	hits, total, _ = s.SearchPages(ctx(t), "tomatoes garlic", 0, 10)
	if total != exact(1) || len(hits) != 1 || hits[0].Title != "Cooking" {
		t.Fatalf("search two words = %v (total %+v), want [Cooking]", hits, total)
	}
	// A new revision replaces the indexed text.
	save(t, s, "Cooking", "Now only about basil.", cook.Revision.ID)
	hits, _, _ = s.SearchPages(ctx(t), "garlic", 0, 10)
	if len(hits) != 0 {
		t.Fatalf("search garlic after edit = %v, want none", hits)
	}
	// Words of a title match, with underscores as spaces.
	save(t, s, "Quantum_Physics", "text", 0)
	hits, _, _ = s.SearchPages(ctx(t), "quantum", 0, 10)
	if len(hits) != 1 || hits[0].Title != "Quantum_Physics" {
		t.Fatalf("search title word = %v", hits)
	}
}

func testSearchHostile(t *testing.T, s store.Store) {
	save(t, s, "Page", "plain words here", 0)
	for _, q := range []string{"", "   ", `"`, `*`, `words AND (`, `NEAR(a b)`, `title:x`, `'; DROP TABLE page; --`, `-words`, `!!!`, `a"b`} {
		if _, _, err := s.SearchPages(ctx(t), q, 0, 10); err != nil {
			t.Errorf("SearchPages(%q): %v, want no error", q, err)
		}
	}
	hits, _, err := s.SearchPages(ctx(t), `words"`, 0, 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf(`SearchPages("words\"") = %v, %v; want the page`, hits, err)
	}
}

func testUnicode(t *testing.T, s store.Store) {
	text := "Ünïcödé — 日本語 😀 \u00e9"
	res := save(t, s, "Café", text, 0)
	r, err := s.RevisionByID(ctx(t), res.Revision.ID)
	if err != nil || r.Text != text || r.Size != len(text) || r.Title != "Café" {
		t.Fatalf("round trip = %+v, %v", r, err)
	}
	hits, _, err := s.SearchPages(ctx(t), "日本語", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 {
		t.Errorf("search CJK word = %v, want Café", hits)
	}
}

// loremSentence is dense lorem ipsum: the word "lorem" once every 57 bytes.
const loremSentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "

// manyMatches is one word 20,000 times.
func manyMatches() string { return strings.Repeat("lorem ", 20000) }

// bigLorem is about 1.8 MB of lorem ipsum: "lorem" some 31,000 times.
func bigLorem() string { return strings.Repeat(loremSentence, 1_800_000/len(loremSentence)) }

// saveBigSearchPages saves the two shapes of page whose search used to cost
// time quadratic in the matches inside one hit: one page with a word 20,000
// times ("Lorem_Many") and five 1.8 MB pages of lorem ipsum ("Lorem_Big_1" …
// "Lorem_Big_5").
func saveBigSearchPages(tb testing.TB, s store.Store) {
	tb.Helper()
	save(tb, s, "Lorem_Many", manyMatches(), 0)
	saveFiveBig(tb, s)
}

// saveFiveBig saves five 1.8 MB pages of lorem ipsum, Lorem_Big_1 … 5.
func saveFiveBig(tb testing.TB, s store.Store) {
	tb.Helper()
	big := bigLorem()
	for i := range 5 {
		save(tb, s, fmt.Sprintf("Lorem_Big_%d", i+1), big, 0)
	}
}

// BenchOpener returns a fresh, empty, migrated store for one benchmark. The
// benchmark closes it.
type BenchOpener func(b *testing.B) store.Store

// BenchmarkSearchManyMatches measures searches whose hits hold the query's
// word tens of thousands of times (run with -benchmem):
//
//   - OnePage20000: one page with "lorem" 20,000 times, q=lorem&limit=20;
//   - FiveBigPages: five 1.8 MB pages of lorem ipsum, q=lorem&limit=1;
//   - FiveBigPagesLimit20: the same, q=lorem&limit=20 (five snippets).
//
// All must stay well under 200 ms an operation on every backend.
func BenchmarkSearchManyMatches(b *testing.B, open BenchOpener) {
	cases := []struct {
		name   string
		fill   func(tb testing.TB, s store.Store)
		limit  int
		total  int
		search string
	}{
		{"OnePage20000", func(tb testing.TB, s store.Store) { save(tb, s, "Lorem_Many", manyMatches(), 0) }, 20, 1, "lorem"},
		{"FiveBigPages", saveFiveBig, 1, 5, "lorem"},
		{"FiveBigPagesLimit20", saveFiveBig, 20, 5, "lorem"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s := open(b)
			defer s.Close()
			c.fill(b, s)
			ctx := context.Background() // no deadline: the "before" figures ran for a minute
			b.ReportAllocs()
			for b.Loop() {
				hits, total, err := s.SearchPages(ctx, c.search, 0, c.limit)
				if err != nil || total != exact(c.total) || len(hits) != min(c.limit, c.total) {
					b.Fatalf("search %q limit %d = %d hits, total %+v, %v; want total %d", c.search, c.limit, len(hits), total, err, c.total)
				}
			}
		})
	}
}

// testSearchManyMatches searches pages that hold the query's word tens of
// thousands of times: the results are complete and every snippet is short.
func testSearchManyMatches(t *testing.T, s store.Store) {
	saveBigSearchPages(t, s)
	for _, limit := range []int{1, 20} {
		hits, total, err := s.SearchPages(ctx(t), "lorem", 0, limit)
		if err != nil || total != exact(6) || len(hits) != min(limit, 6) {
			t.Fatalf("search lorem limit %d = %d hits, total %+v, %v; want total 6", limit, len(hits), total, err)
		}
		for _, h := range hits {
			if !strings.Contains(strings.ToLower(h.Snippet), "lorem") || len(h.Snippet) > snippetMax {
				t.Errorf("snippet of %s = %q (%d bytes), want the term in at most %d bytes", h.Title, h.Snippet, len(h.Snippet), snippetMax)
			}
		}
	}
	hits, total, err := s.SearchPages(ctx(t), "lorem ipsum", 0, 20)
	if err != nil || total != exact(5) || len(hits) != 5 {
		t.Fatalf("search lorem ipsum = %d hits, total %+v, %v; want the five big pages", len(hits), total, err)
	}
}

// snippetMax bounds a snippet's length in the tests: store.SnippetMaxBytes
// and an ellipsis at either end.
const snippetMax = 300

// testSearchSnippetWindow pins that a snippet is made from a bounded window
// of the text, not from the whole of it: a match past that window is not
// looked for (the snippet is the text's opening), so a hit's cost does not
// grow with the size of its page or the number of its matches.
func testSearchSnippetWindow(t *testing.T, s store.Store) {
	const opening = "Opening words of the page."
	filler := strings.Repeat("filler text without the term. ", 1_000_000/30)
	save(t, s, "Far", opening+" "+filler+" needle in a haystack", 0)
	save(t, s, "Near", opening+" "+filler[:1000]+" the needle is here, "+filler[:1000], 0)
	hits, total, err := s.SearchPages(ctx(t), "needle", 0, 10)
	if err != nil || total != exact(2) || len(hits) != 2 {
		t.Fatalf("search needle = %v (total %+v), %v; want Far and Near", hits, total, err)
	}
	for _, h := range hits {
		if len(h.Snippet) > snippetMax {
			t.Errorf("snippet of %s is %d bytes, want at most %d", h.Title, len(h.Snippet), snippetMax)
		}
		switch h.Title {
		case "Near":
			if !strings.Contains(h.Snippet, "the needle is here") || !strings.HasPrefix(h.Snippet, "…") || !strings.HasSuffix(h.Snippet, "…") {
				t.Errorf("snippet of Near = %q, want the words around the match, cut at both ends (…)", h.Snippet)
			}
		case "Far":
			if !strings.HasPrefix(h.Snippet, opening) || strings.Contains(h.Snippet, "needle") || !strings.HasSuffix(h.Snippet, "…") {
				t.Errorf("snippet of Far = %q, want the opening of the text: its only match lies 1 MB in, past the window a snippet is looked for in", h.Snippet)
			}
		}
	}
}

// testSearchCancelled pins that a search stops with the context: cancelled
// or past its deadline before the call, or cancelled while it runs, it
// returns an error that is context.Canceled or context.DeadlineExceeded,
// never a partial result with a nil error.
func testSearchCancelled(t *testing.T, s store.Store) {
	saveBigSearchPages(t, s)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if hits, _, err := s.SearchPages(cancelled, "lorem", 0, 20); !errors.Is(err, context.Canceled) || hits != nil {
		t.Errorf("search with a cancelled context = %d hits, %v; want context.Canceled", len(hits), err)
	}
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if hits, _, err := s.SearchPages(expired, "lorem", 0, 20); !errors.Is(err, context.DeadlineExceeded) || hits != nil {
		t.Errorf("search past its deadline = %d hits, %v; want context.DeadlineExceeded", len(hits), err)
	}
	// Cancelled at various points while it runs: the complete result, or
	// context.Canceled.
	for i := range 20 {
		c, cancel := context.WithCancel(context.Background())
		go func() {
			time.Sleep(time.Duration(i) * 500 * time.Microsecond)
			cancel()
		}()
		hits, total, err := s.SearchPages(c, "lorem", 0, 20)
		cancel()
		switch {
		case err == nil && (total != exact(6) || len(hits) != 6):
			t.Errorf("search cancelled after %d µs = %d hits, total %+v, nil error; want all 6 or context.Canceled", i*500, len(hits), total)
		case err != nil && !errors.Is(err, context.Canceled):
			t.Errorf("search cancelled after %d µs: %v; want context.Canceled", i*500, err)
		}
	}
}
