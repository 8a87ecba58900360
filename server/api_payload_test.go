package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
)

// get is a GET with c's cookies and the header pairs, keeping no cookie
// it sets.
func (c *client) get(target string, header ...string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec
}

// TestPageInfoPayload: /api/v1/pageinfo/T is the revision's PageInfo as
// the skin sees it, public and cached like a view for every reader —
// byte for byte the same for a logged-in one — with an ETag of the
// revision that answers 304.
func TestPageInfoPayload(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice", "sysop")
	anon := get(t, srv, "GET", "/api/v1/pageinfo/Main_Page")
	if anon.Code != 200 || anon.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("pageinfo = %d %q\n%s", anon.Code, anon.Header().Get("Content-Type"), anon.Body.String())
	}
	var p skin.PagePayload
	if err := json.Unmarshal(anon.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Schema != skin.PageInfoSchema || p.Title != "Main_Page" || p.Revision == 0 || !strings.Contains(p.HTML, "Welcome to Folio") || p.RendererVersion == "" {
		t.Fatalf("payload %+v", p)
	}
	for name, want := range map[string]string{"Cache-Control": "public, s-maxage=300, max-age=0", "Vary": "Accept-Encoding"} {
		if got := anon.Header().Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	etag := anon.Header().Get("ETag")
	if !strings.HasPrefix(etag, `"p`+jsonInt(p.Revision)+"-") {
		t.Errorf("ETag %s does not name revision %d", etag, p.Revision)
	}
	c := newClient(t, srv)
	c.mustLogin("Alice")
	user := c.get("/api/v1/pageinfo/Main_Page")
	if user.Code != 200 || !bytes.Equal(user.Body.Bytes(), anon.Body.Bytes()) || user.Header().Get("ETag") != etag {
		t.Fatalf("a logged-in reader's pageinfo differs from the anonymous one:\n%s\n%s", user.Body.String(), anon.Body.String())
	}
	if got := user.Header().Get("Cache-Control"); got != "public, s-maxage=300, max-age=0" {
		t.Errorf("logged-in Cache-Control = %q, want the public one", got)
	}
	if strings.Contains(user.Body.String(), "Alice") || strings.Contains(user.Body.String(), "csrf") {
		t.Errorf("pageinfo carries the reader: %s", user.Body.String())
	}
	if rec := get(t, srv, "GET", "/api/v1/pageinfo/Main_Page", "If-None-Match", etag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match = %d with %d bytes, want 304", rec.Code, rec.Body.Len())
	}
	gz := get(t, srv, "GET", "/api/v1/pageinfo/Main_Page", "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("pageinfo not compressed: %q", gz.Header().Get("Content-Encoding"))
	}
	if rec := get(t, srv, "GET", "/api/v1/pageinfo/Main_Page", "Accept-Encoding", "gzip", "If-None-Match", gz.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("compressed If-None-Match %s = %d, want 304", gz.Header().Get("ETag"), rec.Code)
	}
	old := get(t, srv, "GET", "/api/v1/pageinfo/Main_Page?oldid="+jsonInt(p.Revision))
	if old.Code != 200 || !bytes.Equal(old.Body.Bytes(), anon.Body.Bytes()) {
		t.Errorf("?oldid= of the current revision = %d\n%s", old.Code, old.Body.String())
	}
}

// TestPageInfoPayloadErrors: a missing page or revision, a revision of
// another page and a bad title are 4xx JSON errors.
func TestPageInfoPayloadErrors(t *testing.T) {
	srv, _ := newServer(t)
	for target, status := range map[string]int{
		"/api/v1/pageinfo/No_such_page":        404,
		"/api/v1/pageinfo/Main_Page?oldid=999": 404,
		"/api/v1/pageinfo/Other?oldid=1":       404,
		"/api/v1/pageinfo/Bad%7Ctitle":         400,
		"/api/v1/pageinfo/Main_Page?oldid=x":   400,
		"/api/v1/skins/nope":                   404,
		"/-/render/No_such_page":               404,
	} {
		rec, out := apiDo(t, srv, "GET", target, "", "")
		if rec.Code != status {
			t.Errorf("%s = %d, want %d: %s", target, rec.Code, status, rec.Body.String())
			continue
		}
		if strings.HasPrefix(target, "/api/") && (out["error"] == nil || out["id"] == nil) {
			t.Errorf("%s: not a JSON error: %s", target, rec.Body.String())
		}
	}
	_, out := apiDo(t, srv, "GET", "/api/v1/skins/nope", "", "")
	if msg, _ := out["error"].(string); !strings.Contains(msg, "desktop") || !strings.Contains(msg, "minimal") {
		t.Errorf("unknown skin error %q does not list the skins", msg)
	}
}

// TestUserInfoPayload: /api/v1/userinfo is the reader's, never stored for
// a session; the anonymous one is a constant revalidated by ETag.
func TestUserInfoPayload(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice", "sysop")
	createUser(t, srv, "Bob")
	anon := get(t, srv, "GET", "/api/v1/userinfo")
	var a skin.UserPayload
	if err := json.Unmarshal(anon.Body.Bytes(), &a); err != nil || anon.Code != 200 {
		t.Fatalf("anonymous userinfo = %d %v\n%s", anon.Code, err, anon.Body.String())
	}
	if a.Schema != skin.UserInfoSchema || !a.IsAnon || a.Name != "" || a.CSRFToken != "" || a.Skin != "desktop" || a.Language != "en" || !strings.Contains(a.LinkSkin, "/api/v1/skins/desktop?uselang=en&v=") {
		t.Fatalf("anonymous payload %+v", a)
	}
	if cc, vary := anon.Header().Get("Cache-Control"), anon.Header().Get("Vary"); cc != "private, no-cache" || !strings.HasPrefix(vary, "Cookie, Authorization") {
		t.Errorf("anonymous Cache-Control %q, Vary %q", cc, vary)
	}
	if again := get(t, srv, "GET", "/api/v1/userinfo"); !bytes.Equal(again.Body.Bytes(), anon.Body.Bytes()) {
		t.Error("the anonymous userinfo is not a constant")
	}
	if rec := get(t, srv, "GET", "/api/v1/userinfo", "If-None-Match", anon.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("anonymous If-None-Match = %d, want 304", rec.Code)
	}
	payloadOf := func(name string) (skin.UserPayload, *httptest.ResponseRecorder) {
		c := newClient(t, srv)
		c.mustLogin(name)
		rec := c.get("/api/v1/userinfo")
		var p skin.UserPayload
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != 200 {
			t.Fatalf("%s's userinfo = %d %v\n%s", name, rec.Code, err, rec.Body.String())
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("%s's Cache-Control = %q, want private, no-store", name, cc)
		}
		if rec.Header().Get("ETag") != "" {
			t.Errorf("%s's userinfo has an ETag", name)
		}
		return p, rec
	}
	alice, _ := payloadOf("Alice")
	bob, _ := payloadOf("Bob")
	if alice.Name != "Alice" || alice.IsAnon || alice.CSRFToken == "" || !contains(alice.Groups, "sysop") || !contains(alice.Rights, "delete") {
		t.Errorf("Alice's payload %+v", alice)
	}
	if bob.Name != "Bob" || contains(bob.Rights, "delete") || bob.CSRFToken == alice.CSRFToken {
		t.Errorf("Bob's payload %+v", bob)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSkinBundle: /api/v1/skins/NAME holds the skin's templates as
// written, its messages in ?uselang=, and is immutable at the URL the
// userinfo links (its hash as v), public for a view's time without it.
func TestSkinBundle(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "GET", "/api/v1/skins/minimal")
	var b skin.Bundle
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || rec.Code != 200 {
		t.Fatalf("bundle = %d %v\n%s", rec.Code, err, rec.Body.String())
	}
	if b.Schema != skin.BundleSchema || b.Skin != "minimal" || b.Language != "en" || b.Hash == "" || len(b.Stylesheets) == 0 || b.Messages["msg-searchbutton"] == "" {
		t.Fatalf("bundle %+v", b)
	}
	for name, src := range b.Templates {
		want, err := skins.FS.Open("minimal/templates/" + name + ".mustache")
		if err != nil {
			t.Fatalf("template %q is not the skin's: %v", name, err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(want)
		if buf.String() != src {
			t.Errorf("template %q differs from minimal/templates/%s.mustache", name, name)
		}
	}
	if _, ok := b.Templates[b.Entry]; !ok || len(b.Templates) < 2 {
		t.Errorf("templates %d, entry %q missing", len(b.Templates), b.Entry)
	}
	if got := rec.Header().Get("Cache-Control"); got != "public, s-maxage=300, max-age=0" {
		t.Errorf("unfingerprinted Cache-Control = %q", got)
	}
	if rec.Header().Get("ETag") != `"s`+b.Hash+`"` {
		t.Errorf("ETag %s, hash %s", rec.Header().Get("ETag"), b.Hash)
	}
	pinned := get(t, srv, "GET", "/api/v1/skins/minimal?v="+b.Hash)
	if got := pinned.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" || !bytes.Equal(pinned.Body.Bytes(), rec.Body.Bytes()) {
		t.Errorf("fingerprinted Cache-Control = %q", got)
	}
	if got := get(t, srv, "GET", "/api/v1/skins/minimal?v=stale").Header().Get("Cache-Control"); got != "public, s-maxage=300, max-age=0" {
		t.Errorf("stale v Cache-Control = %q", got)
	}
	de := get(t, srv, "GET", "/api/v1/skins/minimal?uselang=de")
	var d skin.Bundle
	if err := json.Unmarshal(de.Body.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Language != "de" || d.Hash == b.Hash || d.Messages["msg-searchbutton"] == b.Messages["msg-searchbutton"] {
		t.Errorf("uselang=de: language %q, search %q", d.Language, d.Messages["msg-searchbutton"])
	}
}

// TestPageRender: /-/render/T and ?action=render are the article HTML
// alone, cached like a view.
func TestPageRender(t *testing.T) {
	srv, _ := newServer(t)
	rec := get(t, srv, "GET", "/-/render/Main_Page")
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "Welcome to Folio") || strings.Contains(body, "<html") || strings.Contains(body, "<body") {
		t.Fatalf("render = %d\n%s", rec.Code, body)
	}
	var p skin.PagePayload
	if err := json.Unmarshal(get(t, srv, "GET", "/api/v1/pageinfo/Main_Page").Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if body != p.HTML {
		t.Errorf("render is not the PageInfo's html")
	}
	if got := rec.Header().Get("Cache-Control"); got != "public, s-maxage=300, max-age=0" {
		t.Errorf("Cache-Control = %q", got)
	}
	if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if r := get(t, srv, "GET", "/-/render/Main_Page", "If-None-Match", rec.Header().Get("ETag")); r.Code != http.StatusNotModified {
		t.Errorf("If-None-Match = %d", r.Code)
	}
	if r := get(t, srv, "GET", "/wiki/Main_Page?action=render"); r.Code != http.StatusMovedPermanently || r.Header().Get("Location") != "/-/render/Main_Page" {
		t.Errorf("?action=render = %d to %q", r.Code, r.Header().Get("Location"))
	}
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
