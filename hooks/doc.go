// Package hooks holds Folio's extension points: typed, ordered lists of
// functions that extensions register into from init() and that Folio freezes
// and reads at start.
//
// Every hook point is a Point[T], where T is the function type the point
// calls (or, for declarative points such as router.RoutesHook, a function
// returning declarations). Registration is by a dotted, lowercase ID that
// names the extension and what it does ("cite.parse.footnotes"), with a
// priority: lower runs first, and ties are broken by ID, so the order never
// depends on import or init order.
//
//	// in the package that declares the point:
//	var ParseFilter hooks.Point[func(*Doc) error]
//
//	func init() {
//		hooks.Describe(hooks.Doc{Name: "parse.filter", When: …}, &ParseFilter)
//	}
//
//	// in an extension:
//	func init() {
//		ParseFilter.Register("cite.parse.footnotes", 100, footnotes)
//	}
//
//	// at start, once every init() has run (cmd/folio's run):
//	hooks.FreezeAll()
//	for _, fn := range ParseFilter.All() { … }
//
// Every point is described (Describe), which is how FreezeAll, "folio hooks
// list" and the generated list of every point, docs/hooks.md, reach it.
// FreezeAll at start is the only freeze; Register panics on an empty or
// duplicate ID, on a nil function, and after it: these are programming
// errors of the extension, found at start.
//
// This package is deliberately small for now: the hooks issue adds the typed
// points for PageInfo, UserInfo and skin data, lifecycle interfaces and
// metrics on top of Point.
package hooks
