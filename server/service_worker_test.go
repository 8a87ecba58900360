package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/renderjs"
)

// TestServiceWorkerScript: /sw.js is the worker with the wiki's
// configuration before it (URLs from the registry, the views' CSP, the
// messages in every language), the same for every reader, kept a minute
// by the CDN, revalidated by its ETag; every page registers it and links
// the manifest, through the one shared offline.js.
func TestServiceWorkerScript(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "GET", "/sw.js")
	body := mustStatus(t, rec, 200, "sw.js")
	if ct, cc := rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"); ct != "text/javascript; charset=utf-8" || cc != "public, s-maxage=60, max-age=0" {
		t.Fatalf("sw.js: Content-Type %q, Cache-Control %q", ct, cc)
	}
	cfgText, rest, ok := strings.Cut(strings.TrimPrefix(body[strings.Index(body, "const FOLIO = "):], "const FOLIO = "), ";\n")
	if !ok || !strings.Contains(rest, `self.addEventListener("fetch"`) {
		t.Fatalf("sw.js is not FOLIO then the worker:\n%.400s", body)
	}
	var cfg struct {
		View, PageInfo, UserInfo, Logout, UserTalk, CSP string
		Messages                                        map[string]map[string]string
	}
	if err := json.Unmarshal([]byte(cfgText), &cfg); err != nil {
		t.Fatalf("FOLIO: %v\n%s", err, cfgText)
	}
	if cfg.View != "/wiki/" || cfg.PageInfo != "/api/v1/pageinfo/" || cfg.UserInfo != "/api/v1/userinfo" || cfg.Logout != "/-/logout" || cfg.UserTalk != "User_talk:" {
		t.Errorf("FOLIO's URLs: %+v", cfg)
	}
	if !strings.Contains(cfg.CSP, "script-src 'self'") {
		t.Errorf("FOLIO's CSP = %q", cfg.CSP)
	}
	if got := cfg.Messages["de"]["offline-banner"]; got != "Du bist offline – angezeigt wird eine gespeicherte Kopie." {
		t.Errorf("German banner = %q", got)
	}
	if got := cfg.Messages["en"]["offline-saved"]; got != "Pages saved for offline reading: {n}." {
		t.Errorf("offline-saved = %q", got)
	}
	if len(cfg.Messages) != 6 {
		t.Errorf("messages in %d languages, want 6", len(cfg.Messages))
	}
	if rec := get(t, srv, "GET", "/sw.js", "If-None-Match", rec.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("sw.js revalidated = %d", rec.Code)
	}
	for _, skin := range []string{"desktop", "minimal"} {
		view := mustStatus(t, get(t, srv, "GET", "/wiki/Main_Page?useskin="+skin), 200, skin+" view")
		mustContain(t, view, `<link rel="manifest" href="/manifest.webmanifest">`, skin+": manifest link")
		mustContain(t, view, `<meta name="folio-service-worker" content="/sw.js">`, skin+": worker")
		mustContain(t, view, `/offline.js" defer></script>`, skin+": offline.js")
	}
}

// TestNoServiceWorker: with --no-service-worker pages register nothing and
// /sw.js is a worker that removes itself, for browsers that installed it.
func TestNoServiceWorker(t *testing.T) {
	cfg := defaultConfig()
	cfg.NoServiceWorker = true
	srv := newServerOn(t, newServerStore(t), cfg)
	body := mustStatus(t, get(t, srv, "GET", "/sw.js"), 200, "sw.js")
	mustContain(t, body, "self.registration.unregister()", "the removing worker")
	if strings.Contains(body, "FOLIO") {
		t.Error("the removing worker has the worker's configuration")
	}
	view := mustStatus(t, get(t, srv, "GET", "/wiki/Main_Page"), 200, "view")
	if strings.Contains(view, "folio-service-worker") || strings.Contains(view, "offline.js") {
		t.Error("a view registers the worker on a wiki without one")
	}
}

// TestWebManifest: the manifest makes the wiki installable: its name, the
// main page, the site icon, standalone.
func TestWebManifest(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "GET", "/manifest.webmanifest")
	body := mustStatus(t, rec, 200, "manifest")
	if ct := rec.Header().Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("Content-Type %q", ct)
	}
	var m struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Display   string `json:"display"`
		Theme     string `json:"theme_color"`
		Icons     []struct{ Src, Type, Sizes string }
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "Folio" || m.ShortName != "Folio" || m.StartURL != "/wiki/Main_Page" || m.Display != "standalone" || m.Theme == "" {
		t.Errorf("manifest %+v", m)
	}
	if len(m.Icons) != 1 || m.Icons[0].Src != "/favicon.ico" || m.Icons[0].Type != "image/svg+xml" || m.Icons[0].Sizes != "any" {
		t.Errorf("icons %+v", m.Icons)
	}
}

// TestLogoutClearsSiteData: a logout tells the browser to drop its caches
// and storage, the service worker's saved pages included.
func TestLogoutClearsSiteData(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	if rec := c.do("GET", "/-/logout", nil); rec.Header().Get("Clear-Site-Data") != "" {
		t.Error("the logout form clears site data")
	}
	rec := c.do("POST", "/-/logout", url.Values{"csrf": {c.csrf("/-/logout")}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Clear-Site-Data") != `"cache", "storage"` {
		t.Fatalf("logout = %d, Clear-Site-Data %q", rec.Code, rec.Header().Get("Clear-Site-Data"))
	}
}

// TestServiceWorkerKeeps runs the worker /sw.js serves under Node
// (testdata/swkeep.js: Cache Storage in memory, fetch answering as the
// server) and checks what it keeps: the reader's offline-pages at most,
// the least recently read dropped first, a page read again kept; a
// category's members saved up to the bound; everything forgotten for
// another reader; nothing with offline-pages 0.
func TestServiceWorkerKeeps(t *testing.T) {
	node := renderjs.Node(t)
	srv, _ := newServer(t)
	file := filepath.Join(t.TempDir(), "sw.js")
	if err := os.WriteFile(file, []byte(mustStatus(t, get(t, srv, "GET", "/sw.js"), 200, "sw.js")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join("testdata", "swkeep.js"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	want := strings.Join([]string{
		`{"step":"five kept, three at most","titles":["P5","P4","P3"],"pages":3}`,
		`{"step":"P3 read again, then P6","titles":["P6","P3","P5"],"pages":3}`,
		`{"step":"saved from a category","saved":2,"titles":["Category:Letters","M2","M1"],"pages":3}`,
		`{"step":"another reader","titles":[],"pages":0}`,
		`{"step":"none kept","titles":[],"pages":0}`,
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("the worker keeps:\n%s\nwant:\n%s", out, want)
	}
}
