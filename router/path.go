package router

import (
	"fmt"
	"net/url"
	"strings"
)

// Path returns the path of the route named name, its path parameters
// given as key, value pairs and escaped as in canonical URLs (titles and
// files by EscapeTitle, others by url.PathEscape):
//
//	reg.Path("page.edit", "title", "Café")      // "/-/edit/Caf%C3%A9"
//	reg.Path("page.diff", "a", "7", "b", "9")   // "/-/diff/7/9"
//	reg.Path("recent")                          // "/-/recent"
//
// It is the one way code outside the router writes a URL of its own site:
// a caller that needs a query adds it ("?" + url.Values.Encode()). Path
// panics when no route is named name, when kv has an odd length, or when
// the keys are not exactly the route's path parameters, each once: these
// are programming errors, and internal/urlcheck checks every literal route
// name in the code against the registry. An empty value is not an error
// (it is data, not code); it gives the route's root.
func (reg *Registry) Path(name string, kv ...string) string {
	if a, ok := aliases[name]; ok {
		name, kv = a.route, a.params(kv)
	}
	rt := reg.byName[name]
	if rt == nil {
		panic(fmt.Sprintf("router: Path: no route named %q", name))
	}
	return rt.path(kv)
}

// path is Path for rt.
func (rt *Route) path(kv []string) string {
	if len(kv)%2 != 0 {
		panic(fmt.Sprintf("router: Path(%q): odd number of key, value arguments", rt.Name))
	}
	if len(kv)/2 != len(rt.params) {
		panic(fmt.Sprintf("router: Path(%q): got %d parameters, want %s", rt.Name, len(kv)/2, rt.paramNames()))
	}
	var b strings.Builder
	for i, pp := range rt.params {
		v, n := "", 0
		for j := 0; j < len(kv); j += 2 {
			if kv[j] == pp.name {
				v, n = kv[j+1], n+1
			}
		}
		if n != 1 {
			panic(fmt.Sprintf("router: Path(%q): parameter %q given %d times; want %s", rt.Name, pp.name, n, rt.paramNames()))
		}
		b.WriteString(rt.pieces[i])
		writeParam(&b, pp, v)
	}
	b.WriteString(rt.pieces[len(rt.params)])
	return b.String()
}

// writeParam writes the value v of the path parameter pp, escaped.
func writeParam(b *strings.Builder, pp pathParam, v string) {
	switch pp.kind {
	case kindTitle, kindFile:
		b.WriteString(EscapeTitle(v))
	default:
		b.WriteString(url.PathEscape(v))
	}
}

// paramNames lists the path parameters of rt for messages: "[title]".
func (rt *Route) paramNames() string {
	names := make([]string, len(rt.params))
	for i, pp := range rt.params {
		names[i] = pp.name
	}
	return fmt.Sprint(names)
}

// alias is a name Path builds that is not a route of its own: a route's
// URL whose parameters are made from others.
type alias struct {
	route  string                  // the route whose URL it is
	params func([]string) []string // the route's key, value pairs from the alias's
}

// aliases: "file.thumb" (sha, width, name) is file.original with the name
// "<width>px-<name>", the form the file handler reads as a thumbnail.
var aliases = map[string]alias{
	"file.thumb": {route: "file.original", params: thumbParams},
}

// ThumbPrefix is what separates a thumbnail's width from the file name in
// the last segment of its URL: "250px-Cat.png".
const ThumbPrefix = "px-"

func thumbParams(kv []string) []string {
	var sha, width, name string
	n := 0
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "sha":
			sha, n = kv[i+1], n+1
		case "width":
			width, n = kv[i+1], n+1
		case "name":
			name, n = kv[i+1], n+1
		}
	}
	if n != 3 || len(kv) != 6 {
		panic(fmt.Sprintf("router: Path(\"file.thumb\"): want sha, width and name once each, got %q", kv))
	}
	return []string{"sha", sha, "name", width + ThumbPrefix + name}
}
