package store_test

import (
	"testing"

	"github.com/foliowiki/folio/store"
)

func TestCountedTotal(t *testing.T) {
	const window, countCap = 10, 50
	for _, c := range []struct {
		n    int // matches counted, at most countCap+1
		want store.SearchTotal
	}{
		{0, store.SearchTotal{}},
		{3, store.SearchTotal{Count: 3, Ranked: 3}},
		{10, store.SearchTotal{Count: 10, Ranked: 10}},
		{11, store.SearchTotal{Count: 11, Ranked: 10}},
		{50, store.SearchTotal{Count: 50, Ranked: 10}},
		{51, store.SearchTotal{Count: 50, More: true, Ranked: 10}},
	} {
		if got := store.CountedTotal(c.n, window, countCap); got != c.want {
			t.Errorf("CountedTotal(%d) = %+v, want %+v", c.n, got, c.want)
		}
	}
}

func TestSearchBounds(t *testing.T) {
	old := store.SearchLimits
	t.Cleanup(func() { store.SearchLimits = old })
	if w, c := store.SearchBounds(); w != store.SearchWindow || c != store.SearchCountCap {
		t.Errorf("SearchBounds() = %d, %d; want the constants %d, %d", w, c, store.SearchWindow, store.SearchCountCap)
	}
	store.SearchLimits.Window, store.SearchLimits.CountCap = 20, 5
	if w, c := store.SearchBounds(); w != 20 || c != 20 {
		t.Errorf("SearchBounds() with a cap below the window = %d, %d; want 20, 20", w, c)
	}
	store.SearchLimits.Window = 0
	if w, _ := store.SearchBounds(); w != 1 {
		t.Errorf("SearchBounds() with window 0 = %d, want 1", w)
	}
}
