package skin_test

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/skin"
)

var screenshots = flag.String("screenshots", "", "save the browser test's screenshots in this directory (default: a temporary one)")

// Background colours of body, as computed by the browser.
const (
	lightBackground = "rgb(255, 255, 255)"
	darkBackground  = "rgb(16, 20, 24)"
)

// firstPaint records, in the first animation frame (just before the first
// paint, once render-blocking stylesheets have loaded), the theme and the
// page's background colour.
const firstPaint = `requestAnimationFrame(() => {
  const el = document.body || document.documentElement;
  window.__firstPaint = {theme: document.documentElement.getAttribute("data-theme") || "", background: getComputedStyle(el).backgroundColor};
});`

// skinServer serves the golden cases rendered in every skin, at
// path?case=NAME&skin=NAME, the assets through Set.Asset, a logout
// endpoint that records the CSRF token it gets, and watch and unwatch
// endpoints that answer as the server's do.
type skinServer struct {
	t       *testing.T
	set     *skin.Set
	mu      sync.Mutex
	got     []string // csrf values POSTed to /-/logout
	watches []string // "path csrf accept" of the POSTs to /-/watch/ and /-/unwatch/
	failing bool     // the watch endpoints fail the requests asking for JSON
}

func (s *skinServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if hash, file, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/static/"), "/"); ok && strings.HasPrefix(r.URL.Path, "/static/") {
		s.static(w, hash, file)
		return
	}
	if r.URL.Path == "/sw.js" || r.URL.Path == "/manifest.webmanifest" {
		siteFiles(w, r)
		return
	}
	if r.Method == http.MethodPost && r.URL.Path == "/-/logout" {
		s.mu.Lock()
		s.got = append(s.got, r.PostFormValue("csrf"))
		s.mu.Unlock()
		http.Redirect(w, r, "/wiki/Main_Page?case=anonymous&skin="+r.URL.Query().Get("skin"), http.StatusSeeOther)
		return
	}
	if r.Method == http.MethodPost && (strings.HasPrefix(r.URL.Path, "/-/watch/") || strings.HasPrefix(r.URL.Path, "/-/unwatch/")) {
		s.watch(w, r)
		return
	}
	name := r.URL.Query().Get("case")
	if name == "" {
		name = "anonymous"
	}
	for _, c := range goldenCases {
		if c.name == name {
			var buf bytes.Buffer
			d := c.data(s.t, s.set, r.URL.Query().Get("skin"))
			if err := s.set.Render(&buf, d); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", skin.ContentSecurityPolicy())
			w.WriteHeader(d.HTTPStatus)
			w.Write(buf.Bytes())
			return
		}
	}
	http.NotFound(w, r)
}

// watch answers a POST of the watch star: JSON to a fetch asking for it
// (a 500 when failing), a redirect back to the page to a form.
func (s *skinServer) watch(w http.ResponseWriter, r *http.Request) {
	accept := r.Header.Get("Accept")
	s.mu.Lock()
	s.watches = append(s.watches, r.URL.Path+" "+r.PostFormValue("csrf")+" "+accept)
	failing := s.failing
	s.mu.Unlock()
	if accept != "application/json" {
		http.Redirect(w, r, r.Referer(), http.StatusSeeOther)
		return
	}
	if failing {
		http.Error(w, "the store is down", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"watched":%t}`, strings.HasPrefix(r.URL.Path, "/-/watch/"))
}

// siteFiles answers the two URLs every page names beside the skin's
// assets, as the server would for a wiki without pages: the service
// worker (one that does nothing) and the web app manifest.
func siteFiles(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/sw.js" {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprintln(w, "// no worker in skin tests")
		return
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	fmt.Fprintln(w, `{"name":"Folio","start_url":"/wiki/Main_Page","display":"standalone"}`)
}

func (s *skinServer) static(w http.ResponseWriter, hash, file string) {
	a, ok := s.set.Asset(hash, file)
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("ETag", a.ETag)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(a.Body)
}

// TestBrowser loads pages of each skin in headless chromium and checks
// what only a browser can: no console errors (CSP violations included),
// the theme applied before first paint, TOC links reaching their headings,
// the logout form posting the CSRF token, current-page highlighting; it
// saves screenshots (-screenshots DIR keeps them).
func TestBrowser(t *testing.T) {
	b := browsertest.New(t)
	srv := &skinServer{t: t, set: loadSet(t)}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := *screenshots
	if dir == "" {
		dir = t.TempDir()
	}
	b.OnNewDocument(firstPaint)
	for _, name := range srv.set.Names() {
		page := func(c, path string) string { return ts.URL + path + "?case=" + c + "&skin=" + name }
		t.Run(name, func(t *testing.T) {
			t.Run("theme before first paint", func(t *testing.T) { checkThemes(t, b, ts.URL, page) })
			t.Run("toc", func(t *testing.T) { checkTOC(t, b, page) })
			t.Run("logout", func(t *testing.T) { checkLogout(t, b, srv, page) })
			t.Run("watch star", func(t *testing.T) { checkWatchStar(t, b, srv, page) })
			t.Run("theme toggle", func(t *testing.T) { checkToggle(t, b, ts.URL, page) })
			t.Run("current page", func(t *testing.T) { checkCurrent(t, b, page) })
			t.Run("screenshots", func(t *testing.T) { shoot(t, b, ts.URL, page, filepath.Join(dir, name)) })
		})
	}
}

// checkThemes: the folio_theme cookie beats the user's preference, which
// beats the system's, and the first paint already has the chosen colours.
func checkThemes(t *testing.T, b *browsertest.Browser, site string, page func(c, path string) string) {
	for _, tc := range []struct {
		cookie, system, user string
		theme, background    string
	}{
		{"dark", "light", "anonymous", "dark", darkBackground},
		{"light", "dark", "logged-in", "light", lightBackground},
		{"", "dark", "anonymous", "auto", darkBackground},
		{"", "light", "anonymous", "auto", lightBackground},
		{"", "light", "logged-in", "dark", darkBackground}, // Alice prefers dark
		{"auto", "light", "logged-in", "auto", lightBackground},
	} {
		b.ClearCookies()
		if tc.cookie != "" {
			b.SetCookie(site, skin.ThemeCookie, tc.cookie)
		}
		b.PreferColorScheme(tc.system)
		b.Navigate(page(tc.user, "/wiki/Main_Page"))
		var fp struct{ Theme, Background string }
		b.WaitFor("window.__firstPaint")
		b.Eval("window.__firstPaint", &fp)
		if fp.Theme != tc.theme || fp.Background != tc.background {
			t.Errorf("cookie %q, system %s, %s: first paint has theme %q, background %s; want %q, %s",
				tc.cookie, tc.system, tc.user, fp.Theme, fp.Background, tc.theme, tc.background)
		}
		b.CheckClean()
	}
	b.ClearCookies()
	b.PreferColorScheme("")
}

// checkTOC clicks each TOC link and checks its heading is at the top.
func checkTOC(t *testing.T, b *browsertest.Browser, page func(c, path string) string) {
	b.Navigate(page("toc-categories-redlinks", "/wiki/Cats"))
	var hrefs []string
	b.Eval(`[...document.querySelectorAll(".toc a")].map(a => a.getAttribute("href"))`, &hrefs)
	if len(hrefs) < 3 {
		t.Fatalf("TOC links: %q", hrefs)
	}
	// The last headings are too close to the end of the page to scroll up.
	for _, href := range hrefs[:3] {
		b.Eval(`window.scrollTo(0, 0); document.querySelector(".toc").closest("details")?.setAttribute("open", ""); true`, nil)
		b.Click(`.toc a[href="` + href + `"]`)
		var got struct {
			Hash   string
			Exists bool
			Top    float64
		}
		b.WaitFor(`decodeURIComponent(location.hash) === ` + jsString(href))
		b.Eval(`(() => { const h = document.getElementById(decodeURIComponent(location.hash.slice(1)));
			return {hash: decodeURIComponent(location.hash), exists: !!h, top: h ? h.getBoundingClientRect().top : -1}; })()`, &got)
		if !got.Exists || got.Top < 0 || got.Top > 40 {
			t.Errorf("TOC link %s: hash %q, heading exists %v, at %.0fpx from the top", href, got.Hash, got.Exists, got.Top)
		}
	}
	b.CheckClean()
}

// checkLogout: the logout form posts the session's CSRF token to /-/logout.
func checkLogout(t *testing.T, b *browsertest.Browser, srv *skinServer, page func(c, path string) string) {
	b.Navigate(page("logged-in", "/wiki/Main_Page"))
	var form struct {
		Method, Action, CSRF string
	}
	b.Eval(`(() => { const f = document.querySelector("form.logout");
		return f ? {method: f.method, action: f.getAttribute("action"), csrf: f.elements.csrf?.value ?? ""} : {}; })()`, &form)
	if form.Method != "post" || form.Action != "/-/logout" || form.CSRF != "csrf-alice-token" {
		t.Fatalf("logout form: %+v", form)
	}
	// Add the skin to the action, so the redirect stays in this skin.
	b.Eval(`(() => { const f = document.querySelector("form.logout"); f.action += location.search;
		f.closest("details")?.setAttribute("open", ""); return true; })()`, nil)
	b.Click("form.logout button")
	// The URL changes when the navigation commits, before the new
	// document is parsed: wait for the whole page.
	b.WaitFor(`new URLSearchParams(location.search).get("case") === "anonymous" && document.readyState === "complete"`)
	srv.mu.Lock()
	got := srv.got
	srv.got = nil
	srv.mu.Unlock()
	if len(got) != 1 || got[0] != "csrf-alice-token" {
		t.Errorf("logout posted csrf %q", got)
	}
	var login bool
	b.Eval(`!!document.getElementById("pt-login")`, &login)
	if !login {
		t.Error("after logging out, no login link")
	}
	b.CheckClean()
}

// checkWatchStar: the watch star toggles in place with fetch — action,
// pressed state, name, title and icon — posting the CSRF token, and falls
// back to submitting the form when the fetch fails.
func checkWatchStar(t *testing.T, b *browsertest.Browser, srv *skinServer, page func(c, path string) string) {
	b.Navigate(page("logged-in", "/wiki/Main_Page")) // Alice watches the main page
	type star struct {
		Action, Pressed, Label, Title, Fill string
	}
	read := func() star {
		var st star
		b.Eval(`(() => { const f = document.querySelector("form.watch-star"), btn = f.querySelector("button");
			return {action: f.getAttribute("action"), pressed: btn.getAttribute("aria-pressed"), label: btn.getAttribute("aria-label"),
				title: btn.title, fill: f.querySelector(".star path").getAttribute("fill")}; })()`, &st)
		return st
	}
	watched := star{"/-/unwatch/Main_Page", "true", "Unwatch", "Remove this page from your watchlist [alt-shift-w]", "currentColor"}
	unwatched := star{"/-/watch/Main_Page", "false", "Watch", "Add this page to your watchlist [alt-shift-w]", "none"}
	if got := read(); got != watched {
		t.Fatalf("the star of a watched page: %+v", got)
	}
	b.Eval(`window.__samePage = true`, nil)
	b.Click("form.watch-star button")
	b.WaitFor(`document.querySelector("form.watch-star button").getAttribute("aria-pressed") === "false"`)
	if got := read(); got != unwatched {
		t.Errorf("after unwatching: %+v", got)
	}
	b.Click("form.watch-star button")
	b.WaitFor(`document.querySelector("form.watch-star button").getAttribute("aria-pressed") === "true"`)
	var same bool
	b.Eval(`window.__samePage === true`, &same)
	if got := read(); got != watched || !same {
		t.Errorf("after watching again: %+v (same document: %v)", got, same)
	}
	srv.mu.Lock()
	posts := srv.watches
	srv.watches, srv.failing = nil, true
	srv.mu.Unlock()
	want := []string{"/-/unwatch/Main_Page csrf-alice-token application/json", "/-/watch/Main_Page csrf-alice-token application/json"}
	if strings.Join(posts, "|") != strings.Join(want, "|") {
		t.Errorf("the star posted %q, want %q", posts, want)
	}
	b.CheckClean()

	// A failing fetch: the form is submitted, and the server's redirect
	// brings the page back.
	b.Click("form.watch-star button")
	b.WaitFor(`window.__samePage !== true && document.readyState === "complete"`)
	srv.mu.Lock()
	posts = srv.watches
	srv.watches, srv.failing = nil, false
	srv.mu.Unlock()
	if len(posts) != 2 || !strings.HasPrefix(posts[1], "/-/unwatch/Main_Page csrf-alice-token text/html") {
		t.Errorf("after a failed fetch, the star posted %q, want the form itself last", posts)
	}
	time.Sleep(100 * time.Millisecond)
	for _, p := range b.Problems() { // the failed fetch's own 500 is expected
		if !strings.Contains(p, "500") {
			t.Errorf("browser: %s", p)
		}
	}
}

// checkToggle: the theme button cycles auto → light → dark and remembers
// the choice in the cookie, which the next page applies.
func checkToggle(t *testing.T, b *browsertest.Browser, site string, page func(c, path string) string) {
	b.ClearCookies()
	b.Navigate(page("anonymous", "/wiki/Main_Page"))
	for _, want := range []string{"light", "dark"} {
		b.Click("[data-theme-toggle]")
		var got struct{ Theme, Cookie string }
		b.Eval(`({theme: document.documentElement.dataset.theme, cookie: document.cookie})`, &got)
		if got.Theme != want || !strings.Contains(got.Cookie, "folio_theme="+want) {
			t.Errorf("after a click: theme %q, cookies %q; want %s", got.Theme, got.Cookie, want)
		}
	}
	b.Navigate(page("anonymous", "/wiki/Main_Page"))
	var fp struct{ Theme string }
	b.WaitFor("window.__firstPaint")
	b.Eval("window.__firstPaint", &fp)
	if fp.Theme != "dark" {
		t.Errorf("next page: theme %q, want dark", fp.Theme)
	}
	b.ClearCookies()
	b.CheckClean()
}

// checkCurrent: the sidebar marks the link to the page shown.
func checkCurrent(t *testing.T, b *browsertest.Browser, page func(c, path string) string) {
	b.Navigate(page("anonymous", "/wiki/Main_Page"))
	var current []string
	b.Eval(`[...document.querySelectorAll('.site-nav a[aria-current="page"]')].map(a => a.id)`, &current)
	if len(current) != 1 || current[0] != "n-mainpage" {
		t.Errorf("current sidebar links: %q", current)
	}
	b.CheckClean()
}

// shoot saves screenshots of the main cases, light and dark, on a desktop
// and on a phone, and checks nothing overflows the phone's width.
func shoot(t *testing.T, b *browsertest.Browser, site string, page func(c, path string) string, prefix string) {
	for _, v := range []struct {
		name          string
		width, height int
		mobile        bool
	}{{"wide", 1280, 900, false}, {"phone", 390, 844, true}} {
		b.Viewport(v.width, v.height, v.mobile)
		for _, c := range []struct{ name, path, theme string }{
			{"toc-categories-redlinks", "/wiki/Cats", "light"},
			{"toc-categories-redlinks", "/wiki/Cats", "dark"},
			{"sysop", "/wiki/Main_Page", "light"},
			{"missing-logged-in", "/wiki/No_such_page", "dark"},
			{"blocked", "/wiki/Main_Page", "light"},
			{"talk-new-messages", "/wiki/Talk:Cats", "light"},
			{"talk-new-messages", "/wiki/Talk:Cats", "dark"},
		} {
			b.SetCookie(site, skin.ThemeCookie, c.theme)
			b.Navigate(page(c.name, c.path))
			var overflow bool
			b.Eval(`document.documentElement.scrollWidth > innerWidth`, &overflow)
			if overflow {
				t.Errorf("%s, %s: the page is wider than the %dpx viewport", c.name, v.name, v.width)
			}
			file := prefix + "-" + c.name + "-" + c.theme + "-" + v.name + ".png"
			if !v.mobile {
				b.Screenshot(file)
				continue
			}
			b.ScreenshotViewport(file)
			// The phone's menu, open.
			var menu bool
			b.Eval(`(() => { const d = document.querySelector("details.menu"); if (d) d.open = true; return !!d; })()`, &menu)
			if menu {
				b.ScreenshotViewport(strings.TrimSuffix(file, ".png") + "-menu.png")
			}
		}
	}
	b.ClearCookies()
	b.Viewport(1280, 900, false)
	b.CheckClean()
	t.Logf("screenshots: %s-*.png", prefix)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
