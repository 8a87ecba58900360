package router_test

import (
	"testing"

	"github.com/foliowiki/folio/router"
)

// TestErrorCodes: the errors a reader meets carry a code and the name
// their message needs, so the server says them in the reader's language.
func TestErrorCodes(t *testing.T) {
	for _, c := range []struct{ method, url, code, arg string }{
		{"GET", "/no/such/place", router.ErrNoRoute, ""},
		{"DELETE", "/wiki/Main_Page", router.ErrMethod, "DELETE"},
		{"GET", "/wiki/Special:NoSuchPage", router.ErrNoSpecialPage, "Special:NoSuchPage"},
		{"GET", "/-/history/Special:RecentChanges", router.ErrSpecialNoRoute, "page.history"},
		{"GET", "/wiki/Main_Page", "", ""},
	} {
		m := router.Classify(c.method, c.url)
		if m.ErrCode != c.code || m.ErrArg != c.arg {
			t.Errorf("%s %s: ErrCode %q, ErrArg %q (Err %q); want %q, %q", c.method, c.url, m.ErrCode, m.ErrArg, m.Err, c.code, c.arg)
		}
	}
}
