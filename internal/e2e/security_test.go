package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoSecretsInLogs runs a server with --log-level debug and goes through
// everything that handles a secret: logins (good, wrong, throttled), the
// session and form cookies, CSRF tokens, API tokens (good and invalid), a
// password change in the preferences, and the folio user/token commands
// beside the server. No password, session id, form secret, CSRF token or
// API token may appear in the server's output or the commands' stderr.
func TestNoSecretsInLogs(t *testing.T) {
	t.Parallel()
	b := sqliteBackend(t)
	var cli strings.Builder // stderr of the commands
	run := func(args ...string) string {
		// "user create", "token create", …: flags come after the
		// subcommand and before the arguments.
		args = append(append(append([]string{}, args[:2]...), "--log-level", "debug"), args[2:]...)
		out, errOut, err := folioRun(args...)
		cli.WriteString(errOut)
		if err != nil {
			t.Fatalf("folio %v: %v\n%s", args, err, errOut)
		}
		return out
	}
	pwFile := func(pw string) string {
		f := filepath.Join(t.TempDir(), "pw")
		if err := os.WriteFile(f, []byte(pw+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	alice := account{name: "Alice", password: "alice pw " + randomSecret()}
	run(append([]string{"user", "create"}, b.with("--password-file", pwFile(alice.password), "--group", "sysop", "Alice")...)...)
	alice.token = strings.TrimSpace(run(append([]string{"token", "create"}, b.with("Alice")...)...))
	secrets := map[string]string{"Alice's password": alice.password, "Alice's token": alice.token}

	n := startNode(t, "serve", b.with("--log-level", "debug")...)
	a := newAPI(t, n, alice.token)
	a.mustPut(t, "Secret_test", "Saved with a token.", 0)

	br := newBrowser(t, n)
	br.login(alice)
	secrets["session id"] = br.session()
	secrets["form cookie"] = br.cookies["folio_form"].Value

	// Wrong passwords, up to the throttle (5 per account).
	anon := newBrowser(t, n)
	throttled := false
	for i := range 8 {
		wrong := fmt.Sprintf("wrong password %d %s", i, randomSecret())
		secrets[fmt.Sprintf("wrong password %d", i)] = wrong
		token := anon.csrf("/-/login")
		secrets[fmt.Sprintf("anonymous CSRF token %d", i)] = token
		r := anon.do("POST", "/-/login", url.Values{"name": {"Alice"}, "password": {wrong}, "csrf": {token}})
		if r.Status == http.StatusTooManyRequests {
			throttled = true
			break
		}
	}
	if !throttled {
		t.Error("8 wrong passwords in a row were not throttled")
	}
	secrets["anonymous form cookie"] = anon.cookies["folio_form"].Value

	csrf := br.csrf("/-/preferences")
	secrets["CSRF token"] = csrf
	br.do("GET", "/wiki/Secret_test", nil)
	br.do("GET", "/-/edit/Secret_test?action=edit", nil)
	// A password change: the old one is sent again, the new one too.
	newPassword := "new alice pw " + randomSecret()
	secrets["new password"] = newPassword
	r := br.do("POST", "/-/preferences", url.Values{"csrf": {csrf}, "current_password": {alice.password}, "new_password": {newPassword}})
	if r.Status != http.StatusSeeOther {
		t.Errorf("password change = %s", r)
	}
	// The session id in a request the server refuses, and bad tokens.
	br.do("POST", "/-/edit/Secret_test", url.Values{"csrf": {"forged"}, "text": {"x"}})
	bad := "folio_" + randomSecret()
	secrets["invalid token"] = bad
	if r, err := (&api{base: n.base, token: bad, hc: a.hc}).do(context.Background(), "GET", "/api/v1/pages/Secret_test", nil); err != nil || r.Status != 401 {
		t.Errorf("invalid token = %v %v, want 401", r.Status, err)
	}
	garbage := "garbage " + randomSecret()
	secrets["malformed Authorization"] = garbage
	anon.do("GET", "/api/v1/pages/Secret_test", nil, "Authorization", garbage)
	anon.do("GET", "/wiki/Secret_test", nil, "Cookie", "folio_session="+secrets["session id"]+"x")

	// Commands beside the server: a new account, a password reset.
	bob := "bob pw " + randomSecret()
	secrets["Bob's password"] = bob
	run(append([]string{"user", "create"}, b.with("--password-file", pwFile(bob), "Bob")...)...)
	reset := "bob reset " + randomSecret()
	secrets["Bob's reset password"] = reset
	run(append([]string{"user", "password"}, b.with("--password-file", pwFile(reset), "Bob")...)...)
	bobToken := strings.TrimSpace(run(append([]string{"token", "create"}, b.with("Bob")...)...)) // on stdout, by design
	secrets["Bob's token"] = bobToken
	b2 := newBrowser(t, n)
	b2.login(account{name: "Bob", password: reset})
	secrets["Bob's session"] = b2.session()
	n.stop()

	logs := map[string]string{"server log": n.log.String(), "commands' stderr": cli.String()}
	if !strings.Contains(logs["server log"], "level=DEBUG") {
		t.Fatal("no debug line in the server log: is --log-level debug in effect?")
	}
	for where, text := range logs {
		for what, secret := range secrets {
			if secret == "" {
				t.Fatalf("no %s to look for", what)
			}
			if strings.Contains(text, secret) {
				t.Errorf("%s holds %s:\n%s", where, what, grepLines(text, secret))
			}
			// Also the parts of passphrases with spaces.
			if fields := strings.Fields(secret); len(fields) > 1 && strings.Contains(text, fields[len(fields)-1]) {
				t.Errorf("%s holds the random part of %s:\n%s", where, what, grepLines(text, fields[len(fields)-1]))
			}
		}
	}
}

func grepLines(text, s string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var (
	inlineScript = regexp.MustCompile(`(?s)<script(\s[^>]*)?>(.*?)</script>`)
	eventAttr    = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
)

// TestSecurityHeaders checks the headers of every kind of HTML answer
// (views, 404s, dynamic views, forms, errors from the router and from
// handlers, anonymous and logged in): a Content-Security-Policy whose
// script-src (or default-src) allows no 'unsafe-inline' nor 'unsafe-eval'
// nor any host, whose hashes cover every inline script of the page, and
// framing forbidden (frame-ancestors or X-Frame-Options);
// X-Content-Type-Options: nosniff; a Referrer-Policy that does not send
// full URLs across origins. No HTML answer holds an inline event handler.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice", "sysop")
	n := startNode(t, "serve", b.args...)
	a := newAPI(t, n, alice.token)
	r1 := a.mustPut(t, "Headers", "# Headers\n\nText with a [[link]].", 0)
	r2 := a.mustPut(t, "Headers", "# Headers\n\nText with a [[link]], changed.", r1)
	anon := newBrowser(t, n)
	user := newBrowser(t, n)
	user.login(alice)
	pages := []string{
		"/wiki/Main_Page", "/wiki/Headers", "/wiki/No_such_page", "/wiki/Bad%7Ctitle",
		"/-/history/Headers", fmt.Sprintf("/-/diff/%d/%d", r1, r2), fmt.Sprintf("/-/revision/%d", r2),
		"/-/revision/999999", "/-/backlinks/Headers", "/-/search?q=text", "/-/recent", "/-/all",
		"/-/login", "/-/logout", "/-/preferences", "/-/edit/Headers", "/-/move/Headers", "/-/delete/Headers",
		"/-/protect/Headers", "/-/no-such-view", "/nowhere",
	}
	checked := 0
	for _, who := range []struct {
		name string
		b    *browser
	}{{"anonymous", anon}, {"logged in", user}} {
		for _, p := range pages {
			for _, method := range []string{"GET", "PROPFIND"} {
				r := who.b.do(method, p, nil)
				if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || r.Status/100 == 3 {
					continue
				}
				checked++
				checkHTMLHeaders(t, fmt.Sprintf("%s %s (%s) → %d", method, p, who.name, r.Status), r)
			}
		}
	}
	if checked < len(pages) {
		t.Errorf("only %d HTML answers checked", checked)
	}
}

func checkHTMLHeaders(t *testing.T, what string, r response) {
	t.Helper()
	h := r.Header
	csp := h.Get("Content-Security-Policy")
	directives := map[string][]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			directives[strings.ToLower(f[0])] = f[1:]
		}
	}
	scripts, ok := directives["script-src"]
	if !ok {
		scripts, ok = directives["default-src"]
	}
	switch {
	case csp == "":
		t.Errorf("%s: no Content-Security-Policy", what)
	case !ok:
		t.Errorf("%s: CSP %q restricts no scripts", what, csp)
	}
	for _, s := range scripts {
		ls := strings.ToLower(s)
		if ls == "'unsafe-inline'" || ls == "'unsafe-eval'" || ls == "*" || ls == "data:" || ls == "http:" || ls == "https:" ||
			!strings.HasPrefix(ls, "'") {
			t.Errorf("%s: script source %s in CSP %q", what, s, csp)
		}
	}
	for _, m := range inlineScript.FindAllStringSubmatch(r.Body, -1) {
		if strings.Contains(m[1], "src=") {
			continue
		}
		sum := sha256.Sum256([]byte(m[2]))
		hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(" "+strings.Join(scripts, " ")+" ", " "+hash+" ") {
			t.Errorf("%s: inline script %.60q is not allowed by the CSP (%s missing)", what, m[2], hash)
		}
	}
	if l := eventAttr.FindString(r.Body); l != "" {
		t.Errorf("%s: an inline event handler, which the CSP blocks: %s", what, l)
	}
	fa, hasFA := directives["frame-ancestors"]
	xfo := strings.ToUpper(h.Get("X-Frame-Options"))
	if !(hasFA && len(fa) > 0 && !strings.Contains(strings.Join(fa, " "), "*")) && xfo != "DENY" && xfo != "SAMEORIGIN" {
		t.Errorf("%s: framing not restricted (frame-ancestors %q, X-Frame-Options %q)", what, fa, xfo)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", what, got)
	}
	switch rp := h.Get("Referrer-Policy"); rp {
	case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "origin", "origin-when-cross-origin":
	default:
		t.Errorf("%s: Referrer-Policy %q", what, rp)
	}
	if _, ok := directives["object-src"]; !ok && directives["default-src"] == nil {
		t.Errorf("%s: CSP %q does not restrict plugins (object-src)", what, csp)
	}
}

// TestAPIWritesNeedBearerToken checks docs/api.md: writes need a bearer
// token. A PUT carrying only a session cookie must not save: cookies are
// what a browser sends by itself, and API routes take no CSRF token.
func TestAPIWritesNeedBearerToken(t *testing.T) {
	t.Parallel()
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice")
	n := startNode(t, "serve", b.args...)
	br := newBrowser(t, n)
	br.login(alice)
	req, _ := http.NewRequest("PUT", n.url("/api/v1/pages/Cookie_put"), strings.NewReader(`{"text": "saved with a cookie", "base": 0}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Cookie", "folio_session="+br.session())
	res, err := doReq(br.hc, req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != http.StatusUnauthorized && res.Status != http.StatusForbidden {
		t.Errorf("PUT with only a session cookie = %s, want 401 or 403", res)
	}
}
