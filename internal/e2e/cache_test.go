package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/router"
)

// marker is in the text of the pages the cache walk reads, so a response
// that shows a page can be told.
const marker = "Leakmarker7q"

// identity is who sends a request of the walk.
type identity struct {
	name    string
	cookies string // Cookie header
	token   string // bearer token
}

// leakWiki is one server of the walk with what the walk needs of it.
type leakWiki struct {
	mode    string // "public" or "private"
	n       *node
	session *browser // logged in as Alice
	ids     []identity
	params  map[string][]string
	// anon are the anonymous answers' bodies by method and URL: a route
	// declared the same for every reader must answer a logged-in request
	// with exactly these.
	anon map[string]string
}

var patternParam = regexp.MustCompile(`[:*]([a-z]+)`)

// urls returns concrete URLs of rt: one per value of its path parameters
// (existing and missing titles, existing revisions, a real asset).
func (w *leakWiki) urls(rt *router.Route) []string {
	combos := []router.Params{{}}
	for _, m := range patternParam.FindAllStringSubmatch(rt.Pattern, -1) {
		values := w.params[m[1]]
		if values == nil {
			values = []string{"x"}
		}
		var next []router.Params
		for _, p := range combos {
			for _, v := range values {
				q := p
				q.Set(m[1], v)
				next = append(next, q)
			}
		}
		combos = next
	}
	var out []string
	for _, p := range combos {
		u := rt.URL(p)
		switch rt.Name {
		case "search", "api.search":
			// Lower-cased: pages match, but an echo of the query is not
			// taken for a page's text.
			u += "?q=" + strings.ToLower(marker)
		}
		out = append(out, u)
	}
	return out
}

// sysopClass is the reader class of a sysop with the default skin,
// language, theme and time zone (skin.Set.ReaderClass).
const sysopClass = "v1.3f.desktop.en.auto."

// setupLeakWiki starts a wiki (--private when private) with a page holding
// the marker in two revisions, and a logged-in browser.
func setupLeakWiki(t *testing.T, private bool) *leakWiki {
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice", "sysop")
	args, mode := b.args, "public"
	if private {
		args, mode = b.with("--private"), "private"
	}
	n := startNode(t, mode, args...)
	a := newAPI(t, n, alice.token)
	r1 := a.mustPut(t, "Leak_page", marker+" first [[Other page]] [[Category:Leaky]]", 0)
	r2 := a.mustPut(t, "Leak_page", marker+" second [[Other page]] [[Category:Leaky]]", r1)
	a.mustPut(t, "Category:Leaky", marker+" category", 0)
	br := newBrowser(t, n)
	br.login(alice)
	// The login page links the skin's assets on a private wiki too.
	m := assetHref.FindStringSubmatch(newBrowser(t, n).do("GET", "/-/login", nil).Body)
	if m == nil {
		t.Fatal("no /static/ asset linked from the login page")
	}
	asset := strings.Split(m[1], "/") // "", "static", hash, file…
	return &leakWiki{mode: mode, n: n, session: br, anon: map[string]string{},
		ids: []identity{
			{name: "anonymous"},
			// With a reader class, the session also gets its fragments
			// (/-/userfragment/N/T: the reader's part of a view an ESI
			// cache keeps; docs/cdn.md).
			{name: "session", cookies: "folio_session=" + br.session() + "; folio_class=" + sysopClass},
			{name: "token", token: alice.token},
		},
		params: map[string][]string{
			"title": {"Leak_page", "Category:Leaky", "No_such_page"},
			"id":    {fmt.Sprint(r2)},
			"a":     {fmt.Sprint(r1)},
			"b":     {fmt.Sprint(r2)},
			"hash":  {asset[2]},
			"file":  {strings.Join(asset[3:], "/")},
			"hole":  {"0"},
		},
	}
}

// sharedCacheable reports whether a shared cache (a CDN) may store the
// response: unless Cache-Control says private or no-store, it may
// (explicitly with public or s-maxage, heuristically otherwise; no-cache
// still lets it store and revalidate).
func sharedCacheable(h http.Header) bool {
	cc := strings.ToLower(strings.Join(h.Values("Cache-Control"), ","))
	return !strings.Contains(cc, "private") && !strings.Contains(cc, "no-store")
}

// TestNoSharedCacheLeaks walks every route of the registry
// (router.Default().Routes(), concrete URLs: existing and missing titles,
// real revision ids, a real asset) with every method it allows, as an
// anonymous reader, with a session and with an API token, on a public and
// on a --private wiki; then the flows that set cookies (login, preferences,
// logout) and a conditional GET. No response carrying a session's data, a
// CSRF token (name="csrf"), a Set-Cookie or a private wiki's page may be
// storable by a shared cache: Cache-Control must say private or no-store.
// On the private wiki, no anonymous answer shows a page's text at all.
func TestNoSharedCacheLeaks(t *testing.T) {
	t.Parallel()
	routes := router.Default().Routes()
	for _, private := range []bool{false, true} {
		w := setupLeakWiki(t, private)
		t.Run(w.mode, func(t *testing.T) {
			hc := newHTTPClient(t, 30*time.Second)
			checked := 0
			for _, rt := range routes {
				for _, u := range w.urls(rt) {
					for _, method := range rt.Methods {
						for _, id := range w.ids {
							r := w.send(t, hc, method, u, id)
							checked++
							w.check(t, rt, method, u, id, r)
						}
					}
				}
			}
			t.Logf("%d responses checked on %d routes", checked, len(routes))
			w.cookieFlows(t)
		})
	}
}

// send sends one request of the walk. Unsafe requests carry a wrong CSRF
// token, so they are refused and write nothing, except the API's PUT with
// a token, which saves.
func (w *leakWiki) send(t *testing.T, hc *http.Client, method, u string, id identity) response {
	t.Helper()
	body, ctype := "", ""
	switch method {
	case "POST":
		body, ctype = url.Values{"csrf": {"wrong"}, "text": {"x"}}.Encode(), "application/x-www-form-urlencoded"
	case "PUT":
		body, ctype = `{"text": "put by the cache walk", "base": 0}`, "application/json"
	}
	req, err := http.NewRequest(method, w.n.url(u), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if id.cookies != "" {
		req.Header.Set("Cookie", id.cookies)
	}
	if id.token != "" {
		req.Header.Set("Authorization", "Bearer "+id.token)
	}
	r, err := doReq(hc, req)
	if err != nil {
		t.Fatalf("%s %s as %s: %v", method, u, id.name, err)
	}
	return r
}

// check applies the rules to one response of the walk.
func (w *leakWiki) check(t *testing.T, rt *router.Route, method, u string, id identity, r response) {
	t.Helper()
	what := fmt.Sprintf("%s %s %s (%s) as %s → %d, Cache-Control %q", w.mode, method, u, rt.Name, id.name, r.Status, r.Header.Get("Cache-Control"))
	if os.Getenv("E2E_DEBUG") != "" && method != "HEAD" {
		t.Logf("%s cookies=%d csrf=%v marker=%v", what, len(r.Header.Values("Set-Cookie")), strings.Contains(r.Body, `name="csrf"`), strings.Contains(r.Body, marker))
	}
	if r.Status >= 500 {
		t.Errorf("%s: a 5xx: %s", what, tail(r.Body, 300))
	}
	var why []string
	if cookies := r.Header.Values("Set-Cookie"); len(cookies) > 0 {
		why = append(why, fmt.Sprintf("sets cookies %q", cookies))
	}
	if strings.Contains(r.Body, `name="csrf"`) {
		why = append(why, "holds a CSRF token")
	}
	// Static assets and redirects are the same for everyone; so is a
	// route that declares it (shared, without sessions: router.
	// PublicAPICache) and proves it, its answer to a logged-in request
	// byte for byte the anonymous one.
	shell := rt.Class == router.ClassStatic || rt.Class == router.ClassRedirect
	key := method + " " + u
	if id.name == "anonymous" {
		w.anon[key] = r.Body
	}
	if rt.Cache.Shared && !rt.Cache.Session && id.name != "anonymous" && w.mode == "public" {
		if anon, ok := w.anon[key]; ok && anon == r.Body {
			shell = true
		} else {
			why = append(why, "differs from the anonymous answer of a route declared the same for every reader")
		}
	}
	if id.name != "anonymous" && !shell {
		why = append(why, "answers a logged-in request")
	}
	if w.mode == "private" && !shell {
		why = append(why, "is a private wiki's")
	}
	if strings.Contains(r.Body, marker) && (w.mode == "private" || id.name != "anonymous" && !shell) {
		why = append(why, "shows a page to a logged-in reader or of a private wiki")
	}
	if len(why) > 0 && sharedCacheable(r.Header) {
		t.Errorf("%s: a shared cache may store it, but it %s", what, strings.Join(why, " and "))
	}
	if w.mode == "private" && id.name == "anonymous" && strings.Contains(r.Body, marker) {
		t.Errorf("%s: an anonymous reader of a private wiki sees a page's text", what)
	}
	if method == "HEAD" && r.Body != "" {
		t.Errorf("%s: HEAD with a body", what)
	}
}

// cookieFlows checks the answers that set cookies on purpose (the login
// form, a failed login, a preferences save, a logout) and a logged-in
// conditional GET.
func (w *leakWiki) cookieFlows(t *testing.T) {
	t.Helper()
	b := newBrowser(t, w.n)
	form := b.do("GET", "/-/login", nil)
	mustNotShare(t, w.mode+" GET /-/login", form)
	token := csrfField.FindStringSubmatch(form.Body)
	if token == nil {
		t.Fatalf("no csrf field on /-/login")
	}
	bad := b.do("POST", "/-/login", url.Values{"name": {"Alice"}, "password": {"a wrong password"}, "csrf": {token[1]}})
	mustNotShare(t, w.mode+" failed login", bad)

	s := w.session
	prefs := s.do("GET", "/-/preferences", nil)
	mustNotShare(t, w.mode+" GET /-/preferences", prefs)
	csrf := csrfField.FindStringSubmatch(prefs.Body)
	if csrf == nil {
		t.Fatalf("no csrf field on /-/preferences:\n%s", tail(prefs.Body, 1000))
	}
	saved := s.do("POST", "/-/preferences", url.Values{"csrf": {csrf[1]}, "dark_mode": {"dark"}})
	if len(saved.Header.Values("Set-Cookie")) == 0 {
		t.Errorf("%s POST /-/preferences (dark) = %d without the theme cookie", w.mode, saved.Status)
	}
	mustNotShare(t, w.mode+" POST /-/preferences", saved)
	view := s.do("GET", "/wiki/Leak_page", nil)
	mustNotShare(t, w.mode+" logged-in view", view)
	if etag := view.Header.Get("ETag"); etag != "" {
		if nm := s.do("GET", "/wiki/Leak_page", nil, "If-None-Match", etag); nm.Status == http.StatusNotModified {
			mustNotShare(t, w.mode+" logged-in conditional view (304)", nm)
		}
	}
	logoutForm := s.do("GET", "/-/logout", nil)
	mustNotShare(t, w.mode+" GET /-/logout", logoutForm)
	out := s.do("POST", "/-/logout", url.Values{"csrf": {csrfField.FindStringSubmatch(logoutForm.Body)[1]}})
	if out.Status != http.StatusSeeOther || len(out.Header.Values("Set-Cookie")) == 0 {
		t.Errorf("%s logout = %d with cookies %q", w.mode, out.Status, out.Header.Values("Set-Cookie"))
	}
	mustNotShare(t, w.mode+" POST /-/logout", out)
	anonView := newBrowser(t, w.n).do("GET", "/wiki/Leak_page", nil)
	if w.mode == "public" {
		if anonView.Status != 200 || !sharedCacheable(anonView.Header) || len(anonView.Header.Values("Set-Cookie")) > 0 {
			t.Errorf("public anonymous view = %d, Cache-Control %q, cookies %q: want a 200 a CDN may keep, without cookies",
				anonView.Status, anonView.Header.Get("Cache-Control"), anonView.Header.Values("Set-Cookie"))
		}
	} else {
		mustNotShare(t, "private anonymous view", anonView)
	}
}

func mustNotShare(t *testing.T, what string, r response) {
	t.Helper()
	if sharedCacheable(r.Header) {
		t.Errorf("%s → %d: Cache-Control %q lets a shared cache store it (cookies %q)", what, r.Status, r.Header.Get("Cache-Control"), r.Header.Values("Set-Cookie"))
	}
}
