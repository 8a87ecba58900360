package server_test

import (
	"net/http"
	"testing"
)

// TestTalkTabs: a page's Discussion tab is red until its talk page
// exists, for anonymous readers too, and the talk page's tab back to its
// subject is red while the subject is missing; the pages that are not
// views (history, a missing page) know the pair's existence as views do.
func TestTalkTabs(t *testing.T) {
	srv, _ := newServer(t)
	put(t, srv, "Topic", "A page.")
	anon := newClient(t, srv)
	red := `<a href="/wiki/Talk:Topic" class="new" accesskey="t"`
	blue := `<a href="/wiki/Talk:Topic" accesskey="t"`
	mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Topic", nil), http.StatusOK, "view"), red, "view before Talk:Topic")
	mustContain(t, mustStatus(t, anon.do("GET", "/-/history/Topic", nil), http.StatusOK, "history"), red, "history before Talk:Topic")

	put(t, srv, "Talk:Topic", "== A question ==\nWhy?")
	mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Topic", nil), http.StatusOK, "view"), blue, "view after Talk:Topic")
	mustContain(t, mustStatus(t, anon.do("GET", "/-/history/Topic", nil), http.StatusOK, "history"), blue, "history after Talk:Topic")
	body := mustStatus(t, anon.do("GET", "/wiki/Talk:Topic", nil), http.StatusOK, "talk view")
	mustContain(t, body, `<a href="/wiki/Topic" accesskey="c" title="View the content page [alt-shift-c]">Page</a>`, "talk page's subject tab")

	// A talk page without its subject page; a missing subject page with one.
	put(t, srv, "Talk:Lonely", "Orphan talk.")
	mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Talk:Lonely", nil), http.StatusOK, "orphan talk"),
		`<a href="/wiki/Lonely" class="new" accesskey="c"`, "orphan talk page's subject tab")
	mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Lonely", nil), http.StatusNotFound, "missing subject"),
		`<a href="/wiki/Talk:Lonely" accesskey="t"`, "missing page's Discussion tab")

	// Add topic on an existing talk page, for those who may edit.
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	mustContain(t, mustStatus(t, c.do("GET", "/wiki/Talk:Topic", nil), http.StatusOK, "talk view"),
		`href="/-/edit/Talk:Topic?section=new" accesskey="+" title="Start a new section [alt-shift-+]">Add topic</a>`, "Add topic")
}
