package cdn

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// treatment is how a CDN handles the requests of one cache behaviour.
type treatment int

const (
	// treatView: the view cache policy. The key is the path, the query
	// the viewer-request function leaves, and the session cookie; the
	// origin's s-maxage decides how long a response is kept.
	treatView treatment = iota
	// treatStatic: fingerprinted assets, cached as long as the origin says
	// (a year, immutable), without query strings or cookies.
	treatStatic
	// treatOrigin: never cached; every method and everything the viewer
	// sent (cookies, query, headers) goes to the origin.
	treatOrigin
)

func (t treatment) String() string {
	return [...]string{"view", "static", "origin"}[t]
}

// behavior is one cache behaviour: a path pattern and what the CDN does
// with the requests it matches.
type behavior struct {
	Path     string // CloudFront path pattern; "*" for the default behaviour
	Treat    treatment
	Methods  []string // allowed methods: one of CloudFront's three sets
	Cached   []string // cached methods
	Function bool     // the viewer-request function runs here (never on an uncached path)
	Routes   []string // the routes it serves, for comments
}

// The three AllowedMethods sets CloudFront accepts, and its two
// CachedMethods sets.
var (
	methodsRead    = []string{"GET", "HEAD"}
	methodsOptions = []string{"GET", "HEAD", "OPTIONS"}
	methodsAll     = []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
)

// defaultBehavior is the behaviour every request falls to when no path
// pattern matches it: page views, MediaWiki entry points and 404s.
func defaultBehavior() behavior {
	return behavior{Path: "*", Treat: treatView, Methods: methodsRead, Cached: methodsRead, Function: true}
}

// behaviors derives the cache behaviours from the routes, grouped by their
// CDN path pattern, most specific pattern first. A group treated like the
// default behaviour gets no behaviour of its own unless a less specific
// pattern of another treatment would otherwise capture it. The default
// behaviour is not in the list.
func (s *Spec) behaviors() ([]behavior, error) {
	groups, err := s.groups()
	if err != nil {
		return nil, err
	}
	slices.SortFunc(groups, func(a, b behavior) int { return moreSpecific(a.Path, b.Path) })
	def := defaultBehavior()
	var out []behavior
	for i, g := range groups {
		if sameTreatment(g, def) && !shadowed(g, groups[i+1:], def) {
			continue
		}
		out = append(out, g)
	}
	return out, nil
}

// groups collects the routes of each CDN path pattern into a behaviour.
func (s *Spec) groups() ([]behavior, error) {
	byPath := map[string]*behavior{}
	var order []string
	for _, rt := range s.doc.Routes {
		if err := checkCDNPath(rt); err != nil {
			return nil, err
		}
		b := byPath[rt.CDNPath]
		if b == nil {
			b = &behavior{Path: rt.CDNPath, Treat: treatmentOf(rt)}
			byPath[rt.CDNPath] = b
			order = append(order, rt.CDNPath)
		}
		if t := treatmentOf(rt); t != b.Treat {
			return nil, fmt.Errorf("cdn: CDN path %s: route %q is %s but %s are %s; one behaviour has one policy",
				rt.CDNPath, rt.Name, t, strings.Join(b.Routes, ", "), b.Treat)
		}
		b.Routes = append(b.Routes, rt.Name)
		b.Methods = union(b.Methods, rt.Methods)
		// The function runs where a cache keeps responses: there it
		// answers the redirects and shapes the cache key. An uncached
		// path (/-/, /api/) reaches the origin as it is, and the origin
		// answers its redirects, as it does for the cached routes there
		// (/-/render/*, /api/v1/pageinfo/*: the function knows no route
		// under /-/); file URLs have one spelling.
		b.Function = b.Function || b.Treat != treatOrigin && rt.Class != classAPI && rt.Class != classFile && !strings.HasPrefix(rt.CDNPath, "/-/")
	}
	out := make([]behavior, 0, len(order))
	for _, p := range order {
		b := byPath[p]
		allowed, err := methodSet(b.Methods, b.Treat)
		if err != nil {
			return nil, fmt.Errorf("cdn: CDN path %s: %w", p, err)
		}
		b.Methods, b.Cached = allowed, methodsRead
		out = append(out, *b)
	}
	return out, nil
}

func treatmentOf(rt route) treatment {
	switch {
	case !rt.Cache.Shared:
		return treatOrigin
	case rt.Cache.Immutable:
		return treatStatic
	}
	return treatView
}

// methodSet returns the smallest CloudFront AllowedMethods set that holds
// methods. Cached treatments must not accept unsafe methods.
func methodSet(methods []string, t treatment) ([]string, error) {
	for _, set := range [][]string{methodsRead, methodsOptions, methodsAll} {
		if subset(methods, set) {
			if t != treatOrigin && !slices.Equal(set, methodsRead) {
				return nil, fmt.Errorf("a cached path accepts %s", strings.Join(methods, ", "))
			}
			return set, nil
		}
	}
	return nil, fmt.Errorf("methods %s are not all HTTP methods CloudFront forwards", strings.Join(methods, ", "))
}

// checkCDNPath refuses CDN path patterns CloudFront cannot express: a
// router wildcard (":name", "*name") left in a single-segment pattern. A
// trailing "*" ("/wiki/*", "/sitemap-*") is CloudFront's own.
func checkCDNPath(rt route) error {
	p := strings.TrimSuffix(rt.CDNPath, "*")
	if strings.ContainsAny(p, ":*?") {
		return fmt.Errorf("cdn: route %q: CDN path %s has a router wildcard CloudFront cannot express", rt.Name, rt.CDNPath)
	}
	return nil
}

func sameTreatment(a, b behavior) bool {
	return a.Treat == b.Treat && slices.Equal(a.Methods, b.Methods) && a.Function == b.Function
}

// shadowed reports whether a less specific pattern of another treatment
// overlaps g, so that g needs its own behaviour to keep the default one.
func shadowed(g behavior, lessSpecific []behavior, def behavior) bool {
	for _, o := range lessSpecific {
		if !sameTreatment(o, def) && overlap(g.Path, o.Path) {
			return true
		}
	}
	return false
}

// moreSpecific orders path patterns for CloudFront, which takes the first
// behaviour whose pattern matches: a longer literal prefix first, an exact
// pattern before a wildcard one with the same prefix, then by text.
func moreSpecific(a, b string) int {
	pa, pb := literalPrefix(a), literalPrefix(b)
	if c := cmp.Compare(len(pb), len(pa)); c != 0 {
		return c
	}
	if wa, wb := len(pa) < len(a), len(pb) < len(b); wa != wb {
		if wa {
			return 1
		}
		return -1
	}
	return strings.Compare(a, b)
}

func literalPrefix(p string) string {
	if i := strings.IndexAny(p, "*?"); i >= 0 {
		return p[:i]
	}
	return p
}

// overlap reports whether some path matches both patterns. Patterns here
// are literals, or literals ending in "*".
func overlap(a, b string) bool {
	pa, pb := literalPrefix(a), literalPrefix(b)
	wa, wb := pa != a, pb != b
	switch {
	case wa && wb:
		return strings.HasPrefix(pa, pb) || strings.HasPrefix(pb, pa)
	case wa:
		return strings.HasPrefix(b, pa)
	case wb:
		return strings.HasPrefix(a, pb)
	}
	return a == b
}

// matchPath reports whether path matches a CloudFront path pattern: "*"
// matches any run of characters, "?" exactly one, the rest is literal and
// case-sensitive.
func matchPath(pattern, path string) bool {
	for pattern != "" {
		switch pattern[0] {
		case '*':
			for i := len(path); i >= 0; i-- {
				if matchPath(pattern[1:], path[i:]) {
					return true
				}
			}
			return false
		case '?':
			if path == "" {
				return false
			}
		default:
			if path == "" || path[0] != pattern[0] {
				return false
			}
		}
		pattern, path = pattern[1:], path[1:]
	}
	return path == ""
}

// behaviorFor returns the behaviour CloudFront chooses for path.
func behaviorFor(bs []behavior, path string) behavior {
	for _, b := range bs {
		if matchPath(b.Path, path) {
			return b
		}
	}
	return defaultBehavior()
}

func union(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	return a
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
