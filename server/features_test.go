package server_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
)

// put saves a page directly through the save path, as a test fixture.
func put(t *testing.T, srv *server.Server, title, text string) {
	t.Helper()
	base := int64(0)
	if p, err := srv.Store.PageByTitle(context.Background(), title); err == nil {
		base = p.LatestRev
	}
	if _, err := srv.Saver.Save(context.Background(), pageinfo.Edit{Title: title, Text: text, BaseRevID: base, UserName: "Fixture"}); err != nil {
		t.Fatal(err)
	}
}

func TestListsAndSearch(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		put(t, srv, "Apple", "Apples grow on trees. [[Banana]] [[Category:Fruit]]")
		put(t, srv, "Banana", "Bananas are yellow. [[Category:Fruit]]")
		put(t, srv, "Cherry", "See [[Banana]].")
		c := newClient(t, srv)

		body := mustStatus(t, c.do("GET", "/-/search?q=yellow+bananas", nil), 200, "search")
		mustContain(t, body, `<mark>yellow</mark>`, "search snippet")
		mustContain(t, body, `href="/wiki/Banana"`, "search hit")
		mustContain(t, mustStatus(t, c.do("GET", "/-/search?q=banana&fulltext=1", nil), 200, "search"), `class="goto"`, "exact title match")
		if b := mustStatus(t, c.do("GET", "/-/search?q=%3Cscript%3Ealert(9)%3C/script%3E", nil), 200, "hostile search"); strings.Contains(b, "<script>alert(9)") {
			t.Fatal("search echoed a script tag")
		}

		all := mustStatus(t, c.do("GET", "/-/all?limit=2", nil), 200, "all pages")
		mustContain(t, all, `href="/wiki/Apple"`, "all pages")
		mustContain(t, all, `/-/all?from=Cherry`, "all pages: next")
		mustContain(t, mustStatus(t, c.do("GET", "/-/all?from=Cherry", nil), 200, "all pages 2"), `href="/wiki/Main_Page"`, "all pages 2")

		back := mustStatus(t, c.do("GET", "/-/backlinks/Banana", nil), 200, "backlinks")
		mustContain(t, back, `href="/wiki/Apple"`, "backlinks")
		mustContain(t, back, `href="/wiki/Cherry"`, "backlinks")

		cat := mustStatus(t, c.do("GET", "/wiki/Category:Fruit", nil), 404, "category without a page")
		mustContain(t, cat, `href="/wiki/Banana"`, "category members")
		put(t, srv, "Category:Fruit", "Things that are fruit.")
		cat = mustStatus(t, c.do("GET", "/wiki/Category:Fruit", nil), 200, "category page")
		mustContain(t, cat, "Things that are fruit.", "category text")
		mustContain(t, cat, `href="/wiki/Apple"`, "category members")
		// The members are part of the category page's PageInfo: its view
		// takes the page-view path, with an ETag, and a new member shows.
		etag := c.do("GET", "/wiki/Category:Fruit", nil).Header().Get("ETag")
		if etag == "" {
			t.Fatal("category page view without an ETag")
		}
		revalidate := func() *httptest.ResponseRecorder {
			req := httptest.NewRequest("GET", "/wiki/Category:Fruit", nil)
			req.Header.Set("If-None-Match", etag)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			return rec
		}
		mustStatus(t, revalidate(), 304, "category page, unchanged")
		put(t, srv, "Cherry", "See [[Banana]]. [[Category:Fruit]]")
		cat = mustStatus(t, revalidate(), 200, "category page, a new member")
		mustContain(t, cat, `href="/wiki/Cherry"`, "new category member")

		sm := c.do("GET", "/sitemap-1.xml", nil) // the index lists one file
		mustStatus(t, sm, 200, "sitemap")
		var urls struct {
			Loc []string `xml:"url>loc"`
		}
		if err := xml.Unmarshal(sm.Body.Bytes(), &urls); err != nil || len(urls.Loc) != 5 {
			t.Fatalf("sitemap: %v, %d urls\n%s", err, len(urls.Loc), sm.Body.String())
		}
		if sm.Header().Get("Cache-Control") != "private, max-age=300" { // no --base-url: built from Host
			t.Errorf("sitemap Cache-Control = %q", sm.Header().Get("Cache-Control"))
		}
	})
}

func TestHistoryPagingAndFeeds(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		for i := range 5 {
			put(t, srv, "Log", strings.Repeat("line\n", i+1))
		}
		put(t, srv, "User:Alice", "about me")
		c := newClient(t, srv)
		first := mustStatus(t, c.do("GET", "/-/history/Log?limit=2", nil), 200, "history")
		if n := strings.Count(first, "/-/revision/"); n != 2 {
			t.Fatalf("history page 1 lists %d revisions, want 2", n)
		}
		next := regexp.MustCompile(`href="(/-/history/Log\?before=\d+&amp;limit=2)"`).FindStringSubmatch(first)
		if next == nil {
			t.Fatalf("no next link:\n%s", first)
		}
		second := mustStatus(t, c.do("GET", strings.ReplaceAll(next[1], "&amp;", "&"), nil), 200, "history 2")
		if strings.Count(second, "/-/revision/") != 2 {
			t.Fatalf("history page 2:\n%s", second)
		}
		feed := c.do("GET", "/-/feed/history/Log", nil)
		mustStatus(t, feed, 200, "page feed")
		if ct := feed.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") || strings.Count(feed.Body.String(), "<entry>") != 5 {
			t.Fatalf("page feed: %q\n%s", ct, feed.Body.String())
		}
		users := mustStatus(t, c.do("GET", "/-/recent?namespace=User", nil), 200, "recent in User")
		if !strings.Contains(users, "User:Alice") || strings.Contains(users, `href="/wiki/Log"`) {
			t.Fatalf("namespace filter:\n%s", users)
		}
	})
}

func TestEditRules(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		createUser(t, srv, "Alice")
		createUser(t, srv, "Root", "sysop")
		anon, alice, root := newClient(t, srv), newClient(t, srv), newClient(t, srv)
		alice.mustLogin("Alice")
		root.mustLogin("Root")

		// A red link followed by an anonymous reader says why it cannot be
		// edited and offers the login form, returning to the page.
		rec := anon.do("GET", "/-/edit/Nowhere", nil)
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "You need to log in to edit Nowhere.") ||
			!strings.Contains(rec.Body.String(), `name="returnto" value="Nowhere"`) {
			t.Fatalf("anonymous red link = %d\n%s", rec.Code, rec.Body.String())
		}
		// Too large: 413 with the text kept, nothing saved.
		csrf, base := alice.editForm("Main_Page")
		huge := strings.Repeat("x", 2<<20+10)
		rec = alice.do("POST", "/-/edit/Main_Page", url.Values{"csrf": {csrf}, "base": {base}, "text": {huge}, "save": {"1"}})
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversized save = %d", rec.Code)
		}
		// A control character: 400, and the form keeps the text.
		rec = alice.do("POST", "/-/edit/Main_Page", url.Values{"csrf": {csrf}, "base": {base}, "text": {"keep me \x01"}, "save": {"1"}})
		mustContain(t, mustStatus(t, rec, http.StatusBadRequest, "control character"), "keep me", "refused form")
		// Protection: only sysops may edit.
		pc := root.csrf("/-/protect/Main_Page")
		mustStatus(t, root.do("POST", "/-/protect/Main_Page", url.Values{"csrf": {pc}, "edit": {"sysop"}, "reason": {"vandal magnet"}}), http.StatusSeeOther, "protect")
		mustStatus(t, alice.do("GET", "/-/edit/Main_Page", nil), http.StatusForbidden, "edit a protected page")
		rc, rb := root.editForm("Main_Page")
		mustStatus(t, root.save("Main_Page", rc, rb, "sysop text", "ok"), http.StatusSeeOther, "sysop edits a protected page")
		mustStatus(t, root.do("POST", "/-/protect/Main_Page", url.Values{"csrf": {pc}, "edit": {""}, "move": {""}}), http.StatusSeeOther, "unprotect")
		mustStatus(t, alice.do("GET", "/-/edit/Main_Page", nil), http.StatusOK, "edit after unprotect")
		// A bad base is a 400; CSRF missing is a 403; neither writes.
		mustStatus(t, alice.do("POST", "/-/edit/Main_Page", url.Values{"csrf": {csrf}, "base": {"x"}, "text": {"t"}}), http.StatusBadRequest, "bad base")
		mustStatus(t, alice.do("POST", "/-/edit/Main_Page", url.Values{"base": {base}, "text": {"t"}}), http.StatusForbidden, "no csrf")
		mustContain(t, mustStatus(t, anon.do("GET", "/-/raw/Main_Page", nil), 200, "raw"), "sysop text", "nothing else written")
	})
}

func TestAnonymousEdit(t *testing.T) {
	st := newServerStore(t)
	cfg := defaultConfig()
	cfg.AnonymousEdit = true
	srv := newServerOn(t, st, cfg)
	anon := newClient(t, srv)
	csrf, base := anon.editForm("Sandbox")
	mustStatus(t, anon.save("Sandbox", csrf, base, "anonymous text", "hi"), http.StatusSeeOther, "anonymous create")
	hist := mustStatus(t, anon.do("GET", "/-/history/Sandbox", nil), 200, "history")
	mustContain(t, hist, "192.0.2.1", "anonymous edits are signed with the address")
}

var revertFields = regexp.MustCompile(`name="base" value="(\d+)">\s*<input type="hidden" name="text" value="([^"]*)">`)

// TestRevert: "Restore this revision" on an old revision saves its text as
// a new revision.
func TestRevert(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		put(t, srv, "Doc", "first text")
		put(t, srv, "Doc", "second text")
		createUser(t, srv, "Alice")
		c := newClient(t, srv)
		c.mustLogin("Alice")
		hist := mustStatus(t, c.do("GET", "/-/history/Doc", nil), 200, "history")
		revs := regexp.MustCompile(`/-/revision/(\d+)`).FindAllStringSubmatch(hist, -1)
		old := revs[len(revs)-1][1]
		page := mustStatus(t, c.do("GET", "/-/revision/"+old, nil), 200, "old revision")
		f := revertFields.FindStringSubmatch(page)
		if f == nil {
			t.Fatalf("no restore form:\n%s", page)
		}
		token := csrfField.FindStringSubmatch(page)[1]
		mustStatus(t, c.do("POST", "/-/edit/Doc", url.Values{"csrf": {token}, "base": {f[1]}, "text": {f[2]}, "summary": {"Revert"}, "save": {"1"}}), http.StatusSeeOther, "restore")
		mustContain(t, mustStatus(t, c.do("GET", "/-/raw/Doc", nil), 200, "raw"), "first text", "restored text")
		if n := strings.Count(mustStatus(t, c.do("GET", "/-/history/Doc", nil), 200, "history"), "/-/revision/"); n != 3 {
			t.Fatalf("history has %d revisions after the restore, want 3", n)
		}
	})
}
