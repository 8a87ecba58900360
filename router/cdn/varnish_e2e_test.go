package cdn_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/purge"
	"github.com/foliowiki/folio/internal/varnishtest"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/cdn"
	"github.com/foliowiki/folio/router/routertest"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

const password = "correct horse battery"

// wiki is a Folio server on a loopback port that counts the requests that
// reach it.
type wiki struct {
	srv   *server.Server
	saver *pageinfo.Saver
	url   string

	mu   sync.Mutex
	seen map[string]int // "METHOD /path?query" → requests
	auth map[string]int // the same, for requests carrying the session cookie
}

// newWiki builds a server on a fresh seeded SQLite store, as the server's
// own tests do (server_test.go, newServerOn), and serves it over HTTP.
func newWiki(t *testing.T, cfg config.Config) *wiki {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pages, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pages.Close)
	saver := pageinfo.NewSaver(st, pages, cfg.MaxPageBytes)
	if _, err := server.Seed(ctx, st, saver, server.MainPage); err != nil {
		t.Fatal(err)
	}
	users, err := userinfo.New(st, userinfo.Config{Log: quiet, Rights: userinfo.DefaultGroupRights()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(users.Close)
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Deps{Store: st, Pages: pages, Saver: saver, Users: users, Skins: set, Config: cfg, Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Users.CreateUser(ctx, "Alice", password); err != nil {
		t.Fatal(err)
	}
	w := &wiki{srv: srv, saver: saver, seen: map[string]int{}, auth: map[string]int{}}
	origin := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.RequestURI()
		w.mu.Lock()
		w.seen[key]++
		if _, err := r.Cookie("folio_session"); err == nil {
			w.auth[key]++
		}
		w.mu.Unlock()
		srv.ServeHTTP(rw, r)
	}))
	t.Cleanup(origin.Close)
	w.url = origin.URL
	return w
}

// reached returns how many requests for key reached Folio, and how many of
// them carried the session cookie.
func (w *wiki) reached(key string) (all, withSession int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen[key], w.auth[key]
}

// varnishFor starts varnishd in front of w with the VCL generated from the
// default registry.
func varnishFor(t *testing.T, w *wiki, acl ...string) *varnishtest.Varnish {
	t.Helper()
	return varnishWith(t, w, cdn.VarnishOptions{PurgeACL: acl})
}

// varnishWith starts varnishd in front of w with the VCL opt makes of the
// default registry (its Backend is w's).
func varnishWith(t *testing.T, w *wiki, opt cdn.VarnishOptions) *varnishtest.Varnish {
	t.Helper()
	s, err := cdn.FromRegistry(router.Default())
	if err != nil {
		t.Fatal(err)
	}
	opt.Backend = strings.TrimPrefix(w.url, "http://")
	vcl, err := cdn.Varnish(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return varnishtest.Start(t, vcl)
}

// browser talks to Varnish like a reader: cookies kept, redirects not
// followed.
type browser struct {
	base string
	c    *http.Client
}

func newBrowser(base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// do sends a request and returns its status, X-Cache and body.
func (b *browser) do(t *testing.T, method, target string, form url.Values) (int, string, string) {
	t.Helper()
	resp := b.send(t, method, target, form)
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Cache"), string(out)
}

// send sends target (a path and query) exactly as written.
func (b *browser) send(t *testing.T, method, target string, form url.Values) *http.Response {
	t.Helper()
	if strings.HasPrefix(target, "//") && form == nil {
		return b.sendRaw(t, method, target)
	}
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+"/", body)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque, req.URL.RawQuery, _ = strings.Cut(target, "?")
	req.URL.Path, _ = url.PathUnescape(req.URL.Opaque) // what the cookie jar looks at
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// sendRaw writes the request line itself, for a target that starts with
// "//", which net/http would write as an absolute URL. It sends no cookies.
func (b *browser) sendRaw(t *testing.T, method, target string) *http.Response {
	t.Helper()
	u, err := url.Parse(b.base)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, u.Host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// sentAsWritten reports whether Folio, behind net/http, sees target as it
// is: a client sends it as written (no spaces, no raw non-ASCII), and the
// server does not escape it again (a raw backslash becomes %5C, say).
func sentAsWritten(target string) bool {
	if !strings.HasPrefix(target, "/") || strings.ContainsFunc(target, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return false
	}
	u, err := url.ParseRequestURI(target)
	path, _, _ := strings.Cut(target, "?")
	return err == nil && u.EscapedPath() == path
}

// get is do("GET", path) that checks the status and X-Cache.
func (b *browser) get(t *testing.T, path string, status int, xcache string) string {
	t.Helper()
	got, cache, body := b.do(t, "GET", path, nil)
	if got != status || cache != xcache {
		t.Fatalf("GET %s = %d, X-Cache %q; want %d, %q", path, got, cache, status, xcache)
	}
	return body
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login logs the browser in as Alice, through Varnish.
func (b *browser) login(t *testing.T) {
	t.Helper()
	_, _, form := b.do(t, "GET", "/-/login", nil)
	m := csrfField.FindStringSubmatch(form)
	if m == nil {
		t.Fatalf("no CSRF token on the login form:\n%s", form)
	}
	status, cache, _ := b.do(t, "POST", "/-/login", url.Values{"name": {"Alice"}, "password": {password}, "csrf": {m[1]}})
	if status != http.StatusSeeOther || cache != "PASS" {
		t.Fatalf("login = %d, X-Cache %q", status, cache)
	}
}

// TestVarnishEndToEnd runs Folio behind a real Varnish with the generated
// VCL and checks what the issue asks: anonymous views are cached, sessions
// never, /-/ and POSTs always reach Folio, an edit and its PURGE show the new
// text, and a private wiki caches nothing.
func TestVarnishEndToEnd(t *testing.T) {
	w := newWiki(t, config.Default())
	v := varnishFor(t, w)
	anon := newBrowser(v.URL)

	t.Run("anonymous view: MISS then HIT", func(t *testing.T) {
		first := anon.get(t, "/wiki/Main_Page", 200, "MISS")
		if again := anon.get(t, "/wiki/Main_Page", 200, "HIT"); again != first {
			t.Error("the cached view differs from the first")
		}
		anon.get(t, "/wiki/Main_Page?utm_source=news", 200, "HIT") // the query Folio ignores is stripped
		if n, _ := w.reached("GET /wiki/Main_Page"); n != 1 {
			t.Errorf("Folio saw the view %d times, want 1", n)
		}
		anon.get(t, "/wiki/main_page", 301, "MISS") // redirects are cached too
		anon.get(t, "/wiki/main_page", 301, "HIT")
	})

	t.Run("the URL table's redirects keep their Location", func(t *testing.T) {
		n := 0
		for _, c := range routertest.Cases {
			if c.Method != "GET" || c.Status != 301 || !sentAsWritten(c.URL) {
				continue // not a request line Folio gets as written
			}
			for range 2 { // a MISS, then maybe a HIT
				resp := anon.send(t, "GET", c.URL, nil)
				resp.Body.Close()
				if resp.StatusCode != 301 || resp.Header.Get("Location") != c.Location {
					t.Errorf("GET %s through Varnish = %d %q, want 301 %q", c.URL, resp.StatusCode, resp.Header.Get("Location"), c.Location)
				}
			}
			n++
		}
		if n < 50 {
			t.Fatalf("only %d redirects tried", n)
		}
	})

	t.Run("a thumbnail: MISS then HIT", func(t *testing.T) {
		sha := uploadPNG(t, w, "Square.png", 500, 500)
		thumb := router.Default().Path("file.thumb", "sha", sha, "width", "250", "name", "Square.png")
		first := anon.get(t, thumb, 200, "MISS")
		if again := anon.get(t, thumb, 200, "HIT"); again != first {
			t.Error("the cached thumbnail differs from the first")
		}
		if img, err := png.Decode(strings.NewReader(first)); err != nil || img.Bounds().Dx() != 250 {
			t.Errorf("thumbnail through Varnish: %v", err)
		}
		if n, _ := w.reached("GET " + thumb); n != 1 {
			t.Errorf("Folio saw the thumbnail %d times, want 1", n)
		}
	})

	alice := newBrowser(v.URL)
	alice.login(t)
	t.Run("a session is never served from the cache nor stored", func(t *testing.T) {
		for range 2 {
			if body := alice.get(t, "/wiki/Main_Page", 200, "PASS"); !strings.Contains(body, "Alice") {
				t.Error("the logged-in view does not show the user")
			}
		}
		if _, n := w.reached("GET /wiki/Main_Page"); n != 2 {
			t.Errorf("Folio saw %d views with the session cookie, want 2", n)
		}
		// A page no anonymous reader asked for yet: Alice's view of it is
		// not stored for the next reader.
		alice.get(t, "/wiki/Sandbox", 404, "PASS")
		if body := anon.get(t, "/wiki/Sandbox", 404, "MISS"); strings.Contains(body, "Alice") {
			t.Error("the anonymous view shows the logged-in user")
		}
		anon.get(t, "/wiki/Sandbox", 404, "HIT")
		if body := anon.get(t, "/wiki/Main_Page", 200, "HIT"); strings.Contains(body, "Alice") {
			t.Error("the cached anonymous view shows the logged-in user")
		}
	})

	t.Run("/-/ and POSTs always reach Folio", func(t *testing.T) {
		anon.get(t, "/-/history/Main_Page", 200, "PASS")
		anon.get(t, "/-/history/Main_Page", 200, "PASS")
		if n, _ := w.reached("GET /-/history/Main_Page"); n != 2 {
			t.Errorf("Folio saw the history %d times, want 2", n)
		}
		for range 2 {
			if status, cache, _ := anon.do(t, "POST", "/wiki/Main_Page", url.Values{}); status != 405 || cache != "PASS" {
				t.Errorf("POST /wiki/Main_Page = %d %q, want Folio's 405, passed", status, cache)
			}
			if status, cache, _ := anon.do(t, "POST", "/-/edit/Main_Page", url.Values{"text": {"x"}}); status != 403 || cache != "PASS" {
				t.Errorf("POST /-/edit/Main_Page = %d %q, want Folio's 403, passed", status, cache)
			}
		}
		if n, _ := w.reached("POST /wiki/Main_Page"); n != 2 {
			t.Errorf("Folio saw %d POSTs to the view, want 2", n)
		}
		if n, _ := w.reached("POST /-/edit/Main_Page"); n != 2 {
			t.Errorf("Folio saw %d POSTs to the edit form, want 2", n)
		}
	})

	t.Run("an edit and its PURGE show the new text", func(t *testing.T) {
		ctx := context.Background()
		rev, err := w.srv.Store.LatestRevision(ctx, "Main_Page")
		if err != nil {
			t.Fatal(err)
		}
		const marker = "Edited behind Varnish, 7f3a"
		if _, err := w.saver.Save(ctx, pageinfo.Edit{Title: "Main_Page", Text: rev.Text + "\n\n" + marker, BaseRevID: rev.ID, UserName: "Alice"}); err != nil {
			t.Fatal(err)
		}
		if body := anon.get(t, "/wiki/Main_Page", 200, "HIT"); strings.Contains(body, marker) {
			t.Fatal("the new text is there before the purge: the cache was not used")
		}
		p := purge.New([]string{v.URL}, quiet)
		p.Purge(router.TitleURL("Main_Page"))
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		if s := p.Stats(); s.Sent != 1 {
			t.Fatalf("purge stats %+v", s)
		}
		if body := anon.get(t, "/wiki/Main_Page", 200, "MISS"); !strings.Contains(body, marker) {
			t.Error("after the purge the view does not show the new text")
		}
		anon.get(t, "/wiki/Main_Page", 200, "HIT")
	})
}

// talkTab matches the Discussion tab of a page view; group 1 is its
// class attribute, if any.
var talkTab = regexp.MustCompile(`<li class="tab tab-talk[^"]*"><a href="/wiki/Talk:Main_Page"( class="new")?`)

// TestVarnishTalkTab: the Discussion tab of a page whose talk page does not
// exist is red for anonymous readers served by Varnish, and blue once "Add
// topic" creates the talk page: the save purges the subject page's view
// (through the server's purge hook, as folio serve --purge-url wires it).
func TestVarnishTalkTab(t *testing.T) {
	w := newWiki(t, config.Default())
	v := varnishFor(t, w)
	p := purge.New([]string{v.URL}, quiet)
	t.Cleanup(func() { p.Close() })
	w.saver.OnChange = func(titles []string) {
		for _, title := range titles {
			p.Purge(router.TitleURL(title))
		}
	}
	anon := newBrowser(v.URL)
	anon.get(t, "/wiki/Main_Page", 200, "MISS")
	body := anon.get(t, "/wiki/Main_Page", 200, "HIT")
	if m := talkTab.FindStringSubmatch(body); m == nil || m[1] == "" {
		t.Fatalf("before the talk page exists, the Discussion tab is %q, want red (class new)", m)
	}

	alice := newBrowser(v.URL)
	alice.login(t)
	_, _, form := alice.do(t, "GET", "/-/edit/Talk:Main_Page?section=new", nil)
	csrf := csrfField.FindStringSubmatch(form)
	if csrf == nil {
		t.Fatalf("no CSRF token on the Add topic form:\n%s", form)
	}
	status, cache, _ := alice.do(t, "POST", "/-/edit/Talk:Main_Page", url.Values{"csrf": {csrf[1]}, "base": {"0"},
		"section": {"new"}, "summary": {"A question"}, "text": {"Why blue?"}, "save": {"1"}})
	if status != http.StatusSeeOther || cache != "PASS" {
		t.Fatalf("Add topic = %d, X-Cache %q", status, cache)
	}
	// The purge is sent in the background: wait for Varnish to drop the view.
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp := anon.send(t, "GET", "/wiki/Main_Page", nil)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if m := talkTab.FindStringSubmatch(string(b)); m != nil && m[1] == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after Add topic, anonymous readers still get a red Discussion tab (X-Cache %q)", resp.Header.Get("X-Cache"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	anon.get(t, "/wiki/Main_Page", 200, "HIT")
	if talk := anon.get(t, "/wiki/Talk:Main_Page", 200, "MISS"); !strings.Contains(talk, "Why blue?") {
		t.Error("the talk page does not show the new topic")
	}
}

// TestVarnishPrivateWiki: with --private nothing is cached, and a PURGE
// from outside the ACL is refused.
func TestVarnishPrivateWiki(t *testing.T) {
	cfg := config.Default()
	cfg.Private = true
	w := newWiki(t, cfg)
	v := varnishFor(t, w, "192.0.2.0/24")
	anon := newBrowser(v.URL)
	for range 2 {
		if status, cache, _ := anon.do(t, "GET", "/wiki/Main_Page", nil); cache == "HIT" || status != 403 {
			t.Errorf("anonymous view of a private wiki = %d, X-Cache %q", status, cache)
		}
	}
	if n, _ := w.reached("GET /wiki/Main_Page"); n != 2 {
		t.Errorf("Folio saw %d anonymous views, want 2", n)
	}
	alice := newBrowser(v.URL)
	alice.login(t)
	for range 2 {
		alice.get(t, "/wiki/Main_Page", 200, "PASS")
	}
	if status, cache, _ := anon.do(t, "GET", "/wiki/Main_Page", nil); cache == "HIT" || status != 403 {
		t.Errorf("anonymous view after Alice's = %d, X-Cache %q", status, cache)
	}
	if status, _, _ := anon.do(t, "PURGE", "/wiki/Main_Page", nil); status != 405 {
		t.Errorf("PURGE from outside the ACL = %d, want 405", status)
	}
}

// uploadPNG records a size × size PNG as File:name through the save path
// and returns its SHA-256.
func uploadPNG(t *testing.T, w *wiki, name string, width, height int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, width, height))); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b.Bytes())
	sha := hex.EncodeToString(sum[:])
	ctx := context.Background()
	if err := w.srv.Store.PutBlob(ctx, sha, bytes.NewReader(b.Bytes())); err != nil {
		t.Fatal(err)
	}
	if _, err := w.saver.Upload(ctx, pageinfo.FileUpload{Version: store.FileVersion{
		Name: name, SHA: sha, Size: int64(b.Len()), Width: width, Height: height, Mime: "image/png", UserName: "Alice",
	}}); err != nil {
		t.Fatal(err)
	}
	return sha
}

// TestVarnishTemplateEdit: an anonymous view of a page using
// Template:Notice is cached; editing the template re-renders the page in
// the background (the runner running, as folio serve starts it) and
// purges it, and within 2 s anonymous readers get the new text through
// Varnish.
func TestVarnishTemplateEdit(t *testing.T) {
	w := newWiki(t, config.Default())
	v := varnishFor(t, w)
	p := purge.New([]string{v.URL}, quiet)
	t.Cleanup(func() { p.Close() })
	for _, e := range []pageinfo.Edit{
		{Title: "Template:Notice", Text: "**Notice:** {{{1}}}"},
		{Title: "Uses_notice", Text: "{{Notice|for readers}}"},
	} {
		e.UserName = "Alice"
		if _, err := w.saver.Save(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	// Purging starts after the saves above: their purges, sent in the
	// background, could arrive after the view below was cached.
	w.saver.OnChange = func(titles []string) { // as folio serve --purge-url
		for _, title := range titles {
			p.Purge(router.TitleURL(title))
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- w.saver.RunRerenders(ctx, 2) }()
	t.Cleanup(func() {
		stop()
		if err := <-ran; err != nil {
			t.Errorf("RunRerenders: %v", err)
		}
	})
	anon := newBrowser(v.URL)
	anon.get(t, "/wiki/Uses_notice", 200, "MISS")
	if body := anon.get(t, "/wiki/Uses_notice", 200, "HIT"); !strings.Contains(body, "<strong>Notice:</strong> for readers") {
		t.Fatalf("the cached view lacks the template's text:\n%s", body)
	}

	alice := newBrowser(v.URL)
	alice.login(t)
	_, _, form := alice.do(t, "GET", "/-/edit/Template:Notice", nil)
	csrf, base := csrfField.FindStringSubmatch(form), regexp.MustCompile(`name="base" value="(\d+)"`).FindStringSubmatch(form)
	if csrf == nil || base == nil {
		t.Fatalf("no edit form for Template:Notice:\n%s", form)
	}
	if status, _, _ := alice.do(t, "POST", "/-/edit/Template:Notice", url.Values{"csrf": {csrf[1]}, "base": {base[1]},
		"text": {"**Warning:** {{{1}}}"}, "summary": {"sterner"}}); status != http.StatusSeeOther {
		t.Fatalf("editing Template:Notice = %d", status)
	}
	start := time.Now()
	for {
		resp := anon.send(t, "GET", "/wiki/Uses_notice", nil)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), "<strong>Warning:</strong> for readers") {
			break
		}
		if time.Since(start) > 2*time.Second {
			t.Fatalf("2 s after the template's edit, anonymous readers still get the old text (X-Cache %q)", resp.Header.Get("X-Cache"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("anonymous readers got the edited template through Varnish after %s", time.Since(start).Round(time.Millisecond))
	anon.get(t, "/wiki/Uses_notice", 200, "HIT")
}
