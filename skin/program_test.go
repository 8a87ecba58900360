package skin

import (
	"bytes"
	htmltemplate "html/template"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/skins"
)

// The compiled program must render what cbroglie renders, byte for byte:
// these tests compare the two on the bundled skins and on fuzzed
// templates, and the specialized form (ops + the reader's keys) with both.

// sampleData is a page's data with every kind of value set: lists of each
// item type, empty and blank strings, HTML to escape, a NUL byte.
func sampleData() *Data {
	return &Data{
		Skin: "desktop",
		SiteKeys: SiteKeys{SiteName: `Folio "Test" <Wiki> & 'co'`, SiteLang: "en", LinkMainPage: "/wiki/Main_Page", LinkSearch: "/-/search",
			SearchQuery: "a\x00b", Sidebar: []Link{{ID: "n-main", Text: "Main", Href: "/wiki/Main_Page"}, {Text: "No id", Href: "/x?a=1&b=2"}}},
		PageKeys: PageKeys{PageTitle: "Cats", PageHeading: "Cats & dogs", HasIndicators: true,
			Indicators: []Link{{ID: "rt", Text: "3 min read"}, {Text: "linked", Href: "/i"}}, DocumentTitle: "Cats – Folio",
			LinkCanonical: "/wiki/Cats", PageRevisionID: 42, PageSummary: "   ", HTMLBody: "<p>Body & <b>bold</b></p>" + strings.Repeat("x", bigText),
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

// cbroglieRender renders src over d with cbroglie, as Set.Render does.
func cbroglieRender(t testing.TB, src string, d *Data) (string, bool) {
	tmpl, err := mustache.ParseString(src)
	if err != nil {
		return "", false
	}
	var b bytes.Buffer
	if err := tmpl.FRender(&b, toMap(d)); err != nil {
		t.Fatalf("cbroglie render: %v", err)
	}
	return b.String(), true
}

// checkProgram compares, for src over d: cbroglie, the program, and the
// specialization of d without its UserKeys filled from d's.
func checkProgram(t *testing.T, src string, d *Data) {
	t.Helper()
	want, ok := cbroglieRender(t, src, d)
	if !ok {
		return
	}
	nodes, err := newProgram(src)
	if err != nil {
		return // refused: the skin stays on cbroglie
	}
	var b bytes.Buffer
	renderNodes(&b, nodes, &env{frames: []reflect.Value{reflect.ValueOf(d).Elem()}})
	if got := b.String(); got != want {
		t.Fatalf("program renders differently from cbroglie\ntemplate: %q\ncbroglie: %q\nprogram:  %q", src, want, got)
	}
	static := *d
	static.UserKeys = UserKeys{}
	ops := specialize(nodes, &static)
	var frags sync.Map
	for _, h := range []holes{{user: reflect.ValueOf(&d.UserKeys).Elem()}, {user: reflect.ValueOf(&d.UserKeys).Elem(), frags: &frags}} {
		for range 2 { // the second time with the reader's fragments kept
			b.Reset()
			run(&b, ops, h)
			if got := b.String(); got != want {
				t.Fatalf("specialized program renders differently from cbroglie\ntemplate: %q\ncbroglie: %q\nops:      %q", src, want, got)
			}
		}
	}
}

func skinTemplates(t testing.TB) []string {
	t.Helper()
	set, err := Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, name := range set.Names() {
		sk := set.skins[name]
		if sk.prog == nil {
			t.Fatalf("skin %s cannot be specialized: %v", name, sk.progErr)
		}
		srcs = append(srcs, expandedSource(t, name))
	}
	return srcs
}

func expandedSource(t testing.TB, name string) string {
	t.Helper()
	sub, err := fs.Sub(skins.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	man, err := parseManifest(name, mustRead(t, sub, "skin.json"))
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := readTemplates(skins.FS, man)
	if err != nil {
		t.Fatal(err)
	}
	src, err := expand(man.Entry, srcs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func mustRead(t testing.TB, fsys fs.FS, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestProgramMatchesCbroglieOnSkins: the bundled skins compile, and render
// as cbroglie does for a logged-in and an anonymous reader.
func TestProgramMatchesCbroglieOnSkins(t *testing.T) {
	for _, src := range skinTemplates(t) {
		checkProgram(t, src, sampleData())
		checkProgram(t, src, anonData())
		blocked := sampleData()
		blocked.IsBlocked, blocked.UserBlockReason = true, "spam & <worse>"
		checkProgram(t, src, blocked)
	}
}

// templateSeeds are the corners of cbroglie's parser and Mustache's
// rules: standalone lines (LF, CRLF, at the end), triple and & tags,
// inverted and nested sections, {{.}}, blank strings, comments.
var templateSeeds = []string{
	"plain text",
	"{{site-name}}|{{{html-body}}}|{{&site-name}}",
	"a\n  {{#data-tabs}}\n  <li>{{text}}</li>\n  {{/data-tabs}}\nb",
	"a\r\n{{#is-anon}}\r\nanon\r\n{{/is-anon}}\r\nb",
	"{{#is-view}}  \n{{user-name}}\n{{/is-view}}  ",
	"{{^is-anon}}{{user-name}}{{/is-anon}}{{^data-toc}}none{{/data-toc}}",
	"{{#data-user-groups}}[{{.}}]{{/data-user-groups}}",
	"{{#page-summary}}has{{/page-summary}}{{^page-summary}}blank{{/page-summary}}",
	"{{#user-edit-count}}n{{/user-edit-count}}{{^user-edit-count}}zero{{/user-edit-count}}",
	"{{! a comment }}x {{ site-name }} {{#data-personal}}{{#id}}{{id}}:{{/id}}{{href}} {{user-name}}{{/data-personal}}",
	"{{#data-tabs}}{{#is-selected}}*{{/is-selected}}{{text}}{{#is-anon}}-{{link-login}}{{/is-anon}}{{/data-tabs}}",
	"{{#is-anon}}{{.}}{{/is-anon}}{{#user-name}}{{.}}{{/user-name}}",
	"{{#data-sidebar}}{{#user-theme}}{{text}}={{.}}{{/user-theme}}{{/data-sidebar}}",
	"{{nope}}{{#nope}}x{{/nope}}{{^nope}}y{{/nope}}{{user-notification-count}}{{page-revision-id}}{{has-tabs}}",
	"  {{#is-anon}}  \nx\n  {{/is-anon}}",
	"{{#data-toc}}{{^is-anon}}{{number}} {{user-name}}{{/is-anon}}{{/data-toc}}",
}

func FuzzProgram(f *testing.F) {
	for _, s := range templateSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, anon bool) {
		if len(src) > 4096 || strings.Contains(src, "{{>") || strings.Contains(src, "{{=") {
			return
		}
		d := sampleData()
		if anon {
			d = anonData()
		}
		checkProgram(t, src, d)
	})
}

func TestProgramSeeds(t *testing.T) {
	for _, src := range templateSeeds {
		checkProgram(t, src, sampleData())
		checkProgram(t, src, anonData())
	}
}

// TestProgramRefuses: what the program cannot follow exactly is refused,
// so the skin stays on cbroglie rather than render differently.
func TestProgramRefuses(t *testing.T) {
	for _, src := range []string{
		"{{data-tabs}}",                     // a list as text
		"{{#data-tabs}}{{.}}{{/data-tabs}}", // an object as text
		"{{data-tabs.first}}",               // dotted names
		"{{#a}}x",                           // unclosed
		"{{/a}}",                            // unopened
		"{{#a}}{{/b}}",                      // mismatched
		"{{> head}}",                        // a partial left unexpanded
	} {
		if _, err := newProgram(src); err == nil {
			t.Errorf("%q compiled", src)
		}
	}
}

func FuzzEscape(f *testing.F) {
	f.Add(`<a href="x">'&'</a>` + "\x00é")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		escapeTo(&b, s)
		if want := htmltemplate.HTMLEscapeString(s); b.String() != want {
			t.Fatalf("escapeTo(%q) = %q, want %q", s, b.String(), want)
		}
	})
}
