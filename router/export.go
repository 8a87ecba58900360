package router

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/foliowiki/folio/router/routesjson"
)

// Version is the version of the exported registry (routes.json). Bump it
// whenever the export changes: the minor number for added or changed routes,
// the major number for schema changes. A test fails when routes.json
// changed but Version did not.
const Version = "1.17.0"

// ExportJSON returns the registry as routes.json (without the final
// newline): the schema is documented in ROUTES_JSON.md. The output is
// stable: routes in declaration order, map keys sorted.
func (reg *Registry) ExportJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(reg.export()); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (reg *Registry) export() routesjson.Doc {
	doc := routesjson.Doc{
		Version:       Version,
		SessionCookie: reg.cfg.SessionCookie,
		MainPage:      reg.cfg.MainPage,
		Titles: routesjson.Titles{
			CapitalLinks: reg.cfg.Titles.CapitalLinks, MaxBytes: MaxTitleBytes, MaxSpecialBytes: MaxSpecialBytes,
			Namespaces: Namespaces(), NamespaceAliases: NamespaceAliases(), TalkNamespace: TalkNamespace,
			Forbidden: "#<>[]{}|", URLSafe: "-_.~;@$!*(),/:",
		},
		RedirectCache: exportPolicy(RedirectCache),
		Legacy:        reg.exportLegacy(),
		Routes:        []routesjson.Route{},
	}
	for _, rt := range reg.routes {
		doc.Routes = append(doc.Routes, reg.exportRoute(rt))
	}
	return doc
}

func (reg *Registry) exportLegacy() routesjson.Legacy {
	l := routesjson.Legacy{TriggerQuery: reg.legacy.triggers, Actions: map[string]string{}, Special: map[string]string{}, QueryRoutes: []string{}}
	for a, rt := range reg.legacy.actions {
		l.Actions[a] = rt.Name
		if rt.Legacy.NeedsTitle {
			l.NeedsTitle = append(l.NeedsTitle, a)
		}
	}
	slices.Sort(l.NeedsTitle)
	for _, rt := range reg.routes {
		if rt.Legacy != nil {
			for _, s := range rt.Legacy.Special {
				l.Special[s] = rt.Name
			}
		}
	}
	for _, rt := range reg.legacy.byQuery {
		l.QueryRoutes = append(l.QueryRoutes, rt.Name)
	}
	return l
}

func (reg *Registry) exportRoute(rt *Route) routesjson.Route {
	e := routesjson.Route{
		Name: rt.Name, Class: string(rt.Class), Methods: rt.Methods, Pattern: rt.Pattern, CDNPath: rt.cdnPath,
		Doc: rt.Doc, Right: string(rt.Right), CSRF: rt.CSRF, CSRFParam: rt.CSRFParam, Params: []routesjson.Param{}, Query: []routesjson.Query{},
		Cache: exportPolicy(rt.Cache), ESI: rt.ESI,
	}
	for _, p := range rt.params {
		e.Params = append(e.Params, routesjson.Param{Name: p.name, Kind: kindNames[p.kind], CatchAll: p.catchAll})
	}
	for _, q := range rt.Query {
		e.Query = append(e.Query, exportQueryParam(q))
	}
	if rt.Cache.Shared {
		e.CacheKey = reg.cacheKey(rt)
	}
	if l := rt.Legacy; l != nil {
		e.Legacy = &routesjson.RouteLegacy{Actions: l.Actions, NeedsTitle: l.NeedsTitle, Special: l.Special, Subpage: l.Subpage, Query: l.Query}
	}
	return e
}

var kindNames = map[paramKind]string{
	kindSegment: "segment", kindTitle: "title", kindRevision: "revision", kindHash: "hash", kindFile: "file",
}

func exportQueryParam(q QueryParam) routesjson.Query {
	e := routesjson.Query{Name: q.Name, Kind: string(q.Kind), MaxLen: q.MaxLen, Private: q.Private}
	if q.Kind == QueryString && e.MaxLen == 0 {
		e.MaxLen = 255
	}
	if q.Kind == QueryInt {
		d, lo, hi := int64(q.Default), int64(q.Min), int64(q.Max)
		e.Default, e.Min, e.Max = &d, &lo, &hi
	}
	return e
}

func exportPolicy(c CachePolicy) routesjson.Cache {
	e := routesjson.Cache{
		Shared: c.Shared, Session: c.Session, SMaxAge: int64(c.SMaxAge / time.Second), MaxAge: int64(c.MaxAge / time.Second),
		Immutable: c.Immutable, Vary: c.Vary,
	}
	if e.Vary == nil {
		e.Vary = []string{}
	}
	e.CacheControl.Anonymous, e.CacheControl.Session = c.HeaderValue(false), c.HeaderValue(true)
	return e
}

// cacheKey is what a shared cache keys rt's responses on, besides the path.
func (reg *Registry) cacheKey(rt *Route) *routesjson.Key {
	k := &routesjson.Key{Query: []string{}, Cookies: []string{}}
	if rt.Cache.Session {
		k.Cookies = append(k.Cookies, reg.cfg.SessionCookie)
	}
	switch {
	case rt.Class == ClassRedirect:
		k.Query = reg.legacyKeys()
	case rt.Class == ClassView && rt.hasParam("title") == -2:
		k.RedirectQuery = reg.legacy.triggers
	}
	for _, q := range rt.Query {
		k.Query = append(k.Query, q.Name)
	}
	return k
}

// legacyKeys are all the query keys the MediaWiki mapping reads.
func (reg *Registry) legacyKeys() []string {
	keys := []string{"action", "search", "title"}
	for _, rt := range reg.routes {
		for _, p := range rt.legacyQuery {
			keys = append(keys, p.from)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
