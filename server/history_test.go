package server_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
)

// putAs saves a page as name, with a summary and the minor flag, and
// returns the new revision's id.
func putAs(t *testing.T, srv *server.Server, name, title, text, summary string, minor bool) int64 {
	t.Helper()
	base := int64(0)
	if p, err := srv.Store.PageByTitle(context.Background(), title); err == nil {
		base = p.LatestRev
	}
	res, err := srv.Saver.Save(context.Background(), pageinfo.Edit{Title: title, Text: text, BaseRevID: base,
		UserName: name, Summary: summary, Minor: minor})
	if err != nil {
		t.Fatal(err)
	}
	return res.Revision.ID
}

// TestHistoryCompareAndAuthors: the history is MediaWiki's: a GET form
// comparing any two revisions through the registry's ?oldid=&diff=
// mapping, cur/prev diffs, author and contributions links, sizes and
// signed, coloured changes, the minor mark and, for editors, undo links.
func TestHistoryCompareAndAuthors(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		createUser(t, srv, "Ada Lovelace")
		r1 := putAs(t, srv, "Ada Lovelace", "Notes", "twelve bytes", "start", false)
		r2 := putAs(t, srv, "Bob", "Notes", strings.Repeat("x", 24), "grow", true)
		r3 := putAs(t, srv, "Ada Lovelace", "Notes", "short", "trim", false)
		put(t, srv, "User:Ada_Lovelace", "I compute.")
		anon := newClient(t, srv)

		body := mustStatus(t, anon.do("GET", "/-/history/Notes", nil), 200, "history")
		mustContain(t, body, `<form method="get" action="/index.php" class="history-compare">`, "compare form")
		mustContain(t, body, `<input type="hidden" name="title" value="Notes">`, "compare form title")
		for _, id := range []int64{r1, r2, r3} {
			mustContain(t, body, fmt.Sprintf(`name="oldid" value="%d"`, id), "oldid radio")
			mustContain(t, body, fmt.Sprintf(`name="diff" value="%d"`, id), "diff radio")
		}
		mustContain(t, body, fmt.Sprintf(`name="oldid" value="%d" aria-label="compare from revision %d" checked`, r2, r2), "preselected old")
		mustContain(t, body, fmt.Sprintf(`name="diff" value="%d" aria-label="compare to revision %d" checked`, r3, r3), "preselected new")
		// The form's query goes to the diff of the two chosen revisions.
		rec := anon.do("GET", fmt.Sprintf("/index.php?title=Notes&oldid=%d&diff=%d", r1, r3), nil)
		if rec.Code != 301 || rec.Header().Get("Location") != fmt.Sprintf("/-/diff/%d/%d", r1, r3) {
			t.Fatalf("compare form target = %d %q", rec.Code, rec.Header().Get("Location"))
		}
		// cur and prev.
		mustContain(t, body, fmt.Sprintf(`href="/-/diff/%d/%d">cur</a>`, r1, r3), "cur of the first")
		mustContain(t, body, fmt.Sprintf(`href="/-/diff/%d/%d">prev</a>`, r2, r3), "prev of the latest")
		mustContain(t, body, `(cur | <a href=`, "no cur link on the latest")
		// Authors: user page (red when missing) and contributions.
		mustContain(t, body, `<a href="/wiki/User:Ada_Lovelace" class="mw-userlink">Ada Lovelace</a>`, "author link")
		mustContain(t, body, `<a href="/-/contributions/Ada_Lovelace">contribs</a>`, "contributions link")
		mustContain(t, body, `<a href="/wiki/User:Bob" class="mw-userlink new"`, "red author link")
		mustContain(t, body, `<a href="/-/contributions/Bob">contribs</a>`, "contributions link")
		// Sizes and their changes: +12, +12, −19.
		mustContain(t, body, `(24 bytes)`, "size")
		mustContain(t, body, `<span class="mw-plusminus-pos" title="12 bytes after change" dir="ltr">(&#43;12)</span>`, "first size change")
		mustContain(t, body, `<span class="mw-plusminus-pos" title="24 bytes after change" dir="ltr">(&#43;12)</span>`, "growth")
		mustContain(t, body, `<span class="mw-plusminus-neg" title="5 bytes after change" dir="ltr">(−19)</span>`, "shrink")
		if n := strings.Count(body, `<abbr class="minoredit" title="This is a minor edit">m</abbr>`); n != 2 { // legend + Bob's edit
			t.Fatalf("minor marks = %d, want the legend's and one row's", n)
		}
		// Readers who may not edit get no undo links; editors do.
		if strings.Contains(body, "?undo=") {
			t.Fatal("an anonymous reader got undo links")
		}
		ada := newClient(t, srv)
		ada.mustLogin("Ada Lovelace")
		body = mustStatus(t, ada.do("GET", "/-/history/Notes", nil), 200, "history for an editor")
		mustContain(t, body, fmt.Sprintf(`href="/-/edit/Notes?undo=%d">undo</a>`, r3), "undo link")
		if strings.Contains(body, fmt.Sprintf("?undo=%d", r1)) {
			t.Fatal("the page's first revision has an undo link")
		}

		// Paging keeps the size change of the last row, whose parent is on
		// the next page.
		body = mustStatus(t, anon.do("GET", "/-/history/Notes?limit=1&before="+fmt.Sprint(r3), nil), 200, "history page 2")
		mustContain(t, body, `(&#43;12)`, "change against a parent on the next page")
		mustContain(t, body, `/-/history/Notes?before=`+fmt.Sprint(r2), "next page")
	})
}

// TestContributions: a user's edits newest first with size changes, new
// and minor marks, diff/hist links and paging; the legacy special page
// redirects to it.
func TestContributions(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		var ids []int64
		for i := range 5 {
			ids = append(ids, putAs(t, srv, "Ada Lovelace", fmt.Sprintf("Page_%d", i%2), strings.Repeat("a", 10*(i+1)), fmt.Sprintf("edit %d", i), i == 3))
		}
		putAs(t, srv, "Bob", "Page_0", "bob was here", "bob", false)
		c := newClient(t, srv)

		rec := c.do("GET", "/wiki/Special:Contributions/Ada_Lovelace", nil)
		if rec.Code != 301 || rec.Header().Get("Location") != "/-/contributions/Ada_Lovelace" {
			t.Fatalf("Special:Contributions = %d %q", rec.Code, rec.Header().Get("Location"))
		}
		body := mustStatus(t, c.do("GET", "/-/contributions/Ada_Lovelace?limit=3", nil), 200, "contributions")
		mustContain(t, body, `<a href="/wiki/User:Ada_Lovelace" class="mw-userlink new"`, "user page link")
		got := regexp.MustCompile(`href="/-/revision/(\d+)" class="contributions-time"`).FindAllStringSubmatch(body, -1)
		want := []int64{ids[4], ids[3], ids[2]}
		if len(got) != len(want) {
			t.Fatalf("contributions list %d revisions, want 3:\n%s", len(got), body)
		}
		for i, g := range got {
			if g[1] != fmt.Sprint(want[i]) {
				t.Fatalf("contributions[%d] = revision %s, want %d (newest first)", i, g[1], want[i])
			}
		}
		if strings.Contains(body, "bob was here") || strings.Contains(body, "(bob)") {
			t.Fatal("Bob's edit is in Ada's contributions")
		}
		// Page_0: 30 bytes on top of 10, then 50 on top of 30; Page_1's 40 on 20.
		mustContain(t, body, `(&#43;20)`, "size change")
		mustContain(t, body, `<a href="/wiki/Page_0" class="contributions-page">Page 0</a>`, "page link")
		mustContain(t, body, `<span class="summary">(edit 3)</span>`, "summary")
		mustContain(t, body, `<abbr class="minoredit" title="This is a minor edit">m</abbr>`, "minor mark")
		mustContain(t, body, `href="/-/history/Page_1">hist</a>`, "history link")
		mustContain(t, body, fmt.Sprintf(`href="/-/diff/%d/%d">diff</a>`, ids[1], ids[3]), "diff link")
		if n := strings.Count(body, `class="mw-uctop"`); n != 1 { // Page_1's latest is Ada's; Page_0's is Bob's
			t.Fatalf("current marks = %d, want 1", n)
		}
		next := regexp.MustCompile(`href="(/-/contributions/Ada_Lovelace\?before=(\d+)&amp;limit=3)"`).FindStringSubmatch(body)
		if next == nil || next[2] != fmt.Sprint(ids[2]) {
			t.Fatalf("no next page link before %d:\n%s", ids[2], body)
		}
		body = mustStatus(t, c.do("GET", strings.ReplaceAll(next[1], "&amp;", "&"), nil), 200, "contributions 2")
		got = regexp.MustCompile(`href="/-/revision/(\d+)" class="contributions-time"`).FindAllStringSubmatch(body, -1)
		if len(got) != 2 || got[0][1] != fmt.Sprint(ids[1]) || got[1][1] != fmt.Sprint(ids[0]) {
			t.Fatalf("contributions page 2 = %v, want %d, %d", got, ids[1], ids[0])
		}
		mustContain(t, body, `<abbr class="newpage" title="This edit created a new page">N</abbr>`, "new page mark")
		if strings.Contains(body, "Older edits") {
			t.Fatal("the last page has a next link")
		}
		// Any spelling of the name; an unknown user has none.
		mustContain(t, mustStatus(t, c.do("GET", "/-/contributions/ada%20Lovelace", nil), 200, "lower-case name"), "edit 4", "normalized name")
		mustContain(t, mustStatus(t, c.do("GET", "/-/contributions/Nobody", nil), 200, "nobody"), "No changes were found", "empty contributions")
	})
}

// TestPageInfo: action=info shows the page's counts and facts.
func TestPageInfo(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		putAs(t, srv, "Ada Lovelace", "Engine", "The engine. [[Gear]] [[Lever]] [[Category:Machines]]", "new", false)
		putAs(t, srv, "Bob", "Engine", "The analytical engine. [[Gear]] [[Lever]] [[Category:Machines]]", "more", false)
		putAs(t, srv, "Ada Lovelace", "Engine", "The analytical engine! [[Gear]] [[Lever]] [[Category:Machines]]", "bang", true)
		put(t, srv, "Mill", "see [[Engine]]")
		put(t, srv, "Store", "see [[Engine]] too")
		put(t, srv, "Difference_engine", "#REDIRECT [[Engine]]")
		if err := srv.Store.SetProtection(context.Background(), store.Protection{Title: "Engine", Edit: "sysop", UserName: "Root"}); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, srv)
		rec := c.do("GET", "/wiki/Engine?action=info", nil)
		if rec.Code != 301 || rec.Header().Get("Location") != "/-/info/Engine" {
			t.Fatalf("action=info = %d %q", rec.Code, rec.Header().Get("Location"))
		}
		body := mustStatus(t, c.do("GET", "/-/info/Engine", nil), 200, "info")
		for what, want := range map[string]string{
			"length":    `<th scope="row">Page length (in bytes)</th><td>63</td>`,
			"edits":     `<th scope="row">Total number of edits</th><td>3</td>`,
			"authors":   `<th scope="row">Total number of distinct authors</th><td>2</td>`,
			"links in":  `<th scope="row">Number of pages linking here</th><td><a href="/-/backlinks/Engine">3</a></td>`,
			"links out": `<th scope="row">Number of links from this page</th><td>2</td>`,
			"redirects": `<th scope="row">Number of redirects to this page</th><td>1<ul class="info-redirects"><li><a href="/wiki/Difference_engine">Difference engine</a></li></ul>`,
			"category":  `<a href="/wiki/Category:Machines">Machines</a>`,
			"creator":   `<th scope="row">Page creator</th><td><a href="/wiki/User:Ada_Lovelace" class="mw-userlink new"`,
			"latest":    `<th scope="row">Latest editor</th><td><a href="/wiki/User:Ada_Lovelace"`,
			"protected": `<th scope="row">Edit</th><td>Allow only users in the group sysop</td>`,
			"move":      `<th scope="row">Move</th><td>Allow all users</td>`,
			"contribs":  `<a href="/-/contributions/Ada_Lovelace">contribs</a>`,
		} {
			mustContain(t, body, want, "info: "+what)
		}
		mustStatus(t, c.do("GET", "/-/info/No_such_page", nil), 404, "info of a missing page")
	})
}

// TestRandomPage: a 302, never cached, to an existing page that is not a
// redirect; a wiki without pages says so.
func TestRandomPage(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		put(t, srv, "Apple", "apple")
		put(t, srv, "Banana", "banana")
		put(t, srv, "Fruit", "#REDIRECT [[Apple]]")
		c := newClient(t, srv)
		rec := c.do("GET", "/wiki/Special:Random", nil)
		if rec.Code != 301 || rec.Header().Get("Location") != "/-/random" {
			t.Fatalf("Special:Random = %d %q", rec.Code, rec.Header().Get("Location"))
		}
		seen := map[string]bool{}
		for range 40 {
			rec := c.do("GET", "/-/random", nil)
			if rec.Code != 302 {
				t.Fatalf("/-/random = %d\n%s", rec.Code, rec.Body.String())
			}
			if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") || !strings.Contains(cc, "private") {
				t.Fatalf("/-/random Cache-Control = %q, want private, no-store", cc)
			}
			loc := rec.Header().Get("Location")
			seen[loc] = true
			mustStatus(t, c.do("GET", loc, nil), 200, "the random page "+loc)
		}
		for loc := range seen {
			if !map[string]bool{"/wiki/Main_Page": true, "/wiki/Apple": true, "/wiki/Banana": true}[loc] {
				t.Fatalf("/-/random went to %q: not a page, or a redirect", loc)
			}
		}
		if len(seen) < 2 {
			t.Fatalf("40 random pages were all %v", seen)
		}

		for _, title := range []string{"Main_Page", "Apple", "Banana", "Fruit"} {
			if _, err := srv.Saver.Delete(context.Background(), title, pageinfo.Action{UserName: "Root"}); err != nil {
				t.Fatal(err)
			}
		}
		rec = c.do("GET", "/-/random", nil)
		body := mustStatus(t, rec, 404, "random on an empty wiki")
		mustContain(t, body, "There are no pages in this wiki yet", "empty wiki message")
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Fatalf("empty random Cache-Control = %q", cc)
		}
	})
}
