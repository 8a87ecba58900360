package skin

import (
	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// setNav fills the namespace tabs, tabs, page actions and watch links of
// m.Page, as far as u's rights allow; exists is false for a missing page,
// m.PairExists says whether the other page of its talk pair exists; their
// texts are in lang.
func (d *Data) setNav(u *blob.UserInfo, site Site, m Meta, exists bool, lang *i18n.Lang) {
	if m.Page == "" {
		return
	}
	reg := site.registry()
	d.NamespaceTabs = namespaceTabs(reg, m, exists, lang)
	d.HasNamespaceTabs = len(d.NamespaceTabs) > 0
	d.Tabs = tabs(reg, u, m, exists, lang)
	d.HasTabs = len(d.Tabs) > 0
	if exists {
		d.PageActions = pageActions(reg, u, m, lang)
		d.HasPageActions = len(d.PageActions) > 0
	}
	if !router.IsSpecial(m.Page) {
		d.LinkWatch = routeURL(reg, "page.watch", "title", m.Page)
		d.LinkUnwatch = routeURL(reg, "page.unwatch", "title", m.Page)
	}
}

// namespaceTab is what MediaWiki's namespace tab of a subject namespace
// says: the messages of its text (nstab-*) and tooltip
// (tooltip-ca-nstab-*).
type namespaceTab struct{ text, what string }

// nsTabs are MediaWiki's namespace tabs, by subject namespace; other
// namespaces get the main namespace's.
var nsTabs = map[string]namespaceTab{
	"":                       {"nstab-main", "tooltip-ca-nstab-main"},
	router.UserNamespace:     {"nstab-user", "tooltip-ca-nstab-user"},
	router.CategoryNamespace: {"nstab-category", "tooltip-ca-nstab-category"},
	router.FileNamespace:     {"nstab-file", "tooltip-ca-nstab-file"},
	"Help":                   {"nstab-help", "tooltip-ca-nstab-help"},
	"Project":                {"nstab-project", "tooltip-ca-nstab-project"},
	"Template":               {"nstab-template", "tooltip-ca-nstab-template"},
	"MediaWiki":              {"nstab-mediawiki", "tooltip-ca-nstab-mediawiki"},
}

// namespaceTabs: the subject page's tab and the talk page's, as
// MediaWiki's (ca-nstab-*, ca-talk), each red when its page does not
// exist and selected when it is the page shown; none for a Special page.
func namespaceTabs(reg *router.Registry, m Meta, exists bool, lang *i18n.Lang) []Tab {
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
		ts = append(ts, Tab{ID: "subject", Text: lang.T(ns.text), Href: href, IsSelected: !onTalk, IsNew: !subjectExists,
			AccessKey: "c", Tooltip: tooltip(lang, ns.what, "c")})
	}
	if href := routeURL(reg, "page.view", "title", talk); href != "" {
		ts = append(ts, Tab{ID: "talk", Text: lang.T("nstab-talk"), Href: href, IsSelected: onTalk, IsNew: !talkExists,
			AccessKey: "t", Tooltip: tooltip(lang, "tooltip-ca-talk", "t")})
	}
	return ts
}

// tabs: read; edit, create or view source; add topic on a talk page;
// history. Their access keys and tooltips are MediaWiki's (ca-view, which
// has none: the namespace tab has c; ca-edit, ca-viewsource,
// ca-addsection, ca-history).
func tabs(reg *router.Registry, u *blob.UserInfo, m Meta, exists bool, lang *i18n.Lang) []Tab {
	page := m.Page
	ts := make([]Tab, 0, 4)
	add := func(id, text, route, query string, isNew bool, key, what string) {
		if href := routeURL(reg, route, "title", page); href != "" {
			t := Tab{ID: id, Text: lang.T(text), Href: href + query, IsSelected: m.RouteName == route && query == "", IsNew: isNew, AccessKey: key}
			if what != "" {
				t.Tooltip = tooltip(lang, what, key)
			}
			ts = append(ts, t)
		}
	}
	add("read", "tab-read", "page.view", "", !exists, "", "")
	switch {
	case exists && may(u, router.RightEdit):
		add("edit", "tab-edit", "page.edit", "", false, "e", "tooltip-ca-edit")
		if router.IsTalk(page) {
			add("addsection", "tab-addsection", "page.edit", "?section=new", false, "+", "tooltip-ca-addsection")
		}
	case !exists && may(u, router.RightEdit) && may(u, router.RightCreate):
		add("create", "tab-create", "page.edit", "", false, "e", "tooltip-ca-create")
	case exists:
		add("source", "tab-viewsource", "page.source", "", false, "e", "tooltip-ca-viewsource")
	}
	if exists {
		add("history", "tab-history", "page.history", "", false, "h", "tooltip-ca-history")
	}
	return ts
}

// action is a page action: shown to readers with the right.
type action struct {
	id, text, route string // text: a message
	right           router.Right
	key, what       string // MediaWiki's access key and tooltip (a message)
}

// actions are the page actions, in order: what links here and page
// information, then move, delete and protect for those with the right.
var actions = []action{
	{"backlinks", "whatlinkshere", "page.backlinks", router.RightRead, "j", "tooltip-t-whatlinkshere"},
	{"info", "pageinfo-toolboxlink", "page.info", router.RightRead, "", "tooltip-t-info"},
	{"move", "action-move", "page.move", router.RightMove, "m", "tooltip-ca-move"},
	{"delete", "action-delete", "page.delete", router.RightDelete, "d", "tooltip-ca-delete"},
	{"protect", "action-protect", "page.protect", router.RightProtect, "=", "tooltip-ca-protect"},
}

// pageActions: the actions the reader has the right to.
func pageActions(reg *router.Registry, u *blob.UserInfo, m Meta, lang *i18n.Lang) []Tab {
	var ts []Tab
	for _, a := range actions {
		if !may(u, a.right) {
			continue
		}
		if href := routeURL(reg, a.route, "title", m.Page); href != "" {
			ts = append(ts, Tab{ID: a.id, Text: lang.T(a.text), Href: href, IsSelected: m.RouteName == a.route,
				AccessKey: a.key, Tooltip: tooltip(lang, a.what, a.key)})
		}
	}
	return ts
}
