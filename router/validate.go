package router

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// fail panics with a message naming the route and its pattern.
func (rt *Route) fail(msg string) {
	panic(fmt.Sprintf("router: route %q (%s): %s", rt.Name, rt.Pattern, msg))
}

var (
	nameRE  = regexp.MustCompile(`^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$`)
	paramRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

var methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}

// validate checks one declaration; cross-route checks are elsewhere.
func (rt *Route) validate() {
	switch {
	case !nameRE.MatchString(rt.Name):
		rt.fail("name must be lowercase and dotted, like page.history")
	case !slices.Contains(rights, rt.Right):
		rt.fail(fmt.Sprintf("unknown right %q", rt.Right))
	case len(rt.Methods) == 0:
		rt.fail("no methods")
	}
	for i, m := range rt.Methods {
		if !slices.Contains(methods, m) {
			rt.fail(fmt.Sprintf("unknown method %q", m))
		}
		if slices.Contains(rt.Methods[:i], m) {
			rt.fail(fmt.Sprintf("method %s listed twice", m))
		}
	}
	rt.validateClass()
	rt.validateCSRF()
	rt.validateQuery()
	rt.validateLegacy()
}

// validateClass checks what each class implies for methods and caching.
func (rt *Route) validateClass() {
	c := rt.Cache
	readOnly := !slices.ContainsFunc(rt.Methods, Unsafe)
	switch rt.Class {
	case ClassView:
		rt.require(readOnly, "a view accepts only GET and HEAD")
		rt.require(c.Shared && c.Session && c.SMaxAge > 0 && !c.Immutable, "a view needs a shared, per-session cache policy with SMaxAge")
	case ClassStatic, ClassFile:
		rt.require(readOnly, "a "+string(rt.Class)+" route accepts only GET and HEAD")
		rt.require(c.Shared && c.Immutable && !c.Session && c.MaxAge > 0, "a "+string(rt.Class)+" route needs an immutable shared cache policy with MaxAge")
	case ClassRedirect:
		rt.require(readOnly, "a redirect accepts only GET and HEAD")
		rt.require(c.Shared && !c.Session && !c.Immutable, "a redirect needs a shared cache policy")
		rt.require(len(rt.Query) == 0, "a redirect declares no query parameters")
		for _, p := range rt.params {
			rt.require(p.kind == kindTitle, "a redirect's only path parameter is title")
		}
	case ClassDynamic:
		rt.require(readOnly, "a dynamic view accepts only GET and HEAD; use an action")
		rt.require(!c.Shared, "a dynamic view is never cached by shared caches")
	case ClassAction:
		rt.require(!c.Shared, "an action is never cached by shared caches")
	case ClassAPI:
		// A public API read, the same for every reader, may be kept.
		rt.require(!c.Shared || readOnly && !c.Session && !c.Immutable && c.SMaxAge > 0,
			"an api route is never cached by shared caches, unless it is a GET whose answer is the same for every reader (Shared with SMaxAge, no Session)")
	default:
		rt.fail(fmt.Sprintf("unknown class %q", rt.Class))
	}
}

func (rt *Route) validateCSRF() {
	unsafe := slices.ContainsFunc(rt.Methods, Unsafe)
	switch {
	case rt.Class == ClassAction && unsafe && !rt.CSRF:
		rt.fail("an action that accepts " + strings.Join(rt.Methods, ", ") + " needs CSRF: true")
	case rt.CSRF && !unsafe:
		rt.fail("CSRF is set but no method is unsafe")
	case rt.CSRFParam != "" && (rt.CSRF || !unsafe || rt.Class != ClassAPI || !paramRE.MatchString(rt.CSRFParam)):
		rt.fail("CSRFParam is for an api route with an unsafe method and without CSRF, and names a lowercase parameter")
	}
}

func (rt *Route) validateQuery() {
	if len(rt.params)+len(rt.Query) > MaxParams {
		rt.fail(fmt.Sprintf("more than %d parameters", MaxParams))
	}
	for i, q := range rt.Query {
		switch {
		case !paramRE.MatchString(q.Name):
			rt.fail(fmt.Sprintf("query parameter %q: name must be lowercase", q.Name))
		case rt.hasParam(q.Name) != i:
			rt.fail(fmt.Sprintf("query parameter %q declared twice or also a path parameter", q.Name))
		case q.Kind == QueryInt && (q.Min > q.Max || q.Default < q.Min || q.Default > q.Max):
			rt.fail(fmt.Sprintf("query parameter %q: want Min ≤ Default ≤ Max", q.Name))
		case q.Kind != QueryInt && (q.Min != 0 || q.Max != 0 || q.Default != 0):
			rt.fail(fmt.Sprintf("query parameter %q: Min, Max and Default are for QueryInt", q.Name))
		case q.Kind != QueryString && q.Kind != QueryInt && q.Kind != QueryTitle:
			rt.fail(fmt.Sprintf("query parameter %q: unknown kind %q", q.Name, q.Kind))
		case q.MaxLen < 0 || q.MaxLen > 0 && q.Kind != QueryString:
			rt.fail(fmt.Sprintf("query parameter %q: MaxLen is for QueryString", q.Name))
		}
	}
}

// hasParam returns the index of name among the route's parameters, path
// parameters counting as -2 and absence as -1.
func (rt *Route) hasParam(name string) int {
	for _, p := range rt.params {
		if p.name == name {
			return -2
		}
	}
	return slices.IndexFunc(rt.Query, func(q QueryParam) bool { return q.Name == name })
}

func (rt *Route) validateLegacy() {
	l := rt.Legacy
	if l == nil {
		return
	}
	if len(l.Actions) > 0 {
		rt.require(rt.Allows("GET") && rt.hasParam("title") == -2, "Legacy.Actions need a GET route with a title path parameter")
	}
	if len(l.Special) > 0 {
		rt.require(rt.Allows("GET"), "Legacy.Special needs a GET route")
	}
	if l.Subpage != "" {
		rt.require(len(l.Special) > 0 && rt.hasParam(l.Subpage) != -1, "Legacy.Subpage must name a parameter of a Legacy.Special route")
	}
	if l.NeedsTitle {
		rt.require(len(l.Actions) > 0, "Legacy.NeedsTitle needs Legacy.Actions")
	}
	if l.ByQuery {
		rt.require(len(l.Actions) == 0 && len(l.Special) > 0 && len(l.Query) > 0, "Legacy.ByQuery needs Special and Query, and no Actions")
	}
	for from, to := range l.Query {
		rt.require(paramRE.MatchString(from) && rt.hasParam(to) != -1, fmt.Sprintf("Legacy.Query %q → %q: no such parameter", from, to))
	}
	if len(l.Actions) == 0 && len(l.Special) == 0 {
		rt.require(len(l.Query) > 0 && rt.Allows("GET"), "Legacy needs Actions, Special or Query on a GET route")
	}
}

func (rt *Route) require(ok bool, msg string) {
	if !ok {
		rt.fail(msg)
	}
}

// checkCDNPaths makes sure that routes sharing a CDN path pattern agree on
// whether shared caches may store them: a CDN behaviour has one policy.
func (reg *Registry) checkCDNPaths() {
	shared := map[string]*Route{}
	for _, rt := range reg.routes {
		if o, ok := shared[rt.cdnPath]; ok && o.Cache.Shared != rt.Cache.Shared {
			rt.fail(fmt.Sprintf("CDN path %s is shared with %q, which caches differently", rt.cdnPath, o.Name))
		}
		shared[rt.cdnPath] = rt
	}
}

func sortedPairs(l *Legacy) []legacyPair {
	if l == nil {
		return nil
	}
	var ps []legacyPair
	for from, to := range l.Query {
		ps = append(ps, legacyPair{from, to})
	}
	slices.SortFunc(ps, func(a, b legacyPair) int { return strings.Compare(a.from, b.from) })
	return ps
}
