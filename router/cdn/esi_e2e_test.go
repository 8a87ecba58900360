package cdn_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/purge"
	"github.com/foliowiki/folio/internal/varnishtest"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/cdn"
)

// esiVarnishFor starts varnishd in front of w with the ESI variant of the
// VCL (folio cdn varnish --esi).
func esiVarnishFor(t *testing.T, w *wiki) *varnishtest.Varnish {
	t.Helper()
	return varnishWith(t, w, cdn.VarnishOptions{ESI: true})
}

// loginAs logs the browser in as name, through Varnish.
func (b *browser) loginAs(t *testing.T, name string) {
	t.Helper()
	_, _, form := b.do(t, "GET", "/-/login", nil)
	m := csrfField.FindStringSubmatch(form)
	if m == nil {
		t.Fatalf("no CSRF token on the login form:\n%s", form)
	}
	status, _, _ := b.do(t, "POST", "/-/login", url.Values{"name": {name}, "password": {password}, "csrf": {m[1]}})
	if status != http.StatusSeeOther {
		t.Fatalf("login as %s = %d", name, status)
	}
}

// cookie returns the value of the browser's cookie name, or "".
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// esiGet is get for a logged-in view through ESI: it checks the status,
// the X-Cache of the body and that the page was put together by ESI.
func (b *browser) esiGet(t *testing.T, path, xcache string) string {
	t.Helper()
	resp := b.send(t, "GET", path, nil)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	h := resp.Header
	if resp.StatusCode != 200 || h.Get("X-Cache") != xcache || h.Get("X-Folio-ESI") != "on" {
		t.Fatalf("GET %s = %d, X-Cache %q, X-Folio-ESI %q; want 200, %q, on", path, resp.StatusCode, h.Get("X-Cache"), h.Get("X-Folio-ESI"), xcache)
	}
	if !resp.Uncompressed {
		t.Errorf("GET %s: the page was not sent compressed", path)
	}
	if cc := h.Get("Cache-Control"); cc != "private, no-cache" || h.Get("ETag") != "" || strings.Contains(h.Get("Vary"), "X-Folio-Class") {
		t.Errorf("GET %s: Cache-Control %q, ETag %q, Vary %q: want the reader's page, private, without the body's validators", path, cc, h.Get("ETag"), h.Get("Vary"))
	}
	return string(body)
}

// originView is the page Folio itself serves b's reader at path, straight,
// with b's cookies.
func (w *wiki) originView(t *testing.T, b *browser, path string) string {
	t.Helper()
	req, err := http.NewRequest("GET", w.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(b.base)
	for _, c := range b.c.Jar.Cookies(u) {
		req.AddCookie(c)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("origin GET %s = %d, %q", path, resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	return string(body)
}

// fragments returns how many fragment requests of path's view reached
// Folio, and how many of them carried the session cookie.
func (w *wiki) fragments(title string) (all, withSession int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for key, n := range w.seen {
		if strings.HasPrefix(key, "GET /-/userfragment/") && strings.HasSuffix(key, "/"+title) {
			all += n
			withSession += w.auth[key]
		}
	}
	return all, withSession
}

var (
	userName = regexp.MustCompile(`class="user-name" href="[^"]*"[^>]*>([^<]*)<`)
	csrfOf   = regexp.MustCompile(`name="csrf" value="([^"]*)"`)
)

// TestVarnishESI runs Folio (--esi) behind a real Varnish with the ESI
// VCL: a logged-in view is a HIT for its body, shared by the readers of
// its class, and reaches Folio only for the reader's fragments; the page
// is Folio's own logged-in view, byte for byte; an edit's PURGE removes
// the body with the anonymous view; nobody sees another reader's parts.
func TestVarnishESI(t *testing.T) {
	cfg := config.Default()
	cfg.ESI = true
	w := newWiki(t, cfg)
	if _, err := w.srv.Users.CreateUser(context.Background(), "Bob", password); err != nil {
		t.Fatal(err)
	}
	v := esiVarnishFor(t, w)
	anon, alice, bob := newBrowser(v.URL), newBrowser(v.URL), newBrowser(v.URL)
	alice.loginAs(t, "Alice")
	bob.loginAs(t, "Bob")
	const page = "/wiki/Main_Page"

	// The first view after login passes (no class yet) and sets the class.
	alice.get(t, page, 200, "PASS")
	class := alice.cookie("folio_class")
	if class == "" {
		t.Fatal("no folio_class cookie after a logged-in view")
	}

	first := alice.esiGet(t, page, "MISS")
	if want := w.originView(t, alice, page); first != want {
		t.Fatalf("the ESI page differs from Folio's own logged-in view:\n%s", pageDiff(first, want))
	}
	holes, _ := w.fragments("Main_Page")
	if holes == 0 {
		t.Fatal("no fragment reached Folio")
	}
	t.Logf("%s: %d holes", page, holes)
	viewsBefore, _ := w.reached("GET " + page)
	if again := alice.esiGet(t, page, "HIT"); again != first {
		t.Errorf("the second ESI page differs from the first:\n%s", pageDiff(again, first))
	}
	if n, _ := w.reached("GET " + page); n != viewsBefore {
		t.Errorf("a HIT reached Folio for the body (%d views, was %d)", n, viewsBefore)
	}
	if all, withSession := w.fragments("Main_Page"); all != 2*holes || withSession != all {
		t.Errorf("fragments: %d reached Folio (%d with the session), want %d, all with it", all, withSession, 2*holes)
	}
	if got := userName.FindStringSubmatch(first); got == nil || got[1] != "Alice" {
		t.Errorf("Alice's page shows the user %v", got)
	}

	t.Run("two readers of a class share the body, each with their own parts", func(t *testing.T) {
		bob.get(t, page, 200, "PASS")
		if c := bob.cookie("folio_class"); c != class {
			t.Fatalf("Bob's class %q, Alice's %q", c, class)
		}
		bobs := bob.esiGet(t, page, "HIT")
		if n, _ := w.reached("GET " + page); n != viewsBefore+1 { // Bob's first, passed view
			t.Errorf("Bob's view fetched the body again (%d views)", n)
		}
		if want := w.originView(t, bob, page); bobs != want {
			t.Fatalf("Bob's ESI page differs from Folio's view for him:\n%s", pageDiff(bobs, want))
		}
		if got := userName.FindStringSubmatch(bobs); got == nil || got[1] != "Bob" {
			t.Errorf("Bob's page shows the user %v", got)
		}
		a, b := csrfOf.FindStringSubmatch(first), csrfOf.FindStringSubmatch(bobs)
		if a == nil || b == nil || a[1] == b[1] || strings.Contains(bobs, a[1]) || strings.Contains(first, b[1]) {
			t.Error("a CSRF token shows on the other reader's page")
		}
	})

	t.Run("the anonymous view shares nothing with them", func(t *testing.T) {
		body := anon.get(t, page, 200, "MISS") // a key of its own: no class
		if strings.Contains(body, "<esi:") || userName.MatchString(body) || csrfOf.MatchString(body) {
			t.Error("the anonymous view holds an ESI body or a reader's parts")
		}
		anon.get(t, page, 200, "HIT")
	})

	t.Run("what has no ESI body passes, as without ESI", func(t *testing.T) {
		for _, path := range []string{"/wiki/Sandbox", page + "?useskin=minimal", page + "?uselang=de"} {
			status, cache, body := alice.do(t, "GET", path, nil)
			if cache != "PASS" || strings.Contains(body, "<esi:") || !strings.Contains(body, "Alice") {
				t.Errorf("GET %s = %d %q: want Folio's own view, passed", path, status, cache)
			}
		}
		if body := anon.get(t, "/wiki/Sandbox", 404, "MISS"); strings.Contains(body, "Alice") {
			t.Error("the anonymous missing page shows Alice")
		}
	})

	t.Run("an edit's PURGE removes the body with the anonymous view", func(t *testing.T) {
		ctx := context.Background()
		rev, err := w.srv.Store.LatestRevision(ctx, "Main_Page")
		if err != nil {
			t.Fatal(err)
		}
		const marker = "Edited behind ESI, 3c9e"
		if _, err := w.saver.Save(ctx, pageinfo.Edit{Title: "Main_Page", Text: rev.Text + "\n\n" + marker, BaseRevID: rev.ID, UserName: "Alice"}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(alice.esiGet(t, page, "HIT"), marker) {
			t.Fatal("the new text is there before the purge: the cache was not used")
		}
		p := purge.New([]string{v.URL}, quiet)
		p.Purge(router.TitleURL("Main_Page"))
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		got := alice.esiGet(t, page, "MISS")
		if !strings.Contains(got, marker) {
			t.Error("after the purge Alice's page does not show the new text")
		}
		if want := w.originView(t, alice, page); got != want {
			t.Errorf("after the edit the ESI page differs from Folio's view:\n%s", pageDiff(got, want))
		}
		if !strings.Contains(bob.esiGet(t, page, "HIT"), marker) {
			t.Error("Bob's page does not show the new text")
		}
		if !strings.Contains(anon.get(t, page, 200, "MISS"), marker) {
			t.Error("the purge left the anonymous view")
		}
	})

	t.Run("a forged class shows chrome, grants nothing, leaks nothing", func(t *testing.T) {
		mallory := newBrowser(v.URL)
		mallory.loginAs(t, "Bob")
		mallory.get(t, page, 200, "PASS")
		u, _ := url.Parse(v.URL)
		forged := strings.Replace(class, "v1.7.", "v1.3f.", 1) // every right of a class: a sysop's tabs
		mallory.c.Jar.SetCookies(u, []*http.Cookie{{Name: "folio_class", Value: forged, Path: "/"}})
		body := mallory.esiGet(t, page, "MISS")
		if !strings.Contains(body, "/-/delete/Main_Page") {
			t.Error("the forged class's body has no delete action")
		}
		if got := userName.FindStringSubmatch(body); got == nil || got[1] != "Bob" {
			t.Errorf("the forged page shows the user %v", got)
		}
		status, cache, _ := mallory.do(t, "GET", "/-/delete/Main_Page", nil)
		if status == http.StatusOK || cache != "PASS" {
			t.Errorf("GET /-/delete/Main_Page with a forged class = %d %q, want Folio's refusal, passed", status, cache)
		}
		// Answers under /-/ put the class right again.
		if c := mallory.cookie("folio_class"); c != class {
			t.Errorf("after an answer from Folio the class is %q, want %q", c, class)
		}
	})

	t.Run("bad fragment requests are 4xx", func(t *testing.T) {
		for path, want := range map[string]int{
			"/-/userfragment/x/Main_Page":    400,
			"/-/userfragment/999/Main_Page":  404,
			"/-/userfragment/0/No_such_page": 404,
			"/-/userfragment/-1/Main_Page":   400,
		} {
			if status, cache, _ := alice.do(t, "GET", path, nil); status != want || cache != "PASS" {
				t.Errorf("GET %s = %d %q, want %d, passed", path, status, cache, want)
			}
		}
		if status, _, _ := anon.do(t, "GET", "/-/userfragment/0/Main_Page", nil); status != 400 {
			t.Errorf("a fragment without a class = %d, want 400", status)
		}
	})
}

// pageDiff shows the first line where got and want differ.
func pageDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %.300s\n+ %.300s", i+1, b, a)
		}
	}
	return ""
}
