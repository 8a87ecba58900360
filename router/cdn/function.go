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
// (cloudfront-js-2.0) that runs on viewer requests: it answers the 301s
// router.Classify answers for GET and HEAD — MediaWiki-style URLs and
// non-canonical spellings — with the same Location, and strips from page
// views the query parameters the registry does not declare. It fails when
// the code would exceed MaxFunctionBytes.
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
	QueryRoutes   []int             `json:"q"`
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
		Actions: map[string]int{}, NeedsTitle: d.Legacy.NeedsTitle, Special: map[string]int{},
		CacheControl: d.RedirectCache.CacheControl.Anonymous, Other: []string{},
		WS: t.WS, TitleSpace: t.TitleSpace, Known: t.Known,
	}
	if fd.NeedsTitle == nil {
		fd.NeedsTitle = []string{}
	}
	for alias, ns := range d.Titles.NamespaceAliases {
		fd.Aliases[strings.ToLower(alias)] = ns
	}
	routes := s.functionRoutes()
	other, err := s.otherPatterns(routes)
	if err != nil {
		return fd, err
	}
	fd.Other = other
	index := func(name string) int {
		return slices.IndexFunc(routes, func(rt *route) bool { return rt.Name == name })
	}
	for a, name := range d.Legacy.Actions {
		fd.Actions[a] = index(name)
	}
	for sp, name := range d.Legacy.Special {
		fd.Special[strings.ToLower(sp)] = index(name)
	}
	for _, name := range d.Legacy.QueryRoutes {
		fd.QueryRoutes = append(fd.QueryRoutes, index(name))
	}
	fd.View = index(d.Legacy.Actions["view"])
	if slices.Contains(fd.QueryRoutes, -1) || slices.Contains(slices.Collect(maps.Values(fd.Actions)), -1) ||
		slices.Contains(slices.Collect(maps.Values(fd.Special)), -1) {
		return fd, fmt.Errorf("cdn: the MediaWiki mapping leads to a route that does not take GET")
	}
	for _, rt := range routes {
		fd.Routes = append(fd.Routes, functionRoute(rt))
	}
	return fd, nil
}

// functionRoutes are the routes the function classifies: those that take
// GET and may be redirected to (the MediaWiki mapping leads to them), or
// redirect (a non-canonical spelling of a parameter), or strip their query
// (views). API routes never redirect; a route without parameters has one
// spelling.
func (s *Spec) functionRoutes() []*route {
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
		if allows(rt, "GET") && (targets[rt.Name] || rt.Class != classAPI && rt.Class != classFile && (rt.Class == classView || rt.Class == classRedirect ||
			len(rt.Params) > 0 || len(rt.Query) > 0)) {
			out = append(out, rt)
		}
	}
	return out
}

// otherPatterns are the patterns of the routes the function leaves to the
// origin that a request through the function may match, that is with a
// wildcard (a path another route matches is not cleaned, see
// router.CleanPath) in a behaviour the function runs on.
func (s *Spec) otherPatterns(routes []*route) ([]string, error) {
	bs, err := s.behaviors()
	if err != nil {
		return nil, err
	}
	function := map[string]bool{}
	for _, b := range bs {
		function[b.Path] = b.Function
	}
	out := []string{}
	for i := range s.doc.Routes {
		rt := &s.doc.Routes[i]
		fn, ok := function[rt.CDNPath]
		if slices.Contains(routes, rt) || !strings.ContainsAny(rt.Pattern, ":*") || ok && !fn || slices.Contains(out, rt.Pattern) {
			continue
		}
		out = append(out, rt.Pattern)
	}
	return out, nil
}

// functionRoute is one route for the engine:
// [class, pattern, kinds, query, legacy], where kinds has a letter per path
// parameter, query is [[name, kind, …]] and legacy [subpage, [[from, to] or
// name]] (a name for a parameter that keeps it).
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
	if rt.Class != classView && legacy == any(0) {
		// The engine reads a route's query parameters to keep them on a
		// view and to fill a legacy redirect's Location from the
		// MediaWiki parameters the route maps; a route that maps none
		// gets every parameter at its default, left out of the Location.
		// Its list changes nothing: it is left out, to keep the function
		// under CloudFront's limit.
		query = []any{}
	}
	return []any{classCodes[rt.Class], rt.Pattern, kinds, query, legacy}
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
