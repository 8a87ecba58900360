package storetest

import (
	"strings"
	"testing"

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
	if total != 3 || len(hits) != 3 {
		t.Fatalf("search tomatoes: total %d, %d hits %v; want 3", total, len(hits), hits)
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
	if err != nil || total != 3 || len(page) != 1 || page[0].Title != hits[1].Title {
		t.Fatalf("search page 2 = %v (total %d), %v; want [%s]", page, total, err, hits[1].Title)
	}
	// All words must match.
	hits, total, _ = s.SearchPages(ctx(t), "tomatoes garlic", 0, 10)
	if total != 1 || len(hits) != 1 || hits[0].Title != "Cooking" {
		t.Fatalf("search two words = %v (total %d), want [Cooking]", hits, total)
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
