package server_test

import (
	"context"
	"image/color"
	"net/http"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
)

// TestFileUsage: a File page's "File usage" lists the pages embedding its
// file, sorted and escaped, and follows the saves that add or remove an
// embed and the delete of an embedding page.
func TestFileUsage(t *testing.T) {
	srv, _ := newServer(t)
	usageWalk(t, srv, srv)
}

// TestFileUsageAcrossNodes is the same walk on PostgreSQL with two nodes:
// A takes the edits, B serves the File page, whose usage changes when B
// hears of them.
func TestFileUsageAcrossNodes(t *testing.T) {
	a, b := twoNodes(t)
	usageWalk(t, a, b)
}

// usageWalk edits on a and reads the File page on b (the same server on
// one node), retrying reads for another node to hear of each change.
func usageWalk(t *testing.T, a, b *server.Server) {
	const none = "There are no pages that use this file."
	createUser(t, a, "Alice", "sysop")
	c := newClient(t, a)
	c.mustLogin("Alice")
	if rec := c.upload("dog.png", pngOf(t, 40, 20, color.Black), "name", "Dog.png", "description", "A dog."); rec.Code != http.StatusSeeOther {
		t.Fatalf("upload = %d\n%s", rec.Code, rec.Body.String())
	}
	page := waitBody(t, b, "/wiki/File:Dog.png", `<h2 id="filelinks">File usage</h2>`)
	if !strings.Contains(page, none) {
		t.Fatalf("a file nothing embeds: the File page does not say so\n%s", page)
	}

	saveAs(t, a, "Kennel", "Alice", "[[File:Dog.png|thumb|A dog]]", "")
	page = waitBody(t, b, "/wiki/File:Dog.png", `<a href="/wiki/Kennel">Kennel</a>`)
	if strings.Contains(page, none) || !strings.Contains(page, "The following page uses this file:") {
		t.Fatalf("one embedding page: the File page's usage is wrong\n%s", page)
	}

	// A link to the File page is no use; a second embed lists both, sorted,
	// titles escaped.
	saveAs(t, a, "Links", "Alice", "See [[:File:Dog.png]].", "")
	saveAs(t, a, `Cats_&_"Dogs"`, "Alice", "![[File:Dog.png]]\n\n[[File:Dog.png|50px]]", "")
	page = waitBody(t, b, "/wiki/File:Dog.png", "The following 2 pages use this file:")
	want := `<li><a href="/wiki/Cats_%26_%22Dogs%22">Cats &amp; &#34;Dogs&#34;</a></li><li><a href="/wiki/Kennel">Kennel</a></li></ul>`
	if !strings.Contains(page, want) || strings.Contains(page, `href="/wiki/Links"`) {
		t.Fatalf("two embedding pages: want %s in\n%s", want, page)
	}

	// Removing the embeds empties the list again: an edit, then a delete.
	saveAs(t, a, "Kennel", "Alice", "No dog here.", "")
	page = waitBody(t, b, "/wiki/File:Dog.png", "The following page uses this file:")
	if strings.Contains(page, `href="/wiki/Kennel"`) {
		t.Fatalf("an edit removing the embed left the page listed\n%s", page)
	}
	if _, err := a.Saver.Delete(context.Background(), `Cats_&_"Dogs"`, pageinfo.Action{UserName: "Alice", Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	waitBody(t, b, "/wiki/File:Dog.png", none)
	// Undeleting it lists it again, under its new title after a move.
	if _, err := a.Saver.Undelete(context.Background(), `Cats_&_"Dogs"`, pageinfo.Action{UserName: "Alice"}); err != nil {
		t.Fatal(err)
	}
	waitBody(t, b, "/wiki/File:Dog.png", `Cats &amp; &#34;Dogs&#34;</a>`)
	if _, err := a.Saver.Move(context.Background(), `Cats_&_"Dogs"`, "Pets", false, pageinfo.Action{UserName: "Alice"}); err != nil {
		t.Fatal(err)
	}
	if page := waitBody(t, b, "/wiki/File:Dog.png", `<a href="/wiki/Pets">Pets</a>`); strings.Contains(page, "Cats &amp;") {
		t.Fatalf("the moved page is listed under its old title\n%s", page)
	}
}
