package pageinfo_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// TestSaveReportsCategoryPages: a category page lists its members, so a
// save that adds a page to a category or takes it out reports that
// category page as changed (the server purges it from CDNs); a save that
// keeps the categories does not. Deleting, undeleting and moving a member
// report its category pages.
func TestSaveReportsCategoryPages(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		_, s := newCache(t, st)
		var mu sync.Mutex
		var got [][]string
		s.OnChange = func(titles []string) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, slices.Sorted(slices.Values(titles)))
		}
		last := func() []string {
			mu.Lock()
			defer mu.Unlock()
			return got[len(got)-1]
		}
		save(t, s, st, "Tabby", "A cat. [[Category:Cats]]")
		if want := []string{"Category:Cats"}; !slices.Equal(last(), want) && !slices.Equal(last(), append(want, "Tabby")) {
			t.Fatalf("creation reported %v, want Category:Cats among them", last())
		}
		save(t, s, st, "Tabby", "A cat. [[Category:Cats]] [[Category:Pets]]")
		if want := []string{"Category:Pets", "Tabby"}; !slices.Equal(last(), want) {
			t.Fatalf("joining Pets reported %v, want %v", last(), want)
		}
		save(t, s, st, "Tabby", "A striped cat. [[Category:Cats]] [[Category:Pets]]")
		if want := []string{"Tabby"}; !slices.Equal(last(), want) {
			t.Fatalf("an edit keeping the categories reported %v, want %v", last(), want)
		}
		save(t, s, st, "Tabby", "A striped cat. [[Category:Pets]]")
		if want := []string{"Category:Cats", "Tabby"}; !slices.Equal(last(), want) {
			t.Fatalf("leaving Cats reported %v, want %v", last(), want)
		}
		// Deleting, undeleting and moving a member change the lists too.
		reported := func() []string {
			mu.Lock()
			defer mu.Unlock()
			var all []string
			for _, ts := range got {
				all = append(all, ts...)
			}
			got = nil
			return all
		}
		reported()
		ctx := context.Background()
		if _, err := s.Delete(ctx, "Tabby", pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if all := reported(); !slices.Contains(all, "Category:Pets") {
			t.Fatalf("delete reported %v, want Category:Pets among them", all)
		}
		if _, err := s.Undelete(ctx, "Tabby", pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if all := reported(); !slices.Contains(all, "Category:Pets") {
			t.Fatalf("undelete reported %v, want Category:Pets among them", all)
		}
		if _, err := s.Move(ctx, "Tabby", "Tabby_cat", false, pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if all := reported(); !slices.Contains(all, "Category:Pets") {
			t.Fatalf("move reported %v, want Category:Pets among them", all)
		}
	})
}
