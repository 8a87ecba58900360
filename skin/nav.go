package skin

import (
	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
)

// setNav fills the tabs and page actions of m.Page, as far as u's rights
// allow; exists is false for a missing page.
func (d *Data) setNav(u *blob.UserInfo, site Site, m Meta, exists bool) {
	if m.Page == "" {
		return
	}
	reg := site.registry()
	d.Tabs = tabs(reg, u, m, exists)
	d.HasTabs = len(d.Tabs) > 0
	if exists {
		d.PageActions = pageActions(reg, u, m)
		d.HasPageActions = len(d.PageActions) > 0
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

// tabs: read; edit, create or view source; history. Their access keys
// and tooltips are MediaWiki's (ca-view, ca-edit, ca-viewsource,
// ca-history).
func tabs(reg *router.Registry, u *blob.UserInfo, m Meta, exists bool) []Tab {
	page := m.Page
	ts := make([]Tab, 0, 3)
	add := func(id, text, route string, isNew bool, key, what string) {
		if href := routeURL(reg, route, "title", page); href != "" {
			ts = append(ts, Tab{ID: id, Text: text, Href: href, IsSelected: m.RouteName == route, IsNew: isNew,
				AccessKey: key, Tooltip: tooltip(what, key)})
		}
	}
	add("read", "Read", "page.view", !exists, "c", "View the content page")
	switch {
	case exists && may(u, router.RightEdit):
		add("edit", "Edit", "page.edit", false, "e", "Edit this page")
	case !exists && may(u, router.RightEdit) && may(u, router.RightCreate):
		add("create", "Create", "page.edit", false, "e", "Create this page")
	case exists:
		add("source", "View source", "page.source", false, "e", "View the source of this page")
	}
	if exists {
		add("history", "History", "page.history", false, "h", "Past revisions of this page")
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
