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

// tabs: read; edit, create or view source; history.
func tabs(reg *router.Registry, u *blob.UserInfo, m Meta, exists bool) []Tab {
	page := m.Page
	ts := make([]Tab, 0, 3)
	add := func(id, text, route string, isNew bool) {
		if href := routeURL(reg, route, "title", page); href != "" {
			ts = append(ts, Tab{ID: id, Text: text, Href: href, IsSelected: m.RouteName == route, IsNew: isNew})
		}
	}
	add("read", "Read", "page.view", !exists)
	switch {
	case exists && may(u, router.RightEdit):
		add("edit", "Edit", "page.edit", false)
	case !exists && may(u, router.RightEdit) && may(u, router.RightCreate):
		add("create", "Create", "page.edit", false)
	case exists:
		add("source", "View source", "page.source", false)
	}
	if exists {
		add("history", "History", "page.history", false)
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
	}{
		{"backlinks", "What links here", "page.backlinks", router.RightRead},
		{"info", "Page information", "page.info", router.RightRead},
		{"move", "Move", "page.move", router.RightMove},
		{"delete", "Delete", "page.delete", router.RightDelete},
		{"protect", "Protect", "page.protect", router.RightProtect},
	} {
		if !may(u, a.right) {
			continue
		}
		if href := routeURL(reg, a.route, "title", m.Page); href != "" {
			ts = append(ts, Tab{ID: a.id, Text: a.text, Href: href, IsSelected: m.RouteName == a.route})
		}
	}
	return ts
}
