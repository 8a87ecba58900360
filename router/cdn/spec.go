package cdn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routesjson"
)

// Spec is a route registry as the exporters read it: routes.json, parsed
// and checked. Build one with FromRegistry or Parse; it is read-only.
type Spec struct {
	doc document
}

// The schema of routes.json is router/routesjson's, shared with the
// exporter; the generators use these short names for its types.
type (
	document    = routesjson.Doc
	route       = routesjson.Route
	queryParam  = routesjson.Query
	cache       = routesjson.Cache
	cacheKey    = routesjson.Key
	routeLegacy = routesjson.RouteLegacy
)

// The route classes of routes.json.
const (
	classView     = "view"
	classDynamic  = "dynamic"
	classAction   = "action"
	classStatic   = "static"
	classFile     = "file"
	classAPI      = "api"
	classRedirect = "redirect"
)

// FromRegistry returns the Spec of a compiled registry, through its
// routes.json export.
func FromRegistry(reg *router.Registry) (*Spec, error) {
	b, err := reg.ExportJSON()
	if err != nil {
		return nil, fmt.Errorf("cdn: export registry: %w", err)
	}
	return Parse(b)
}

// Parse reads routes.json (the output of "folio routes export") and checks
// that it is a version this package understands and that its routes hold
// together: known classes and parameter kinds, legacy maps naming routes
// that exist.
func Parse(routesJSON []byte) (*Spec, error) {
	var doc document
	dec := json.NewDecoder(bytes.NewReader(routesJSON))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("cdn: parse routes.json: %w", err)
	}
	s := &Spec{doc: doc}
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("cdn: routes.json: %w", err)
	}
	return s, nil
}

// check validates what the generators rely on.
func (s *Spec) check() error {
	d := &s.doc
	major, _, _ := strings.Cut(d.Version, ".")
	if major != "1" {
		return fmt.Errorf("version %q: this folio reads version 1.x", d.Version)
	}
	if d.SessionCookie == "" || d.MainPage == "" || len(d.Routes) == 0 {
		return fmt.Errorf("session_cookie, main_page and routes are required")
	}
	if d.Titles.MaxBytes <= 0 || d.Titles.URLSafe == "" {
		return fmt.Errorf("titles.max_bytes and titles.url_safe are required")
	}
	names := map[string]bool{}
	for i := range d.Routes {
		rt := &d.Routes[i]
		if err := checkRoute(rt); err != nil {
			return fmt.Errorf("route %q (%s): %w", rt.Name, rt.Pattern, err)
		}
		if names[rt.Name] {
			return fmt.Errorf("route %q: declared twice", rt.Name)
		}
		names[rt.Name] = true
	}
	return s.checkLegacy(names)
}

func checkRoute(rt *route) error {
	switch rt.Class {
	case classView, classDynamic, classAction, classStatic, classFile, classAPI, classRedirect:
	default:
		return fmt.Errorf("unknown class %q", rt.Class)
	}
	if !strings.HasPrefix(rt.Pattern, "/") || !strings.HasPrefix(rt.CDNPath, "/") {
		return fmt.Errorf("pattern and cdn_path_pattern must begin with /")
	}
	if len(rt.Methods) == 0 {
		return fmt.Errorf("no methods")
	}
	if rt.Cache.Shared != (rt.CacheKey != nil) {
		return fmt.Errorf("cache_key must be present exactly when cache.shared is")
	}
	if got, want := len(rt.Params), strings.Count(rt.Pattern, ":")+strings.Count(rt.Pattern, "*"); got != want {
		return fmt.Errorf("%d params for %d wildcards", got, want)
	}
	for _, p := range rt.Params {
		if !slices.Contains([]string{"title", "revision", "hash", "file", "segment"}, p.Kind) {
			return fmt.Errorf("param %q: unknown kind %q", p.Name, p.Kind)
		}
	}
	for _, q := range rt.Query {
		if err := checkQuery(q); err != nil {
			return err
		}
	}
	return nil
}

func checkQuery(q queryParam) error {
	switch q.Kind {
	case "int":
		if q.Default == nil || q.Min == nil || q.Max == nil {
			return fmt.Errorf("query %q: an int needs default, min and max", q.Name)
		}
	case "string", "title":
	default:
		return fmt.Errorf("query %q: unknown kind %q", q.Name, q.Kind)
	}
	return nil
}

// checkLegacy makes sure the legacy maps name routes that exist.
func (s *Spec) checkLegacy(names map[string]bool) error {
	l := s.doc.Legacy
	var refs []string
	for _, n := range l.Actions {
		refs = append(refs, n)
	}
	for _, n := range l.Special {
		refs = append(refs, n)
	}
	refs = append(refs, l.QueryRoutes...)
	for _, n := range refs {
		if !names[n] {
			return fmt.Errorf("legacy names route %q, which is not declared", n)
		}
	}
	if l.Actions["view"] == "" {
		return fmt.Errorf(`legacy.actions has no "view" route`)
	}
	return nil
}

// route returns the route named name, or nil.
func (s *Spec) route(name string) *route {
	for i := range s.doc.Routes {
		if s.doc.Routes[i].Name == name {
			return &s.doc.Routes[i]
		}
	}
	return nil
}

// allows reports whether the route accepts method.
func allows(rt *route, method string) bool { return slices.Contains(rt.Methods, method) }

// titled reports whether the route has a title path parameter.
func titled(rt *route) bool {
	return slices.ContainsFunc(rt.Params, func(p routesjson.Param) bool { return p.Name == "title" })
}

// legacyKeys are all the query keys the MediaWiki mapping reads: what an
// edge must keep on a request it cannot answer itself.
func (s *Spec) legacyKeys() []string {
	keys := []string{"action", "search", "title"}
	keys = append(keys, s.doc.Legacy.TriggerQuery...)
	for _, rt := range s.doc.Routes {
		if rt.Legacy != nil {
			for from := range rt.Legacy.Query {
				keys = append(keys, from)
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// sessionCookie returns override, or the Spec's session cookie.
func (s *Spec) sessionCookie(override string) string {
	if override != "" {
		return override
	}
	return s.doc.SessionCookie
}
