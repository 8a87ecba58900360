package router

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sync"

	"github.com/foliowiki/folio/hooks"
	"github.com/julienschmidt/httprouter"
)

// Config holds the site settings the registry depends on.
type Config struct {
	// SessionCookie is the name of the session cookie: its presence makes
	// views private, and CDNs put it in the cache key of views.
	SessionCookie string
	// MainPage is the DB key that /, /wiki/ and a bare /index.php redirect to.
	MainPage string
	// Titles are the title rules of the site.
	Titles TitleRules
}

// DefaultConfig returns the default settings: session cookie
// "folio_session", main page "Main_Page", DefaultTitleRules.
func DefaultConfig() Config {
	return Config{SessionCookie: "folio_session", MainPage: "Main_Page", Titles: DefaultTitleRules}
}

// Registry is a frozen set of routes and the httprouter tree that both
// Classify and Handler use. It is safe for concurrent use.
type Registry struct {
	cfg     Config
	routes  []*Route
	byName  map[string]*Route
	tree    *httprouter.Router
	methods []string // every method some route allows, sorted
	legacy  legacyIndex
}

// RoutesHook is where extensions add routes, from init(), before the
// default registry is built (hooks.FreezeAll, at start, ends registration):
//
//	func init() {
//		router.RoutesHook.Register("cite.routes", 100, func() []router.Route {
//			return []router.Route{{Name: "cite.list", Class: router.ClassDynamic, …}}
//		})
//	}
//
// Routes from the hook come after the built-in ones, in hook order.
var RoutesHook hooks.Point[func() []Route]

func init() {
	hooks.Describe(hooks.Doc{Name: "router.routes", When: "once, when the registry is built at start",
		Receives: "nothing; returns route declarations", Touches: "the registry (new routes after the built-in ones)"}, &RoutesHook)
}

// Register adds one route through RoutesHook under the ID "route."+rt.Name.
// Call it from init().
func Register(rt Route) {
	RoutesHook.Register("route."+rt.Name, 0, func() []Route { return []Route{rt} })
}

// Build returns the registry of the built-in routes (Builtin) followed by
// RoutesHook's routes. It panics on a bad declaration.
func Build(cfg Config) *Registry {
	all := Builtin()
	for _, fn := range RoutesHook.All() {
		all = append(all, fn()...)
	}
	return New(cfg, all...)
}

var defaultRegistry = sync.OnceValue(func() *Registry { return Build(DefaultConfig()) })

// Default returns the registry of Build(DefaultConfig()), built on first use.
// Servers with other settings call Build themselves.
func Default() *Registry { return defaultRegistry() }

// Classify classifies a request with the default registry.
func Classify(method, rawURL string) Match { return Default().Classify(method, rawURL) }

// New checks the routes and returns a frozen registry of copies of them.
// Empty Config strings take their DefaultConfig values. A bad declaration
// (duplicate name, pattern conflict, unknown class or right, a view that
// accepts POST, an unsafe method without CSRF, …) panics with a message
// naming the route and its pattern.
func New(cfg Config, routes ...Route) *Registry {
	def := DefaultConfig()
	if cfg.SessionCookie == "" {
		cfg.SessionCookie = def.SessionCookie
	}
	if cfg.MainPage == "" {
		cfg.MainPage = def.MainPage
	}
	main, err := cfg.Titles.Normalize(cfg.MainPage)
	if err != nil || main != cfg.MainPage {
		panic(fmt.Sprintf("router: main page %q is not a canonical title", cfg.MainPage))
	}
	reg := &Registry{cfg: cfg, byName: make(map[string]*Route, len(routes)), tree: httprouter.New()}
	reg.tree.RedirectTrailingSlash = false // the registry decides canonical URLs
	reg.tree.RedirectFixedPath = false     // its case-insensitive fixing breaks titles
	reg.tree.HandleMethodNotAllowed = false
	reg.tree.HandleOPTIONS = false
	for i := range routes {
		reg.add(copyRoute(routes[i]))
	}
	reg.checkCDNPaths()
	reg.checkESI()
	reg.legacy = reg.indexLegacy()
	slices.Sort(reg.methods)
	return reg
}

func copyRoute(r Route) *Route {
	rt := r
	rt.Methods = slices.Clone(r.Methods)
	rt.Query = slices.Clone(r.Query)
	rt.Cache.Vary = slices.Clone(r.Cache.Vary)
	if r.Legacy != nil {
		l := *r.Legacy
		l.Actions, l.Special, l.Query = slices.Clone(l.Actions), slices.Clone(l.Special), maps.Clone(l.Query)
		rt.Legacy = &l
	}
	if !slices.Contains(rt.Methods, http.MethodHead) && slices.Contains(rt.Methods, http.MethodGet) {
		rt.Methods = append(rt.Methods, http.MethodHead)
	}
	return &rt
}

// checkESI checks that a route with an ESI body is a titled view and
// names a never-stored route of the same title and a hole for its
// fragments.
func (reg *Registry) checkESI() {
	for _, rt := range reg.routes {
		if rt.ESI == "" {
			continue
		}
		rt.require(rt.Class == ClassView && rt.hasParam("title") == -2, "ESI needs a view with a title path parameter")
		f := reg.byName[rt.ESI]
		rt.require(f != nil && f.Cache.NoStore && f.Allows("GET") && f.hasParam("title") == -2 && f.hasParam("hole") == -2,
			"ESI must name a GET route with a hole and a title parameter that is never stored")
	}
}

// add validates rt, derives its unexported fields and mounts it on the tree.
func (reg *Registry) add(rt *Route) {
	if _, dup := reg.byName[rt.Name]; dup {
		rt.fail("duplicate route name")
	}
	rt.index = len(reg.routes)
	rt.params, rt.pieces = parsePattern(rt)
	rt.validate()
	rt.cacheControl = [2]string{rt.Cache.HeaderValue(false), rt.Cache.HeaderValue(true)}
	rt.cdnPath = cdnPathOf(rt.Pattern, rt.Cache.Shared)
	rt.legacyQuery = sortedPairs(rt.Legacy)
	reg.routes = append(reg.routes, rt)
	reg.byName[rt.Name] = rt
	for _, m := range rt.Methods {
		reg.mount(rt, m)
		if !slices.Contains(reg.methods, m) {
			reg.methods = append(reg.methods, m)
		}
	}
}

// mount adds rt to the tree, turning httprouter's conflict panics into ones
// that name the route.
func (reg *Registry) mount(rt *Route, method string) {
	defer func() {
		if r := recover(); r != nil {
			rt.fail(fmt.Sprint(r))
		}
	}()
	reg.tree.Handle(method, rt.Pattern, rt.handle)
}

// handle is the tree's httprouter.Handle for rt. The tree never serves
// requests itself: Classify calls the handle it looked up with a routeSink,
// and the handle answers which route it belongs to.
func (rt *Route) handle(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
	if s, ok := w.(*routeSink); ok {
		s.rt = rt
	}
}

// routeSink receives the route of a looked-up handle. It is an
// http.ResponseWriter only so that it can travel as a handle's argument.
type routeSink struct{ rt *Route }

func (*routeSink) Header() http.Header         { return http.Header{} }
func (*routeSink) Write(p []byte) (int, error) { return len(p), nil }
func (*routeSink) WriteHeader(int)             {}

var sinks = sync.Pool{New: func() any { return new(routeSink) }}

// routeOf returns the route a tree handle closes over, without allocating.
func routeOf(h httprouter.Handle) *Route {
	s := sinks.Get().(*routeSink)
	h(s, nil, nil)
	rt := s.rt
	s.rt = nil
	sinks.Put(s)
	return rt
}

// Routes returns the routes in declaration order. They must not be modified.
func (reg *Registry) Routes() []*Route { return slices.Clone(reg.routes) }

// Route returns the route named name, or nil.
func (reg *Registry) Route(name string) *Route {
	if a, ok := aliases[name]; ok {
		name = a.route
	}
	return reg.byName[name]
}

// Config returns the registry's settings.
func (reg *Registry) Config() Config { return reg.cfg }

// allowed returns the methods whose tree matches path, "GET, HEAD" style.
func (reg *Registry) allowed(path string) string {
	allow := ""
	for _, m := range reg.methods {
		if h, _, _ := reg.tree.Lookup(m, path); h != nil {
			if allow != "" {
				allow += ", "
			}
			allow += m
		}
	}
	return allow
}
