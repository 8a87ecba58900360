package skin

import (
	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
)

// setNav fills the namespace tabs, tabs, page actions and watch links of
// m.Page, as far as u's rights allow; exists is false for a missing page,
// m.PairExists says whether the other page of its talk pair exists.
func (d *Data) setNav(u *blob.UserInfo, site Site, m Meta, exists bool) {
	if m.Page == "" {
		return
	}
	reg := site.registry()
	d.NamespaceTabs = namespaceTabs(reg, m, exists)
	d.HasNamespaceTabs = len(d.NamespaceTabs) > 0
	d.Tabs = tabs(reg, u, m, exists)
	d.HasTabs = len(d.Tabs) > 0
	if exists {
		d.PageActions = pageActions(reg, u, m)
		d.HasPageActions = len(d.PageActions) > 0
	}
	if !router.IsSpecial(m.Page) {
		d.LinkWatch = routeURL(reg, "page.watch", "title", m.Page)
		d.LinkUnwatch = routeURL(reg, "page.unwatch", "title", m.Page)
	}
}

// accessKeyHint is how a tooltip names an access key, as MediaWiki's
// (jquery.accessKeyLabel) does for Chrome and Firefox on Windows and
// Linux: "[alt-shift-e]".
func accessKeyHint(key string) string { return "[alt-shift-" + key + "]" }

// tooltip is a title attribute: what a link does, and its access key.
func tooltip(what, key string) string {
	if key == "" {
		return what
	}
	return what + " " + accessKeyHint(key)
}

// namespaceTab is what MediaWiki's namespace tab of a subject namespace
// says: its text (nstab-*) and tooltip (tooltip-ca-nstab-*).
type namespaceTab struct{ text, what string }

// nsTabs are MediaWiki's namespace tabs, by subject namespace; other
// namespaces get the main namespace's.
var nsTabs = map[string]namespaceTab{
	"":                       {"Page", "View the content page"},
	router.UserNamespace:     {"User page", "View the user page"},
	router.CategoryNamespace: {"Category", "View the category page"},
	router.FileNamespace:     {"File", "View the file page"},
	"Help":                   {"Help page", "View the help page"},
	"Project":                {"Project page", "View the project page"},
	"Template":               {"Template", "View the template"},
	"MediaWiki":              {"Message", "View the system message"},
}

// namespaceTabs: the subject page's tab and the talk page's, as
// MediaWiki's (ca-nstab-*, ca-talk), each red when its page does not
// exist and selected when it is the page shown; none for a Special page.
func namespaceTabs(reg *router.Registry, m Meta, exists bool) []Tab {
	pair, ok := router.PairTitle(m.Page)
	if !ok {
		return nil
	}
	subject, talk := m.Page, pair
	subjectExists, talkExists := exists, m.PairExists
	onTalk := router.IsTalk(m.Page)
	if onTalk {
		subject, talk = pair, m.Page
		subjectExists, talkExists = m.PairExists, exists
	}
	ns := nsTabs[""]
	for prefix, t := range nsTabs {
		if prefix != "" && router.InNamespace(subject, prefix) {
			ns = t
		}
	}
	ts := make([]Tab, 0, 2)
	if href := routeURL(reg, "page.view", "title", subject); href != "" {
		ts = append(ts, Tab{ID: "subject", Text: ns.text, Href: href, IsSelected: !onTalk, IsNew: !subjectExists,
			AccessKey: "c", Tooltip: tooltip(ns.what, "c")})
	}
	if href := routeURL(reg, "page.view", "title", talk); href != "" {
		ts = append(ts, Tab{ID: "talk", Text: "Discussion", Href: href, IsSelected: onTalk, IsNew: !talkExists,
			AccessKey: "t", Tooltip: tooltip("Discussion about the content page", "t")})
	}
	return ts
}

// tabs: read; edit, create or view source; add topic on a talk page;
// history. Their access keys and tooltips are MediaWiki's (ca-view, which
// has none: the namespace tab has c; ca-edit, ca-viewsource,
// ca-addsection, ca-history).
func tabs(reg *router.Registry, u *blob.UserInfo, m Meta, exists bool) []Tab {
	page := m.Page
	ts := make([]Tab, 0, 4)
	add := func(id, text, route, query string, isNew bool, key, what string) {
		if href := routeURL(reg, route, "title", page); href != "" {
			ts = append(ts, Tab{ID: id, Text: text, Href: href + query, IsSelected: m.RouteName == route && query == "", IsNew: isNew,
				AccessKey: key, Tooltip: tooltip(what, key)})
		}
	}
	add("read", "Read", "page.view", "", !exists, "", "")
	switch {
	case exists && may(u, router.RightEdit):
		add("edit", "Edit", "page.edit", "", false, "e", "Edit this page")
		if router.IsTalk(page) {
			add("addsection", "Add topic", "page.edit", "?section=new", false, "+", "Start a new section")
		}
	case !exists && may(u, router.RightEdit) && may(u, router.RightCreate):
		add("create", "Create", "page.edit", "", false, "e", "Create this page")
	case exists:
		add("source", "View source", "page.source", "", false, "e", "View the source of this page")
	}
	if exists {
		add("history", "History", "page.history", "", false, "h", "Past revisions of this page")
	}
	return ts
}

// pageActions: what links here and page information, then move, delete and protect for those
// with the right.
func pageActions(reg *router.Registry, u *blob.UserInfo, m Meta) []Tab {
	var ts []Tab
	for _, a := range []struct {
		id, text, route string
		right           router.Right
		key, what       string // MediaWiki's access key and tooltip
	}{
		{"backlinks", "What links here", "page.backlinks", router.RightRead, "j", "A list of all wiki pages that link here"},
		{"info", "Page information", "page.info", router.RightRead, "", "More information about this page"},
		{"move", "Move", "page.move", router.RightMove, "m", "Move this page"},
		{"delete", "Delete", "page.delete", router.RightDelete, "d", "Delete this page"},
		{"protect", "Protect", "page.protect", router.RightProtect, "=", "Protect this page"},
	} {
		if !may(u, a.right) {
			continue
		}
		if href := routeURL(reg, a.route, "title", m.Page); href != "" {
			ts = append(ts, Tab{ID: a.id, Text: a.text, Href: href, IsSelected: m.RouteName == a.route,
				AccessKey: a.key, Tooltip: tooltip(a.what, a.key)})
		}
	}
	return ts
}
