package router_test

import (
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/router"
)

var (
	view = router.Route{Name: "page.view", Class: router.ClassView, Methods: []string{"GET"}, Pattern: "/wiki/*title",
		Right: router.RightRead, Cache: router.ViewCache, Legacy: &router.Legacy{Actions: []string{"view"}}}
	edit = router.Route{Name: "page.edit", Class: router.ClassAction, Methods: []string{"GET", "POST"}, Pattern: "/-/edit/*title",
		Right: router.RightEdit, Cache: router.PrivateCache, CSRF: true}
)

func TestBadDeclarationsPanic(t *testing.T) {
	tests := []struct {
		name  string
		route router.Route
		want  string
	}{
		{"duplicate name", router.Route{Name: "page.view", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x"}, "duplicate route name"},
		{"pattern conflict", router.Route{Name: "x.conflict", Class: router.ClassView, Methods: []string{"GET"}, Pattern: "/wiki/:name", Cache: router.ViewCache}, "/wiki/:name"},
		{"same pattern twice", router.Route{Name: "x.again", Class: router.ClassAction, Methods: []string{"GET"}, Pattern: "/-/edit/*title", Cache: router.PrivateCache}, "/-/edit/*title"},
		{"unknown class", router.Route{Name: "x.class", Class: "page", Methods: []string{"GET"}, Pattern: "/x"}, `unknown class "page"`},
		{"unknown right", router.Route{Name: "x.right", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x", Right: "sudo"}, `unknown right "sudo"`},
		{"no methods", router.Route{Name: "x.none", Class: router.ClassDynamic, Pattern: "/-/x"}, "no methods"},
		{"unknown method", router.Route{Name: "x.brew", Class: router.ClassAction, Methods: []string{"BREW"}, Pattern: "/-/x"}, `unknown method "BREW"`},
		{"view with POST", router.Route{Name: "x.view", Class: router.ClassView, Methods: []string{"GET", "POST"}, Pattern: "/x", Cache: router.ViewCache}, "a view accepts only GET and HEAD"},
		{"action POST without CSRF", router.Route{Name: "x.act", Class: router.ClassAction, Methods: []string{"POST"}, Pattern: "/-/x", Cache: router.PrivateCache}, "needs CSRF: true"},
		{"CSRF without unsafe method", router.Route{Name: "x.csrf", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x", CSRF: true}, "CSRF is set"},
		{"cached dynamic", router.Route{Name: "x.dyn", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x", Cache: router.ViewCache}, "never cached"},
		{"view not shared", router.Route{Name: "x.v", Class: router.ClassView, Methods: []string{"GET"}, Pattern: "/x", Cache: router.DynamicCache}, "per-session cache policy"},
		{"static not immutable", router.Route{Name: "x.s", Class: router.ClassStatic, Methods: []string{"GET"}, Pattern: "/s/*file", Cache: router.ViewCache}, "immutable"},
		{"bad name", router.Route{Name: "Page View", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x"}, "lowercase and dotted"},
		{"relative pattern", router.Route{Name: "x.rel", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "-/x"}, "must begin with /"},
		{"query twice", router.Route{Name: "x.q", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x",
			Query: []router.QueryParam{{Name: "q", Kind: router.QueryString}, {Name: "q", Kind: router.QueryString}}}, "declared twice"},
		{"query bounds", router.Route{Name: "x.b", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x",
			Query: []router.QueryParam{{Name: "n", Kind: router.QueryInt, Min: 1, Max: 10}}}, "Min ≤ Default ≤ Max"},
		{"action claimed twice", router.Route{Name: "x.edit2", Class: router.ClassAction, Methods: []string{"GET"}, Pattern: "/-/edit2/*title",
			Cache: router.PrivateCache, Legacy: &router.Legacy{Actions: []string{"view"}}}, `action "view" is already claimed`},
		{"legacy to missing param", router.Route{Name: "x.l", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/x",
			Legacy: &router.Legacy{Special: []string{"Thing"}, Query: map[string]string{"a": "nope"}}}, "no such parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if r == nil || !strings.Contains(msg, tt.want) || !strings.Contains(msg, tt.route.Pattern) {
					t.Fatalf("panic %v; want one naming %s and saying %q", r, tt.route.Pattern, tt.want)
				}
			}()
			router.New(router.DefaultConfig(), view, edit, tt.route)
		})
	}
}

// TestCDNPathCachedBothWays: routes sharing a CDN path pattern must agree
// on shared caching, but a shared route under /-/ or /api/, whose other
// routes reach the origin, has a CDN path of its own.
func TestCDNPathCachedBothWays(t *testing.T) {
	dyn := router.Route{Name: "x.dyn", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/x/a"}
	shared := router.Route{Name: "x.cdn", Class: router.ClassView, Methods: []string{"GET"}, Pattern: "/x/v", Cache: router.ViewCache}
	func() {
		defer func() {
			if msg, _ := recover().(string); !strings.Contains(msg, "CDN path /x/*") || !strings.Contains(msg, "/x/v") {
				t.Fatalf("panic %q; want one naming /x/v and saying CDN path /x/*", msg)
			}
		}()
		router.New(router.DefaultConfig(), view, edit, dyn, shared)
	}()
	render := router.Route{Name: "x.render", Class: router.ClassView, Methods: []string{"GET"}, Pattern: "/-/render/*title", Cache: router.ViewCache}
	api := router.Route{Name: "x.api", Class: router.ClassAPI, Methods: []string{"GET"}, Pattern: "/api/v1/pageinfo/*title", Cache: router.PublicAPICache}
	private := router.Route{Name: "x.private", Class: router.ClassAPI, Methods: []string{"GET"}, Pattern: "/api/v1/userinfo", Cache: router.PrivateCache}
	reg := router.New(router.DefaultConfig(), view, edit, render, api, private)
	for name, want := range map[string]string{"page.edit": "/-/*", "x.render": "/-/render/*", "x.api": "/api/v1/pageinfo/*", "x.private": "/api/*"} {
		if got := reg.Route(name).CDNPath(); got != want {
			t.Errorf("%s: CDN path %s, want %s", name, got, want)
		}
	}
}

func TestSharedAPIRoutes(t *testing.T) {
	for _, tt := range []struct {
		name  string
		route router.Route
	}{
		{"per session", router.Route{Name: "x.s", Class: router.ClassAPI, Methods: []string{"GET"}, Pattern: "/api/x", Cache: router.ViewCache}},
		{"unsafe", router.Route{Name: "x.u", Class: router.ClassAPI, Methods: []string{"POST"}, Pattern: "/api/x", Cache: router.PublicAPICache}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if msg, _ := recover().(string); !strings.Contains(msg, "never cached by shared caches") {
					t.Fatalf("panic %q; want one refusing a shared api route", msg)
				}
			}()
			router.New(router.DefaultConfig(), view, edit, tt.route)
		})
	}
}

func TestNewDefaults(t *testing.T) {
	reg := router.New(router.Config{}, view, edit)
	if c := reg.Config(); c.SessionCookie != "folio_session" || c.MainPage != "Main_Page" {
		t.Fatalf("config %+v", c)
	}
	if m := reg.Classify("HEAD", "/wiki/Foo"); m.Status != 200 {
		t.Fatalf("GET implies HEAD: %d %s", m.Status, m.Err)
	}
	if got := reg.Route("page.view").Methods; strings.Join(got, ",") != "GET,HEAD" {
		t.Fatalf("methods %v", got)
	}
	if len(reg.Routes()) != 2 || reg.Route("nope") != nil {
		t.Fatal("Routes/Route")
	}
}

func TestCustomConfig(t *testing.T) {
	cfg := router.Config{SessionCookie: "sid", MainPage: "Home", Titles: router.TitleRules{CapitalLinks: false}}
	reg := router.New(cfg, router.Builtin()...)
	if m := reg.Classify("GET", "/"); m.Location != "/wiki/Home" {
		t.Errorf("main page: %q", m.Location)
	}
	if m := reg.Classify("GET", "/wiki/iPod"); m.Status != 200 || m.Title() != "iPod" {
		t.Errorf("CapitalLinks=false: %d %q", m.Status, m.Title())
	}
	b, _ := reg.ExportJSON()
	if !strings.Contains(string(b), `"sid"`) || !strings.Contains(string(b), `"capital_links": false`) {
		t.Error("export does not carry the config")
	}
	defer func() {
		if recover() == nil {
			t.Error("a non-canonical main page should panic")
		}
	}()
	router.New(router.Config{MainPage: "main page"}, view)
}

func TestExtensionRoute(t *testing.T) {
	ext := router.Route{Name: "cite.list", Class: router.ClassDynamic, Methods: []string{"GET"}, Pattern: "/-/cite/*title",
		Right: router.RightRead, Legacy: &router.Legacy{Special: []string{"Cite"}, Subpage: "title"}, Doc: "citations of a page"}
	reg := router.New(router.DefaultConfig(), append(router.Builtin(), ext)...)
	if m := reg.Classify("GET", "/wiki/Special:Cite/foo"); m.Location != "/-/cite/Foo" {
		t.Fatalf("Special:Cite: %d %q %s", m.Status, m.Location, m.Err)
	}
	if m := reg.Classify("GET", "/-/cite/Foo"); m.Name != "cite.list" || m.Title() != "Foo" {
		t.Fatalf("cite.list: %+v", m)
	}
}

func TestHeaderValue(t *testing.T) {
	c := router.CachePolicy{Shared: true, Session: true, SMaxAge: 90 * time.Second, MaxAge: 10 * time.Second}
	if got := c.HeaderValue(false); got != "public, s-maxage=90, max-age=10" {
		t.Error(got)
	}
	if got := c.HeaderValue(true); got != "private, no-cache" {
		t.Error(got)
	}
}
