package main

import (
	"bytes"
	"context"
	"github.com/foliowiki/folio/internal/compression"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"

	_ "github.com/foliowiki/folio/extensions/standard" // as cmd/folio: the bundled extensions' hooks run
)

// corpusPage is the ~20 KB page of the rustc-dev-guide corpus the other
// packages' benchmarks use too.
const (
	corpusPage  = "../testdata/corpus/rustc-dev-guide/pages/building/suggested.md"
	corpusTitle = "Building/suggested"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// viewFixture is a server as "folio serve" builds it, on a real SQLite store
// holding the corpus page, and a logged-in session.
type viewFixture struct {
	srv     *server.Server
	users   *userinfo.Manager
	session string // the session cookie's value
}

func newViewFixture(b *testing.B) *viewFixture {
	b.Helper()
	src, err := os.ReadFile(corpusPage)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "folio.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	cfg := config.Default()
	pages, err := pageinfo.NewCache(st, pageinfo.Options{MaxBytes: int64(cfg.CacheMB) << 20, Log: quiet})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pages.Close)
	saver := pageinfo.NewSaver(st, pages, cfg.MaxPageBytes)
	users, err := userinfo.New(st, userinfo.Config{CookieName: router.DefaultConfig().SessionCookie, Log: quiet})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(users.Close)
	if err := hooks.Provision(ctx, quiet, func(string) (string, bool) { return "", false }); err != nil {
		b.Fatal(err)
	}
	hooks.FreezeAll()
	set, err := skin.Load(skins.FS)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := server.New(server.Deps{Store: st, Pages: pages, Saver: saver, Users: users, Skins: set, Log: quiet, Config: cfg})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := saver.Save(ctx, pageinfo.Edit{Title: corpusTitle, Text: string(src), UserName: "Folio import"}); err != nil {
		b.Fatal(err)
	}
	u, err := users.CreateUser(ctx, benchUser, benchPassword)
	if err != nil {
		b.Fatal(err)
	}
	session, err := users.OpenSession(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	return &viewFixture{srv: srv, users: users, session: session}
}

// request is a GET of the corpus page, with the session cookie when
// loggedIn.
func (f *viewFixture) request(loggedIn bool) *http.Request {
	r := httptest.NewRequest("GET", router.TitleURL(corpusTitle), nil)
	r.RemoteAddr = "127.0.0.1:40000"
	if loggedIn {
		r.Header.Set("Cookie", router.DefaultConfig().SessionCookie+"="+f.session)
	}
	return r
}

// discard is the cheapest http.ResponseWriter: it keeps the header map
// (emptied for each request) and counts the body, so the benchmark measures
// the handler and not a recorder's buffer.
type discard struct {
	h      http.Header
	status int
	n      int
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(s int)   { d.status = s }
func (d *discard) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	d.n += len(p)
	return len(p), nil
}

// BenchmarkViewAnonymous is the whole page view of a 20 KB page for an
// anonymous reader, through Server.ServeHTTP: metrics, classification,
// middleware, PageInfo and UserInfo lookups, skin render, headers.
func BenchmarkViewAnonymous(b *testing.B) { benchmarkView(b, false) }

// BenchmarkViewLoggedIn is the same view with a session cookie.
func BenchmarkViewLoggedIn(b *testing.B) { benchmarkView(b, true) }

// BenchmarkViewAnonymousCompressed is the anonymous view asked for by a
// browser (Accept-Encoding: gzip, deflate, br, zstd): Brotli, the page
// compressed whole once and kept.
func BenchmarkViewAnonymousCompressed(b *testing.B) {
	benchmarkView(b, false, "gzip, deflate, br, zstd")
}

// BenchmarkViewLoggedInCompressed is the logged-in view asked for by a
// browser: gzip, the page's precompressed pieces spliced with the
// reader's.
func BenchmarkViewLoggedInCompressed(b *testing.B) { benchmarkView(b, true, "gzip, deflate, br, zstd") }

func benchmarkView(b *testing.B, loggedIn bool, acceptEncoding ...string) {
	f := newViewFixture(b)
	r := f.request(loggedIn)
	for _, ae := range acceptEncoding {
		r.Header.Set("Accept-Encoding", ae)
	}
	// Check once, with a real recorder, that this is the view it claims.
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, r)
	body := rec.Body.String()
	if enc := rec.Header().Get("Content-Encoding"); enc != "" {
		e, _ := compression.Parse(enc)
		plain, err := compression.Decompress(e, rec.Body.Bytes(), 64<<20)
		if err != nil {
			b.Fatal(err)
		}
		body = string(plain)
	}
	if rec.Code != http.StatusOK || !strings.Contains(body, "suggested") {
		b.Fatalf("GET = %d, %d bytes", rec.Code, len(body))
	}
	if got := strings.Contains(body, benchUser); got != loggedIn {
		b.Fatalf("logged in = %v, but the page names the user: %v", loggedIn, got)
	}
	body = rec.Body.String() // as sent
	w := &discard{h: http.Header{}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		w.status, w.n = 0, 0
		f.srv.ServeHTTP(w, r)
		if w.status != http.StatusOK || w.n != len(body) {
			b.Fatalf("GET = %d, %d bytes, want 200, %d", w.status, w.n, len(body))
		}
	}
}

// BenchmarkUserInfoHit is the UserInfo of a request with a cached session:
// the cookie parsed, the session id hashed, the blob found in memory.
func BenchmarkUserInfoHit(b *testing.B) {
	f := newViewFixture(b)
	r := f.request(true)
	if u, err := f.users.FromRequest(r); err != nil || u.Name != benchUser {
		b.Fatalf("FromRequest = %v, %v", u, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		u, err := f.users.FromRequest(r)
		if err != nil || u.Anonymous {
			b.Fatalf("FromRequest = %v, %v", u, err)
		}
	}
}

// TestReadAnswer checks the load generator's HTTP/1.1 reader on a real
// net/http server: status, Content-Length, keep-alive.
func TestReadAnswer(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 70_000) // more than the reader's buffer
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	l := newLoad(1)
	defer l.close()
	w := l.workers[0]
	for _, tc := range []struct {
		path   string
		status int
		size   int
	}{{"/", 200, len(body)}, {"/missing", 404, 19}, {"/", 200, len(body)}} {
		c, err := w.conn(addr)
		if err != nil {
			t.Fatal(err)
		}
		status, size, keep, err := c.do(newTarget("x", "x", addr, tc.path).req)
		if err != nil || status != tc.status || size != tc.size || !keep {
			t.Fatalf("GET %s = %d, %d bytes, keep %v, %v; want %d, %d", tc.path, status, size, keep, err, tc.status, tc.size)
		}
	}
	tg := newTarget("a", "a", addr, "/")
	tg.wantBody = len(body)
	if n, _ := l.phase(tg, 50*time.Millisecond); n == 0 || w.stats["a"].errors != 0 {
		t.Fatalf("phase: %d requests, %d errors (%s)", n, w.stats["a"].errors, w.stats["a"].lastErr)
	}
}
