package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestAccessKeys: MediaWiki's access keys, with their [alt-shift-x] hints
// in the title, on the tabs, page actions, navigation, search box and
// personal links of both skins, and on the edit form.
func TestAccessKeys(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice", "sysop")
	put(t, srv, "Keys", "text")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	anon := newClient(t, srv)
	for _, sk := range []string{"desktop", "minimal"} {
		body := mustStatus(t, c.do("GET", "/wiki/Keys?useskin="+sk, nil), http.StatusOK, sk)
		for _, want := range []string{
			`href="/wiki/Keys" accesskey="c" title="View the content page [alt-shift-c]"`,
			`href="/-/edit/Keys" accesskey="e" title="Edit this page [alt-shift-e]"`,
			`href="/-/history/Keys" accesskey="h" title="Past revisions of this page [alt-shift-h]"`,
			`href="/-/backlinks/Keys" accesskey="j" title="A list of all wiki pages that link here [alt-shift-j]"`,
			`href="/-/info/Keys" title="More information about this page"`,
			`href="/-/move/Keys" accesskey="m" title="Move this page [alt-shift-m]"`,
			`href="/-/delete/Keys" accesskey="d" title="Delete this page [alt-shift-d]"`,
			`href="/-/protect/Keys" accesskey="=" title="Protect this page [alt-shift-=]"`,
			`id="n-mainpage" href="/wiki/Main_Page" accesskey="z" title="Visit the main page [alt-shift-z]"`,
			`id="n-recent" href="/-/recent" accesskey="r" title="A list of recent changes in the wiki [alt-shift-r]"`,
			`title="Search Folio [alt-shift-f]" accesskey="f"`,
			`href="/wiki/User:Alice" title="Your user page [alt-shift-.]" accesskey="."`,
			`href="/wiki/Talk:Keys" class="new" accesskey="t" title="Discussion about the content page [alt-shift-t]"`,
			`title="Add this page to your watchlist [alt-shift-w]" accesskey="w"`,
			`id="pt-mytalk" href="/wiki/User_talk:Alice" accesskey="n" title="Your talk page [alt-shift-n]"`,
			`id="pt-watchlist" href="/-/watchlist" accesskey="l" title="A list of pages you are monitoring for changes [alt-shift-l]"`,
		} {
			mustContain(t, body, want, sk+" view")
		}
		// Accesskeys are unique on a page (a browser would pick one).
		for _, k := range []string{"c", "t", "e", "h", "f", "z", "w", "n", "l"} {
			if n := strings.Count(body, `accesskey="`+k+`"`); n != 1 {
				t.Errorf("%s: accesskey %q appears %d times", sk, k, n)
			}
		}
		body = mustStatus(t, anon.do("GET", "/wiki/Keys?useskin="+sk, nil), http.StatusOK, sk+" anonymous")
		mustContain(t, body, `accesskey="o">Log in</a>`, sk+" login")
		mustContain(t, body, `href="/-/source/Keys" accesskey="e" title="View the source of this page [alt-shift-e]"`, sk+" view source")
		// A missing page: create.
		body = mustStatus(t, c.do("GET", "/wiki/No_keys?useskin="+sk, nil), http.StatusNotFound, sk+" missing")
		mustContain(t, body, `href="/-/edit/No_keys" accesskey="e" title="Create this page [alt-shift-e]"`, sk+" create")
	}
	body := mustStatus(t, c.do("GET", "/-/edit/Keys", nil), http.StatusOK, "edit form")
	for _, want := range []string{`accesskey="s" title="Save your changes [alt-shift-s]"`, `accesskey="p" title="Preview your changes`,
		`accesskey="b" title="Enter a short summary [alt-shift-b]"`, `accesskey="i" title="Mark this as a minor edit [alt-shift-i]"`} {
		mustContain(t, body, want, "edit form")
	}
}
