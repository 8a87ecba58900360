package server_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
)

// onBackends runs fn against a server on a fresh SQLite store and one on a
// fresh PostgreSQL schema.
func onBackends(t *testing.T, fn func(t *testing.T, srv *server.Server)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, newServerOn(t, st, config.Default()))
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, newServerOn(t, st, config.Default()))
	})
}

var baseField = regexp.MustCompile(`name="base" value="(\d+)"`)

// editForm opens the edit form and returns its csrf and base fields.
func (c *client) editForm(title string) (csrf, base string) {
	c.t.Helper()
	rec := c.do("GET", "/-/edit/"+title, nil)
	if rec.Code != http.StatusOK {
		c.t.Fatalf("GET /-/edit/%s = %d\n%s", title, rec.Code, rec.Body.String())
	}
	b := rec.Body.String()
	return csrfField.FindStringSubmatch(b)[1], baseField.FindStringSubmatch(b)[1]
}

func (c *client) save(title, csrf, base, text, summary string) *httptest.ResponseRecorder {
	c.t.Helper()
	return c.do("POST", "/-/edit/"+title, url.Values{"csrf": {csrf}, "base": {base}, "text": {text}, "summary": {summary}, "save": {"1"}})
}

func mustStatus(t *testing.T, rec *httptest.ResponseRecorder, want int, what string) string {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("%s = %d, want %d\n%s", what, rec.Code, want, rec.Body.String())
	}
	return rec.Body.String()
}

func mustContain(t *testing.T, body, want, what string) {
	t.Helper()
	if !strings.Contains(body, want) {
		t.Fatalf("%s lacks %q:\n%s", what, want, body)
	}
}

// TestEditorialSession drives a whole editorial session over HTTP only.
func TestEditorialSession(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		createUser(t, srv, "Alice")
		createUser(t, srv, "Bob")
		createUser(t, srv, "Root", "sysop")
		alice, bob, root, anon := newClient(t, srv), newClient(t, srv), newClient(t, srv), newClient(t, srv)
		alice.mustLogin("Alice")
		bob.mustLogin("Bob")
		root.mustLogin("Root")

		// Create.
		csrf, base := alice.editForm("Birds")
		if base != "0" {
			t.Fatalf("base of a new page = %s", base)
		}
		rec := alice.save("Birds", csrf, base, "# Birds\n\nSparrows.\n\nFirst paragraph.\n\nLast paragraph.", "new page")
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/Birds" {
			t.Fatalf("create = %d %q", rec.Code, rec.Header().Get("Location"))
		}
		mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Birds", nil), 200, "view"), "Sparrows", "view")

		// Preview saves nothing.
		csrf, base = alice.editForm("Birds")
		rec = alice.do("POST", "/-/edit/Birds", url.Values{"csrf": {csrf}, "base": {base}, "text": {"Previewed **albatross**"}, "preview": {"1"}})
		mustContain(t, mustStatus(t, rec, 200, "preview"), "<strong>albatross</strong>", "preview")
		mustContain(t, rec.Body.String(), "Previewed **albatross**", "preview keeps the text")
		if strings.Contains(anon.do("GET", "/wiki/Birds", nil).Body.String(), "albatross") {
			t.Fatal("preview saved the page")
		}

		// Edit.
		rec = alice.save("Birds", csrf, base, "# Birds\n\nSparrows and ravens.\n\nFirst paragraph.\n\nLast paragraph.", "ravens")
		mustStatus(t, rec, http.StatusSeeOther, "edit")

		// Two editors from the same base: non-overlapping changes merge.
		csrfA, baseA := alice.editForm("Birds")
		csrfB, baseB := bob.editForm("Birds")
		mustStatus(t, alice.save("Birds", csrfA, baseA, "# Birds\n\nSparrows and ravens.\n\nFirst paragraph, by Alice.\n\nLast paragraph.", "alice"), http.StatusSeeOther, "alice's edit")
		// Bob's browser sends CRLF line ends, as browsers do.
		mustStatus(t, bob.save("Birds", csrfB, baseB, "# Birds\r\n\r\nSparrows and ravens.\r\n\r\nFirst paragraph.\r\n\r\nLast paragraph, by Bob.", "bob"), http.StatusSeeOther, "bob's merged edit")
		raw := mustStatus(t, anon.do("GET", "/-/raw/Birds", nil), 200, "raw")
		mustContain(t, raw, "by Alice", "merged text")
		mustContain(t, raw, "by Bob", "merged text")

		// Overlapping changes: 409 with both texts and a diff; nothing lost.
		csrfA, baseA = alice.editForm("Birds")
		csrfB, baseB = bob.editForm("Birds")
		mustStatus(t, alice.save("Birds", csrfA, baseA, strings.Replace(raw, "Sparrows and ravens.", "Sparrows, ravens and owls.", 1), "owls"), http.StatusSeeOther, "alice")
		body := mustStatus(t, bob.save("Birds", csrfB, baseB, strings.Replace(raw, "Sparrows and ravens.", "Sparrows, ravens and kites.", 1), "kites"), http.StatusConflict, "conflict")
		mustContain(t, body, "kites", "409 form keeps Bob's text")
		mustContain(t, body, "owls", "409 form shows the current text")
		mustContain(t, body, `class="diff`, "409 form shows a diff")

		// History, diff, old revision.
		hist := mustStatus(t, anon.do("GET", "/-/history/Birds", nil), 200, "history")
		revs := regexp.MustCompile(`/-/revision/(\d+)`).FindAllStringSubmatch(hist, -1)
		if len(revs) != 5 {
			t.Fatalf("history lists %d revisions, want 5:\n%s", len(revs), hist)
		}
		first, last := revs[len(revs)-1][1], revs[0][1]
		diffBody := mustStatus(t, anon.do("GET", "/-/diff/"+first+"/"+last, nil), 200, "diff")
		mustContain(t, diffBody, "owls", "diff")
		old := mustStatus(t, anon.do("GET", "/-/revision/"+first, nil), 200, "old revision")
		mustContain(t, old, "Sparrows.", "old revision")

		// Search finds the new word.
		mustContain(t, mustStatus(t, anon.do("GET", "/-/search?q=owls", nil), 200, "search"), `href="/wiki/Birds"`, "search")

		// Move with a redirect: the old title leads to the page.
		mctx := root.csrf("/-/move/Birds")
		mb := baseField.FindStringSubmatch(root.do("GET", "/-/move/Birds", nil).Body.String())[1]
		rec = root.do("POST", "/-/move/Birds", url.Values{"csrf": {mctx}, "base": {mb}, "to": {"Wild birds"}, "redirect": {"1"}, "reason": {"clearer"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/Wild_birds" {
			t.Fatalf("move = %d %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Birds", nil), 200, "old title"), `href="/wiki/Wild_birds"`, "redirect page")
		mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Wild_birds", nil), 200, "new title"), "owls", "moved page")

		// Delete: 404 with the log line; undelete.
		dc := root.csrf("/-/delete/Wild_birds")
		db := baseField.FindStringSubmatch(root.do("GET", "/-/delete/Wild_birds", nil).Body.String())[1]
		mustStatus(t, root.do("POST", "/-/delete/Wild_birds", url.Values{"csrf": {dc}, "base": {db}, "reason": {"spam test"}}), http.StatusSeeOther, "delete")
		gone := mustStatus(t, anon.do("GET", "/wiki/Wild_birds", nil), 404, "deleted page")
		mustContain(t, gone, "spam test", "deletion log line")
		uc := root.csrf("/-/delete/Wild_birds")
		mustStatus(t, root.do("POST", "/-/delete/Wild_birds", url.Values{"csrf": {uc}, "undelete": {"1"}, "reason": {"restored"}}), http.StatusSeeOther, "undelete")
		mustContain(t, mustStatus(t, anon.do("GET", "/wiki/Wild_birds", nil), 200, "undeleted page"), "owls", "undeleted page")

		// Recent changes and the feed list it all.
		recent := mustStatus(t, anon.do("GET", "/-/recent", nil), 200, "recent")
		for _, kind := range []string{"new page", "edit", "moved to", "deleted", "restored"} { // store.ChangeNew … ChangeUndelete, in English
			mustContain(t, recent, " · "+kind, "recent changes")
		}
		atom := anon.do("GET", "/-/feed/recent.atom", nil)
		mustStatus(t, atom, 200, "feed")
		var f struct {
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(atom.Body.Bytes(), &f); err != nil {
			t.Fatalf("feed is not XML: %v", err)
		}
		var titles []string
		for _, e := range f.Entries {
			titles = append(titles, e.Title)
		}
		for _, want := range []string{"Birds (new page)", "Birds (edit)", "Birds (moved)", "Wild birds (deleted)", "Wild birds (restored)"} {
			if !strings.Contains(strings.Join(titles, "|"), want) {
				t.Errorf("feed lacks %q: %v", want, titles)
			}
		}
	})
}
