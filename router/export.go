package router

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// Version is the version of the exported registry (routes.json). Bump it
// whenever the export changes: the minor number for added or changed routes,
// the major number for schema changes. A test fails when routes.json
// changed but Version did not.
const Version = "1.6.0"

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

type exportDoc struct {
	Version       string        `json:"version"`
	SessionCookie string        `json:"session_cookie"`
	MainPage      string        `json:"main_page"`
	Titles        exportTitles  `json:"titles"`
	RedirectCache exportCache   `json:"redirect_cache"`
	Legacy        exportLegacy  `json:"legacy"`
	Routes        []exportRoute `json:"routes"`
}

type exportTitles struct {
	CapitalLinks bool     `json:"capital_links"`
	MaxBytes     int      `json:"max_bytes"`
	Namespaces   []string `json:"namespaces"`
	Forbidden    string   `json:"forbidden"`
	URLSafe      string   `json:"url_safe"`
}

type exportLegacy struct {
	TriggerQuery []string          `json:"trigger_query"`
	Actions      map[string]string `json:"actions"`
	Special      map[string]string `json:"special"`
	QueryRoutes  []string          `json:"query_routes"`
}

type exportRoute struct {
	Name     string         `json:"name"`
	Class    Class          `json:"class"`
	Methods  []string       `json:"methods"`
	Pattern  string         `json:"pattern"`
	CDNPath  string         `json:"cdn_path_pattern"`
	Doc      string         `json:"doc,omitempty"`
	Right    Right          `json:"right"`
	CSRF     bool           `json:"csrf"`
	Params   []exportParam  `json:"params"`
	Query    []exportQuery  `json:"query"`
	Cache    exportCache    `json:"cache"`
	CacheKey *exportKey     `json:"cache_key,omitempty"`
	Legacy   *exportRLegacy `json:"legacy,omitempty"`
}

type exportParam struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	CatchAll bool   `json:"catch_all"`
}

type exportQuery struct {
	Name    string    `json:"name"`
	Kind    QueryKind `json:"kind"`
	Default *int      `json:"default,omitempty"`
	Min     *int      `json:"min,omitempty"`
	Max     *int      `json:"max,omitempty"`
	MaxLen  int       `json:"max_len,omitempty"`
}

type exportCache struct {
	Shared       bool     `json:"shared"`
	Session      bool     `json:"session"`
	SMaxAge      int64    `json:"s_maxage"`
	MaxAge       int64    `json:"max_age"`
	Immutable    bool     `json:"immutable"`
	Vary         []string `json:"vary"`
	CacheControl struct {
		Anonymous string `json:"anonymous"`
		Session   string `json:"session"`
	} `json:"cache_control"`
}

type exportKey struct {
	Query         []string `json:"query"`
	Cookies       []string `json:"cookies"`
	RedirectQuery []string `json:"redirect_query,omitempty"`
}

type exportRLegacy struct {
	Actions []string          `json:"actions,omitempty"`
	Special []string          `json:"special,omitempty"`
	Subpage string            `json:"subpage,omitempty"`
	Query   map[string]string `json:"query,omitempty"`
}

func (reg *Registry) export() exportDoc {
	doc := exportDoc{
		Version:       Version,
		SessionCookie: reg.cfg.SessionCookie,
		MainPage:      reg.cfg.MainPage,
		Titles: exportTitles{
			CapitalLinks: reg.cfg.Titles.CapitalLinks, MaxBytes: MaxTitleBytes,
			Namespaces: Namespaces(), Forbidden: "#<>[]{}|", URLSafe: "-_.~;@$!*(),/:",
		},
		RedirectCache: exportPolicy(RedirectCache),
		Legacy:        reg.exportLegacy(),
		Routes:        []exportRoute{},
	}
	for _, rt := range reg.routes {
		doc.Routes = append(doc.Routes, reg.exportRoute(rt))
	}
	return doc
}

func (reg *Registry) exportLegacy() exportLegacy {
	l := exportLegacy{TriggerQuery: reg.legacy.triggers, Actions: map[string]string{}, Special: map[string]string{}, QueryRoutes: []string{}}
	for a, rt := range reg.legacy.actions {
		l.Actions[a] = rt.Name
	}
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

func (reg *Registry) exportRoute(rt *Route) exportRoute {
	e := exportRoute{
		Name: rt.Name, Class: rt.Class, Methods: rt.Methods, Pattern: rt.Pattern, CDNPath: rt.cdnPath,
		Doc: rt.Doc, Right: rt.Right, CSRF: rt.CSRF, Params: []exportParam{}, Query: []exportQuery{},
		Cache: exportPolicy(rt.Cache),
	}
	for _, p := range rt.params {
		e.Params = append(e.Params, exportParam{Name: p.name, Kind: kindNames[p.kind], CatchAll: p.catchAll})
	}
	for _, q := range rt.Query {
		e.Query = append(e.Query, exportQueryParam(q))
	}
	if rt.Cache.Shared {
		e.CacheKey = reg.cacheKey(rt)
	}
	if l := rt.Legacy; l != nil {
		e.Legacy = &exportRLegacy{Actions: l.Actions, Special: l.Special, Subpage: l.Subpage, Query: l.Query}
	}
	return e
}

var kindNames = map[paramKind]string{
	kindSegment: "segment", kindTitle: "title", kindRevision: "revision", kindHash: "hash", kindFile: "file",
}

func exportQueryParam(q QueryParam) exportQuery {
	e := exportQuery{Name: q.Name, Kind: q.Kind, MaxLen: q.MaxLen}
	if q.Kind == QueryString && e.MaxLen == 0 {
		e.MaxLen = 255
	}
	if q.Kind == QueryInt {
		e.Default, e.Min, e.Max = &q.Default, &q.Min, &q.Max
	}
	return e
}

func exportPolicy(c CachePolicy) exportCache {
	e := exportCache{
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
func (reg *Registry) cacheKey(rt *Route) *exportKey {
	k := &exportKey{Query: []string{}, Cookies: []string{}}
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
