package skin

import "github.com/foliowiki/folio/hooks"

// DataFilter changes the template data of a page: data in, data out. It is
// a pure function: no I/O, no store, no clock; what it needs must already be
// in the data — extension data comes from PageInfo and UserInfo hooks, which
// run behind the caches, in Data.PageExt and Data.UserExt. It may change any
// key, add indicators, tabs, links, stylesheets or scripts (has-* keys of
// lists are set afterwards), and must not keep the Data or its slices, nor
// modify PageExt and UserExt, which are the cached blobs' own.
type DataFilter func(Data) Data

// DataHook is the SkinData hook point: its filters run, in (priority, id)
// order, at the end of ViewData, PageData and MissingData. Register from
// init():
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

func init() {
	hooks.Describe(hooks.Doc{Name: "skin.data", When: "render time, on every HTML page",
		Receives: "the template data (a copy); returns new data", Touches: "nothing: pure, no context, no store, no I/O"}, &DataHook)
}

// filter runs the DataHook filters over d, then sets the has-* keys of
// lists from the lists.
func filter(d *Data) *Data {
	for _, fn := range DataHook.All() {
		*d = fn(*d)
	}
	d.HasIndicators = len(d.Indicators) > 0
	d.HasTOC = len(d.TOC) > 0
	d.HasCategories = len(d.Categories) > 0
	d.HasTabs = len(d.Tabs) > 0
	d.HasPageActions = len(d.PageActions) > 0
	d.HasNotifications = d.NotificationCount > 0
	return d
}
