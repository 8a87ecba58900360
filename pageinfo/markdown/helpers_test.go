package markdown

import (
	"net/url"
	"strings"

	"github.com/foliowiki/folio/router"
)

// testOptions are Folio's real title rules, as the server injects them.
var testOptions = Options{
	NormalizeTitle: router.NormalizeTitle,
	TitleURL:       router.TitleURL,
	EditURL:        func(t string) string { return "/-/edit/" + router.EscapeTitle(t) },
}

var testRenderer = New(Default, testOptions)

// existing is the set of pages that exist in golden tests.
var existing = set("Main_Page", "Foo", "Foo/Baz", "Foo/Bar", "Dir/Page", "Category:Cats", "Help:Contents", "Target")

func set(titles ...string) func(string) bool {
	m := make(map[string]bool, len(titles))
	for _, t := range titles {
		m[t] = true
	}
	return func(t string) bool { return m[t] }
}

// docContext reads golden case settings from an archive comment:
// "title: T", "cancreate: false", "exists: A B C" (replacing the default set).
func docContext(comment string) DocContext {
	dc := DocContext{Title: "Foo/Bar", Exists: existing, CanCreate: true}
	for line := range strings.SplitSeq(comment, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "title":
			dc.Title = v
		case "cancreate":
			dc.CanCreate = v == "true"
		case "exists":
			dc.Exists = set(strings.Fields(v)...)
		}
	}
	return dc
}

func pathUnescape(s string) (string, error) { return url.PathUnescape(s) }
