package pageinfo_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/foliowiki/folio/store"
)

// TestEditReportsRedirects: the view of a redirect shows its target, so an
// edit of the target reports the redirects to it as changed (CDNs purge
// them with it).
func TestEditReportsRedirects(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		_, s := newCache(t, st)
		save(t, s, st, "Target", "text")
		save(t, s, st, "Old_name", "#REDIRECT [[Target]]")
		var mu sync.Mutex
		var got []string
		s.OnChange = func(titles []string) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, titles...)
		}
		save(t, s, st, "Target", "new text")
		mu.Lock()
		defer mu.Unlock()
		if !slices.Contains(got, "Target") || !slices.Contains(got, "Old_name") {
			t.Fatalf("an edit of Target reported %q, want Target and its redirect Old_name", got)
		}
	})
}
