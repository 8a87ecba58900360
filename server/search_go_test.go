package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
)

// TestSearchGoToPage: a query that is a page's title, in any spelling the
// title normalization accepts, is a 302 to the page; fulltext=1 shows the
// results, with the "There is a page named" line; a query that is no title
// keeps a link to the full-text results.
func TestSearchGoToPage(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		put(t, srv, "Foo_bar", "Some text about foo bar.")
		c := newClient(t, srv)
		for _, q := range []string{"Foo_bar", "foo bar", "foo_bar", "  foo   bar ", "Foo bar"} {
			rec := c.do("GET", "/-/search?q="+strings.ReplaceAll(q, " ", "+"), nil)
			if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/wiki/Foo_bar" {
				t.Errorf("search %q = %d to %q, want 302 to /wiki/Foo_bar", q, rec.Code, rec.Header().Get("Location"))
			}
		}
		if rec := c.do("GET", "/-/search?q=special:recentchanges", nil); rec.Code != http.StatusFound || rec.Header().Get("Location") != "/wiki/Special:Recentchanges" {
			t.Errorf("search a special page = %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		body := mustStatus(t, c.do("GET", "/-/search?q=foo+bar&fulltext=1", nil), 200, "fulltext search")
		mustContain(t, body, `class="goto"`, "fulltext search of a title")
		mustContain(t, body, `href="/wiki/Foo_bar"`, "fulltext search hit")
		body = mustStatus(t, c.do("GET", "/-/search?q=foo+text", nil), 200, "search of no title")
		mustContain(t, body, `href="/-/search?fulltext=1&amp;q=foo&#43;text"`, "containing link")
		mustContain(t, body, `Search for pages containing “foo text”`, "containing link")
	})
}

// TestSearchPlainSnippets: snippets come from the rendered page: no
// Markdown syntax, matches marked.
func TestSearchPlainSnippets(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		put(t, srv, "Markup", "# Heading zebra\n\nSome **bold zebra** and [[Other page|a zebra link]] and `code` and _em_.\n\n- item zebra\n")
		c := newClient(t, srv)
		body := mustStatus(t, c.do("GET", "/-/search?q=zebra", nil), 200, "search")
		m := regexp.MustCompile(`(?s)<div class="snippet">(.*?)</div>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no snippet in\n%s", body)
		}
		snip := m[1]
		for _, bad := range []string{"**", "[[", "#", "`", "|", "Other page"} {
			if strings.Contains(snip, bad) {
				t.Errorf("snippet %q holds Markdown %q", snip, bad)
			}
		}
		mustContain(t, snip, "<mark>zebra</mark>", "snippet")
		mustContain(t, snip, "bold <mark>zebra</mark> and a <mark>zebra</mark> link", "snippet")
	})
}

// TestSearchReindex: a page indexed as Markdown (before plain-text
// indexing) gets plain text from Saver.Reindex.
func TestSearchReindex(t *testing.T) {
	srv, st := newServer(t)
	ctx := context.Background()
	res, err := st.SaveRevision(ctx, store.SaveRequest{Title: "Legacy", Text: "**legacy** [[X|y]]", UserName: "Old"})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", st.Path()) // as migration 0007 queues a page indexed before it
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO search_reindex (page_id) VALUES (?)`, res.Page.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _, _ := st.SearchPages(ctx, "legacy", 0, 10); len(hits) != 1 || hits[0].Snippet != "**legacy** [[X|y]]" {
		t.Fatalf("before Reindex: %v", hits)
	}
	n, err := srv.Saver.Reindex(ctx, st)
	if err != nil || n < 1 {
		t.Fatalf("Reindex = %d, %v", n, err)
	}
	hits, _, err := st.SearchPages(ctx, "legacy", 0, 10)
	if err != nil || len(hits) != 1 || hits[0].Snippet != "legacy y" {
		t.Fatalf("after Reindex: %v, %v; want the snippet %q", hits, err, "legacy y")
	}
	if ids, _ := st.ReindexQueue(ctx, 10); len(ids) != 0 {
		t.Errorf("queue after Reindex = %v", ids)
	}
}

// TestSearchCreateLink: a search that finds nothing offers to create the
// page to those who may, not to anonymous readers who may not.
func TestSearchCreateLink(t *testing.T) {
	srv, _ := newServer(t)
	anon := newClient(t, srv)
	body := mustStatus(t, anon.do("GET", "/-/search?q=no+such+thing", nil), 200, "anonymous search")
	if strings.Contains(body, "Create the page") {
		t.Error("anonymous readers, who may not create, are offered to create the page")
	}
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	body = mustStatus(t, c.do("GET", "/-/search?q=no+such+thing", nil), 200, "logged-in search")
	mustContain(t, body, `Create the page “<a href="/-/edit/No_such_thing">No such thing</a>”.`, "create link")
}

// TestAPITitles: /api/v1/titles lists titles by prefix, normalized, sorted
// and bounded.
func TestAPITitles(t *testing.T) {
	srv, _ := newServer(t)
	for _, title := range []string{"Foo", "Foo_bar", "Foobar", "Fop", "Help:Foo"} {
		put(t, srv, title, "x")
	}
	for i := range 60 {
		put(t, srv, "Many"+string(rune('A'+i/26))+string(rune('a'+i%26)), "x")
	}
	c := newClient(t, srv)
	titles := func(query string) []string {
		t.Helper()
		rec := c.do("GET", "/api/v1/titles?"+query, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("titles?%s = %d %s", query, rec.Code, rec.Header().Get("Content-Type"))
		}
		var out struct {
			Titles []struct{ Title, Text, URL string }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		var ts []string
		for _, e := range out.Titles {
			ts = append(ts, e.Title)
		}
		return ts
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"prefix=foo", []string{"Foo", "Foo_bar", "Foobar"}},
		{"prefix=foo_", []string{"Foo_bar"}},
		{"prefix=help:", []string{"Help:Foo"}},
		{"prefix=help:f", []string{"Help:Foo"}},
		{"prefix=foo&limit=2", []string{"Foo", "Foo_bar"}},
		{"prefix=zzz", nil},
		{"prefix=%5B%5B", nil},
		{"prefix=" + strings.Repeat("a", 300), nil}, // cut to 255 bytes: no such title
	} {
		if got := titles(c.q); !slices.Equal(got, c.want) {
			t.Errorf("titles?%s = %q, want %q", c.q, got, c.want)
		}
	}
	if got := titles("prefix=Many&limit=500"); len(got) != 50 || !slices.IsSorted(got) {
		t.Errorf("titles past the bound: %d %q", len(got), got)
	}
	if got := titles("prefix=Many"); len(got) != 10 {
		t.Errorf("titles by default: %d, want 10", len(got))
	}
}

// TestRecentByDay: recent changes are grouped by day, with toggles that are
// links, a namespace select, and signed size changes; imports hide.
func TestRecentByDay(t *testing.T) {
	srv, _ := newServer(t)
	ctx := context.Background()
	put(t, srv, "Alpha", "one")
	if _, err := srv.Saver.Save(ctx, pageinfo.Edit{Title: "Imported", Text: "imported text", UserName: store.ImportUserName}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv)
	body := mustStatus(t, c.do("GET", "/-/recent", nil), 200, "recent")
	mustContain(t, body, `<h2 class="recent-day"><time datetime="`, "day heading")
	mustContain(t, body, `href="/-/recent?hideminor=1">Hide minor edits</a>`, "minor toggle")
	mustContain(t, body, `href="/-/recent?hideimports=1">Hide imports</a>`, "imports toggle")
	mustContain(t, body, `<select name="namespace">`, "namespace select")
	mustContain(t, body, `<option value="Help">Help</option>`, "namespace option")
	mustContain(t, body, `<span class="mw-plusminus-pos" title="13 bytes after change" dir="ltr">(&#43;13)</span>`, "size change")
	mustContain(t, body, `<a href="/-/contributions/Folio_import">contribs</a>`, "the author's contributions link")
	mustContain(t, body, `href="/wiki/Imported"`, "the import is listed")
	if strings.Contains(body, "Hide my edits") {
		t.Error("anonymous readers get a hide-my-edits toggle")
	}
	body = mustStatus(t, c.do("GET", "/-/recent?hideimports=1&namespace=Help", nil), 200, "recent without imports")
	if strings.Contains(body, `href="/wiki/Imported"`) {
		t.Error("hideimports=1 lists an import")
	}
	mustContain(t, body, `href="/-/recent?namespace=Help" class="on">Show imports</a>`, "imports toggle back")
	mustContain(t, body, `<option value="Help" selected>Help</option>`, "selected namespace")
	mustContain(t, body, `<input type="hidden" name="hideimports" value="1">`, "the form keeps the toggle")

	createUser(t, srv, "Bob")
	b := newClient(t, srv)
	b.mustLogin("Bob")
	mustContain(t, mustStatus(t, b.do("GET", "/-/recent", nil), 200, "recent"), `href="/-/recent?hideown=1">Hide my edits</a>`, "own toggle")
}
