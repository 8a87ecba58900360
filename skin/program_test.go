package skin

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foliowiki/folio/skin/engine"
	"github.com/foliowiki/folio/skins"
)

// A skin's compiled program (package engine) must render what cbroglie
// renders, byte for byte: this test compares the two on the bundled
// skins, whole and specialized with the reader's keys filled in. The
// engine's own tests cover generated and fuzzed templates; Set.View's
// (view_test.go, corpus_test.go) cover every corpus page.

// sampleData is a page's data with every kind of value set: lists of each
// item type, empty and blank strings, HTML to escape, a NUL byte.
func sampleData() *Data {
	return &Data{
		Skin: "desktop",
		SiteKeys: SiteKeys{SiteName: `Folio "Test" <Wiki> & 'co'`, SiteLang: "en", LinkMainPage: "/wiki/Main_Page", LinkSearch: "/-/search",
			SearchQuery: "a\x00b", Sidebar: []Link{{ID: "n-main", Text: "Main", Href: "/wiki/Main_Page"}, {Text: "No id", Href: "/x?a=1&b=2"}}},
		PageKeys: PageKeys{PageTitle: "Cats", PageHeading: "Cats & dogs", HasIndicators: true,
			Indicators: []Link{{ID: "rt", Text: "3 min read"}, {Text: "linked", Href: "/i"}}, DocumentTitle: "Cats – Folio",
			LinkCanonical: "/wiki/Cats", PageRevisionID: 42, PageSummary: "   ", HTMLBody: "<p>Body & <b>bold</b></p>" + strings.Repeat("x", 2048),
			HasTOC: true, TOC: []TOCEntry{{Level: 1, Number: "1", Anchor: "a", Text: "A <1>", Href: "#a"}, {Level: 2, Number: "1.1", Anchor: "b", Text: "B", Href: "#b"}},
			IsView: true, HTTPStatus: 200, RouteName: "page.view", RouteClass: "view"},
		UserKeys: UserKeys{UserName: "Alice <admin>", LinkUserPage: "/wiki/User:Alice", UserGroups: []string{"sysop", "x&y"},
			UserRights: []string{"edit", "read"}, UserEditCount: 0, HasNotifications: true, NotificationCount: 3,
			CSRFToken: "tok'en", UserTheme: "dark", Personal: []Link{{ID: "pt-prefs", Text: "Preferences", Href: "/-/prefs"}}},
		ActionKeys: ActionKeys{HasTabs: true, Tabs: []Tab{{ID: "read", Text: "Read", Href: "/wiki/Cats", IsSelected: true}, {ID: "edit", Text: "Edit", Href: "/-/edit/Cats", IsNew: true}},
			LinkLogin: "/-/login?returnto=Cats"},
		AssetKeys: AssetKeys{Stylesheets: []URL{{URL: "/static/a.css"}}, HTMLThemeScript: "<script>x()</script>"},
	}
}

func anonData() *Data {
	d := sampleData()
	d.UserKeys = UserKeys{IsAnon: true, UserTheme: "auto", UserRights: []string{"read"}}
	return d
}

// checkSkin compares, for d in the skin d.Skin: cbroglie (Set.Render),
// the program, and the specialization of d without its UserKeys filled
// from d's.
func checkSkin(t *testing.T, set *Set, d *Data) {
	t.Helper()
	var want, got bytes.Buffer
	if err := set.Render(&want, d); err != nil {
		t.Fatal(err)
	}
	prog, err := set.skin(d.Skin).program()
	if prog == nil {
		t.Fatalf("skin %s cannot be specialized: %v", d.Skin, err)
	}
	prog.Render(&got, d)
	if got.String() != want.String() {
		t.Fatalf("%s: the program renders differently from cbroglie:\n%s", d.Skin, firstDiff(got.String(), want.String()))
	}
	static := *d
	static.UserKeys = UserKeys{}
	spec := prog.Specialize(&static)
	var frags engine.Fragments
	for _, f := range []*engine.Fragments{nil, &frags, &frags} { // the last with the reader's fragments kept
		got.Reset()
		spec.Fill(&got, &d.UserKeys, f)
		if got.String() != want.String() {
			t.Fatalf("%s: the specialized program renders differently from cbroglie:\n%s", d.Skin, firstDiff(got.String(), want.String()))
		}
	}
}

// firstDiff shows where a and b first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return "got:  …" + a[max(0, i-60):min(len(a), i+60)] + "\nwant: …" + b[max(0, i-60):min(len(b), i+60)]
}

// TestProgramMatchesCbroglieOnSkins: the bundled skins compile, and render
// as cbroglie does for a logged-in, an anonymous and a blocked reader.
func TestProgramMatchesCbroglieOnSkins(t *testing.T) {
	set, err := Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range set.Names() {
		blocked := sampleData()
		blocked.IsBlocked, blocked.UserBlockReason = true, "spam & <worse>"
		for _, d := range []*Data{sampleData(), anonData(), blocked} {
			d.Skin = name
			checkSkin(t, set, d)
		}
	}
}
