package cdn_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routertest"
)

// savedTitles are the keys of the pages MediaWiki's replay names (special
// pages aside), with the text MediaWiki's tests spell them with, when there
// is one.
func savedTitles() map[string]string {
	keys := map[string]string{}
	for _, mw := range routertest.MediaWikiTitles {
		if !mw.Invalid && mw.Key != "" && !router.IsSpecial(mw.Key) {
			text, _, _ := strings.Cut(mw.Text, "#") // a fragment is part of a link, not of a title
			keys[mw.Key] = text
		}
	}
	for _, u := range routertest.MediaWikiURLs {
		if u.Key != "" {
			keys[u.Key] = u.Key
		}
	}
	for _, c := range routertest.Cases {
		if c.Route == "page.view" && c.Status == 200 && c.Params["title"] != "" {
			keys[c.Params["title"]] = c.Params["title"]
		}
	}
	return keys
}

// saveAll saves a page "The page KEY." for each key, under its text; each
// is called for each key.
func saveAll(t *testing.T, w *wiki, keys map[string]string, each func(key string)) {
	t.Helper()
	ctx := context.Background()
	for key, text := range keys {
		var base int64
		if rev, err := w.srv.Store.LatestRevision(ctx, key); err == nil {
			base = rev.ID // the main page, seeded
		}
		res, err := w.saver.Save(ctx, pageinfo.Edit{Title: text, Text: "The page " + key + ".", BaseRevID: base, UserName: "Alice"})
		if err != nil {
			t.Fatalf("save %q (as %q): %v", key, text, err)
		}
		if res.Page.Title != key {
			t.Fatalf("saved %q as %q, want %q", text, res.Page.Title, key)
		}
		if each != nil {
			each(key)
		}
	}
}

// TestServerURLTable replays the router's URL table — MediaWiki's title and
// routing tests among it (routertest.MediaWikiTitles, MediaWikiURLs) —
// through Folio's HTTP server, with the pages it names saved: every request
// gets what router.Classify says, and a page view the page.
func TestServerURLTable(t *testing.T) {
	w := newWiki(t, config.Default())
	keys := savedTitles()
	saveAll(t, w, keys, nil)
	b := newBrowser(w.url)
	n := 0
	for _, c := range routertest.Cases {
		if c.Method != "GET" && c.Method != "HEAD" || !sentAsWritten(c.URL) {
			continue // forms need a session and a token; other targets do not reach the server as written
		}
		n++
		m := router.Classify(c.Method, c.URL)
		resp := b.send(t, c.Method, c.URL, nil)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		name := c.Method + " " + c.URL
		switch {
		case m.Status == 301:
			if resp.StatusCode != 301 || resp.Header.Get("Location") != m.Location {
				t.Errorf("%s: %d %q, Classify 301 %q", name, resp.StatusCode, resp.Header.Get("Location"), m.Location)
			}
		case m.Status >= 400:
			if resp.StatusCode != m.Status || resp.Header.Get("Allow") != m.Allow {
				t.Errorf("%s: %d (Allow %q), Classify %d (Allow %q)", name, resp.StatusCode, resp.Header.Get("Allow"), m.Status, m.Allow)
			}
		case m.Name == "page.view":
			want := http.StatusNotFound
			if _, ok := keys[m.Title()]; ok {
				want = http.StatusOK
			}
			if resp.StatusCode != want || want == 200 && c.Method == "GET" && !strings.Contains(string(body), html.EscapeString("The page "+m.Title()+".")) {
				t.Errorf("%s: %d, want the view of %q (%d)", name, resp.StatusCode, m.Title(), want)
			}
		default:
			if resp.StatusCode == 301 || resp.StatusCode == 400 || resp.StatusCode == 405 {
				t.Errorf("%s: %d, Classify 200 %s", name, resp.StatusCode, m.Name)
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d requests replayed", n)
	}
}

// TestTitlesSavedViewedLinkedFound: a page saved under any title MediaWiki
// accepts — spelt as MediaWiki's tests spell it, through the one save path
// that forms, the API, imports and "folio page put" share, or by a move —
// is viewed at its URL, linked blue by [[…]] and found by search.
func TestTitlesSavedViewedLinkedFound(t *testing.T) {
	w := newWiki(t, config.Default())
	ctx := context.Background()
	keys := savedTitles()
	var links strings.Builder
	saveAll(t, w, keys, func(key string) { fmt.Fprintf(&links, "- [[:%s]]\n", router.DisplayTitle(key)) })
	moves := map[string]string{"Moved from": ".hack//SIGN (moved)", "Moved from 2": "image:/moved/", "Moved from 3": "user: ~~ moved"}
	for from, to := range moves {
		if _, err := w.saver.Save(ctx, pageinfo.Edit{Title: from, Text: "The page moved.", UserName: "Alice"}); err != nil {
			t.Fatal(err)
		}
		res, err := w.saver.Move(ctx, from, to, false, pageinfo.Action{UserName: "Alice"})
		if err != nil {
			t.Fatalf("move %q to %q: %v", from, to, err)
		}
		keys[res.Page.Title] = to
		fmt.Fprintf(&links, "- [[:%s]]\n", router.DisplayTitle(res.Page.Title))
	}
	if _, err := w.saver.Save(ctx, pageinfo.Edit{Title: "All titles", Text: links.String(), UserName: "Alice"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(w.url)
	get := func(target string) (int, string) {
		resp := b.send(t, "GET", target, nil)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	_, all := get("/wiki/All_titles")
	for key, text := range keys {
		href := `href="` + html.EscapeString(router.TitleURL(key)) + `"`
		if status, body := get(router.TitleURL(key)); status != 200 || !strings.Contains(body, "The page") {
			t.Errorf("%q (saved as %q): view %s = %d", key, text, router.TitleURL(key), status)
		}
		if !strings.Contains(all, href) {
			t.Errorf("%q: [[:%s]] is not a blue link to %s", key, router.DisplayTitle(key), router.TitleURL(key))
		}
		// Searching a title goes to its page (302); fulltext=1 lists it
		// ("There is a page named").
		q := url.QueryEscape(router.DisplayTitle(key))
		resp := b.send(t, "GET", "/-/search?q="+q, nil)
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != 302 || !linksTo(`href="`+html.EscapeString(loc)+`"`, key) {
			t.Errorf("%q: searching %q = %d to %q, want a 302 to its page", key, router.DisplayTitle(key), resp.StatusCode, loc)
		}
		if _, body := get("/-/search?fulltext=1&q=" + q); !linksTo(body, key) {
			t.Errorf("%q: searching %q (fulltext) does not find it", key, router.DisplayTitle(key))
		}
	}
}

var hrefRE = regexp.MustCompile(`href="(/wiki/[^"]*)"`)

// linksTo reports whether the HTML body links to the page view of key, in
// any spelling the router takes to it. (html/template writes "(" in an
// href as %28: a spelling that redirects.)
func linksTo(body, key string) bool {
	for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
		c := router.Classify("GET", html.UnescapeString(m[1]))
		if c.Status == 301 {
			c = router.Classify("GET", c.Location)
		}
		if c.Status == 200 && c.Name == "page.view" && c.Title() == key {
			return true
		}
	}
	return false
}
