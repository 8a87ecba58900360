package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestReadingWalk walks the daily reading loop over HTTP, as issue 19 asks:
// a move leaves a redirect whose URL shows the target with "(Redirected
// from …)" and ?redirect=no shows the redirect itself; three edits, the
// middle one undone; a user's edits rolled back; contributions list them; a
// search for an exact title lands on the page, one with no result offers
// to create it; /-/random leads to an existing page.
func TestReadingWalk(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Root", "sysop")
	createUser(t, srv, "Alice")
	root, alice, anon := newClient(t, srv), newClient(t, srv), newClient(t, srv)
	root.mustLogin("Root")
	alice.mustLogin("Alice")

	// Move with a redirect: the old URL shows the target.
	put(t, srv, "Birds", "# Birds\n\nSparrows.\n\n## Owls\n\nAt night.")
	mctx := root.csrf("/-/move/Birds")
	mb := baseField.FindStringSubmatch(root.do("GET", "/-/move/Birds", nil).Body.String())[1]
	mustStatus(t, root.do("POST", "/-/move/Birds", url.Values{"csrf": {mctx}, "base": {mb}, "to": {"Wild birds"}, "redirect": {"1"}, "reason": {"clearer"}}), http.StatusSeeOther, "move")
	old := mustStatus(t, anon.do("GET", "/wiki/Birds", nil), 200, "old title")
	mustContain(t, old, "Sparrows.", "the target's text at the old URL")
	mustContain(t, old, `(Redirected from <a href="/wiki/Birds?redirect=no">Birds</a>)`, "redirected from")
	mustContain(t, old, `<link rel="canonical" href="/wiki/Wild_birds">`, "the target's canonical URL")
	mustContain(t, old, `<h1 class="page-heading">Wild birds</h1>`, "the target's heading")
	stub := mustStatus(t, anon.do("GET", "/wiki/Birds?redirect=no", nil), 200, "redirect=no")
	mustContain(t, stub, "Redirect page", "the redirect itself")
	if strings.Contains(stub, "Sparrows.") {
		t.Fatal("?redirect=no shows the target's text")
	}

	// Three edits; the middle one undone through /-/edit/T?undo=N.
	saveAs(t, srv, "Doc", "Alice", lines("one", "x", "x", "two", "x", "x", "three"), "start")
	saveAs(t, srv, "Doc", "Alice", lines("ONE", "x", "x", "two", "x", "x", "three"), "first")
	middle := saveAs(t, srv, "Doc", "Alice", lines("ONE", "x", "x", "TWO", "x", "x", "three"), "second")
	saveAs(t, srv, "Doc", "Alice", lines("ONE", "x", "x", "TWO", "x", "x", "THREE"), "third")
	form := mustStatus(t, alice.do("GET", "/-/edit/Doc?undo="+itoa(middle), nil), 200, "undo form")
	text, summary := formText(t, form)
	csrf, base := csrfField.FindStringSubmatch(form)[1], baseField.FindStringSubmatch(form)[1]
	mustStatus(t, alice.save("Doc", csrf, base, text, summary), http.StatusSeeOther, "save the undo")
	if got, want := rawOf(t, anon, "Doc"), lines("ONE", "x", "x", "two", "x", "x", "THREE"); got != want {
		t.Fatalf("after undoing the middle edit: %q, want %q", got, want)
	}

	// Bob vandalizes twice; a sysop rolls back both in one step.
	saveAs(t, srv, "Doc", "Bob", "bob 1", "")
	saveAs(t, srv, "Doc", "Bob", "bob 2", "")
	rb := root.csrf("/-/rollback/Doc?from=Bob")
	mustStatus(t, root.do("POST", "/-/rollback/Doc", url.Values{"csrf": {rb}, "from": {"Bob"}}), http.StatusSeeOther, "rollback")
	if got, want := rawOf(t, anon, "Doc"), lines("ONE", "x", "x", "two", "x", "x", "THREE"); got != want {
		t.Fatalf("after the rollback: %q, want Alice's %q", got, want)
	}

	// Bob's contributions list both edits, newest first.
	contrib := mustStatus(t, anon.do("GET", "/-/contributions/Bob", nil), 200, "contributions")
	if n := strings.Count(contrib, `href="/wiki/Doc"`); n < 2 {
		t.Fatalf("Bob's contributions link Doc %d times, want his 2 edits:\n%s", n, contrib)
	}

	// Search: an exact title goes to the page; no result offers creation.
	rec := anon.do("GET", "/-/search?q=wild+birds", nil)
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/wiki/Wild_birds" {
		t.Fatalf("search for an exact title = %d %q", rec.Code, rec.Header().Get("Location"))
	}
	none := mustStatus(t, alice.do("GET", "/-/search?q=Zebras+on+ice&fulltext=1", nil), 200, "search with no result")
	mustContain(t, none, `href="/-/edit/Zebras_on_ice"`, "the offer to create the page")

	// Random: a redirect to an existing page's view, never cached.
	rec = anon.do("GET", "/-/random", nil)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusFound || !regexp.MustCompile(`^/wiki/(Main_Page|Wild_birds|Doc)$`).MatchString(loc) {
		t.Fatalf("random = %d %q", rec.Code, loc)
	}
	mustStatus(t, anon.do("GET", loc, nil), 200, "the random page")
}
