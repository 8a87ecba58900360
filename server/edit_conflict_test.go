package server_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestEditConflictMergedResult: when two edits collide, the 409 page keeps
// the user's text in the editor, shows the current text and the diff, and
// offers the partial merge — every change that did not collide, and both
// versions of the one that did between markers — in a form that opens it
// in the editor based on the current revision; finishing it saves both.
func TestEditConflictMergedResult(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	put(t, srv, "Birds", "# Birds\n\nSparrows and ravens.\n\nMiddle.\n\nLast paragraph.\n")
	alice, bob := newClient(t, srv), newClient(t, srv)
	alice.mustLogin("Alice")
	bob.mustLogin("Bob")
	csrfA, baseA := alice.editForm("Birds")
	csrfB, baseB := bob.editForm("Birds")
	mustStatus(t, alice.save("Birds", csrfA, baseA, "# Birds\n\nSparrows, ravens and owls.\n\nMiddle.\n\nLast paragraph.\n", "owls"), http.StatusSeeOther, "alice")
	bobText := "# Birds\n\nSparrows, ravens and kites.\n\nMiddle.\n\nLast paragraph, by Bob.\n"
	rec := bob.do("POST", "/-/edit/Birds", url.Values{"csrf": {csrfB}, "base": {baseB}, "text": {bobText}, "summary": {"kites"}, "minor": {"1"}, "save": {"1"}})
	body := mustStatus(t, rec, http.StatusConflict, "conflict")
	if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Fatalf("conflict Cache-Control = %q", cc)
	}
	mustContain(t, body, `<section class="conflict">`, "explanation")
	mustContain(t, body, `<a href="#conflict-merged">The merged text: both edits, with the one place where they collide`, "jump to the merge")
	// The editor keeps Bob's text.
	mustContain(t, body, `aria-label="Page text">`+html.EscapeString(bobText)+`</textarea>`, "Bob's text in the editor")
	// The current text and the diff.
	mustContain(t, body, `id="conflict-current"`, "current text section")
	mustContain(t, body, "Sparrows, ravens and owls.", "current text")
	mustContain(t, body, `id="conflict-diff"`, "diff section")
	mustContain(t, body, `class="diff`, "diff")
	// The partial merge: Bob's last paragraph merged, the collision marked.
	merged := "# Birds\n\n<<<<<<< your text\nSparrows, ravens and kites.\n=======\nSparrows, ravens and owls.\n>>>>>>> current text\n\nMiddle.\n\nLast paragraph, by Bob.\n"
	mustContain(t, body, `aria-label="Merged text">`+html.EscapeString(merged)+`</textarea>`, "merged text")
	form := regexp.MustCompile(`(?s)<form method="post" action="/-/edit/Birds" class="edit conflict-merge">.*?</form>`).FindString(body)
	if form == "" {
		t.Fatalf("no merge form:\n%s", body)
	}
	cur := regexp.MustCompile(`name="base" value="(\d+)"`).FindStringSubmatch(form)
	if cur == nil || cur[1] == baseB {
		t.Fatalf("the merge form's base is not the current revision: %v", cur)
	}
	mustContain(t, form, `name="summary" value="kites"`, "summary carried")
	mustContain(t, form, `name="minor" value="1"`, "minor carried")
	mustContain(t, form, `name="preview" value="1"`, "the merge opens in a preview")

	// Continue with it: the editor shows it (a preview), Bob resolves, saves.
	body = mustStatus(t, bob.do("POST", "/-/edit/Birds", url.Values{"csrf": {csrfB}, "base": {cur[1]}, "text": {merged}, "summary": {"kites"}, "preview": {"1"}}), http.StatusOK, "merged preview")
	mustContain(t, body, `aria-label="Page text">`+html.EscapeString(merged)+`</textarea>`, "merged text in the editor")
	resolved := "# Birds\n\nSparrows, ravens, owls and kites.\n\nMiddle.\n\nLast paragraph, by Bob.\n"
	mustStatus(t, bob.save("Birds", csrfB, cur[1], resolved, "kites"), http.StatusSeeOther, "resolved save")
	if raw := mustStatus(t, bob.do("GET", "/-/raw/Birds", nil), 200, "raw"); raw != strings.TrimSuffix(resolved, "\n") {
		t.Fatalf("saved text = %q", raw)
	}

	// Without a base to merge from (the page was created meanwhile), no
	// merged text is offered.
	csrfC, _ := bob.editForm("Fresh")
	put(t, srv, "Fresh", "someone else's page\n")
	body = mustStatus(t, bob.save("Fresh", csrfC, "0", "mine\n", ""), http.StatusConflict, "creation conflict")
	if strings.Contains(body, `id="conflict-merged"`) {
		t.Error("a creation conflict offers a merge")
	}
	mustContain(t, body, `id="conflict-current"`, "current text of a creation conflict")
}
