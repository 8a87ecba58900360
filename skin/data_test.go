package skin_test

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

func tabIDs(ts []skin.Tab) []string {
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return ids
}

// TestRights: tabs, actions and the create link follow the reader's rights.
func TestRights(t *testing.T) {
	set := loadSet(t)
	for _, tc := range []struct {
		name            string
		u               *userinfo.UserInfo
		tabs, actions   []string
		missingTabs     []string
		create, blocked bool
	}{
		{"anonymous", anonymousUser(), []string{"read", "source", "history"}, []string{"backlinks", "info"}, []string{"read"}, false, false},
		{"nil user", nil, []string{"read", "source", "history"}, []string{"backlinks", "info"}, []string{"read"}, false, false},
		{"user", alice(), []string{"read", "edit", "history"}, []string{"backlinks", "info"}, []string{"read", "create"}, true, false},
		{"sysop", sysop(), []string{"read", "edit", "history"}, []string{"backlinks", "info", "move", "delete", "protect"}, []string{"read", "create"}, true, false},
		{"blocked", blockedUser(), []string{"read", "source", "history"}, []string{"backlinks", "info"}, []string{"read"}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := set.ViewData(mainPage(), tc.u, viewMeta("Main_Page"), testSite(), "")
			if got := tabIDs(d.Tabs); !slices.Equal(got, tc.tabs) {
				t.Errorf("tabs = %v, want %v", got, tc.tabs)
			}
			if got := tabIDs(d.PageActions); !slices.Equal(got, tc.actions) {
				t.Errorf("page actions = %v, want %v", got, tc.actions)
			}
			if d.IsBlocked != tc.blocked {
				t.Errorf("is-blocked = %v", d.IsBlocked)
			}
			if tc.blocked && !slices.Equal(d.UserRights, []string{"read"}) {
				t.Errorf("blocked user's rights = %v, want [read]", d.UserRights)
			}
			m := set.MissingData("Nope", nil, tc.u, viewMeta("Nope"), testSite(), "")
			if got := tabIDs(m.Tabs); !slices.Equal(got, tc.missingTabs) {
				t.Errorf("missing page tabs = %v, want %v", got, tc.missingTabs)
			}
			if (m.LinkCreate != "") != tc.create || m.HTTPStatus != 404 || !m.IsMissing || m.PageRobots != "noindex" {
				t.Errorf("missing page: link-create %q, status %d, is-missing %v, robots %q", m.LinkCreate, m.HTTPStatus, m.IsMissing, m.PageRobots)
			}
		})
	}
}

// TestAnonymousIsShared: an anonymous view holds nothing of a session, so
// it can be cached for everyone.
func TestAnonymousIsShared(t *testing.T) {
	set := loadSet(t)
	d := set.ViewData(mainPage(), anonymousUser(), viewMeta("Main_Page"), testSite(), "")
	if !d.IsAnon || d.CSRFToken != "" || d.UserName != "" || d.UserTheme != "auto" || d.Personal != nil {
		t.Errorf("anonymous data has user state: %+v", d.UserKeys)
	}
	if d.LinkLogin != "/-/login?returnto=Main_Page" {
		t.Errorf("link-login = %q", d.LinkLogin)
	}
	u := set.ViewData(mainPage(), alice(), viewMeta("Main_Page"), testSite(), "")
	if u.CSRFToken != "csrf-alice-token" || u.UserTheme != "dark" {
		t.Errorf("logged-in data: %+v", u.UserKeys)
	}
	// Extension data reaches the keys only through SkinUserData hooks:
	// the count is the UserInfo's own (2), not the extension data's (3).
	if u.NotificationCount != 2 || !u.HasNotifications || u.LinkNotifications != "/-/notifications" {
		t.Errorf("notification keys: %+v", u.UserKeys)
	}
	if u.PageLastEditedText != "16:09, 14 March 2026 (CET)" || d.PageLastEditedText != "15:09, 14 March 2026 (UTC)" {
		t.Errorf("last edited: user %q, anonymous %q", u.PageLastEditedText, d.PageLastEditedText)
	}
}

func TestTOC(t *testing.T) {
	set := loadSet(t)
	pi := mainPage()
	pi.TOC = []markdown.TOCEntry{
		{Level: 2, Anchor: "a", Text: "A"}, {Level: 3, Anchor: "a1", Text: "A1"}, {Level: 5, Anchor: "deep", Text: "Deep"},
		{Level: 3, Anchor: "a2", Text: "A2"}, {Level: 2, Anchor: "b", Text: "B"},
	}
	d := set.ViewData(pi, nil, viewMeta("Main_Page"), testSite(), "")
	var got []string
	for _, e := range d.TOC {
		got = append(got, e.Number+" "+e.Href+" "+string(rune('0'+e.Level)))
	}
	want := []string{"1 #a 1", "1.1 #a1 2", "1.1.1 #deep 3", "1.2 #a2 2", "2 #b 1"}
	if !d.HasTOC || !slices.Equal(got, want) {
		t.Errorf("has-toc %v, toc %q, want %q", d.HasTOC, got, want)
	}
	pi.TOC = pi.TOC[:skin.MinTOC-1]
	if d := set.ViewData(pi, nil, viewMeta("Main_Page"), testSite(), ""); d.HasTOC || d.TOC != nil {
		t.Errorf("%d headings: has-toc %v, toc %v", len(pi.TOC), d.HasTOC, d.TOC)
	}
}

// TestNeeds: highlight CSS, math and mermaid assets only on pages that
// need them; every URL is served by Asset.
func TestNeeds(t *testing.T) {
	set := loadSet(t)
	urls := func(d *skin.Data) string {
		var s []string
		for _, u := range slices.Concat(d.Stylesheets, d.Scripts) {
			s = append(s, u.URL)
		}
		return strings.Join(s, " ")
	}
	plain := urls(set.ViewData(mainPage(), nil, viewMeta("Main_Page"), testSite(), "desktop"))
	if strings.Contains(plain, "highlight.css") || strings.Contains(plain, "math.css") {
		t.Errorf("a plain page loads %s", plain)
	}
	pi := mainPage()
	pi.Needs = markdown.Needs{Highlight: true, Math: true, Mermaid: true}
	all := urls(set.ViewData(pi, nil, viewMeta("Main_Page"), testSite(), "desktop"))
	for _, want := range []string{"/highlight.css", "/desktop/math.css", "/desktop/mermaid.css", "/desktop/desktop.css", "/desktop/desktop.js"} {
		if !strings.Contains(all, want) {
			t.Errorf("needs-everything page lacks %s: %s", want, all)
		}
	}
	for _, u := range strings.Fields(all) {
		hash, file, _ := strings.Cut(strings.TrimPrefix(u, "/static/"), "/")
		a, ok := set.Asset(hash, file)
		if !ok || len(a.Body) == 0 || a.ETag == "" {
			t.Errorf("Asset(%q, %q) = %v", hash, file, ok)
		}
		if strings.HasSuffix(file, ".css") && a.ContentType != "text/css; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", file, a.ContentType)
		}
	}
	if _, ok := set.Asset("0000000000000000", "desktop/desktop.css"); ok {
		t.Error("Asset with a wrong hash found something")
	}
}

func TestHighlightCSSFollowsTheme(t *testing.T) {
	set := loadSet(t)
	pi := mainPage()
	pi.Needs.Highlight = true
	d := set.ViewData(pi, nil, viewMeta("Main_Page"), testSite(), "")
	u := d.Stylesheets[len(d.Stylesheets)-1].URL
	hash, file, _ := strings.Cut(strings.TrimPrefix(u, "/static/"), "/")
	a, ok := set.Asset(hash, file)
	if !ok {
		t.Fatalf("no asset %s", u)
	}
	css := string(a.Body)
	for _, want := range []string{`:root[data-theme="dark"] .chroma .k {`, `:root:not([data-theme="light"]) .chroma .k {`, ".chroma .k {"} {
		if !strings.Contains(css, want) {
			t.Errorf("highlight.css lacks %q", want)
		}
	}
}

// TestPageData: any other page gets the chrome, tabs of its page, and
// noindex; errors carry their status.
func TestPageData(t *testing.T) {
	set := loadSet(t)
	m := skin.Meta{RouteName: "page.history", Class: router.ClassDynamic, Page: "Main_Page", SearchQuery: "cats"}
	d := set.PageData("History of Main Page", "<p>x</p>", alice(), m, testSite(), "minimal")
	if d.Skin != "minimal" || d.HTMLBody != "<p>x</p>" || d.PageRobots != "noindex" || d.IsView || d.HTTPStatus != 200 || d.SearchQuery != "cats" {
		t.Errorf("page data: %+v", d.PageKeys)
	}
	var selected []string
	for _, tab := range d.Tabs {
		if tab.IsSelected {
			selected = append(selected, tab.ID)
		}
	}
	if !slices.Equal(selected, []string{"history"}) {
		t.Errorf("selected tabs = %v", selected)
	}
	e := set.PageData("Not Found", "", nil, skin.Meta{Class: router.ClassError, Status: 404}, testSite(), "nope")
	if e.Skin != set.Default() || !e.IsError || e.HTTPStatus != 404 || e.HasTabs {
		t.Errorf("error data: skin %q, %+v", e.Skin, e.PageKeys)
	}
}

func TestChoose(t *testing.T) {
	set := loadSet(t)
	u := alice()
	u.Preferences.Skin = "minimal"
	for _, tc := range []struct {
		useskin string
		u       *userinfo.UserInfo
		want    string
	}{
		{"", nil, "desktop"}, {"minimal", nil, "minimal"}, {"nope", nil, "desktop"},
		{"", u, "minimal"}, {"desktop", u, "desktop"}, {"nope", u, "minimal"},
	} {
		if got := set.Choose(tc.useskin, tc.u); got != tc.want {
			t.Errorf("Choose(%q, %v) = %q, want %q", tc.useskin, tc.u != nil, got, tc.want)
		}
	}
	if set.Resolve("nope") != "desktop" || set.Resolve("minimal") != "minimal" {
		t.Error("Resolve")
	}
	if set.Version("minimal") == set.Version("desktop") || set.Version("nope") != set.Version("desktop") {
		t.Error("Version")
	}
	if _, err := set.WithDefault("nope"); err == nil {
		t.Error("WithDefault(nope) succeeded")
	}
	if s, err := set.WithDefault("minimal"); err != nil || s.Default() != "minimal" || set.Default() != "desktop" {
		t.Errorf("WithDefault(minimal): %v", err)
	}
}

// TestDataHook: filters run in order over every page's data.
var testHooks sync.Once

func TestDataHook(t *testing.T) {
	testHooks.Do(registerTestHooks)
	set := loadSet(t)
	pi := mainPage()
	pi.Title, pi.DisplayTitle = "Hooked", "Hooked"
	pi.Ext = map[string]json.RawMessage{"skintest.info": json.RawMessage("5")}
	u := alice()
	u.Ext["skintest.user"] = json.RawMessage("true")
	d := set.ViewData(pi, u, viewMeta("Hooked"), testSite(), "")
	if d.PageHeading != "Hooked (first) (second)" || d.PageActions[len(d.PageActions)-1].ID != "cite" {
		t.Errorf("hooks gave heading %q, actions %v", d.PageHeading, tabIDs(d.PageActions))
	}
	if !d.HasIndicators || len(d.Indicators) != 1 || d.Indicators[0].Text != "5 min read" {
		t.Errorf("indicators: %v %+v", d.HasIndicators, d.Indicators)
	}
	if d.UserName != "Alice" {
		t.Errorf("a page filter set the reader's name: %q", d.UserName)
	}
	if n := len(d.Personal); n == 0 || d.Personal[n-1].ID != "pt-skintest" {
		t.Errorf("the user filter's link is missing: %+v", d.Personal)
	}
	var b strings.Builder
	if err := set.Render(&b, d); err != nil || !strings.Contains(b.String(), "5 min read") || !strings.Contains(b.String(), "pt-skintest") {
		t.Errorf("the indicator or the user link does not show (%v)", err)
	}
}

// TestRenderKeepsData: Render changes nothing of the Data it renders.
func TestRenderKeepsData(t *testing.T) {
	set := loadSet(t)
	d := goldenCases[4].data(t, set, "desktop")
	before := *d
	before.TOC = slices.Clone(d.TOC)
	var b strings.Builder
	if err := set.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	if d.PageHeading != before.PageHeading || !slices.Equal(d.TOC, before.TOC) || len(d.Stylesheets) != len(before.Stylesheets) {
		t.Error("Render changed its data")
	}
}

// registerTestHooks registers DataHook filters that act on the page
// "Hooked" only, once per process (-count=N runs tests again).
func registerTestHooks() {
	skin.DataHook.Register("skintest.hook.second", 20, func(d skin.Data) skin.Data {
		if d.PageTitle == "Hooked" {
			d.PageHeading += " (second)"
		}
		return d
	})
	skin.DataHook.Register("skintest.hook.first", 10, func(d skin.Data) skin.Data {
		if d.PageTitle == "Hooked" {
			d.PageHeading += " (first)"
			d.PageActions = append(d.PageActions, skin.Tab{ID: "cite", Text: "Cite", Href: "/-/cite/Hooked"})
			if string(d.PageExt["skintest.info"]) == "5" {
				d.Indicators = append(d.Indicators, skin.Link{ID: "skintest", Text: "5 min read"})
			}
			d.UserName = "set by a page filter" // not the page filter's to set: dropped
		}
		return d
	})
	skin.UserDataHook.Register("skintest.user", 10, func(k skin.UserKeys, ext map[string]json.RawMessage) skin.UserKeys {
		if string(ext["skintest.user"]) == "true" {
			k.Personal = append(k.Personal, skin.Link{ID: "pt-skintest", Text: "Test tool", Href: "/wiki/Test"})
		}
		return k
	})
}
