package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/server"
)

var (
	secretField = regexp.MustCompile(`class="token-secret" name="token" value="(folio_[A-Za-z0-9_-]+)"`)
	revokeField = regexp.MustCompile(`name="revoke" value="(\d+)"`)
	anySecret   = regexp.MustCompile(`folio_[A-Za-z0-9_-]{43}`)
)

// TestTokensPage: a logged-in user creates a token (its secret shown once),
// sees it listed with its expiry and last use, and revokes it; the API
// refuses it at once. Others cannot revoke it, a token cannot manage
// tokens, and anonymous readers get nothing.
func TestTokensPage(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		createUser(t, srv, "Alice")
		createUser(t, srv, "Bob")

		anon := newClient(t, srv)
		if rec := anon.do("GET", "/-/tokens", nil); rec.Code != http.StatusForbidden || rec.Header().Get("Cache-Control") != "private, no-store" {
			t.Fatalf("anonymous GET /-/tokens = %d, %q", rec.Code, rec.Header().Get("Cache-Control"))
		}

		c := newClient(t, srv)
		c.mustLogin("Alice")
		if rec := c.do("GET", "/-/preferences", nil); !strings.Contains(rec.Body.String(), `href="/-/tokens"`) {
			t.Fatalf("the preferences page does not link to the tokens page:\n%s", rec.Body.String())
		}
		rec := c.do("GET", "/-/tokens", nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "private, no-store" ||
			!strings.Contains(rec.Body.String(), "You have no API tokens") {
			t.Fatalf("GET /-/tokens = %d, %q\n%s", rec.Code, rec.Header().Get("Cache-Control"), rec.Body.String())
		}
		csrf := c.csrf("/-/tokens")
		if rec := c.do("POST", "/-/tokens", url.Values{"name": {"bot"}, "expires": {"30d"}}); rec.Code != http.StatusForbidden {
			t.Fatalf("POST without CSRF = %d", rec.Code)
		}
		for _, bad := range []url.Values{
			{"name": {"bot"}, "expires": {"5y"}},
			{"name": {"  "}, "expires": {"30d"}},
			{"name": {strings.Repeat("x", 101)}, "expires": {"30d"}},
		} {
			bad.Set("csrf", csrf)
			if rec := c.do("POST", "/-/tokens", bad); rec.Code != http.StatusBadRequest || secretField.MatchString(rec.Body.String()) {
				t.Errorf("POST %v = %d, want 400 and no token", bad, rec.Code)
			}
		}

		// Create: the secret is on this answer only.
		rec = c.do("POST", "/-/tokens", url.Values{"csrf": {csrf}, "name": {"import bot"}, "expires": {"30d"}})
		m := secretField.FindStringSubmatch(rec.Body.String())
		if rec.Code != http.StatusOK || m == nil || rec.Header().Get("Cache-Control") != "private, no-store" {
			t.Fatalf("create = %d\n%s", rec.Code, rec.Body.String())
		}
		secret := m[1]
		if want := formsEnglish.Date(time.Now().Add(30 * 24 * time.Hour).UTC()); !strings.Contains(rec.Body.String(), "it expires ") || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("the new token's page lacks %q", want)
		}
		if rec, out := apiDo(t, srv, "PUT", "/api/v1/pages/Robots", secret, `{"text":"beep"}`); rec.Code != http.StatusCreated {
			t.Fatalf("PUT with the new token = %d %v", rec.Code, out)
		}
		rec = c.do("POST", "/-/tokens", url.Values{"csrf": {csrf}, "name": {"forever"}, "expires": {"never"}})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "it never expires") {
			t.Fatalf("create a token that never expires = %d\n%s", rec.Code, rec.Body.String())
		}

		// The list: never a secret; names, expiry, last use.
		list := c.do("GET", "/-/tokens", nil).Body.String()
		if strings.Contains(list, secret) || anySecret.MatchString(list) {
			t.Fatalf("the list shows a secret:\n%s", list)
		}
		for _, want := range []string{"<td>import bot</td>", "<td>forever</td>", "<td>never</td>", formsEnglish.Date(time.Now().UTC())} {
			if !strings.Contains(list, want) {
				t.Errorf("the list lacks %q", want)
			}
		}
		ids := revokeField.FindAllStringSubmatch(list, -1)
		if len(ids) != 2 {
			t.Fatalf("the list has %d revoke buttons, want 2:\n%s", len(ids), list)
		}
		first := ids[0][1]

		// A token cannot manage tokens, even its own account's.
		if rec := get(t, srv, "GET", "/-/tokens", "Authorization", "Bearer "+secret); rec.Code != http.StatusForbidden {
			t.Fatalf("GET /-/tokens with a token = %d", rec.Code)
		}
		if rec, _ := apiDo(t, srv, "POST", "/-/tokens?revoke="+first, secret, ""); rec.Code != http.StatusForbidden {
			t.Fatalf("POST /-/tokens with a token = %d", rec.Code)
		}

		// Bob cannot revoke Alice's token.
		bob := newClient(t, srv)
		bob.mustLogin("Bob")
		if rec := bob.do("POST", "/-/tokens", url.Values{"csrf": {bob.csrf("/-/tokens")}, "revoke": {first}}); rec.Code != http.StatusNotFound {
			t.Fatalf("Bob revoking Alice's token = %d", rec.Code)
		}
		if rec, _ := apiDo(t, srv, "GET", "/api/v1/pages/Robots", secret, ""); rec.Code != http.StatusOK {
			t.Fatalf("Alice's token after Bob's try = %d", rec.Code)
		}

		// Alice revokes it: refused at once.
		rec = c.do("POST", "/-/tokens", url.Values{"csrf": {csrf}, "revoke": {first}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/-/tokens" {
			t.Fatalf("revoke = %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		if rec, _ := apiDo(t, srv, "GET", "/api/v1/pages/Robots", secret, ""); rec.Code != http.StatusUnauthorized {
			t.Fatalf("a revoked token = %d, want 401", rec.Code)
		}
		list = c.do("GET", "/-/tokens", nil).Body.String()
		if strings.Contains(list, "<td>import bot</td>") || !strings.Contains(list, "<td>forever</td>") {
			t.Fatalf("the list after revoking:\n%s", list)
		}
		if rec := c.do("POST", "/-/tokens", url.Values{"csrf": {csrf}, "revoke": {first}}); rec.Code != http.StatusNotFound {
			t.Fatalf("revoking twice = %d", rec.Code)
		}
	})
}

// TestTokenOfBlockedUser: a block leaves a token its reads and takes its
// writes, from the next request; unblocking gives them back.
func TestTokenOfBlockedUser(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		ctx := context.Background()
		u := createUser(t, srv, "Bot")
		token, err := srv.Users.CreateToken(ctx, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		if rec, out := apiDo(t, srv, "PUT", "/api/v1/pages/Robots", token, `{"text":"beep"}`); rec.Code != http.StatusCreated {
			t.Fatalf("PUT = %d %v", rec.Code, out)
		}
		if err := srv.Users.Block(ctx, u.ID, "spam", "Admin", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if rec, out := apiDo(t, srv, "PUT", "/api/v1/pages/Robots2", token, `{"text":"beep"}`); rec.Code != http.StatusForbidden {
			t.Fatalf("PUT while blocked = %d %v, want 403", rec.Code, out)
		}
		if rec, _ := apiDo(t, srv, "GET", "/api/v1/pages/Robots", token, ""); rec.Code != http.StatusOK {
			t.Fatalf("GET while blocked = %d, want 200", rec.Code)
		}
		if err := srv.Users.Unblock(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if rec, out := apiDo(t, srv, "PUT", "/api/v1/pages/Robots2", token, `{"text":"beep"}`); rec.Code != http.StatusCreated {
			t.Fatalf("PUT after unblocking = %d %v", rec.Code, out)
		}
	})
}
