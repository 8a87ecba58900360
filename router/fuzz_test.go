package router_test

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routertest"
)

// FuzzClassify: Classify never panics and always names a class; a 200 GET's
// canonical URL classifies to itself; a redirect's Location classifies to a
// 200 of its target with the same parameters.
func FuzzClassify(f *testing.F) {
	for _, c := range routertest.Cases {
		f.Add(c.Method, c.URL)
	}
	f.Add("GET", "/wiki/%C3%A9t%C3%A9?action=history&limit=-1")
	f.Add("GET", "/index.php?title=Special:Search&search=%00")
	f.Fuzz(func(t *testing.T, method, url string) {
		m := router.Classify(method, url)
		if m.Class == "" || m.Status == 0 {
			t.Fatalf("%s %q: no class or status: %+v", method, url, m)
		}
		if (m.Status >= 400) != (m.Class == router.ClassError) {
			t.Fatalf("%s %q: status %d with class %s", method, url, m.Status, m.Class)
		}
		if method == http.MethodGet {
			checkFixedPoint(t, url, m)
		}
	})
}

// FuzzNormalizeTitle: normalization never panics, is idempotent, and its
// output is valid NFC UTF-8 of at most MaxTitleBytes whose URL leads back
// to it.
func FuzzNormalizeTitle(f *testing.F) {
	for _, s := range []string{
		"Main_Page", "main page", "user: alice", "Foo/Bar Baz", "Café", "cafe\u0301", "A%20B", "100%",
		"../x", "Special:Search/foo", "\u200eA", "ǆ", "ß", "İstanbul", " : ", "Talk:User:x", "a//b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := router.NormalizeTitle(s)
		if err != nil {
			if got != "" {
				t.Fatalf("NormalizeTitle(%q) = %q with error %v", s, got, err)
			}
			return
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) || got == "" || len(got) > router.MaxTitleBytes {
			t.Fatalf("NormalizeTitle(%q) = %q: not valid, NFC, non-empty and short", s, got)
		}
		again, err := router.NormalizeTitle(got)
		if err != nil || again != got {
			t.Fatalf("NormalizeTitle(%q) = %q, but NormalizeTitle(%q) = %q, %v", s, got, got, again, err)
		}
		escaped := strings.TrimPrefix(router.TitleURL(got), "/wiki/")
		if back, err := router.TitleFromPath(escaped); err != nil || back != got {
			t.Fatalf("TitleFromPath(%q) = %q, %v; want %q", escaped, back, err, got)
		}
	})
}
