package skin

import (
	"encoding/json"

	"github.com/foliowiki/folio/hooks"
)

// Two hook points let extensions add template data, each behind a cache:
// DataHook filters see the page and run once per page view's revision
// (and reader class), UserDataHook filters see the reader and run once per
// session. Neither runs on every request of a page view.

// DataFilter changes the template data of a page: data in, data out. It is
// a pure function: no I/O, no store, no clock; what it needs must already be
// in the data — extension data comes from PageInfo hooks, which run behind
// the caches, in Data.PageExt. It may change any key but the reader's own
// (UserKeys: zero here, filled afterwards from UserDataHook), add
// indicators, tabs, links, stylesheets or scripts (has-* keys of lists are
// set afterwards), and must not keep the Data or its slices, nor modify
// PageExt, which is the cached blob's own.
type DataFilter func(Data) Data

// DataHook is the SkinData hook point: its filters run, in (priority, id)
// order, when ViewData, PageData and MissingData build a page's data — for
// a page view once per (PageInfo, skin, reader class: the rights that
// choose tabs and the time zone), since the result is specialized and
// kept. Register from init():
//
//	func init() {
//		skin.DataHook.Register("readingtime.skin", 100, func(d skin.Data) skin.Data {
//			var info Info
//			if json.Unmarshal(d.PageExt[ID], &info) == nil && info.Minutes > 0 {
//				d.Indicators = append(d.Indicators, skin.Link{ID: "readingtime", Text: fmt.Sprintf("%d min read", info.Minutes)})
//			}
//			return d
//		})
//	}
var DataHook hooks.Point[DataFilter]

// UserFilter changes the reader's keys: keys in, keys out, from ext, the
// UserInfo's extension data by hook id (shared: do not modify). It is pure,
// like DataFilter, and must not keep the keys' slices.
type UserFilter func(k UserKeys, ext map[string]json.RawMessage) UserKeys

// UserDataHook is the SkinUserData hook point: its filters run, in
// (priority, id) order, when the reader's keys are built — once per
// UserInfo (that is, per session and account change) and skin. Register
// from init():
//
//	func init() {
//		skin.UserDataHook.Register("mentors.skin", 100, func(k skin.UserKeys, ext map[string]json.RawMessage) skin.UserKeys {
//			var info Info // what the extension's userinfo.InfoHook put in UserInfo.Ext
//			if json.Unmarshal(ext[ID], &info) == nil && info.Mentor != "" {
//				k.Personal = append(k.Personal, skin.Link{ID: "pt-mentor", Text: "Your mentor", Href: info.URL})
//			}
//			return k
//		})
//	}
var UserDataHook hooks.Point[UserFilter]

func init() {
	hooks.Describe(hooks.Doc{Name: "skin.data", When: "when a page's template data is built: once per revision, skin and reader class for page views (the result is specialized and kept), per request for other pages",
		Receives: "the template data without the reader's own keys (a copy); returns new data", Touches: "nothing: pure, no context, no store, no I/O; its JavaScript twin (skin.RegisterRenderScript) makes the same data in folio-render.js"}, &DataHook)
	hooks.Describe(hooks.Doc{Name: "skin.user-data", When: "when a reader's template keys are built: once per UserInfo and skin",
		Receives: "the reader's keys (user-*, link-* of the user, data-personal …) and the UserInfo's extension data; returns new keys", Touches: "nothing: pure, no context, no store, no I/O; its JavaScript twin (skin.RegisterRenderScript) makes the same keys in folio-render.js"}, &UserDataHook)
}

// filter runs the DataHook filters over d, then sets the has-* keys of
// lists from the lists. d's UserKeys are zero: readerKeys fills them.
func filter(d *Data) *Data {
	for _, fn := range DataHook.All() {
		*d = fn(*d)
	}
	d.UserKeys = UserKeys{}
	d.HasIndicators = len(d.Indicators) > 0
	d.HasTOC = len(d.TOC) > 0
	d.HasCategories = len(d.Categories) > 0
	d.HasCategoryMembers = len(d.CategoryMembers) > 0
	d.HasTemplateUsers = len(d.TemplateUsers) > 0
	d.HasTabs = len(d.Tabs) > 0
	d.HasPageActions = len(d.PageActions) > 0
	return d
}

// filterUser runs the UserDataHook filters over k.
func filterUser(k UserKeys, ext map[string]json.RawMessage) UserKeys {
	for _, fn := range UserDataHook.All() {
		k = fn(k, ext)
	}
	k.HasNotifications = k.NotificationCount > 0
	return k
}

// dataHookIDs returns the ids of the skin.data filters, then of the
// skin.user-data filters, in the order they run.
func dataHookIDs() []string {
	return append(DataHook.IDs(), UserDataHook.IDs()...)
}
