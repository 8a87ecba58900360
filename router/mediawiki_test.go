package router_test

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routertest"
)

// TestMediaWikiTitles replays MediaWiki's own title tests (see
// routertest.MediaWikiTitles for the sources) through the title rules:
// every text gets the key and fragment MediaWiki gives it, or is refused
// when MediaWiki refuses it. The same texts, as /wiki/ URLs, are in
// routertest.Cases, which TestClassifyTable, "folio routes classify", the
// server and the CDN parity tests replay.
func TestMediaWikiTitles(t *testing.T) {
	if n := len(routertest.MediaWikiTitles); n < 200 {
		t.Fatalf("only %d MediaWiki titles", n)
	}
	for _, mw := range routertest.MediaWikiTitles {
		key, frag, err := router.SplitTitle(mw.Text)
		switch {
		case mw.Invalid && err == nil:
			t.Errorf("%s: %q is %q#%q; MediaWiki refuses it", mw.Source, mw.Text, key, frag)
		case !mw.Invalid && err != nil:
			t.Errorf("%s: %q: %v; MediaWiki makes it %q", mw.Source, mw.Text, err, mw.Key)
		case !mw.Invalid && (key != mw.Key || strings.ReplaceAll(frag, "_", " ") != mw.Fragment):
			t.Errorf("%s: %q is %q#%q; MediaWiki makes it %q#%q", mw.Source, mw.Text, key, frag, mw.Key, mw.Fragment)
		}
		if strings.Contains(mw.Text, "#") || err != nil {
			continue
		}
		if n, err := router.NormalizeTitle(mw.Text); err != nil || n != key {
			t.Errorf("%q: NormalizeTitle gives %q, %v; SplitTitle %q", mw.Text, n, err, key)
		}
	}
	t.Logf("%d MediaWiki titles, %d requests replayed; %d kinds of case excluded:", len(routertest.MediaWikiTitles), len(routertest.MediaWikiURLs), len(routertest.MediaWikiExcluded))
	for _, x := range routertest.MediaWikiExcluded {
		t.Logf("  %s: %s — %s", x.Source, x.Input, x.Reason)
	}
}

// TestMediaWikiURLs: every request of MediaWiki's routing tests gives the
// page MediaWiki serves (a redirect's Location classifies to it).
func TestMediaWikiURLs(t *testing.T) {
	for _, u := range routertest.MediaWikiURLs {
		m := router.Classify("GET", u.URL)
		switch {
		case u.Status != 0:
			if m.Status != u.Status {
				t.Errorf("%s: GET %s = %d %s, want %d", u.Source, u.URL, m.Status, m.Location, u.Status)
			}
			continue
		case m.Status == 301:
			m = router.Classify("GET", m.Location)
		}
		if m.Status != 200 {
			t.Errorf("%s: GET %s ends in %d %s", u.Source, u.URL, m.Status, m.Err)
		} else if u.Key != "" && m.Title() != u.Key {
			t.Errorf("%s: GET %s serves %q, MediaWiki %q", u.Source, u.URL, m.Title(), u.Key)
		}
	}
}
