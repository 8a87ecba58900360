package storetest

import (
	"reflect"
	"testing"

	"github.com/foliowiki/folio/store"
)

func testLinks(t *testing.T, s store.Store) {
	a, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "A", Text: "a", Links: []string{"B", "C", "B", "Missing"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveRevision(ctx(t), store.SaveRequest{Title: "Z", Text: "z", Links: []string{"B"}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.OutgoingLinks(ctx(t), a.Page.ID)
	if err != nil || !reflect.DeepEqual(out, []string{"B", "C", "Missing"}) {
		t.Fatalf("OutgoingLinks = %v, %v; want [B C Missing] (deduped, sorted)", out, err)
	}
	back, err := s.Backlinks(ctx(t), "B", "", 10)
	if err != nil || !reflect.DeepEqual(back, []string{"A", "Z"}) {
		t.Fatalf("Backlinks(B) = %v, %v; want [A Z]", back, err)
	}
	back, err = s.Backlinks(ctx(t), "B", "B", 10)
	if err != nil || !reflect.DeepEqual(back, []string{"Z"}) {
		t.Fatalf("Backlinks(B from B) = %v, %v; want [Z]", back, err)
	}
	// A new revision replaces the link set.
	_, err = s.SaveRevision(ctx(t), store.SaveRequest{Title: "A", Text: "a2", BaseRevID: a.Revision.ID, Links: []string{"C"}})
	if err != nil {
		t.Fatal(err)
	}
	out, _ = s.OutgoingLinks(ctx(t), a.Page.ID)
	if !reflect.DeepEqual(out, []string{"C"}) {
		t.Fatalf("OutgoingLinks after edit = %v, want [C]", out)
	}
	back, _ = s.Backlinks(ctx(t), "B", "", 10)
	if !reflect.DeepEqual(back, []string{"Z"}) {
		t.Fatalf("Backlinks(B) after edit = %v, want [Z]", back)
	}
	exist, err := s.PagesExist(ctx(t), []string{"A", "B", "Z"})
	if err != nil || !reflect.DeepEqual(exist, map[string]bool{"A": true, "B": false, "Z": true}) {
		t.Fatalf("PagesExist = %v, %v", exist, err)
	}
}

func testCategories(t *testing.T, s store.Store) {
	a, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Cat_a", Text: "a", Categories: []string{"Foo", "Bar", "Foo"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Cat_b", Text: "b", Categories: []string{"Foo"}}); err != nil {
		t.Fatal(err)
	}
	cats, err := s.PageCategories(ctx(t), a.Page.ID)
	if err != nil || !reflect.DeepEqual(cats, []string{"Bar", "Foo"}) {
		t.Fatalf("PageCategories = %v, %v", cats, err)
	}
	members, err := s.CategoryMembers(ctx(t), "Foo", "", 10)
	if err != nil || !reflect.DeepEqual(members, []string{"Cat_a", "Cat_b"}) {
		t.Fatalf("CategoryMembers(Foo) = %v, %v", members, err)
	}
	members, _ = s.CategoryMembers(ctx(t), "Foo", "", 1)
	if !reflect.DeepEqual(members, []string{"Cat_a"}) {
		t.Fatalf("CategoryMembers limit 1 = %v", members)
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Cat_a", Text: "a2", BaseRevID: a.Revision.ID}); err != nil {
		t.Fatal(err)
	}
	members, _ = s.CategoryMembers(ctx(t), "Foo", "", 10)
	if !reflect.DeepEqual(members, []string{"Cat_b"}) {
		t.Fatalf("CategoryMembers after edit = %v, want [Cat_b]", members)
	}
}

func testRecent(t *testing.T, s store.Store) {
	a, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "R", Text: "abc", UserName: "Alice", Summary: "new"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "R", Text: "abcdef", BaseRevID: a.Revision.ID, UserName: "Bob", Minor: true})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Recent(ctx(t), store.RecentQuery{Limit: 10})
	if err != nil || len(all) != 2 {
		t.Fatalf("Recent = %v, %v; want 2 rows", all, err)
	}
	newest, oldest := all[0], all[1]
	if newest.RevID != b.Revision.ID || newest.OldRevID != a.Revision.ID || newest.New || !newest.Minor ||
		newest.OldSize != 3 || newest.NewSize != 6 || newest.UserName != "Bob" || newest.Title != "R" {
		t.Errorf("newest change = %+v", newest)
	}
	if oldest.RevID != a.Revision.ID || !oldest.New || oldest.Summary != "new" || oldest.OldSize != 0 || oldest.NewSize != 3 {
		t.Errorf("oldest change = %+v", oldest)
	}
	checks := []struct {
		q    store.RecentQuery
		want []int64
	}{
		{store.RecentQuery{Limit: 10, HideMinor: true}, []int64{a.Revision.ID}},
		{store.RecentQuery{Limit: 10, UserName: "Bob"}, []int64{b.Revision.ID}},
		{store.RecentQuery{Limit: 10, Before: newest.ID}, []int64{a.Revision.ID}},
		{store.RecentQuery{Limit: 1}, []int64{b.Revision.ID}},
	}
	for _, c := range checks {
		got, err := s.Recent(ctx(t), c.q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, ch := range got {
			ids = append(ids, ch.RevID)
		}
		if !reflect.DeepEqual(ids, c.want) {
			t.Errorf("Recent(%+v) revs = %v, want %v", c.q, ids, c.want)
		}
	}
}

func testListAndCount(t *testing.T, s store.Store) {
	for _, title := range []string{"Charlie", "Alpha", "Bravo", "Delta"} {
		save(t, s, title, title, 0)
	}
	n, err := s.CountPages(ctx(t))
	if err != nil || n != 4 {
		t.Fatalf("CountPages = %d, %v", n, err)
	}
	ps, err := s.ListPages(ctx(t), "B", 2)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range ps {
		titles = append(titles, p.Title)
	}
	if !reflect.DeepEqual(titles, []string{"Bravo", "Charlie"}) {
		t.Fatalf("ListPages(B, 2) = %v", titles)
	}
}

func testRecentNamespace(t *testing.T, s store.Store) {
	save(t, s, "User:Alice", "me", 0)
	save(t, s, "Userland", "not a user page", 0)
	save(t, s, "Category:Birds", "birds", 0)
	for ns, want := range map[string][]string{"User": {"User:Alice"}, "Category": {"Category:Birds"}, "": {"Category:Birds", "Userland", "User:Alice"}} {
		got, err := s.Recent(ctx(t), store.RecentQuery{Limit: 10, Namespace: ns})
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, c := range got {
			titles = append(titles, c.Title)
		}
		if !reflect.DeepEqual(titles, want) {
			t.Errorf("Recent(namespace %q) = %v, want %v", ns, titles, want)
		}
	}
}
