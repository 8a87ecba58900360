package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newServer returns a server over a fresh seeded SQLite store.
func newServer(t testing.TB) (*server.Server, *sqlite.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return newServerOn(t, st, config.Default()), st
}

// newServerOn builds a server on st with cfg, seeding an empty store.
func newServerOn(t testing.TB, st store.Store, cfg config.Config) *server.Server {
	t.Helper()
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	return newServerWithSkins(t, st, cfg, set)
}

// newServerWithSkins is newServerOn with the given skins.
func newServerWithSkins(t testing.TB, st store.Store, cfg config.Config, set skin.Provider) *server.Server {
	t.Helper()
	srv, _ := newServerAndSaver(t, st, cfg, set)
	return srv
}

// newServerAndSaver is newServerWithSkins returning the server's Saver too.
func newServerAndSaver(t testing.TB, st store.Store, cfg config.Config, set skin.Provider) (*server.Server, *pageinfo.Saver) {
	t.Helper()
	ctx := context.Background()
	fileURL, uploadURL := server.FileURLs(router.Default())
	pages, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet, FileURL: fileURL, UploadURL: uploadURL, Files: st})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pages.Close)
	saver := pageinfo.NewSaver(st, pages, cfg.MaxPageBytes)
	if _, err := server.Seed(ctx, st, saver, server.MainPage); err != nil {
		t.Fatal(err)
	}
	rights, err := userinfo.ParseGroupRights(cfg.Rights)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AnonymousEdit {
		rights[userinfo.GroupAll] = append(rights[userinfo.GroupAll], router.RightEdit, router.RightCreate)
	}
	users, err := userinfo.New(st, userinfo.Config{Log: quiet, Rights: rights, SecureCookie: cfg.SecureCookies})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(users.Close)
	srv, err := server.New(server.Deps{Store: st, Pages: pages, Saver: saver, Users: users, Skins: set, Config: cfg, Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	return srv, saver
}

func get(t *testing.T, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestResponses(t *testing.T) {
	srv, _ := newServer(t)
	cases := []struct {
		method, url string
		status      int
		body        string // substring
		header      string // "Name: value" that must be present
	}{
		{"GET", "/wiki/Main_Page", 200, "Welcome to Folio", "Cache-Control: public, s-maxage=300, max-age=0"},
		{"HEAD", "/wiki/Main_Page", 200, "", "Content-Type: text/html; charset=utf-8"},
		{"GET", "/", 301, "", "Location: /wiki/Main_Page"},
		{"GET", "/wiki/main_page", 301, "", "Location: /wiki/Main_page"},
		{"GET", "/wiki/Main%20Page", 301, "", "Location: /wiki/Main_Page"},
		{"GET", "/wiki/No_such_page", 404, "There is currently no text in this page.", ""},
		{"GET", "/wiki/Bad%7Ctitle", 400, "", "Cache-Control: private, no-store"},
		{"POST", "/wiki/Main_Page", 405, "", "Allow: GET, HEAD"},
		{"GET", "/-/raw/Main_Page", 200, "# Welcome to Folio", "Content-Type: text/markdown; charset=utf-8"},
		{"GET", "/-/raw/Nope", 404, "", ""},
		{"GET", "/api/v1/pages/Main_Page", 200, `"title":"Main_Page"`, "Content-Type: application/json"},
		{"GET", "/api/v1/pages/Nope", 404, `"error":"not found"`, "Content-Type: application/json"},
		{"GET", "/api/v1/routes", 200, `"page.view"`, ""},
		{"GET", "/-/history/Main_Page", 200, "Revision history of &#34;Main Page&#34;", "Cache-Control: private, no-cache"},
		{"GET", "/-/edit/Main_Page", 403, "You need to log in to edit Main Page.", "Cache-Control: private, no-store"},
		{"POST", "/-/edit/Main_Page", 403, "log in", ""},
		{"GET", "/static/abc/x.css", 404, "No such asset", ""},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.url, func(t *testing.T) {
			rec := get(t, srv, c.method, c.url)
			if rec.Code != c.status {
				t.Fatalf("status = %d, want %d; body %q", rec.Code, c.status, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), c.body) {
				t.Errorf("body lacks %q:\n%s", c.body, rec.Body.String())
			}
			if c.header != "" {
				name, value, _ := strings.Cut(c.header, ": ")
				if got := rec.Header().Get(name); got != value {
					t.Errorf("%s = %q, want %q", name, got, value)
				}
			}
		})
	}
}

func TestViewIsPrivateWithSession(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "GET", "/wiki/Main_Page", "Cookie", "folio_session=abc")
	if got := rec.Header().Get("Cache-Control"); got != "private, no-cache" {
		t.Fatalf("Cache-Control with a session = %q, want private, no-cache", got)
	}
}

func TestETag(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "GET", "/wiki/Main_Page")
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on a page view")
	}
	rec = get(t, srv, "GET", "/wiki/Main_Page", "If-None-Match", etag)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Fatalf("conditional GET = %d with %d bytes, want 304 and no body", rec.Code, rec.Body.Len())
	}
}

// TestViewPreloads: a page view's Link header preloads the stylesheets of
// the skin the request chose, and its ETag differs per skin.
func TestViewPreloads(t *testing.T) {
	srv, _ := newServer(t)
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	etags := map[string]string{} // skin → ETag
	for url, name := range map[string]string{"/wiki/Main_Page": "desktop", "/wiki/Main_Page?useskin=minimal": "minimal", "/wiki/Main_Page?useskin=nope": "desktop"} {
		rec := get(t, srv, "GET", url)
		var want []string
		for _, u := range set.Preload(name) {
			want = append(want, "<"+u+">; rel=preload; as=style")
		}
		if got := rec.Header()["Link"]; len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("GET %s: Link %q, want %q", url, got, want)
		}
		etags[name] = rec.Header().Get("ETag")
	}
	if etags["desktop"] == etags["minimal"] {
		t.Errorf("two skins share the ETag %s", etags["desktop"])
	}
}

func TestActionPostNeedsCSRF(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "POST", "/-/login")
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "CSRF") {
		t.Fatalf("POST /-/login without a token = %d %q, want 403 naming CSRF", rec.Code, rec.Body.String())
	}
}

func TestSeedOnlyOnce(t *testing.T) {
	_, st := newServer(t)
	pages, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer pages.Close()
	if seeded, err := server.Seed(context.Background(), st, pageinfo.NewSaver(st, pages, 1<<20), server.MainPage); err != nil || seeded {
		t.Fatalf("Seed on a seeded store = %v, %v; want no seeding", seeded, err)
	}
}

func newServerStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func defaultConfig() config.Config { return config.Default() }
