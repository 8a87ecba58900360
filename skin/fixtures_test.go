package skin_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris, the same on every machine

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// The fixtures of the golden and browser tests: fixed PageInfo and
// UserInfo, built here rather than read from a store.

var editedAt = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

func loadSet(t testing.TB) *skin.Set {
	t.Helper()
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func testSite() skin.Site {
	return skin.Site{Name: "Folio Test Wiki", Footer: []skin.Link{
		{Text: "About", Href: "/wiki/Folio:About"},
		{Text: "Privacy", Href: "/wiki/Folio:Privacy"},
	}}
}

func viewMeta(title string) skin.Meta {
	return skin.Meta{CanonicalURL: router.TitleURL(title), RouteName: "page.view", Class: router.ClassView, Page: title}
}

var (
	allRights  = []router.Right{router.RightAdmin, router.RightBlock, router.RightCreate, router.RightDelete, router.RightEdit, router.RightMove, router.RightProtect, router.RightRead}
	userRights = []router.Right{router.RightCreate, router.RightEdit, router.RightRead}
)

func anonymousUser() *userinfo.UserInfo {
	return &userinfo.UserInfo{Anonymous: true, Rights: []router.Right{router.RightRead}}
}

func alice() *userinfo.UserInfo {
	return &userinfo.UserInfo{
		ID: 2, Name: "Alice", Rights: userRights, EditCount: 42, CSRF: "csrf-alice-token", Version: 5,
		Preferences: userinfo.Preferences{DarkMode: "dark", Timezone: "Europe/Paris"},
		Ext:         map[string]json.RawMessage{"notifications.info": json.RawMessage(`{"count": 3, "url": "/-/history/User:Alice"}`)},
		// She watches the main page; two notifications are unread.
		Watched:       blob.NewWatchSet([]string{"Main_Page", "Talk:Main_Page"}),
		Notifications: blob.Notifications{Unread: 2},
	}
}

// aliceWithMessages is alice after someone else edited her talk page.
func aliceWithMessages() *userinfo.UserInfo {
	u := alice()
	u.Notifications = blob.Notifications{Unread: 3, NewMessages: true}
	return u
}

// talkPage is the talk page of Cats, with a topic; Cats exists.
func talkPage(t testing.TB) *pageinfo.PageInfo {
	pi := renderPage(t, "Talk:Cats", "## Sources\n\nWhere is the history from?\n")
	pi.Pair = pageinfo.Link{Title: "Cats", Exists: true}
	return pi
}

func sysop() *userinfo.UserInfo {
	return &userinfo.UserInfo{ID: 1, Name: "Root", Groups: []string{"sysop"}, Rights: allRights, EditCount: 1234, CSRF: "csrf-root-token", Version: 9}
}

func blockedUser() *userinfo.UserInfo {
	return &userinfo.UserInfo{
		ID: 3, Name: "Mallory", Rights: userRights, EditCount: 7, CSRF: "csrf-mallory-token", Version: 3,
		Block: &store.Block{UserID: 3, Reason: "Vandalism: <script> in edit summaries", By: "Root", Created: editedAt},
	}
}

func mainPage() *pageinfo.PageInfo {
	return &pageinfo.PageInfo{
		Version: pageinfo.Version, Title: "Main_Page", DisplayTitle: "Main Page", PageID: 1, RevID: 7,
		Timestamp: editedAt, Author: "Alice", Size: 120,
		HTML:    "<p>Welcome to <strong>Folio Test Wiki</strong>, a wiki anyone can read.</p>\n<p>Start with <a href=\"/wiki/Help:Contents\" title=\"Help:Contents\">the help</a>.</p>\n",
		Summary: "Welcome to Folio Test Wiki, a wiki anyone can read.",
		Words:   14,
	}
}

// tocSource is a page with sections, categories, a red link and code.
var tocSource = strings.Join([]string{
	"A page about **cats**, with [[Dogs|a blue link]] and [[Missing page|a red link]].\n",
	"## History\n" + paragraphs("Cats have lived with people for a long time.", 3),
	"### Ancient Egypt\n" + paragraphs("Cats were sacred in Egypt.", 3),
	"## Care\n" + paragraphs("A cat needs food, water and a warm place.", 3),
	"```go\nfunc feed(c Cat) { c.Eat(\"fish\") }\n```\n",
	"### Food & drink\n" + paragraphs("Fresh water every day.", 3),
	"## See also\n\n- [[Dogs]]\n- [[Missing page]]\n" + paragraphs("The end of the page leaves room to scroll.", 4),
	"[[Category:Animals]] [[Category:Pets_and_people]]\n",
}, "\n")

func paragraphs(s string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString("\n" + strings.Repeat(s+" ", 12) + "\n")
	}
	return b.String()
}

// renderPage runs src through the Markdown renderer: Dogs exists, nothing
// else does.
func renderPage(t testing.TB, title, src string) *pageinfo.PageInfo {
	t.Helper()
	r := markdown.New(markdown.Default, markdown.Options{})
	res, err := r.Render([]byte(src), markdown.DocContext{
		Title: title, CanCreate: true,
		Exists: func(t string) bool { return t == "Dogs" || t == "Main_Page" },
	})
	if err != nil {
		t.Fatal(err)
	}
	return &pageinfo.PageInfo{
		Version: pageinfo.Version, Title: title, DisplayTitle: router.DisplayTitle(title), PageID: 2, RevID: 12,
		Timestamp: editedAt.Add(-48 * time.Hour), Author: "Root", Size: len(src),
		HTML: res.HTML, TOC: res.TOC, Categories: res.Categories, Redirect: res.Redirect,
		Summary: res.Summary, Words: res.Words, Needs: res.Needs,
	}
}

// goldenCase is one page of the golden and browser tests.
type goldenCase struct {
	name  string
	path  string                                                                    // where the browser test serves it
	build func(t testing.TB, set *skin.Set, site skin.Site, name string) *skin.Data // the case's data for site
}

// data is the case's data in the named skin for testSite().
func (c goldenCase) data(t testing.TB, set *skin.Set, name string) *skin.Data {
	return c.build(t, set, testSite(), name)
}

var goldenCases = []goldenCase{
	{"anonymous", "/wiki/Main_Page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(mainPage(), anonymousUser(), viewMeta("Main_Page"), site, s)
	}},
	{"logged-in", "/wiki/Main_Page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(mainPage(), alice(), viewMeta("Main_Page"), site, s)
	}},
	{"sysop", "/wiki/Main_Page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(mainPage(), sysop(), viewMeta("Main_Page"), site, s)
	}},
	{"blocked", "/wiki/Main_Page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(mainPage(), blockedUser(), viewMeta("Main_Page"), site, s)
	}},
	{"toc-categories-redlinks", "/wiki/Cats", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(renderPage(t, "Cats", tocSource), alice(), viewMeta("Cats"), site, s)
	}},
	{"redirect", "/wiki/Home", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(renderPage(t, "Home", "#REDIRECT [[Main Page]]\n"), anonymousUser(), viewMeta("Home"), site, s)
	}},
	{"missing-anonymous", "/wiki/No_such_page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.MissingData("No_such_page", nil, anonymousUser(), viewMeta("No_such_page"), site, s)
	}},
	{"missing-logged-in", "/wiki/No_such_page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.MissingData("No_such_page", nil, alice(), viewMeta("No_such_page"), site, s)
	}},
	{"category", "/wiki/Category:Cats", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		pi := renderPage(t, "Category:Cats", "Pages about cats.\n")
		pi.Members = []string{"Ginger", "Tabby_cat", "Talk:Cats & <dogs>"}
		return set.ViewData(pi, alice(), viewMeta("Category:Cats"), site, s)
	}},
	{"template", "/wiki/Template:Notice", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		pi := renderPage(t, "Template:Notice", "Note: {{{1}}}\n")
		pi.UsedBy, pi.UsedByMore = []string{"Ginger", "Talk:Cats & <dogs>"}, true
		return set.ViewData(pi, anonymousUser(), viewMeta("Template:Notice"), site, s)
	}},
	{"template-unused", "/wiki/Template:Unused", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(renderPage(t, "Template:Unused", "Nothing uses this.\n"), alice(), viewMeta("Template:Unused"), site, s)
	}},
	{"category-missing-empty", "/wiki/Category:Nothing", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.MissingData("Category:Nothing", nil, anonymousUser(), viewMeta("Category:Nothing"), site, s)
	}},
	{"talk-new-messages", "/wiki/Talk:Cats", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		return set.ViewData(talkPage(t), aliceWithMessages(), viewMeta("Talk:Cats"), site, s)
	}},
	{"history", "/-/history/Main_Page", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		m := skin.Meta{CanonicalURL: "/-/history/Main_Page", RouteName: "page.history", Class: router.ClassDynamic, Page: "Main_Page"}
		body := `<ul class="history"><li><a href="/-/revision/7">14 March 2026, at 16:09</a> by <a href="/wiki/User:Alice">Alice</a></li></ul>`
		return set.PageData("History of Main Page", body, alice(), m, site, s)
	}},
	{"error", "/-/broken", func(t testing.TB, set *skin.Set, site skin.Site, s string) *skin.Data {
		m := skin.Meta{Class: router.ClassError, Status: 500}
		body := `<p class="message">Internal error.</p><p class="error-id">Error ID: <code>0a1b2c3d4e5f</code></p>`
		return set.PageData("Internal Server Error", body, anonymousUser(), m, site, s)
	}},
}
