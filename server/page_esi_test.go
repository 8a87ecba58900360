package server_test

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store/sqlite"
)

var esiInclude = regexp.MustCompile(`<esi:include src="(/-/userfragment/[^"]+)"/>`)

// esiServer is a server with --esi, Alice logged in on c.
func esiServer(t *testing.T, esi bool) (*client, *server.Server) {
	t.Helper()
	srv := newServerWith(t, func(c *config.Config) { c.ESI = esi })
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	return c, srv
}

// esiPage returns what an ESI cache serves c's reader at target: the body
// of their class with its include replaced by the fragment, fetched with
// c's session.
func esiPage(t *testing.T, c *client, target string) string {
	t.Helper()
	body := get(t, c.h, "GET", target, "X-Folio-ESI", "1", "X-Folio-Class", c.cookies["folio_class"].Value)
	m := esiInclude.FindAllStringSubmatch(body.Body.String(), -1)
	if body.Code != 200 || len(m) != 1 {
		t.Fatalf("ESI body of %s: %d, %d includes", target, body.Code, len(m))
	}
	frag := c.do("GET", m[0][1], nil)
	if frag.Code != 200 {
		t.Fatalf("fragment %s: %d", m[0][1], frag.Code)
	}
	return strings.Replace(body.Body.String(), m[0][0], frag.Body.String(), 1)
}

// A redirect's view shows its target, and ?redirect=no the redirect
// itself: the fragment follows the redirect as the view does.
func TestESIRedirectView(t *testing.T) {
	c, srv := esiServer(t, true)
	if _, err := srv.Saver.Save(context.Background(), pageinfo.Edit{Title: "Home", Text: "#REDIRECT [[Main Page]]\n", UserName: "Alice"}); err != nil {
		t.Fatal(err)
	}
	c.do("GET", "/-/recent", nil) // the class cookie
	var views []string
	for _, target := range []string{"/wiki/Home", "/wiki/Home?redirect=no"} {
		want := c.do("GET", target, nil).Body.String()
		if got := esiPage(t, c, target); got != want {
			t.Errorf("%s: the ESI page is not the view", target)
		}
		views = append(views, want)
	}
	if !strings.Contains(views[0], "redirected-from") || strings.Contains(views[1], "redirected-from") {
		t.Error("the redirect and its target are not told apart")
	}
}

// With --esi, every answer under /-/ to a logged-in reader keeps their
// class cookie, a stale one is replaced, an anonymous reader's removed;
// without it, none is set.
func TestReaderClassCookie(t *testing.T) {
	c, _ := esiServer(t, true)
	c.do("GET", "/-/recent", nil)
	set := c.cookies["folio_class"]
	if set == nil || !strings.HasPrefix(set.Value, "v1.") || !set.HttpOnly {
		t.Fatalf("folio_class after a logged-in page: %v", set)
	}
	class := *set
	c.cookies["folio_class"].Value = "v1.3f.desktop.en.auto."
	if rec := c.do("GET", "/wiki/Main_Page", nil); rec.Header().Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("logged-in view: %q", rec.Header().Get("Cache-Control"))
	}
	if got := c.cookies["folio_class"].Value; got != class.Value {
		t.Errorf("a stale class stays: %q, want %q", got, class.Value)
	}
	// An anonymous reader's class is removed.
	anon := newClient(t, c.h)
	anon.cookies["folio_class"] = &http.Cookie{Name: "folio_class", Value: class.Value}
	rec := anon.do("GET", "/-/recent", nil)
	if _, ok := anon.cookies["folio_class"]; ok || !strings.Contains(rec.Header().Get("Set-Cookie"), "folio_class=;") {
		t.Errorf("an anonymous reader keeps the class: %q", rec.Header().Get("Set-Cookie"))
	}

	plain, _ := esiServer(t, false)
	plain.do("GET", "/-/recent", nil)
	if ck := plain.cookies["folio_class"]; ck != nil {
		t.Errorf("without --esi, a class cookie: %v", ck)
	}
}

// The ESI body of a view is the class's, public and varied on the class,
// with an include where the reader's part goes; the include, fetched with
// the session, is the reader's part, and together they are the reader's
// view. What has no body is refused with X-Folio-ESI: off, and without
// --esi the header is ignored.
func TestESIBody(t *testing.T) {
	c, h := esiServer(t, true)
	view := c.do("GET", "/wiki/Main_Page", nil).Body.String()
	class := c.cookies["folio_class"].Value

	body := get(t, h, "GET", "/wiki/Main_Page", "X-Folio-ESI", "1", "X-Folio-Class", class)
	hd := body.Header()
	if body.Code != 200 || hd.Get("Surrogate-Control") != `content="ESI/1.0"` || !strings.Contains(hd.Get("Vary"), "X-Folio-Class") ||
		!strings.HasPrefix(hd.Get("Cache-Control"), "public") {
		t.Fatalf("ESI body: %d %v", body.Code, hd)
	}
	m := esiInclude.FindAllStringSubmatch(body.Body.String(), -1)
	if len(m) != 1 || strings.Contains(body.Body.String(), "Alice") {
		t.Fatalf("ESI body: %d includes, Alice %v", len(m), strings.Contains(body.Body.String(), "Alice"))
	}
	frag := c.do("GET", m[0][1], nil)
	if frag.Code != 200 || frag.Header().Get("Cache-Control") != "private, no-store" {
		t.Fatalf("fragment: %d %q", frag.Code, frag.Header().Get("Cache-Control"))
	}
	if got := strings.Replace(body.Body.String(), m[0][0], frag.Body.String(), 1); got != view {
		t.Error("the body with its fragment is not Alice's view")
	}

	for _, tc := range []struct{ target, class string }{
		{"/wiki/Main_Page?useskin=minimal", class},
		{"/wiki/Main_Page?uselang=de", class},
		{"/wiki/No_such_page", class},
		{"/wiki/Main_Page", "v1.7.nope.en.auto."},
		{"/wiki/Main_Page", ""},
	} {
		rec := get(t, h, "GET", tc.target, "X-Folio-ESI", "1", "X-Folio-Class", tc.class)
		if rec.Code != http.StatusNotAcceptable || rec.Header().Get("X-Folio-ESI") != "off" || rec.Header().Get("Cache-Control") != "private, no-store" {
			t.Errorf("GET %s, class %q: %d %v, want a 406 refusal", tc.target, tc.class, rec.Code, rec.Header())
		}
	}

	_, plain := esiServer(t, false)
	rec := get(t, plain, "GET", "/wiki/Main_Page", "X-Folio-ESI", "1", "X-Folio-Class", class)
	if rec.Code != 200 || strings.Contains(rec.Body.String(), "<esi:") || rec.Header().Get("Surrogate-Control") != "" {
		t.Error("without --esi, X-Folio-ESI was honoured")
	}
}

// Fragment requests with bad input are 4xx, as plain text.
func TestUserFragmentBadInput(t *testing.T) {
	c, h := esiServer(t, true)
	c.do("GET", "/-/recent", nil) // the class cookie
	for target, want := range map[string]int{
		"/-/userfragment/x/Main_Page":     400,
		"/-/userfragment/-1/Main_Page":    400,
		"/-/userfragment/99/Main_Page":    404,
		"/-/userfragment/0/No_such_page":  404,
		"/-/userfragment/0/Main_Page?a=b": 200,
	} {
		rec := c.do("GET", target, nil)
		if rec.Code != want || want != 200 && strings.Contains(rec.Body.String(), "<html") {
			t.Errorf("GET %s = %d, want %d, plain", target, rec.Code, want)
		}
	}
	if rec := get(t, h, "GET", "/-/userfragment/0/Main_Page"); rec.Code != 400 {
		t.Errorf("a fragment without a class = %d, want 400", rec.Code)
	}
}

// A private wiki shares no view: --esi is refused.
func TestESIPrivateRefused(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := config.Default()
	cfg.ESI, cfg.Private = true, true
	defer func() {
		if recover() == nil {
			t.Error("--esi with --private accepted")
		}
	}()
	newServerOn(&fatalPanics{t}, st, cfg)
}

// fatalPanics turns a Fatal into a panic, to see a helper fail.
type fatalPanics struct{ *testing.T }

func (f *fatalPanics) Fatal(args ...any) { panic(args) }
