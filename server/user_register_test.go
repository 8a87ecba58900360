package server_test

import (
	"context"
	"errors"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
)

// registrationServer returns a server over a fresh seeded SQLite store with
// --registration set to mode.
func registrationServer(t *testing.T, mode string) *server.Server {
	t.Helper()
	cfg := config.Default()
	cfg.Registration = mode
	return newServerOn(t, newServerStore(t), cfg)
}

// register opens the account form, then posts it with its CSRF token and
// cookie.
func (c *client) register(name, pw, again, returnTo string) *httptest.ResponseRecorder {
	c.t.Helper()
	token := c.csrf("/-/register")
	return c.do("POST", "/-/register", url.Values{"name": {name}, "password": {pw}, "password2": {again}, "csrf": {token}, "returnto": {returnTo}})
}

// noAccount fails when name has an account.
func noAccount(t *testing.T, srv *server.Server, name string) {
	t.Helper()
	if _, err := srv.Users.User(context.Background(), name); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("account %q: %v, want none", name, err)
	}
}

// onRegistrationBackends runs fn against a server with open registration
// on a fresh SQLite store and on a fresh PostgreSQL schema.
func onRegistrationBackends(t *testing.T, fn func(t *testing.T, srv *server.Server)) {
	cfg := config.Default()
	cfg.Registration = "open"
	t.Run("sqlite", func(t *testing.T) { fn(t, newServerOn(t, newServerStore(t), cfg)) })
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, newServerOn(t, st, cfg))
	})
}

// TestRegister: with open registration a person creates an account through
// the form, is logged in by it, and edits a page.
func TestRegister(t *testing.T) { onRegistrationBackends(t, testRegister) }

func testRegister(t *testing.T, srv *server.Server) {
	c := newClient(t, srv)

	form := c.do("GET", "/-/register?returnto=Sandbox", nil)
	body := mustStatus(t, form, http.StatusOK, "GET /-/register")
	for _, want := range []string{`action="/-/register"`, `name="csrf"`, `name="returnto" value="Sandbox"`, `name="password2"`, `href="/-/login?returnto=Sandbox"`} {
		mustContain(t, body, want, "the account form")
	}
	if cc := form.Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("form Cache-Control = %q", cc)
	}

	rec := c.register("carol_smith", password, password, "Sandbox")
	mustStatus(t, rec, http.StatusSeeOther, "register")
	if loc := rec.Header().Get("Location"); loc != "/wiki/Sandbox" {
		t.Errorf("Location = %q, want the returnto page", loc)
	}
	var session *http.Cookie
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == "folio_session" {
			session = ck
		}
	}
	if session == nil || session.Value == "" || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("registration set no session cookie: %+v", rec.Result().Cookies())
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("register response Cache-Control = %q", cc)
	}

	// The next request is the new user's.
	view := c.do("GET", "/wiki/Main_Page", nil)
	body = mustStatus(t, view, http.StatusOK, "view after registering")
	mustContain(t, body, `href="/wiki/User:Carol_smith"`, "the logged-in view")
	if strings.Contains(body, `id="pt-login"`) || strings.Contains(body, `id="pt-createaccount"`) {
		t.Errorf("the logged-in view still offers to log in or create an account")
	}
	if cc := view.Header().Get("Cache-Control"); cc != "private, no-cache" {
		t.Errorf("logged-in view Cache-Control = %q", cc)
	}

	// The new user edits, through the form.
	csrf, base := c.editForm("Main_Page")
	mustStatus(t, c.save("Main_Page", csrf, base, "Edited by a **new** user.", "hello"), http.StatusSeeOther, "edit")
	mustContain(t, mustStatus(t, c.do("GET", "/-/raw/Main_Page", nil), http.StatusOK, "raw"), "Edited by a **new** user.", "the saved page")
	mustContain(t, mustStatus(t, c.do("GET", "/-/history/Main_Page", nil), http.StatusOK, "history"), "Carol smith", "the history")

	// The account logs in like any other, and no group came with it.
	if rec := newClient(t, srv).login("Carol smith", password); rec.Code != http.StatusSeeOther {
		t.Fatalf("login with the registered account = %d", rec.Code)
	}
	if rec := c.do("GET", "/-/delete/Main_Page", nil); rec.Code != http.StatusForbidden {
		t.Errorf("a registered account may delete: %d", rec.Code)
	}

	// Logged in, the form is a note, and a post creates nothing.
	body = mustStatus(t, c.do("GET", "/-/register", nil), http.StatusOK, "GET /-/register logged in")
	mustContain(t, body, "already logged in as Carol smith", "the note")
	if strings.Contains(body, `name="password2"`) {
		t.Errorf("a logged-in user gets the account form")
	}
	token := c.csrf("/-/preferences")
	rec = c.do("POST", "/-/register", url.Values{"name": {"Dave"}, "password": {password}, "password2": {password}, "csrf": {token}})
	mustContain(t, mustStatus(t, rec, http.StatusBadRequest, "POST /-/register logged in"), "already logged in", "the note")
	noAccount(t, srv, "Dave")

	// Without returnto, success goes to the main page.
	d := newClient(t, srv)
	d.addr = "192.0.2.7:1"
	rec = d.register("Dave", password, password, "")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/Main_Page" {
		t.Fatalf("register without returnto = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
}

// TestRegisterRefusals: bad input re-renders the form with a message, the
// right status and the name typed, and creates nothing.
func TestRegisterRefusals(t *testing.T) { onRegistrationBackends(t, testRegisterRefusals) }

func testRegisterRefusals(t *testing.T, srv *server.Server) {
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	for _, tc := range []struct {
		what, name, pw, again string
		status                int
		msg                   string
	}{
		{"mismatched passwords", "Dave", password, password + "!", http.StatusBadRequest, "The two passwords do not match"},
		{"a short password", "Dave", "short", "short", http.StatusBadRequest, "The password must be 10 to 1024 bytes long"},
		{"a bad name", "Dave<b>", password, password, http.StatusBadRequest, "User names are 1 to 85 characters"},
		{"an empty name", "", password, password, http.StatusBadRequest, "User names are 1 to 85 characters"},
		{"a taken name", "alice", password, password, http.StatusConflict, "The name Alice is taken"},
	} {
		t.Run(tc.what, func(t *testing.T) {
			rec := c.register(tc.name, tc.pw, tc.again, "Sandbox")
			body := mustStatus(t, rec, tc.status, tc.what)
			mustContain(t, body, tc.msg, tc.what)
			mustContain(t, body, `name="password2"`, tc.what+": the form again")
			mustContain(t, body, `name="returnto" value="Sandbox"`, tc.what+": the form again")
			if tc.name != "" {
				mustContain(t, body, `name="name" value="`+html.EscapeString(tc.name)+`"`, tc.what+": the name typed")
			}
			if c.cookies["folio_session"] != nil {
				t.Fatalf("%s set a session cookie", tc.what)
			}
		})
	}
	noAccount(t, srv, "Dave")

	// A forged post: no token, or another's.
	for _, token := range []string{"", "forged-token"} {
		rec := c.do("POST", "/-/register", url.Values{"name": {"Eve"}, "password": {password}, "password2": {password}, "csrf": {token}})
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "CSRF") || c.cookies["folio_session"] != nil {
			t.Fatalf("register with token %q = %d", token, rec.Code)
		}
	}
	noAccount(t, srv, "Eve")
}

// TestRegisterThrottle: registrations count against the address's budget,
// as failed logins do: past it, a 429 with Retry-After that creates
// nothing; another address is not affected.
func TestRegisterThrottle(t *testing.T) {
	srv := registrationServer(t, "open")
	c := newClient(t, srv)
	var rec *httptest.ResponseRecorder
	for i := range 30 {
		if rec = c.register("Dave", "short", "short", ""); rec.Code != http.StatusBadRequest {
			t.Fatalf("attempt %d = %d", i+1, rec.Code)
		}
	}
	if rec = c.register("Dave", password, password, ""); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("past the budget = %d, Retry-After %q; want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	mustContain(t, rec.Body.String(), "Too many attempts", "the 429")
	mustContain(t, rec.Body.String(), `value="Dave"`, "the 429 form")
	noAccount(t, srv, "Dave")
	other := newClient(t, srv)
	other.addr = "192.0.2.99:1"
	mustStatus(t, other.register("Dave", password, password, ""), http.StatusSeeOther, "another address")
}

// TestRegistrationClosed: the default. The form is a 403 that says how to
// get an account, even with a valid token; the login page says accounts
// come from an administrator; nothing links to the form.
func TestRegistrationClosed(t *testing.T) {
	for _, mode := range []string{"closed", ""} {
		srv := registrationServer(t, mode)
		c := newClient(t, srv)
		rec := c.do("GET", "/-/register", nil)
		body := mustStatus(t, rec, http.StatusForbidden, "GET /-/register")
		for _, want := range []string{"Registration is closed", "folio user create", "<html", `id="pt-login"`} {
			mustContain(t, body, want, "the 403 page")
		}
		if strings.Contains(body, `name="password2"`) {
			t.Errorf("closed registration shows the form")
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("403 Cache-Control = %q", cc)
		}
		token := c.csrf("/-/login") // a valid token: the refusal is registration's, not CSRF's
		rec = c.do("POST", "/-/register", url.Values{"name": {"Eve"}, "password": {password}, "password2": {password}, "csrf": {token}})
		mustContain(t, mustStatus(t, rec, http.StatusForbidden, "POST /-/register"), "Registration is closed", "the 403 page")
		if c.cookies["folio_session"] != nil {
			t.Fatal("a closed registration set a session cookie")
		}
		noAccount(t, srv, "Eve")

		login := mustStatus(t, c.do("GET", "/-/login", nil), http.StatusOK, "GET /-/login")
		mustContain(t, login, "does not allow self-registration", "the login page")
		mustContain(t, login, "folio user create", "the login page")
		view := c.do("GET", "/wiki/Main_Page", nil)
		for what, b := range map[string]string{"login page": login, "page view": view.Body.String()} {
			if strings.Contains(b, "/-/register") || strings.Contains(b, "pt-createaccount") {
				t.Errorf("%s links to the account form with registration %q", what, mode)
			}
		}
	}
}

// TestRegistrationLinks: with open registration the login page and an
// anonymous view's personal tools (both skins) link to the form, and the
// anonymous view stays as cacheable as with registration closed.
func TestRegistrationLinks(t *testing.T) {
	open, closed := registrationServer(t, "open"), registrationServer(t, "closed")
	login := mustStatus(t, get(t, open, "GET", "/-/login?returnto=Sandbox"), http.StatusOK, "GET /-/login")
	mustContain(t, login, `href="/-/register?returnto=Sandbox"`, "the login page")
	if strings.Contains(login, "self-registration") {
		t.Errorf("the login page of an open wiki says registration is closed")
	}
	for _, skinName := range []string{"desktop", "minimal"} {
		body := mustStatus(t, get(t, open, "GET", "/wiki/Main_Page?useskin="+skinName), http.StatusOK, skinName+" view")
		mustContain(t, body, `<a id="pt-createaccount" href="/-/register?returnto=Main_Page">Create account</a>`, skinName+" personal tools")
		if strings.Contains(mustStatus(t, get(t, closed, "GET", "/wiki/Main_Page?useskin="+skinName), http.StatusOK, skinName+" view"), "pt-createaccount") {
			t.Errorf("%s: the Create account link with registration closed", skinName)
		}
	}
	a, b := get(t, open, "GET", "/wiki/Main_Page"), get(t, closed, "GET", "/wiki/Main_Page")
	for _, h := range []string{"Cache-Control", "Vary", "Set-Cookie"} {
		if a.Header().Get(h) != b.Header().Get(h) {
			t.Errorf("%s of an anonymous view: %q open, %q closed", h, a.Header().Get(h), b.Header().Get(h))
		}
	}
	if cc := a.Header().Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
		t.Errorf("anonymous view with open registration: Cache-Control %q", cc)
	}
	if etag := a.Header().Get("ETag"); etag == "" || get(t, open, "GET", "/wiki/Main_Page").Header().Get("ETag") != etag {
		t.Errorf("anonymous views of an open wiki do not share one ETag")
	}
}

// TestRegisteredWarmViews: a user who registered through the form takes
// the same warm path as any other: no store call per view once caches are
// warm.
func TestRegisteredWarmViews(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := &counting{Store: st}
	cfg := config.Default()
	cfg.Registration = "open"
	srv := newServerOn(t, cs, cfg)
	anon, carol := newClient(t, srv), newClient(t, srv)
	mustStatus(t, carol.register("Carol", password, password, ""), http.StatusSeeOther, "register")
	for _, c := range []*client{anon, carol} {
		c.do("GET", "/wiki/Main_Page", nil) // warm
	}
	for name, c := range map[string]*client{"anonymous": anon, "registered": carol} {
		cs.calls.Store(0)
		for range 3 {
			if rec := c.do("GET", "/wiki/Main_Page", nil); rec.Code != http.StatusOK {
				t.Fatalf("%s view = %d", name, rec.Code)
			}
		}
		if n := cs.calls.Load(); n != 0 {
			t.Errorf("%s: 3 warm views made %d store calls, want 0", name, n)
		}
	}
}
