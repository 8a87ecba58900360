package router_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routertest"
)

func TestClassifyTable(t *testing.T) {
	if n := len(routertest.Cases); n < 60 {
		t.Fatalf("the URL table has %d cases, want at least 60", n)
	}
	for _, c := range routertest.Cases {
		t.Run(c.Method+" "+c.URL, func(t *testing.T) {
			checkCase(t, router.Classify(c.Method, c.URL), c)
		})
	}
}

func checkCase(t *testing.T, m router.Match, c routertest.Case) {
	t.Helper()
	target := ""
	if m.Target != nil {
		target = m.Target.Name
	}
	if m.Status != c.Status || string(m.Class) != c.Class || m.Name != c.Route || target != c.Target ||
		m.Location != c.Location || m.Allow != c.Allow {
		t.Fatalf("got status=%d class=%s route=%q target=%q location=%q allow=%q err=%q\nwant status=%d class=%s route=%q target=%q location=%q allow=%q",
			m.Status, m.Class, m.Name, target, m.Location, m.Allow, m.Err,
			c.Status, c.Class, c.Route, c.Target, c.Location, c.Allow)
	}
	if c.Params != nil && !maps.Equal(m.Params.Map(), c.Params) {
		t.Errorf("params = %v, want %v", m.Params.Map(), c.Params)
	}
	if (m.Status >= 400) != (m.Err != "") || (m.Status >= 400) != (m.Route == nil) {
		t.Errorf("status %d with err %q and route %v", m.Status, m.Err, m.Route)
	}
}

// TestCanonicalFixedPoint: every 200 GET's canonical URL classifies to
// itself, and every redirect's Location to a 200 of its target.
func TestCanonicalFixedPoint(t *testing.T) {
	for _, c := range routertest.Cases {
		m := router.Classify(c.Method, c.URL)
		if c.Method != http.MethodGet {
			continue
		}
		checkFixedPoint(t, c.URL, m)
	}
}

func checkFixedPoint(t *testing.T, url string, m router.Match) {
	t.Helper()
	switch m.Status {
	case http.StatusOK:
		u := m.CanonicalURL()
		again := router.Classify(http.MethodGet, u)
		if again.Status != http.StatusOK || again.Route != m.Route || again.Params != m.Params {
			t.Errorf("%s: canonical URL %s classifies to %d %s %v (%s), want 200 %s %v",
				url, u, again.Status, again.Name, again.Params.Map(), again.Err, m.Name, m.Params.Map())
		}
	case http.StatusMovedPermanently:
		again := router.Classify(http.MethodGet, m.Location)
		if again.Status != http.StatusOK || again.Route != m.Target || again.Params != m.Params {
			t.Errorf("%s: Location %s classifies to %d %s %v (%s), want 200 %s %v",
				url, m.Location, again.Status, again.Name, again.Params.Map(), again.Err, m.Target.Name, m.Params.Map())
		}
	}
}

func TestClassifyErrors(t *testing.T) {
	m := router.Classify("GET", "/wiki/Foo?action=purge")
	if !strings.Contains(m.Err, `unknown action "purge"`) || !strings.Contains(m.Err, "edit") {
		t.Errorf("unknown action message = %q", m.Err)
	}
	m = router.Classify("GET", "/wiki/Foo%7Cbar")
	if !strings.Contains(m.Err, "bad title") || !strings.Contains(m.Err, "'|'") {
		t.Errorf("bad title message = %q", m.Err)
	}
	m = router.Classify("POST", "/-/edit/Foo%23bar")
	if m.Status != 400 || !strings.Contains(m.Err, "'#'") {
		t.Errorf("POST with '#' in the title: %d %q, want a 400 about '#'", m.Status, m.Err)
	}
	m = router.Classify("GET", "/wiki/Special:Export")
	if m.Status != 404 || m.Err != "no such special page: Special:Export" {
		t.Errorf("special page Folio lacks: %d %q", m.Status, m.Err)
	}
	m = router.Classify("GET", "/index.php?action=delete")
	if m.Status != 400 || !strings.Contains(m.Err, "action=delete needs a title") {
		t.Errorf("action=delete without a title: %d %q", m.Status, m.Err)
	}
	m = router.Classify("GET", "/wiki/Talk:User:Test")
	if m.Status != 400 || !strings.Contains(m.Err, "namespace Talk cannot hold a title of namespace User") {
		t.Errorf("Talk:User:Test: %d %q", m.Status, m.Err)
	}
}

func TestParams(t *testing.T) {
	m := router.Classify("GET", "/-/diff/12/345")
	if m.Params.Int("a") != 12 || m.Params.Int("b") != 345 || m.Params.Len() != 3 || m.Params.At(1).Key != "b" {
		t.Fatalf("params = %v", m.Params.Map())
	}
	if m.Title() != "" || m.Params.Int("missing") != 0 {
		t.Fatal("absent parameters should be empty")
	}
	p := router.MakeParams("title", "A", "title", "B")
	if p.Len() != 1 || p.Get("title") != "B" {
		t.Fatalf("MakeParams = %v", p.Map())
	}
	b, _ := m.Params.MarshalJSON()
	if string(b) != `{"a":"12","b":"345","view":""}` {
		t.Fatalf("MarshalJSON = %s", b)
	}
}

func TestRouteURL(t *testing.T) {
	reg := router.Default()
	tests := []struct {
		route string
		p     router.Params
		want  string
	}{
		{"page.view", router.MakeParams("title", "Foo/Bar_(baz)"), "/wiki/Foo/Bar_(baz)"},
		{"page.view", router.MakeParams("title", "C++ & Go?"), "/wiki/C%2B%2B%20%26%20Go%3F"},
		{"page.diff", router.MakeParams("a", "1", "b", "2"), "/-/diff/1/2"},
		{"search", router.MakeParams("q", "a b&c", "limit", "20", "offset", "40"), "/-/search?q=a+b%26c&offset=40"},
		{"static", router.MakeParams("hash", "abc", "file", "x y.css"), "/static/abc/x%20y.css"},
		{"recent", router.Params{}, "/-/recent"},
	}
	for _, tt := range tests {
		if got := reg.Route(tt.route).URL(tt.p); got != tt.want {
			t.Errorf("%s.URL(%v) = %q, want %q", tt.route, tt.p.Map(), got, tt.want)
		}
	}
}

func TestCacheControl(t *testing.T) {
	reg := router.Default()
	tests := []struct {
		route          string
		anon, loggedIn string
	}{
		{"page.view", "public, s-maxage=300, max-age=0", "private, no-cache"},
		{"page.history", "private, no-cache", "private, no-cache"},
		{"page.edit", "private, no-store", "private, no-store"},
		{"api.page", "private, no-store", "private, no-store"},
		{"static", "public, max-age=31536000, immutable", "public, max-age=31536000, immutable"},
		{"mw.index", "public, s-maxage=86400, max-age=3600", "public, s-maxage=86400, max-age=3600"},
	}
	for _, tt := range tests {
		rt := reg.Route(tt.route)
		if got := rt.CacheControl(false); got != tt.anon {
			t.Errorf("%s anonymous: %q, want %q", tt.route, got, tt.anon)
		}
		if got := rt.CacheControl(true); got != tt.loggedIn {
			t.Errorf("%s session: %q, want %q", tt.route, got, tt.loggedIn)
		}
		if rt.Cache.HeaderValue(false) != tt.anon {
			t.Errorf("%s: HeaderValue differs from CacheControl", tt.route)
		}
	}
}

func TestCDNPath(t *testing.T) {
	want := map[string]string{
		"page.view": "/wiki/*", "page.history": "/-/*", "user.login": "/-/*", "static": "/static/*",
		"api.page": "/api/*", "sitemap": "/sitemap.xml", "sitemap.file": "/sitemap-*", "mw.root": "/", "mw.index.path": "/index.php/*",
	}
	for name, w := range want {
		if got := router.Default().Route(name).CDNPath(); got != w {
			t.Errorf("%s: CDNPath %q, want %q", name, got, w)
		}
	}
}

// TestHasSpecial: the special pages a route claims, in any case and with
// subpages; others, and non-special titles, are not.
func TestHasSpecial(t *testing.T) {
	reg := router.Default()
	for title, want := range map[string]bool{
		"Special:RecentChanges": true, "Special:recentchanges": true, "Special:Search/foo": true,
		"Special:PermanentLink/5": true, "Special:NoSuchPage": false, "RecentChanges": false,
	} {
		if got := reg.HasSpecial(title); got != want {
			t.Errorf("HasSpecial(%q) = %v, want %v", title, got, want)
		}
	}
}
