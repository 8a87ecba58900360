package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/foliowiki/folio/store"
)

// exact is the total of a search that matches n pages, fewer than the
// window: counted and ranked exactly.
func exact(n int) store.SearchTotal { return store.SearchTotal{Count: n, Ranked: n} }

// shrinkSearch sets the search window and count cap (store.SearchLimits)
// for the rest of the test, so that a few hundred pages overflow them.
func shrinkSearch(t *testing.T, window, countCap int) {
	old := store.SearchLimits
	t.Cleanup(func() { store.SearchLimits = old })
	store.SearchLimits.Window, store.SearchLimits.CountCap = window, countCap
}

// searchAll pages through the hits of q, limit at a time, until a page comes
// back short, and checks that every page reports the same total.
func searchAll(t *testing.T, s store.Store, q string, limit int) ([]string, store.SearchTotal) {
	t.Helper()
	var titles []string
	var first store.SearchTotal
	for offset := 0; ; offset += limit {
		hits, total, err := s.SearchPages(ctx(t), q, offset, limit)
		if err != nil {
			t.Fatalf("search %q offset %d: %v", q, offset, err)
		}
		if offset == 0 {
			first = total
		} else if total != first {
			t.Errorf("search %q offset %d: total %+v, the first page said %+v", q, offset, total, first)
		}
		for _, h := range hits {
			titles = append(titles, h.Title)
		}
		if len(hits) < limit {
			return titles, first
		}
	}
}

// testSearchWindow pins the bounded search (store.SearchWindow): past the
// window only a window of the matches is ranked, the pages whose title
// holds the words always in it, however late they come in the index; past
// the count cap the total says "more than"; paging inside the window is
// stable; a rare word is still counted and ranked exactly.
func testSearchWindow(t *testing.T, s store.Store) {
	const window, countCap = 20, 50
	shrinkSearch(t, window, countCap)
	// 60 pages hold "common" in their text, every other one "half", three
	// "rareword"; then three pages hold "common" in their title only: they
	// come last in the index, past the first window of text matches.
	for i := range 60 {
		text := "a common word"
		if i%2 == 0 {
			text += ", half of the time"
		}
		if i%20 == 7 {
			text += ", and a rareword"
		}
		save(t, s, fmt.Sprintf("Body_%02d", i), text, 0)
	}
	titled := []string{"Common_Title_1", "Common_Title_2", "Common_Title_3"}
	for _, title := range titled {
		save(t, s, title, "nothing else here", 0)
	}

	hits, total, err := s.SearchPages(ctx(t), "common", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.SearchTotal{Count: countCap, More: true, Ranked: window}); total != want {
		t.Errorf("search common: total %+v, want %+v (63 matches: more than the cap)", total, want)
	}
	if len(hits) != window {
		t.Fatalf("search common: %d hits, want the window's %d", len(hits), window)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.Title)
	}
	if first := slices.Sorted(slices.Values(got[:len(titled)])); !slices.Equal(first, titled) {
		t.Errorf("search common: first hits %v, want the title matches %v first", got[:len(titled)], titled)
	}
	if dup := duplicates(got); len(dup) > 0 {
		t.Errorf("search common: %v found twice in %v", dup, got)
	}

	// Paging inside the window finds the same hits in the same order, each
	// once, and nothing past the window.
	for _, limit := range []int{1, 7} {
		paged, ptotal := searchAll(t, s, "common", limit)
		if !slices.Equal(paged, got) || ptotal != total {
			t.Errorf("search common, %d at a time = %v (total %+v), want %v (total %+v)", limit, paged, ptotal, got, total)
		}
	}
	for _, offset := range []int{window, window + 1, 1000} {
		hits, ptotal, err := s.SearchPages(ctx(t), "common", offset, 10)
		if err != nil || len(hits) != 0 || ptotal != total {
			t.Errorf("search common offset %d = %v (total %+v), %v; want nothing past the window, total %+v", offset, hits, ptotal, err, total)
		}
	}

	// Between the window and the cap: counted exactly, ranked in the window.
	half, htotal := searchAll(t, s, "half", 6)
	if want := (store.SearchTotal{Count: 30, Ranked: window}); htotal != want || len(half) != window {
		t.Errorf("search half = %d hits, total %+v; want %d, total %+v", len(half), htotal, window, want)
	}
	if dup := duplicates(half); len(dup) > 0 {
		t.Errorf("search half: %v found twice", dup)
	}

	// A rare word: every match, counted exactly.
	rare, rtotal := searchAll(t, s, "rareword", 10)
	slices.Sort(rare)
	if want := []string{"Body_07", "Body_27", "Body_47"}; !slices.Equal(rare, want) || rtotal != exact(3) {
		t.Errorf("search rareword = %v (total %+v), want %v (total %+v)", rare, rtotal, want, exact(3))
	}

	// More title matches than the window: the window is title matches only.
	shrinkSearch(t, 2, countCap)
	hits, total, err = s.SearchPages(ctx(t), "common", 0, 10)
	if err != nil || len(hits) != 2 || total != (store.SearchTotal{Count: countCap, More: true, Ranked: 2}) {
		t.Fatalf("search common, window 2 = %v (total %+v), %v; want 2 title matches", hits, total, err)
	}
	for _, h := range hits {
		if !slices.Contains(titled, h.Title) {
			t.Errorf("search common, window 2: hit %s, want only title matches %v", h.Title, titled)
		}
	}
}

// duplicates returns the strings that occur more than once in list.
func duplicates(list []string) []string {
	seen := map[string]int{}
	var dup []string
	for _, s := range list {
		if seen[s]++; seen[s] == 2 {
			dup = append(dup, s)
		}
	}
	return dup
}
