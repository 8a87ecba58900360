package storetest

import (
	"reflect"
	"testing"

	"github.com/foliowiki/folio/store"
)

// testFileLinks: a save records the files a page embeds, replacing the
// previous set; a delete removes them, an undelete restores its own, a
// move keeps them under the new title.
func testFileLinks(t *testing.T, s store.Store) {
	embedding := func(name string, limit int) []string {
		t.Helper()
		got, err := s.PagesEmbedding(ctx(t), name, limit)
		if err != nil {
			t.Fatalf("PagesEmbedding(%q): %v", name, err)
		}
		return got
	}
	want := func(name string, titles ...string) {
		t.Helper()
		if got := embedding(name, 10); len(got) != len(titles) || len(titles) > 0 && !reflect.DeepEqual(got, titles) {
			t.Fatalf("PagesEmbedding(%q) = %q, want %q", name, got, titles)
		}
	}
	b, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "B", Text: "b", Files: []string{"Cat.png", "Doc.pdf", "Cat.png"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "A", Text: "a", Files: []string{"Cat.png"}, Links: []string{"File:Dog.png"}}); err != nil {
		t.Fatal(err)
	}
	want("Cat.png", "A", "B")
	want("Doc.pdf", "B")
	if got, err := s.PageFiles(ctx(t), b.Page.ID); err != nil || !reflect.DeepEqual(got, []string{"Cat.png", "Doc.pdf"}) {
		t.Fatalf("PageFiles(B) = %q, %v; want [Cat.png Doc.pdf]", got, err)
	}
	want("Dog.png") // a link to the File page is no embed
	if got := embedding("Cat.png", 1); !reflect.DeepEqual(got, []string{"A"}) {
		t.Fatalf("PagesEmbedding limit 1 = %q", got)
	}
	if got := embedding("Cat.png", 0); len(got) != 0 {
		t.Fatalf("PagesEmbedding limit 0 = %q", got)
	}
	// A new revision replaces the set.
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "B", Text: "b2", BaseRevID: b.Revision.ID, Files: []string{"Doc.pdf"}}); err != nil {
		t.Fatal(err)
	}
	want("Cat.png", "A")
	want("Doc.pdf", "B")
	// Delete, undelete, move.
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "B", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	want("Doc.pdf")
	if _, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "B", UserName: "Admin", Files: []string{"Doc.pdf", "Cat.png"}}); err != nil {
		t.Fatal(err)
	}
	want("Cat.png", "A", "B")
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "A", To: "C", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	want("Cat.png", "B", "C")
}
