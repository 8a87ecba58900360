package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
)

const password = "correct horse battery"

// client is a browser: it keeps cookies and posts forms.
type client struct {
	t       *testing.T
	h       http.Handler
	cookies map[string]*http.Cookie
	addr    string
}

func newClient(t *testing.T, h http.Handler) *client {
	return &client{t: t, h: h, cookies: map[string]*http.Cookie{}, addr: "192.0.2.1:1234"}
}

func (c *client) do(method, target string, form url.Values) *httptest.ResponseRecorder {
	c.t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return rec
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf fetches a form page and returns its token.
func (c *client) csrf(page string) string {
	c.t.Helper()
	rec := c.do("GET", page, nil)
	m := csrfField.FindStringSubmatch(rec.Body.String())
	if m == nil {
		c.t.Fatalf("GET %s (%d): no csrf field in\n%s", page, rec.Code, rec.Body.String())
	}
	return m[1]
}

func (c *client) login(name, pw string) *httptest.ResponseRecorder {
	c.t.Helper()
	token := c.csrf("/-/login")
	return c.do("POST", "/-/login", url.Values{"name": {name}, "password": {pw}, "csrf": {token}, "returnto": {"Some page"}})
}

func (c *client) mustLogin(name string) {
	c.t.Helper()
	if rec := c.login(name, password); rec.Code != http.StatusSeeOther {
		c.t.Fatalf("login as %s = %d\n%s", name, rec.Code, rec.Body.String())
	}
}

func createUser(t *testing.T, srv *server.Server, name string, groups ...string) store.User {
	t.Helper()
	u, err := srv.Users.CreateUser(context.Background(), name, password, groups...)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLogin(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)

	if rec := c.login("Alice", "wrong password!"); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "Incorrect user name or password") {
		t.Fatalf("bad password = %d", rec.Code)
	}
	if rec := c.login("Nobody", password); rec.Code != http.StatusForbidden {
		t.Fatalf("unknown user = %d", rec.Code)
	}
	if _, ok := c.cookies["folio_session"]; ok {
		t.Fatal("a failed login set a session cookie")
	}
	// A session id planted before login is not kept (no fixation).
	c.cookies["folio_session"] = &http.Cookie{Name: "folio_session", Value: strings.Repeat("A", 43)}
	rec := c.login("alice", password) // names are normalized
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/Some_page" {
		t.Fatalf("login = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	ck := c.cookies["folio_session"]
	if ck == nil || ck.Value == strings.Repeat("A", 43) || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v", ck)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("login response Cache-Control = %q", cc)
	}
	view := c.do("GET", "/wiki/Main_Page", nil)
	if view.Header().Get("Cache-Control") != "private, no-cache" {
		t.Errorf("logged-in view Cache-Control = %q", view.Header().Get("Cache-Control"))
	}
	// Logging in again gives another session id.
	first := ck.Value
	c.mustLogin("Alice")
	if c.cookies["folio_session"].Value == first {
		t.Fatal("a second login kept the session id")
	}
}

func TestLoginNeedsCSRF(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	rec := c.do("POST", "/-/login", url.Values{"name": {"Alice"}, "password": {password}})
	if rec.Code != http.StatusForbidden || c.cookies["folio_session"] != nil {
		t.Fatalf("login without a token = %d", rec.Code)
	}
}

func TestLoginThrottle(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	var rec *httptest.ResponseRecorder
	for range 6 {
		rec = c.login("Alice", "wrong password!")
	}
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("6th failure = %d, Retry-After %q; want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	// The right password is refused too while throttled.
	if rec := c.login("Alice", password); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("right password while throttled = %d", rec.Code)
	}
	// Another account from another address is not affected.
	createUser(t, srv, "Bob")
	other := newClient(t, srv)
	other.addr = "192.0.2.99:1"
	other.mustLogin("Bob")
}

func TestLogout(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	session := *c.cookies["folio_session"]

	if rec := c.do("GET", "/-/logout", nil); rec.Code != http.StatusOK || c.cookies["folio_session"] == nil {
		t.Fatalf("GET /-/logout = %d and must not log out", rec.Code)
	}
	if rec := c.do("POST", "/-/logout", url.Values{}); rec.Code != http.StatusForbidden {
		t.Fatalf("logout without a token = %d", rec.Code)
	}
	token := c.csrf("/-/logout")
	if rec := c.do("POST", "/-/logout", url.Values{"csrf": {token}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("logout = %d", rec.Code)
	}
	if c.cookies["folio_session"] != nil {
		t.Fatal("logout did not clear the cookie")
	}
	// The old session id no longer works.
	c.cookies["folio_session"] = &session
	if rec := c.do("GET", "/-/preferences", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("old session after logout = %d, want anonymous (403)", rec.Code)
	}
}

// TestRightsAndBlocks: a grant changes rights on the user's very next
// request, a block stops editing at once; on both backends.
func TestRightsAndBlocks(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		srv, _ := newServer(t)
		testRightsAndBlocks(t, srv)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		testRightsAndBlocks(t, newServerOn(t, st, config.Default()))
	})
}

func testRightsAndBlocks(t *testing.T, srv *server.Server) {
	alice := createUser(t, srv, "Alice")
	anon := newClient(t, srv)
	if rec := anon.do("GET", "/-/edit/Main_Page", nil); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), `action="/-/login"`) {
		t.Fatalf("anonymous edit form = %d, want 403 with the login form", rec.Code)
	}
	if rec := anon.do("POST", "/-/edit/Main_Page", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("anonymous save = %d, want 403", rec.Code)
	}
	c := newClient(t, srv)
	c.mustLogin("Alice")
	if rec := c.do("GET", "/-/edit/Main_Page", nil); rec.Code == http.StatusForbidden {
		t.Fatalf("logged-in edit refused: %s", rec.Body.String())
	}
	if rec := c.do("GET", "/-/delete/Main_Page", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("a user may delete: %d", rec.Code)
	}
	ctx := context.Background()
	if err := srv.Users.Grant(ctx, alice.ID, "sysop"); err != nil {
		t.Fatal(err)
	}
	if rec := c.do("GET", "/-/delete/Main_Page", nil); rec.Code == http.StatusForbidden {
		t.Fatalf("the very next request after grant sysop: %d %s", rec.Code, rec.Body.String())
	}
	if err := srv.Users.Block(ctx, alice.ID, "vandalism", "Admin", time.Time{}); err != nil {
		t.Fatal(err)
	}
	rec := c.do("GET", "/-/edit/Main_Page", nil)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "vandalism") {
		t.Fatalf("blocked edit = %d %s", rec.Code, rec.Body.String())
	}
	if rec := c.do("GET", "/wiki/Main_Page", nil); rec.Code != http.StatusOK {
		t.Fatalf("a blocked user cannot read: %d", rec.Code)
	}
	if err := srv.Users.Unblock(ctx, alice.ID); err != nil {
		t.Fatal(err)
	}
	if rec := c.do("GET", "/-/edit/Main_Page", nil); rec.Code == http.StatusForbidden {
		t.Fatalf("edit after unblock = %d", rec.Code)
	}
}

func TestPrivateWiki(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := config.Default()
	cfg.Private = true
	srv := newServerOn(t, st, cfg)
	createUser(t, srv, "Alice")
	anon := newClient(t, srv)
	for _, path := range []string{"/wiki/Main_Page", "/wiki/Missing", "/-/history/Main_Page", "/-/raw/Main_Page", "/-/search?q=folio", "/-/recent", "/-/all", "/api/v1/pages/Main_Page"} {
		rec := anon.do("GET", path, nil)
		if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "Welcome to Folio") || !strings.Contains(rec.Body.String(), `action="/-/login"`) {
			t.Errorf("anonymous GET %s = %d, want the login page", path, rec.Code)
		}
		if cc := rec.Header().Get("Cache-Control"); strings.Contains(cc, "public") {
			t.Errorf("GET %s on a private wiki: Cache-Control %q", path, cc)
		}
	}
	c := newClient(t, srv)
	c.mustLogin("Alice")
	rec := c.do("GET", "/wiki/Main_Page", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("logged-in view of a private wiki = %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	// The routes every reader shares (cacheHeaders) are the reader's on a
	// private wiki, the skin bundle fingerprinted by ?v= too; static
	// assets stay public.
	var u struct {
		LinkSkin string `json:"link-skin"`
	}
	if err := json.Unmarshal(c.do("GET", "/api/v1/userinfo", nil).Body.Bytes(), &u); err != nil || u.LinkSkin == "" {
		t.Fatalf("userinfo: %v %q", err, u.LinkSkin)
	}
	for _, path := range []string{"/api/v1/pageinfo/Main_Page", u.LinkSkin, "/sw.js", "/manifest.webmanifest"} {
		rec := c.do("GET", path, nil)
		if cc := rec.Header().Get("Cache-Control"); rec.Code != http.StatusOK || cc != "private, no-cache" {
			t.Errorf("logged-in GET %s on a private wiki = %d %q, want private, no-cache", path, rec.Code, cc)
		}
	}
}

func TestPreferencesAndPassword(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	other := newClient(t, srv)
	other.mustLogin("Alice")

	token := c.csrf("/-/preferences")
	rec := c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "dark_mode": {"dark"}, "current_password": {"nope nope nope"}, "new_password": {"a new password 1"}})
	if rec.Code != http.StatusForbidden {
		t.Fatalf("password change with a wrong current password = %d", rec.Code)
	}
	rec = c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "dark_mode": {"dark"}, "current_password": {password}, "new_password": {"a new password 1"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("preferences = %d %s", rec.Code, rec.Body.String())
	}
	if body := c.do("GET", "/-/preferences", nil).Body.String(); !strings.Contains(body, `value="dark" selected`) {
		t.Fatalf("dark mode not saved:\n%s", body)
	}
	if rec := other.do("GET", "/-/preferences", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("the other session survived the password change: %d", rec.Code)
	}
	if rec := newClient(t, srv).login("Alice", "a new password 1"); rec.Code != http.StatusSeeOther {
		t.Fatalf("login with the new password = %d", rec.Code)
	}
}

// TestGroupChangeAcrossNodes: two servers on one PostgreSQL database, each
// with its own caches. A grant made on node A changes the user's rights on
// node B within a second, without a new login.
func TestGroupChangeAcrossNodes(t *testing.T) {
	dsn := pgtest.Schema(t)
	open := func() store.Store {
		st, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	a := newServerOn(t, open(), config.Default())
	b := newServerOn(t, open(), config.Default())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Users.Listen(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	alice := createUser(t, a, "Alice")
	c := newClient(t, b)
	c.mustLogin("Alice")
	if rec := c.do("GET", "/-/delete/Main_Page", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("before the grant: %d", rec.Code)
	}
	if err := a.Users.Grant(context.Background(), alice.ID, "sysop"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Second)
	for c.do("GET", "/-/delete/Main_Page", nil).Code == http.StatusForbidden {
		if time.Now().After(deadline) {
			t.Fatal("node B did not see the grant within 1 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
