package router

import (
	"net/http"
	"net/url"
	"strings"
)

// Classify classifies a request from its method and its request target: a
// path with an optional query ("/wiki/Foo?action=edit"), or an absolute URL
// whose scheme and host are ignored. The path must be in its escaped form,
// as sent on the wire. Classify is pure: no I/O, no handler runs.
//
// The canonical view of a page, GET /wiki/Main_Page, allocates once (the
// parameter slice of httprouter's Lookup).
func (reg *Registry) Classify(method, rawURL string) Match {
	path, query, ok := splitURL(rawURL)
	if !ok {
		return errorMatch(http.StatusBadRequest, "the request target must be a path")
	}
	return reg.classify(method, path, query)
}

// splitURL returns the path and raw query of a request target.
func splitURL(raw string) (path, query string, ok bool) {
	raw, _, _ = strings.Cut(raw, "#")
	for _, scheme := range [...]string{"http://", "https://"} {
		if len(raw) >= len(scheme) && strings.EqualFold(raw[:len(scheme)], scheme) {
			rest := raw[len(scheme):]
			i := strings.IndexAny(rest, "/?")
			if i < 0 {
				return "/", "", true
			}
			raw = rest[i:]
		}
	}
	path, query, _ = strings.Cut(raw, "?")
	if path == "" {
		return "/", query, true
	}
	return path, query, path[0] == '/'
}

// classify does the work of Classify on an escaped path and a raw query.
func (reg *Registry) classify(method, path, query string) Match {
	h, ps, _ := reg.tree.Lookup(method, path)
	if h == nil {
		return reg.unrouted(method, path, query)
	}
	rt := routeOf(h)
	m := Match{Route: rt, Name: rt.Name, Class: rt.Class, Status: http.StatusOK}
	redirects := rt.Class != ClassAPI && (method == http.MethodGet || method == http.MethodHead)
	canonical, frag := true, ""
	for i := range ps {
		v, canon, f, err := reg.pathValue(rt.params[i], ps[i].Value, redirects)
		if err != nil {
			return errorMatch(http.StatusBadRequest, err.Error())
		}
		canonical, frag = canonical && canon, frag+f
		m.Params.Set(ps[i].Key, v)
	}
	title, hasTitle := m.Params.Lookup("title")
	switch {
	case rt.Class == ClassRedirect:
		return withFragment(reg.resolveLegacy(rt, title, query, true), frag)
	case rt.Class == ClassView && hasTitle && (title == "" || isSpecial(title) || reg.hasTrigger(query)):
		return withFragment(reg.resolveLegacy(rt, title, query, false), frag)
	case hasTitle && title == "":
		return errorMatch(http.StatusBadRequest, badTitle("", "empty").Error())
	case hasTitle && isSpecial(title):
		return codedError(http.StatusNotFound, ErrSpecialNoRoute, rt.Name, "special pages have no "+rt.Name)
	}
	if len(rt.Query) > 0 {
		if err := reg.fillQuery(rt, &m.Params, queryGetter(query)); err != nil {
			return errorMatch(http.StatusBadRequest, err.Error())
		}
	}
	if !canonical && redirects {
		return withFragment(redirect(rt, rt, m.Params), frag)
	}
	return m
}

// withFragment adds the fragment a title carried ("#…") to a redirect.
func withFragment(m Match, frag string) Match {
	if frag != "" && m.Status == http.StatusMovedPermanently {
		m.Location += frag
	}
	return m
}

// redirect returns a 301 from the matched route src to target's URL for p.
func redirect(src, target *Route, p Params) Match {
	return Match{
		Route: src, Target: target, Name: src.Name, Class: ClassRedirect,
		Status: http.StatusMovedPermanently, Params: p, Location: target.URL(p),
	}
}

// unrouted answers a path no route of method matches: 405 when another
// method's route matches it. Otherwise, as MediaWiki's PathRouter, it
// tries the path with its dot segments resolved and its runs of slashes
// collapsed (CleanPath): when that is routed, a GET or HEAD is a 301 to its
// canonical URL ("//wiki/Foo" → /wiki/Foo) and other methods get what the
// clean path gets. Else 404.
func (reg *Registry) unrouted(method, path, query string) Match {
	if allow := reg.allowed(path); allow != "" {
		m := codedError(http.StatusMethodNotAllowed, ErrMethod, method, "method "+method+" is not allowed here")
		m.Allow = allow
		return m
	}
	if clean := CleanPath(path); clean != path {
		m := reg.classify(method, clean, query)
		if m.Status == http.StatusOK && (method == http.MethodGet || method == http.MethodHead) {
			return redirect(m.Route, m.Route, m.Params)
		}
		return m
	}
	return codedError(http.StatusNotFound, ErrNoRoute, "", "no page or route at this address")
}

func isSpecial(title string) bool { return IsSpecial(title) }

// hasTrigger reports whether the raw query has a key that makes a page view
// a legacy redirect (action, oldid, diff), without allocating for plain keys.
func (reg *Registry) hasTrigger(query string) bool {
	for query != "" {
		var pair string
		pair, query, _ = strings.Cut(query, "&")
		key, _, _ := strings.Cut(pair, "=")
		if strings.ContainsAny(key, "%+") {
			key, _ = url.QueryUnescape(key)
		}
		for _, t := range reg.legacy.triggers {
			if key == t {
				return true
			}
		}
	}
	return false
}

// queryGetter parses a raw query and returns a lookup of first values.
func queryGetter(query string) func(string) (string, bool) {
	if query == "" {
		return func(string) (string, bool) { return "", false }
	}
	vals, _ := url.ParseQuery(query) // bad pairs are dropped, like undeclared ones
	return func(k string) (string, bool) {
		if v := vals[k]; len(v) > 0 {
			return v[0], true
		}
		return "", false
	}
}
