package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// newServerWith returns a server over a fresh seeded SQLite store with cfg
// changed by edit.
func newServerWith(t *testing.T, edit func(*config.Config)) *server.Server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := config.Default()
	edit(&cfg)
	return newServerOn(t, st, cfg)
}

// getHost is a GET of target with the Host header host.
func getHost(h http.Handler, target, host string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestHostHeaderNotShared: without --base-url the sitemap and the feeds
// take their absolute URLs from the Host header, so no shared cache may
// keep them; with --base-url a forged Host changes nothing.
func TestHostHeaderNotShared(t *testing.T) {
	paths := []string{"/sitemap.xml", "/sitemap-1.xml", "/-/feed/recent.atom", "/-/feed/history/Main_Page"}
	srv := newServerWith(t, func(*config.Config) {})
	for _, p := range paths {
		rec := getHost(srv, p, "evil.example")
		cc := rec.Header().Get("Cache-Control")
		if rec.Code != 200 || !strings.Contains(cc, "private") || strings.Contains(cc, "public") || strings.Contains(cc, "s-maxage") {
			t.Errorf("%s with a forged Host and no --base-url: %d, Cache-Control %q; a CDN would keep evil.example's URLs", p, rec.Code, cc)
		}
	}
	srv = newServerWith(t, func(c *config.Config) { c.BaseURL = "https://wiki.example.org" })
	for _, p := range paths {
		rec := getHost(srv, p, "evil.example")
		body := rec.Body.String()
		if rec.Code != 200 || strings.Contains(body, "evil.example") || !strings.Contains(body, "https://wiki.example.org/") {
			t.Errorf("%s with --base-url and a forged Host: %d\n%s", p, rec.Code, body)
		}
		if cc := rec.Header().Get("Cache-Control"); strings.HasPrefix(p, "/sitemap") && !strings.Contains(cc, "public") {
			t.Errorf("%s with --base-url: Cache-Control %q, want it shared", p, cc)
		}
	}
}

// TestPrivateAnonymousEditReadsNothing: on a --private wiki that also lets
// anonymous readers edit, an anonymous reader sees no page text: not in
// the edit form, not on the conflict page of a stale save, not in the raw
// text.
func TestPrivateAnonymousEditReadsNothing(t *testing.T) {
	srv := newServerWith(t, func(c *config.Config) { c.Private, c.AnonymousEdit = true, true })
	put(t, srv, "Secret", "the launch code is 0000")
	put(t, srv, "Secret", "the launch code is 1234")
	anon := newClient(t, srv)
	for _, p := range []string{"/-/edit/Secret", "/-/raw/Secret", "/-/history/Secret", "/-/diff/1/2", "/-/move/Secret"} {
		rec := anon.do("GET", p, nil)
		if rec.Code < 400 || strings.Contains(rec.Body.String(), "launch code") {
			t.Errorf("anonymous GET %s on a private wiki = %d, showing the page:\n%s", p, rec.Code, rec.Body.String())
		}
	}
	token := anon.csrf("/-/login")
	rec := anon.do("POST", "/-/edit/Secret", url.Values{"csrf": {token}, "base": {"1"}, "text": {"mine"}, "save": {"1"}})
	if rec.Code < 400 || strings.Contains(rec.Body.String(), "launch code") {
		t.Errorf("anonymous stale save on a private wiki = %d:\n%s", rec.Code, rec.Body.String())
	}
	if got, _ := srv.Store.LatestRevision(context.Background(), "Secret"); got.Text != "the launch code is 1234" {
		t.Errorf("the anonymous save wrote %q", got.Text)
	}
}

// TestMoveTargetRules: a move cannot create what its mover could not: a
// create-protected title, or a page in the Special namespace (which no save
// path creates either).
func TestMoveTargetRules(t *testing.T) {
	srv := newServerWith(t, func(c *config.Config) { c.Rights = "mover=read,edit,create,move" })
	createUser(t, srv, "Mover", "mover")
	createUser(t, srv, "Root", "sysop")
	put(t, srv, "Source", "text")
	mover, root := newClient(t, srv), newClient(t, srv)
	mover.mustLogin("Mover")
	root.mustLogin("Root")
	pc := root.csrf("/-/protect/Target")
	mustStatus(t, root.do("POST", "/-/protect/Target", url.Values{"csrf": {pc}, "edit": {"sysop"}, "reason": {"reserved"}}), http.StatusSeeOther, "create-protect")

	move := func(c *client, to string) *httptest.ResponseRecorder {
		p, err := srv.Store.PageByTitle(context.Background(), "Source")
		if err != nil {
			t.Fatal(err)
		}
		return c.do("POST", "/-/move/Source", url.Values{"csrf": {c.csrf("/-/move/Source")}, "to": {to}, "base": {strconv.FormatInt(p.LatestRev, 10)}})
	}
	if rec := move(mover, "Target"); rec.Code != http.StatusForbidden {
		t.Errorf("moving onto a create-protected title = %d, want 403\n%s", rec.Code, rec.Body.String())
	}
	for _, to := range []string{"Special:Foo", "special:RecentChanges"} {
		if rec := move(root, to); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Special namespace") {
			t.Errorf("moving to %s = %d, want 400 naming the Special namespace\n%s", to, rec.Code, rec.Body.String())
		}
	}
	if _, err := srv.Store.PageByTitle(context.Background(), "Source"); err != nil {
		t.Errorf("the refused moves moved the page: %v", err)
	}
	if rec := move(root, "Target"); rec.Code != http.StatusSeeOther {
		t.Errorf("a sysop's move onto the protected title = %d, want 303\n%s", rec.Code, rec.Body.String())
	}
}

// TestSpecialTitlesNotSaved: no save path stores a Special: page.
func TestSpecialTitlesNotSaved(t *testing.T) {
	srv, _ := newServer(t)
	for _, title := range []string{"Special:Foo", "Special:RecentChanges", "special:x"} {
		_, err := srv.Saver.Save(context.Background(), pageinfo.Edit{Title: title, Text: "x", UserName: "T"})
		if !errors.Is(err, router.ErrBadTitle) {
			t.Errorf("Save(%q) = %v, want a bad-title error", title, err)
		}
	}
}

// TestPasswordChangeRotatesSession: the session that changes its password
// goes on under a new id (the old id, seen before the change, opens
// nothing); under --secure-cookies the theme cookie is Secure as the
// session cookie is.
func TestPasswordChangeRotatesSession(t *testing.T) {
	srv := newServerWith(t, func(c *config.Config) { c.SecureCookies = true })
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	old := *c.cookies["folio_session"]
	token := c.csrf("/-/preferences")
	rec := c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "dark_mode": {"dark"}, "current_password": {password}, "new_password": {"a new password 1"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("preferences = %d\n%s", rec.Code, rec.Body.String())
	}
	cookies := map[string]*http.Cookie{}
	for _, ck := range rec.Result().Cookies() {
		cookies[ck.Name] = ck
	}
	if s := cookies["folio_session"]; s == nil || s.Value == old.Value || !s.Secure {
		t.Fatalf("the password change set no new Secure session cookie: %+v", s)
	}
	if th := cookies["folio_theme"]; th == nil || !th.Secure {
		t.Errorf("theme cookie under --secure-cookies: %+v, want Secure", th)
	}
	if rec := c.do("GET", "/-/preferences", nil); rec.Code != http.StatusOK {
		t.Errorf("the rotated session is not logged in: %d", rec.Code)
	}
	stale := newClient(t, srv)
	stale.cookies["folio_session"] = &old
	if rec := stale.do("GET", "/-/preferences", nil); rec.Code != http.StatusForbidden {
		t.Errorf("the session id from before the change still opens preferences: %d", rec.Code)
	}
}

// TestCSRFHeaderKeepsBody: a form POST whose CSRF token travels in the
// X-CSRF-Token header still has its fields read.
func TestCSRFHeaderKeepsBody(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	csrf, base := c.editForm("Main_Page")
	form := url.Values{"base": {base}, "text": {"saved through the header"}, "summary": {"h"}, "save": {"1"}}
	req := httptest.NewRequest("POST", "/-/edit/Main_Page", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", csrf)
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save with the token in the header = %d\n%s", rec.Code, rec.Body.String())
	}
	if got, _ := srv.Store.LatestRevision(context.Background(), "Main_Page"); got.Text != "saved through the header" {
		t.Errorf("the saved text is %q: the body was ignored", got.Text)
	}
}

// readOnlyStore is a store that answers reads and refuses writes.
type readOnlyStore struct{ store.Store }

func (readOnlyStore) CheckWritable(context.Context) error { return errors.New("read-only") }

// TestReadyNeedsWrites: /-/readyz says 503 when the store takes no writes.
func TestReadyNeedsWrites(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := newServerOn(t, st, config.Default())
	if rec := get(t, srv, "GET", "/-/readyz"); rec.Code != http.StatusOK {
		t.Fatalf("readyz on a writable store = %d", rec.Code)
	}
	srv = newServerOn(t, readOnlyStore{st}, config.Default())
	if rec := get(t, srv, "GET", "/-/readyz"); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "read-only") {
		t.Fatalf("readyz on a read-only store = %d %q", rec.Code, rec.Body.String())
	}
}
