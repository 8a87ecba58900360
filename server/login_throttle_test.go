package server_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/server"
)

// proxiedServer is a server that trusts the proxies in 10.0.0.0/8, with
// the accounts Alice and Bob (password: password).
func proxiedServer(t *testing.T) *server.Server {
	t.Helper()
	cfg := config.Default()
	cfg.TrustedProxies = "10.0.0.0/8"
	srv := newServerOn(t, newServerStore(t), cfg)
	createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	return srv
}

// loginVia posts the login form with extra header name/value pairs (as a
// proxy adds them).
func (c *client) loginVia(name, pw string, header ...string) *httptest.ResponseRecorder {
	c.t.Helper()
	token := c.csrf("/-/login")
	req := httptest.NewRequest("POST", "/-/login", strings.NewReader(url.Values{"name": {name}, "password": {pw}, "csrf": {token}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge >= 0 {
			c.cookies[ck.Name] = ck
		}
	}
	return rec
}

func mustThrottle(t *testing.T, rec *httptest.ResponseRecorder, what string) {
	t.Helper()
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("%s = %d, Retry-After %q; want 429 with Retry-After", what, rec.Code, rec.Header().Get("Retry-After"))
	}
}

// TestLoginOwnerNotLockedOut: five wrong passwords from an attacker's
// address stop that address, not the account's owner with the right
// password from hers.
func TestLoginOwnerNotLockedOut(t *testing.T) {
	srv := proxiedServer(t)
	attacker := newClient(t, srv)
	attacker.addr = "198.51.100.66:1"
	for i := range 50 {
		rec := attacker.login("Alice", fmt.Sprintf("wrong password %d", i))
		if i < 5 {
			mustStatus(t, rec, http.StatusForbidden, fmt.Sprintf("attempt %d", i+1))
		} else {
			mustThrottle(t, rec, fmt.Sprintf("attempt %d", i+1))
		}
	}
	owner := newClient(t, srv)
	owner.mustLogin("Alice")
}

// TestLoginSpoofedForwardedFor: X-Forwarded-For from a peer that is not a
// trusted proxy is ignored: throttling keys on the peer, whatever address
// the header claims.
func TestLoginSpoofedForwardedFor(t *testing.T) {
	srv := proxiedServer(t)
	attacker := newClient(t, srv)
	attacker.addr = "198.51.100.66:1"
	for i := range 5 {
		rec := attacker.loginVia("Alice", "wrong password", "X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i+1))
		mustStatus(t, rec, http.StatusForbidden, fmt.Sprintf("attempt %d", i+1))
	}
	mustThrottle(t, attacker.loginVia("Alice", password, "X-Forwarded-For", "203.0.113.99", "Forwarded", "for=203.0.113.98"),
		"a 6th attempt claiming another address")
	// Its address budget is the peer's too.
	for i := range 25 {
		attacker.loginVia(fmt.Sprintf("Nobody%d", i), "wrong password", "X-Forwarded-For", fmt.Sprintf("203.0.114.%d", i))
	}
	mustThrottle(t, attacker.loginVia("Bob", password, "X-Forwarded-For", "192.0.2.77"), "another account past the address budget")
	owner := newClient(t, srv)
	owner.mustLogin("Alice")
}

// TestLoginBehindTrustedProxy: from a trusted proxy, the right-most address
// of X-Forwarded-For that is not a trusted proxy is the client: an attacker
// behind the proxy is throttled whatever it puts to the left, and the
// owner behind the same proxy is not.
func TestLoginBehindTrustedProxy(t *testing.T) {
	srv := proxiedServer(t)
	proxy := newClient(t, srv)
	proxy.addr = "10.0.0.5:4321"
	for i := range 5 {
		rec := proxy.loginVia("Alice", "wrong password", "X-Forwarded-For", fmt.Sprintf("192.0.2.%d, 203.0.113.66, 10.0.0.9", i))
		mustStatus(t, rec, http.StatusForbidden, fmt.Sprintf("attempt %d", i+1))
	}
	mustThrottle(t, proxy.loginVia("Alice", password, "X-Forwarded-For", "192.0.2.200, 203.0.113.66"), "the attacker's 6th attempt")
	owner := newClient(t, srv)
	owner.addr = proxy.addr
	if rec := owner.loginVia("Alice", password, "X-Forwarded-For", "198.51.100.1"); rec.Code != http.StatusSeeOther {
		t.Fatalf("the owner through the same proxy = %d\n%s", rec.Code, rec.Body.String())
	}
	// The Forwarded header names the client too.
	other := newClient(t, srv)
	other.addr = proxy.addr
	for i := range 5 {
		rec := other.loginVia("Bob", "wrong password", "Forwarded", fmt.Sprintf(`for=192.0.2.%d, for="[2001:db8::1]:80";proto=https`, i))
		mustStatus(t, rec, http.StatusForbidden, fmt.Sprintf("Forwarded attempt %d", i+1))
	}
	mustThrottle(t, other.loginVia("Bob", password, "Forwarded", "for=2001:db8::2"), "6th attempt from the same /64")
	if rec := other.loginVia("Bob", password, "Forwarded", "for=198.51.100.2"); rec.Code != http.StatusSeeOther {
		t.Fatalf("Bob from another client of the proxy = %d", rec.Code)
	}
}

// TestLoginMalformedForwardedFor: a header that names no address, from a
// trusted proxy, counts against the proxy's own address.
func TestLoginMalformedForwardedFor(t *testing.T) {
	srv := proxiedServer(t)
	proxy := newClient(t, srv)
	proxy.addr = "10.0.0.5:4321"
	for i, h := range []string{"garbage", "203.0.113.5, garbage", "unknown", "", "203.0.113.6;"} {
		rec := proxy.loginVia("Alice", "wrong password", "X-Forwarded-For", h)
		mustStatus(t, rec, http.StatusForbidden, fmt.Sprintf("attempt %d (%q)", i+1, h))
	}
	mustThrottle(t, proxy.loginVia("Alice", password, "X-Forwarded-For", "not an address"), "6th attempt keyed on the proxy")
	mustThrottle(t, proxy.loginVia("Alice", password), "the proxy's own attempt")
	owner := newClient(t, srv)
	owner.addr = proxy.addr
	if rec := owner.loginVia("Alice", password, "X-Forwarded-For", "198.51.100.1"); rec.Code != http.StatusSeeOther {
		t.Fatalf("a well-formed client of the proxy = %d", rec.Code)
	}
}

// flood sends n requests at once, request i from its own address; it
// returns the responses.
func flood(h http.Handler, n int, request func(i int) *http.Request) []*httptest.ResponseRecorder {
	recs := make([]*httptest.ResponseRecorder, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		req := request(i)
		req.RemoteAddr = fmt.Sprintf("198.51.%d.%d:1", 100+i/200, i%200+1)
		wg.Go(func() {
			<-start
			recs[i] = httptest.NewRecorder()
			h.ServeHTTP(recs[i], req)
		})
	}
	close(start)
	wg.Wait()
	return recs
}

func postForm(target string, form url.Values, cookies map[string]*http.Cookie) *http.Request {
	req := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	return req
}

// checkBusy requires some 503s with Retry-After that show the form again
// with a message, and otherwise only the statuses in others; it returns
// how many answers had each status.
func checkBusy(t *testing.T, what string, recs []*httptest.ResponseRecorder, others ...int) map[int]int {
	t.Helper()
	counts := map[int]int{}
	for _, rec := range recs {
		counts[rec.Code]++
		switch {
		case rec.Code == http.StatusServiceUnavailable:
			if rec.Header().Get("Retry-After") == "" {
				t.Errorf("%s: a 503 without Retry-After", what)
			}
			if b := rec.Body.String(); !strings.Contains(b, "busy checking other passwords") || !strings.Contains(b, `name="csrf"`) {
				t.Errorf("%s: the 503 does not show the form and why:\n%s", what, b)
			}
		case !slices.Contains(others, rec.Code):
			t.Errorf("%s: status %d\n%s", what, rec.Code, rec.Body.String())
		}
	}
	if counts[http.StatusServiceUnavailable] == 0 {
		t.Errorf("%s: %d at once and no 503: %v", what, len(recs), counts)
	}
	return counts
}

// TestPasswordHashingBusy: more logins, registrations or password changes
// at once than the server may hash are answered 503 with Retry-After and
// the form, at once, instead of each holding argon2's memory.
func TestPasswordHashingBusy(t *testing.T) {
	realHashes(t) // the flood must outrun the limiter
	const n = 120
	t.Run("login", func(t *testing.T) {
		srv := proxiedServer(t)
		c := newClient(t, srv)
		token := c.csrf("/-/login")
		recs := flood(srv, n, func(i int) *http.Request {
			return postForm("/-/login", url.Values{"name": {fmt.Sprintf("Nobody%d", i)}, "password": {"wrong password"}, "csrf": {token}}, c.cookies)
		})
		checkBusy(t, "logins", recs, http.StatusForbidden)
		// Nothing was counted against Alice's owner.
		c.mustLogin("Alice")
	})
	t.Run("register", func(t *testing.T) {
		srv := registrationServer(t, "open")
		c := newClient(t, srv)
		token := c.csrf("/-/register")
		recs := flood(srv, n, func(i int) *http.Request {
			return postForm("/-/register", url.Values{"name": {fmt.Sprintf("User%d", i)}, "password": {password}, "password2": {password}, "csrf": {token}}, c.cookies)
		})
		checkBusy(t, "registrations", recs, http.StatusSeeOther)
		for i, rec := range recs {
			if rec.Code == http.StatusServiceUnavailable {
				noAccount(t, srv, fmt.Sprintf("User%d", i))
			}
		}
	})
	t.Run("password change", func(t *testing.T) {
		// A session may fail 5 times: 8 sessions try 15 times each.
		srv := proxiedServer(t)
		sessions := make([]*client, 8)
		tokens := make([]string, len(sessions))
		for i := range sessions {
			sessions[i] = newClient(t, srv)
			sessions[i].mustLogin("Alice")
			tokens[i] = sessions[i].csrf("/-/preferences")
		}
		recs := flood(srv, n, func(i int) *http.Request {
			c := i % len(sessions)
			return postForm("/-/preferences", url.Values{"csrf": {tokens[c]}, "current_password": {"wrong password"}, "new_password": {"a new password"}}, sessions[c].cookies)
		})
		checkBusy(t, "password changes", recs, http.StatusForbidden, http.StatusTooManyRequests)
		newClient(t, srv).mustLogin("Alice")
	})
}

// TestPasswordChangeThrottled: wrong current passwords in the preferences
// are throttled as failed logins are: past five, a 429 with Retry-After
// that shows the form again and changes nothing.
func TestPasswordChangeThrottled(t *testing.T) {
	srv := proxiedServer(t)
	c := newClient(t, srv)
	c.mustLogin("Alice")
	change := func(current string) *httptest.ResponseRecorder {
		token := c.csrf("/-/preferences")
		return c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "current_password": {current}, "new_password": {"a new password"}})
	}
	for i := range 5 {
		mustStatus(t, change("wrong password"), http.StatusForbidden, fmt.Sprintf("wrong current password %d", i+1))
	}
	rec := change(password)
	mustThrottle(t, rec, "6th attempt")
	mustContain(t, rec.Body.String(), "Too many wrong passwords", "the 429")
	mustContain(t, rec.Body.String(), `name="new_password"`, "the 429 form")
	// Nothing changed: the password is the old one.
	other := newClient(t, srv)
	other.addr = "192.0.2.2:1"
	other.mustLogin("Alice")
}

// TestAccessLogClient: the access log names the client: the peer, or
// behind a trusted proxy the address it forwarded for.
func TestAccessLogClient(t *testing.T) {
	srv := proxiedServer(t)
	var buf bytes.Buffer
	srv.Log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	get(t, srv, "GET", "/wiki/Main_Page", "X-Forwarded-For", "203.0.113.5") // httptest's peer: 192.0.2.1
	if !strings.Contains(buf.String(), "request.client=192.0.2.1") {
		t.Errorf("an untrusted peer's request logged as\n%s", buf.String())
	}
	buf.Reset()
	req := httptest.NewRequest("GET", "/wiki/Main_Page", nil)
	req.RemoteAddr = "10.0.0.5:1234"
	req.Header.Set("X-Forwarded-For", "198.51.100.9, 203.0.113.5")
	srv.ServeHTTP(httptest.NewRecorder(), req)
	if !strings.Contains(buf.String(), "request.client=203.0.113.5") {
		t.Errorf("a proxied request logged as\n%s", buf.String())
	}
}
