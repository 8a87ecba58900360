package router

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// legacyIndex is the MediaWiki URL mapping, gathered from Route.Legacy.
type legacyIndex struct {
	view     *Route            // Legacy.Actions "view": where titles go
	actions  map[string]*Route // ?action= value → route
	special  map[string]*Route // lower-cased special page name → route
	byQuery  []*Route          // Legacy.Query-only routes, most keys first
	triggers []string          // query keys that turn /wiki/T into a redirect
}

var (
	actionRE  = regexp.MustCompile(`^[a-z]+$`)
	specialRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
)

// indexLegacy builds the mapping and checks it across routes.
func (reg *Registry) indexLegacy() legacyIndex {
	ix := legacyIndex{actions: map[string]*Route{}, special: map[string]*Route{}, triggers: []string{"action"}}
	for _, rt := range reg.routes {
		if rt.Legacy == nil {
			continue
		}
		for _, a := range rt.Legacy.Actions {
			rt.require(actionRE.MatchString(a), fmt.Sprintf("Legacy action %q must be lowercase letters", a))
			rt.require(ix.actions[a] == nil, fmt.Sprintf("Legacy action %q is already claimed", a))
			ix.actions[a] = rt
		}
		for _, s := range rt.Legacy.Special {
			rt.require(specialRE.MatchString(s), fmt.Sprintf("special page name %q must be CamelCase letters", s))
			rt.require(ix.special[strings.ToLower(s)] == nil, fmt.Sprintf("special page %q is already claimed", s))
			ix.special[strings.ToLower(s)] = rt
		}
		if len(rt.Legacy.Actions) == 0 && (len(rt.Legacy.Special) == 0 || rt.Legacy.ByQuery) {
			ix.addQueryRoute(rt)
		}
	}
	ix.view = ix.actions["view"]
	for _, rt := range reg.routes {
		if rt.Class == ClassRedirect || (rt.Class == ClassView && rt.hasParam("title") == -2) {
			rt.require(ix.view != nil && ix.view.Class == ClassView, `needs a view route with Legacy.Actions "view"`)
		}
	}
	slices.SortStableFunc(ix.byQuery, func(a, b *Route) int { return len(b.legacyQuery) - len(a.legacyQuery) })
	slices.Sort(ix.triggers)
	return ix
}

func (ix *legacyIndex) addQueryRoute(rt *Route) {
	for _, o := range ix.byQuery {
		rt.require(!slices.Equal(queryKeys(o), queryKeys(rt)), fmt.Sprintf("Legacy.Query keys are the same as %q's", o.Name))
	}
	ix.byQuery = append(ix.byQuery, rt)
	for _, k := range queryKeys(rt) {
		if !slices.Contains(ix.triggers, k) {
			ix.triggers = append(ix.triggers, k)
		}
	}
}

func queryKeys(rt *Route) []string {
	var ks []string
	for _, p := range rt.legacyQuery {
		ks = append(ks, p.from)
	}
	return ks
}

// resolveLegacy maps a MediaWiki-style request to a 301, in this order:
//
//  1. a Special: title goes to the route claiming that special page;
//  2. ?action= other than "view" goes to the route claiming the action,
//     for the title (the main page when none); an unknown action is a 400;
//  3. a route whose Legacy.Query keys are all present (?diff=&oldid=, then
//     ?oldid=) takes them; some but not all of them is a 400;
//  4. on an entry point (script), ?search= without a title is Special:Search;
//  5. otherwise the page view of the title, or of the main page.
//
// On an entry point (/index.php, /), the title comes from the path or from
// ?title=, whose fragment ("?title=Foo%23Bar") the Location keeps.
//
// An action whose route has Legacy.NeedsTitle (delete) is a 400 without a
// title, rather than the main page's: MediaWiki does not delete its main
// page by accident either.
func (reg *Registry) resolveLegacy(src *Route, title, query string, script bool) Match {
	get := queryGetter(query)
	frag := ""
	if t, ok := get("title"); script && title == "" && ok && strings.TrimSpace(t) != "" {
		var f string
		var err error
		if title, f, err = reg.cfg.Titles.Split(t); err != nil {
			return errorMatch(http.StatusBadRequest, err.Error())
		}
		frag = fragmentSuffix(f)
	}
	return withFragment(reg.legacyMatch(src, title, get, script), frag)
}

// legacyMatch is resolveLegacy once the title is known.
func (reg *Registry) legacyMatch(src *Route, title string, get func(string) (string, bool), script bool) Match {
	if isSpecial(title) {
		return reg.special(src, title, get)
	}
	if action, _ := get("action"); action != "" && action != "view" {
		target := reg.legacy.actions[action]
		if target == nil {
			return errorMatch(http.StatusBadRequest, fmt.Sprintf("unknown action %q; known actions: %s", action, reg.knownActions()))
		}
		if title == "" && target.Legacy.NeedsTitle {
			return errorMatch(http.StatusBadRequest, fmt.Sprintf("action=%s needs a title: name the page (?title=…)", action))
		}
		return reg.legacyTo(src, target, get, MakeParams("title", cmpOr(title, reg.cfg.MainPage)))
	}
	if target, msg := reg.legacy.queryRoute(get); target != nil || msg != "" {
		if msg != "" {
			return errorMatch(http.StatusBadRequest, msg)
		}
		return reg.legacyTo(src, target, get, Params{})
	}
	if _, ok := get("search"); script && title == "" && ok {
		return reg.special(src, NamespaceTitle(SpecialNamespace, "Search"), get)
	}
	return reg.legacyTo(src, reg.legacy.view, get, MakeParams("title", cmpOr(title, reg.cfg.MainPage)))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (reg *Registry) knownActions() string {
	var as []string
	for a := range reg.legacy.actions {
		as = append(as, a)
	}
	slices.Sort(as)
	return strings.Join(as, ", ")
}

// queryRoute finds the Legacy.Query route whose keys are all present, or
// describes which keys are missing when only some are.
func (ix *legacyIndex) queryRoute(get func(string) (string, bool)) (*Route, string) {
	msg := ""
	for _, rt := range ix.byQuery {
		var have, miss []string
		for _, k := range queryKeys(rt) {
			if _, ok := get(k); ok {
				have = append(have, k)
			} else {
				miss = append(miss, k)
			}
		}
		if len(miss) == 0 {
			return rt, ""
		}
		if len(have) > 0 && msg == "" {
			msg = fmt.Sprintf("MediaWiki query with %s needs %s too", strings.Join(have, ", "), strings.Join(miss, ", "))
		}
	}
	return nil, msg
}

// HasSpecial reports whether a route claims the special page of title
// (Special:Name or Special:Name/Sub, the name in any case), as a link or a
// URL to it would be redirected rather than answered 404.
func (reg *Registry) HasSpecial(title string) bool {
	if !IsSpecial(title) {
		return false
	}
	rest, _ := CutNamespace(title, SpecialNamespace)
	name, _, _ := strings.Cut(rest, "/")
	return reg.legacy.special[strings.ToLower(name)] != nil
}

// special redirects Special:Name[/Sub] to the route that claims Name.
func (reg *Registry) special(src *Route, title string, get func(string) (string, bool)) Match {
	rest, _ := CutNamespace(title, SpecialNamespace)
	name, sub, _ := strings.Cut(rest, "/")
	target := reg.legacy.special[strings.ToLower(name)]
	if target == nil {
		t := NamespaceTitle(SpecialNamespace, name)
		return codedError(http.StatusNotFound, ErrNoSpecialPage, t, "no such special page: "+t)
	}
	var preset Params
	if p := target.Legacy.Subpage; p != "" && sub != "" {
		if target.hasParam(p) >= 0 && queryKind(target, p) == QueryString {
			sub = DisplayTitle(sub)
		}
		preset.Set(p, sub)
	}
	return reg.legacyTo(src, target, get, preset)
}

func queryKind(rt *Route, name string) QueryKind {
	return rt.Query[rt.hasParam(name)].Kind
}

// legacyTo builds the redirect to target. Raw values come from preset (the
// title, a special page's subpage), then from the query parameters that
// target's Legacy.Query maps, which win.
func (reg *Registry) legacyTo(src, target *Route, get func(string) (string, bool), vals Params) Match {
	for _, lp := range target.legacyQuery {
		if v, ok := get(lp.from); ok && strings.TrimSpace(v) != "" {
			vals.Set(lp.to, v)
		}
	}
	var p Params
	for _, pp := range target.params {
		v, err := reg.legacyPathValue(target, pp, vals.Get(pp.name))
		if err != nil {
			return errorMatch(http.StatusBadRequest, err.Error())
		}
		if pp.kind == kindTitle && isSpecial(v) {
			return codedError(http.StatusNotFound, ErrSpecialNoRoute, target.Name, "special pages have no "+target.Name)
		}
		p.Set(pp.name, v)
	}
	if err := reg.fillQuery(target, &p, vals.Lookup); err != nil {
		return errorMatch(http.StatusBadRequest, err.Error())
	}
	return redirect(src, target, p)
}

// legacyPathValue normalizes a decoded value for a path parameter.
func (reg *Registry) legacyPathValue(target *Route, pp pathParam, v string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return "", fmt.Errorf("%s needs a %s", target.Name, pp.name)
	}
	switch pp.kind {
	case kindTitle:
		return reg.cfg.Titles.Normalize(v)
	case kindRevision:
		id, _, err := revisionID(strings.TrimSpace(v))
		return id, err
	case kindHash:
		return v, checkHash(v)
	case kindFile:
		return cleanFile(v)
	}
	return v, nil
}
