package pageinfo_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// TestSaveReportsFilePages: a File page lists the pages embedding its
// file, so a save that adds or removes an embed reports that File page as
// changed (the server purges it from CDNs); a save that keeps the embeds
// does not. Deleting, undeleting and moving an embedding page report its
// files' pages.
func TestSaveReportsFilePages(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		_, s := newCache(t, st)
		var mu sync.Mutex
		var got [][]string
		s.OnChange = func(titles []string) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, slices.Sorted(slices.Values(titles)))
		}
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
		save(t, s, st, "Zoo", "[[File:Cat.png]]")
		if all := reported(); !slices.Contains(all, "File:Cat.png") {
			t.Fatalf("creation reported %v, want File:Cat.png among them", all)
		}
		save(t, s, st, "Zoo", "[[File:Cat.png]] [[File:Dog.png|thumb|A dog]] [[File:Dog.png]]")
		if all, want := reported(), []string{"File:Dog.png", "Zoo"}; !slices.Equal(all, want) {
			t.Fatalf("adding an embed reported %v, want %v", all, want)
		}
		save(t, s, st, "Zoo", "Animals: [[File:Dog.png]] [[File:Cat.png|50px]] [[:File:Bird.png]]")
		if all, want := reported(), []string{"Zoo"}; !slices.Equal(all, want) {
			t.Fatalf("an edit keeping the embeds reported %v, want %v", all, want)
		}
		save(t, s, st, "Zoo", "[[File:Dog.png]]")
		if all, want := reported(), []string{"File:Cat.png", "Zoo"}; !slices.Equal(all, want) {
			t.Fatalf("removing an embed reported %v, want %v", all, want)
		}
		ctx := context.Background()
		if _, err := s.Delete(ctx, "Zoo", pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if all := reported(); !slices.Contains(all, "File:Dog.png") {
			t.Fatalf("delete reported %v, want File:Dog.png among them", all)
		}
		if _, err := s.Undelete(ctx, "Zoo", pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if all := reported(); !slices.Contains(all, "File:Dog.png") {
			t.Fatalf("undelete reported %v, want File:Dog.png among them", all)
		}
		if _, err := s.Move(ctx, "Zoo", "Menagerie", false, pageinfo.Action{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		if all := reported(); !slices.Contains(all, "File:Dog.png") {
			t.Fatalf("move reported %v, want File:Dog.png among them", all)
		}
	})
}
