package skin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

// tabByID returns the tab of id among ts.
func tabByID(ts []skin.Tab, id string) (skin.Tab, bool) {
	for _, t := range ts {
		if t.ID == id {
			return t, true
		}
	}
	return skin.Tab{}, false
}

// TestNamespaceTabs: a page's namespace tabs are MediaWiki's — the
// subject tab named by its namespace (access key c) and "Discussion" (t),
// red when their page is missing, selected for the page shown — from the
// PageInfo's Pair on views and from Meta.PairExists elsewhere.
func TestNamespaceTabs(t *testing.T) {
	set := loadSet(t)
	site := testSite()
	main := mainPage() // Talk:Main_Page does not exist
	main.Pair = blob.Link{Title: "Talk:Main_Page"}
	d := set.ViewData(main, anonymousUser(), viewMeta("Main_Page"), site, "")
	want := []skin.Tab{
		{ID: "subject", Text: "Page", Href: "/wiki/Main_Page", IsSelected: true, AccessKey: "c", Tooltip: "View the content page [alt-shift-c]"},
		{ID: "talk", Text: "Discussion", Href: "/wiki/Talk:Main_Page", IsNew: true, AccessKey: "t", Tooltip: "Discussion about the content page [alt-shift-t]"},
	}
	if !d.HasNamespaceTabs || len(d.NamespaceTabs) != 2 || d.NamespaceTabs[0] != want[0] || d.NamespaceTabs[1] != want[1] {
		t.Fatalf("namespace tabs of Main_Page:\n got %+v\nwant %+v", d.NamespaceTabs, want)
	}
	if read, _ := tabByID(d.Tabs, "read"); read.AccessKey != "" || read.Tooltip != "" {
		t.Errorf("the Read tab keeps access key %q (the subject tab has c), tooltip %q", read.AccessKey, read.Tooltip)
	}
	if _, ok := tabByID(d.Tabs, "addsection"); ok {
		t.Error("Add topic on a subject page")
	}
	var buf bytes.Buffer
	for _, sk := range set.Names() {
		buf.Reset()
		d := set.ViewData(main, anonymousUser(), viewMeta("Main_Page"), site, sk)
		if err := set.Render(&buf, d); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), `<a href="/wiki/Talk:Main_Page" class="new" accesskey="t"`) {
			t.Errorf("%s: the Discussion tab is not a red link", sk)
		}
		if strings.Count(buf.String(), `accesskey="c"`) != 1 {
			t.Errorf("%s: access key c appears %d times", sk, strings.Count(buf.String(), `accesskey="c"`))
		}
	}

	// A talk page: its subject's tab is named by the subject's namespace,
	// the Discussion tab is selected, and readers who may edit get "Add topic".
	talk := renderPage(t, "User_talk:Alice", "## Hello\n\nHi.\n")
	talk.Pair = blob.Link{Title: "User:Alice"}
	d = set.ViewData(talk, alice(), viewMeta("User_talk:Alice"), site, "")
	subject, _ := tabByID(d.NamespaceTabs, "subject")
	disc, _ := tabByID(d.NamespaceTabs, "talk")
	if subject.Text != "User page" || subject.Href != "/wiki/User:Alice" || !subject.IsNew || subject.IsSelected || subject.Tooltip != "View the user page [alt-shift-c]" {
		t.Errorf("subject tab of User_talk:Alice: %+v", subject)
	}
	if disc.IsNew || !disc.IsSelected || disc.Href != "/wiki/User_talk:Alice" {
		t.Errorf("talk tab of User_talk:Alice: %+v", disc)
	}
	add, ok := tabByID(d.Tabs, "addsection")
	if !ok || add.Text != "Add topic" || add.Href != "/-/edit/User_talk:Alice?section=new" || add.AccessKey != "+" || add.Tooltip != "Start a new section [alt-shift-+]" {
		t.Errorf("Add topic tab: %+v (found %v)", add, ok)
	}
	if _, ok := tabByID(set.ViewData(talk, anonymousUser(), viewMeta("User_talk:Alice"), site, "").Tabs, "addsection"); ok {
		t.Error("Add topic for a reader who may not edit")
	}
	if _, ok := tabByID(set.MissingData("Talk:Nowhere", nil, alice(), viewMeta("Talk:Nowhere"), site, "").Tabs, "addsection"); ok {
		t.Error("Add topic on a missing talk page")
	}

	for _, c := range []struct{ title, text, tooltip string }{
		{"Category:Birds", "Category", "View the category page [alt-shift-c]"},
		{"File:A.png", "File", "View the file page [alt-shift-c]"},
		{"Help:Contents", "Help page", "View the help page [alt-shift-c]"},
		{"Project:About", "Project page", "View the project page [alt-shift-c]"},
		{"Template:Box", "Template", "View the template [alt-shift-c]"},
		{"MediaWiki:Sidebar", "Message", "View the system message [alt-shift-c]"},
		{"Template_talk:Box", "Template", "View the template [alt-shift-c]"},
	} {
		d := set.MissingData(c.title, nil, nil, viewMeta(c.title), site, "")
		if tab, _ := tabByID(d.NamespaceTabs, "subject"); tab.Text != c.text || tab.Tooltip != c.tooltip {
			t.Errorf("%s: subject tab %+v, want %q, %q", c.title, tab, c.text, c.tooltip)
		}
	}

	// Other pages with a title take the pair's existence from Meta.
	m := skin.Meta{CanonicalURL: "/-/history/Main_Page", RouteName: "page.history", Class: router.ClassDynamic, Page: "Main_Page"}
	if tab, _ := tabByID(set.PageData("History", "", alice(), m, site, "").NamespaceTabs, "talk"); !tab.IsNew {
		t.Errorf("history, PairExists false: talk tab %+v", tab)
	}
	m.PairExists = true
	if tab, _ := tabByID(set.PageData("History", "", alice(), m, site, "").NamespaceTabs, "talk"); tab.IsNew || tab.IsSelected {
		t.Errorf("history, PairExists: talk tab %+v", tab)
	}

	// A Special page has no pair, no namespace tabs, no watch star.
	m = skin.Meta{RouteName: "page.view", Class: router.ClassDynamic, Page: "Special:Nothing"}
	if d := set.PageData("Nothing", "", alice(), m, site, ""); d.HasNamespaceTabs || d.LinkWatch != "" || d.IsWatched {
		t.Errorf("a Special page: %+v, link-watch %q", d.NamespaceTabs, d.LinkWatch)
	}
}

// TestWatchStar: a logged-in reader's page views carry the watch star, a
// POST form to the page's watch or unwatch action by whether the reader
// watches the page; views of watched and unwatched pages by one reader
// differ in bytes and ETag; anonymous readers get no star.
func TestWatchStar(t *testing.T) {
	set := loadSet(t)
	v := set.WithSite(testSite())
	u := alice() // watches Main_Page, not Cats
	cats := renderPage(t, "Cats", tocSource)
	for _, sk := range set.Names() {
		render := func(pi *blob.PageInfo, u *userinfo.UserInfo) (string, string) {
			view := v.View(pi, u, viewMeta(pi.Title), sk)
			var b bytes.Buffer
			if err := view.Render(&b); err != nil {
				t.Fatal(err)
			}
			return b.String(), view.ETag()
		}
		watched, etag1 := render(mainPage(), u)
		for _, want := range []string{`<form method="post" action="/-/unwatch/Main_Page" class="watch-star"`,
			`<input type="hidden" name="csrf" value="csrf-alice-token">`, `aria-pressed="true" aria-label="Unwatch"`,
			`title="Remove this page from your watchlist [alt-shift-w]" accesskey="w"`, `fill="currentColor"`} {
			if !strings.Contains(watched, want) {
				t.Errorf("%s: the view of a watched page lacks %q", sk, want)
			}
		}
		unwatched, _ := render(cats, u)
		for _, want := range []string{`<form method="post" action="/-/watch/Cats" class="watch-star"`,
			`aria-pressed="false" aria-label="Watch"`, `title="Add this page to your watchlist [alt-shift-w]"`} {
			if !strings.Contains(unwatched, want) {
				t.Errorf("%s: the view of an unwatched page lacks %q", sk, want)
			}
		}
		// The same page once the reader watches it: other bytes, other ETag.
		u2 := alice()
		u2.Watched = nil
		notNow, etag2 := render(mainPage(), u2)
		if notNow == watched || etag1 == etag2 || !strings.Contains(notNow, `action="/-/watch/Main_Page"`) {
			t.Errorf("%s: watching the page does not change its view (ETags %s, %s)", sk, etag1, etag2)
		}
		if anon, _ := render(mainPage(), nil); strings.Contains(anon, "watch-star") {
			t.Errorf("%s: an anonymous view has a watch star", sk)
		}
	}
	// Other pages with a title set is-watched the same way.
	m := skin.Meta{CanonicalURL: "/-/history/Main_Page", RouteName: "page.history", Class: router.ClassDynamic, Page: "Main_Page"}
	d := set.PageData("History of Main Page", "", u, m, testSite(), "")
	if !d.IsWatched || d.LinkWatch != "/-/watch/Main_Page" || d.LinkUnwatch != "/-/unwatch/Main_Page" {
		t.Errorf("history page: is-watched %v, link-watch %q, link-unwatch %q", d.IsWatched, d.LinkWatch, d.LinkUnwatch)
	}
	if d := set.ViewData(mainPage(), nil, viewMeta("Main_Page"), testSite(), ""); d.IsWatched {
		t.Error("an anonymous reader watches")
	}
}

// TestNewMessagesAndPersonalLinks: "You have new messages" (MediaWiki's
// orange bar) links to the reader's talk page; the bell counts the
// UserInfo's unread notifications; the personal links are MediaWiki's, in
// its order.
func TestNewMessagesAndPersonalLinks(t *testing.T) {
	set := loadSet(t)
	for _, sk := range set.Names() {
		var b bytes.Buffer
		if err := set.Render(&b, set.ViewData(mainPage(), aliceWithMessages(), viewMeta("Main_Page"), testSite(), sk)); err != nil {
			t.Fatal(err)
		}
		bar := `<div class="usermessage" role="status">You have <a href="/wiki/User_talk:Alice">new messages</a> on your talk page.</div>`
		if !strings.Contains(b.String(), bar) {
			t.Errorf("%s: no new-messages bar", sk)
		}
		b.Reset()
		if err := set.Render(&b, set.ViewData(mainPage(), alice(), viewMeta("Main_Page"), testSite(), sk)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "usermessage") {
			t.Errorf("%s: a new-messages bar without new messages", sk)
		}
		if !strings.Contains(b.String(), `id="pt-mytalk" href="/wiki/User_talk:Alice" accesskey="n" title="Your talk page [alt-shift-n]"`) {
			t.Errorf("%s: no talk link in the personal tools", sk)
		}
	}
	d := set.ViewData(mainPage(), aliceWithMessages(), viewMeta("Main_Page"), testSite(), "")
	if !d.HasNewMessages || d.LinkUserTalk != "/wiki/User_talk:Alice" || d.NotificationCount != 3 || d.LinkNotifications != "/-/notifications" {
		t.Errorf("user keys: %+v", d.UserKeys)
	}
	var ids []string
	for _, l := range d.Personal {
		ids = append(ids, l.ID+" "+l.Href+" "+l.AccessKey)
	}
	if got := strings.Join(ids, ", "); got != "pt-mytalk /wiki/User_talk:Alice n, pt-preferences /-/preferences , pt-watchlist /-/watchlist l" {
		t.Errorf("personal links: %s", got)
	}
	if d := set.ViewData(mainPage(), nil, viewMeta("Main_Page"), testSite(), ""); d.HasNewMessages || d.LinkUserTalk != "" || d.LinkNotifications != "" {
		t.Errorf("anonymous user keys: %+v", d.UserKeys)
	}
}
