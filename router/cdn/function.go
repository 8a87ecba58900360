package cdn

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// MaxFunctionBytes is CloudFront's limit on the size of a function's code.
const MaxFunctionBytes = 10 << 10

//go:embed viewer_request.js
var engineJS string

// ViewerRequestFunction returns the source of the CloudFront Function
// (cloudfront-js-2.0) that runs on the viewer requests of cached paths:
// it answers the 301s router.Classify answers for GET and HEAD there —
// non-canonical spellings, and MediaWiki-style URLs that lead to a page
// view — with the same Location, and strips from page views the query
// parameters the registry does not declare. What it does not answer
// (redirects under /-/ or leading there) it passes on to the origin. It
// fails when the code would exceed MaxFunctionBytes.
func ViewerRequestFunction(s *Spec) ([]byte, error) {
	data, err := s.functionData()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Folio viewer-request function from routes.json %s; generated: do not edit\n", s.doc.Version)
	b.WriteString("const D = ")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return nil, fmt.Errorf("cdn: function data: %w", err)
	}
	b.WriteString(minify(engineJS))
	if b.Len() > MaxFunctionBytes {
		return nil, fmt.Errorf("cdn: the viewer-request function is %d bytes, over CloudFront's %d: the registry has too many routes for one function", b.Len(), MaxFunctionBytes)
	}
	return b.Bytes(), nil
}

// functionData is the registry as the engine reads it (D). Field names are
// one letter because every byte counts.
type functionData struct {
	MainPage      string            `json:"m"`
	CapitalLinks  bool              `json:"c"`
	MaxBytes      int               `json:"x"`
	Namespaces    []string          `json:"n"`
	Aliases       map[string]string `json:"al"` // lower-cased alias → canonical namespace
	TalkNamespace string            `json:"tk"`
	Forbidden     string            `json:"f"`
	URLSafe       string            `json:"u"`
	Triggers      []string          `json:"t"`
	LegacyKeys    []string          `json:"k"`
	Actions       map[string]int    `json:"a"`
	NeedsTitle    []string          `json:"T"`
	Special       map[string]int    `json:"s"`
	QueryRoutes   [][]any           `json:"q"`
	View          int               `json:"v"`
	CacheControl  string            `json:"cc"`
	Routes        []any             `json:"r"`
	Other         []string          `json:"o"` // patterns of the routes left to the origin
	WS            string            `json:"w"`
	TitleSpace    string            `json:"ts"`
	Known         string            `json:"K"`
}

// classCodes are the engine's one-letter route classes.
var classCodes = map[string]string{
	classView: "v", classDynamic: "d", classAction: "a", classStatic: "s", classAPI: "i", classRedirect: "r",
}

// kindCodes are the engine's one-letter path parameter kinds; a catch-all
// is upper case.
var kindCodes = map[string]string{"title": "t", "revision": "r", "hash": "h", "file": "f", "segment": "s"}

func (s *Spec) functionData() (functionData, error) {
	d := s.doc
	t := tables()
	fd := functionData{
		MainPage: d.MainPage, CapitalLinks: d.Titles.CapitalLinks, MaxBytes: d.Titles.MaxBytes,
		Namespaces: d.Titles.Namespaces,
		Aliases:    map[string]string{}, TalkNamespace: d.Titles.TalkNamespace,
		Forbidden: d.Titles.Forbidden, URLSafe: d.Titles.URLSafe,
		Triggers: d.Legacy.TriggerQuery, LegacyKeys: s.legacyKeys(),
		Actions: map[string]int{}, NeedsTitle: d.Legacy.NeedsTitle, Special: map[string]int{}, QueryRoutes: [][]any{},
		CacheControl: d.RedirectCache.CacheControl.Anonymous, Other: []string{},
		WS: t.WS, TitleSpace: t.TitleSpace, Known: t.Known,
	}
	if fd.NeedsTitle == nil {
		fd.NeedsTitle = []string{}
	}
	for alias, ns := range d.Titles.NamespaceAliases {
		fd.Aliases[strings.ToLower(alias)] = ns
	}
	runs, err := s.functionRuns()
	if err != nil {
		return fd, err
	}
	routes := s.functionRoutes(runs)
	fd.Other = s.otherPatterns(routes, runs)
	index := func(name string) int {
		return slices.IndexFunc(routes, func(rt *route) bool { return rt.Name == name })
	}
	for _, name := range slices.Concat(slices.Collect(maps.Values(d.Legacy.Actions)), slices.Collect(maps.Values(d.Legacy.Special)), d.Legacy.QueryRoutes) {
		if !allows(s.route(name), "GET") {
			return fd, fmt.Errorf("cdn: the MediaWiki mapping leads to route %q, which does not take GET", name)
		}
	}
	// The mapping's entries that lead to a route the function does not
	// classify (under /-/) are left out: the function gives such a
	// request up to the origin, which answers the 301 itself.
	for a, name := range d.Legacy.Actions {
		if i := index(name); i >= 0 {
			fd.Actions[a] = i
		}
	}
	fd.NeedsTitle = slices.DeleteFunc(slices.Clone(fd.NeedsTitle), func(a string) bool {
		_, ok := fd.Actions[a]
		return !ok
	})
	for sp, name := range d.Legacy.Special {
		if i := index(name); i >= 0 {
			fd.Special[strings.ToLower(sp)] = i
		}
	}
	for _, name := range d.Legacy.QueryRoutes {
		// [route index or -1 (the origin's), its MediaWiki keys…]
		q := []any{index(name)}
		if lg := s.route(name).Legacy; lg != nil {
			for _, k := range slices.Sorted(maps.Keys(lg.Query)) {
				q = append(q, k)
			}
		}
		fd.QueryRoutes = append(fd.QueryRoutes, q)
	}
	if fd.View = index(d.Legacy.Actions["view"]); fd.View < 0 {
		return fd, fmt.Errorf("cdn: the MediaWiki view action leads to route %q, which the function does not serve", d.Legacy.Actions["view"])
	}
	for _, rt := range routes {
		fd.Routes = append(fd.Routes, functionRoute(rt))
	}
	return fd, nil
}

// functionRoutes are the routes the function classifies: on the paths it
// runs on (the cached ones, see behaviors), those that take GET and may
// be redirected to (the MediaWiki mapping leads to them), or redirect (a
// non-canonical spelling of a parameter), or strip their query (views).
// API routes never redirect; a route without parameters has one spelling.
//
// Routes under /-/ are not among them. Every request there reaches the
// origin uncached, which answers its canonical redirects; and a MediaWiki
// URL that leads there ("?action=edit", "Special:RecentChanges", "?oldid=")
// the function gives up to the origin too, which answers the 301 (cached
// at the edge like any other), since the request it leads to goes to the
// origin all the same. So a route added under /-/ does not make the
// function larger.
func (s *Spec) functionRoutes(runs func(*route) bool) []*route {
	targets := map[string]bool{}
	l := s.doc.Legacy
	for _, n := range l.Actions {
		targets[n] = true
	}
	for _, n := range l.Special {
		targets[n] = true
	}
	for _, n := range l.QueryRoutes {
		targets[n] = true
	}
	var out []*route
	for i := range s.doc.Routes {
		rt := &s.doc.Routes[i]
		if allows(rt, "GET") && runs(rt) && rt.Class != classAPI && rt.Class != classFile && (targets[rt.Name] ||
			rt.Class == classView || rt.Class == classRedirect || len(rt.Params) > 0 || len(rt.Query) > 0) {
			out = append(out, rt)
		}
	}
	return out
}

// functionRuns reports whether the function runs on the behaviour that
// serves a route's CDN path. A path without a behaviour of its own is
// served by the default one, where it runs.
func (s *Spec) functionRuns() (func(rt *route) bool, error) {
	bs, err := s.behaviors()
	if err != nil {
		return nil, err
	}
	function := map[string]bool{}
	for _, b := range bs {
		function[b.Path] = b.Function
	}
	return func(rt *route) bool {
		fn, ok := function[rt.CDNPath]
		return !ok || fn
	}, nil
}

// otherPatterns are the patterns of the routes the function does not
// classify that a request through the function may match, that is with a
// wildcard (a path another route matches is not cleaned, see
// router.CleanPath) on a path the function runs on.
func (s *Spec) otherPatterns(classified []*route, runs func(*route) bool) []string {
	out := []string{}
	for i := range s.doc.Routes {
		rt := &s.doc.Routes[i]
		if slices.Contains(classified, rt) || !strings.ContainsAny(rt.Pattern, ":*") || !runs(rt) || slices.Contains(out, rt.Pattern) {
			continue
		}
		out = append(out, rt.Pattern)
	}
	return out
}

// functionRoute is one route for the engine:
// [class, pattern, kinds, query, legacy], where kinds has a letter per path
// parameter, query is [[name, kind, …]] and legacy [subpage, [[from, to] or
// name]] (a name for a parameter that keeps it). Trailing empty fields are
// left out: the engine reads them as empty.
func functionRoute(rt *route) []any {
	kinds := ""
	for _, p := range rt.Params {
		k := kindCodes[p.Kind]
		if p.CatchAll {
			k = strings.ToUpper(k)
		}
		kinds += k
	}
	query := []any{}
	for _, q := range rt.Query {
		switch q.Kind {
		case "int":
			// A maximum the engine never reaches (it gives up beyond 15
			// digits) is 0: none.
			query = append(query, trimZeros([]any{q.Name, "i", itoa(*q.Default), *q.Min, maxOrNone(*q.Max)}))
		case "string":
			query = append(query, []any{q.Name, "s", cmpOr(q.MaxLen, 255)})
		default:
			query = append(query, []any{q.Name, "t"})
		}
	}
	var legacy any = 0
	if l := rt.Legacy; l != nil && (l.Subpage != "" || len(l.Query) > 0) {
		froms := slices.Sorted(maps.Keys(l.Query))
		pairs := make([]any, len(froms))
		for i, from := range froms {
			if to := l.Query[from]; to != from {
				pairs[i] = [2]string{from, to}
			} else {
				pairs[i] = from // a parameter that keeps its name: one string
			}
		}
		legacy = []any{l.Subpage, pairs}
	}
	fields := []any{classCodes[rt.Class], rt.Pattern, kinds, query, legacy}
	for len(fields) > 2 && empty(fields[len(fields)-1]) {
		fields = fields[:len(fields)-1]
	}
	return fields
}

// empty reports whether a route's field is empty: 0, "" or [].
func empty(v any) bool {
	switch v := v.(type) {
	case int:
		return v == 0
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	}
	return false
}

func itoa(n int64) string { return fmt.Sprint(n) }

// trimZeros drops the trailing zero values (0, "0") of an integer
// parameter's [name, "i", default, min, max]: the engine reads a missing
// one as zero, and every byte of the function counts.
func trimZeros(q []any) []any {
	for len(q) > 2 && (q[len(q)-1] == any("0") || q[len(q)-1] == any(int64(0))) {
		q = q[:len(q)-1]
	}
	return q
}

func maxOrNone(n int64) int64 {
	if n >= 1e15 {
		return 0
	}
	return n
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}
