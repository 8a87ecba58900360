// Package routesjson is the schema of routes.json, the exported route
// registry (router/ROUTES_JSON.md documents every field): the types the
// router writes it with (Registry.ExportJSON) and the CDN exporters read it
// with (router/cdn.Parse), so the two cannot drift apart. It is plain data:
// classes, rights and kinds are the strings the file holds.
package routesjson

// Doc is the whole file.
type Doc struct {
	Version       string  `json:"version"`
	SessionCookie string  `json:"session_cookie"`
	MainPage      string  `json:"main_page"`
	Titles        Titles  `json:"titles"`
	RedirectCache Cache   `json:"redirect_cache"`
	Legacy        Legacy  `json:"legacy"`
	Routes        []Route `json:"routes"`
}

// Titles are the title rules, for edge code that normalizes titles.
type Titles struct {
	CapitalLinks     bool              `json:"capital_links"`
	MaxBytes         int               `json:"max_bytes"`
	MaxSpecialBytes  int               `json:"max_special_bytes,omitempty"`
	Namespaces       []string          `json:"namespaces"`
	NamespaceAliases map[string]string `json:"namespace_aliases,omitempty"`
	TalkNamespace    string            `json:"talk_namespace,omitempty"`
	Forbidden        string            `json:"forbidden"`
	URLSafe          string            `json:"url_safe"`
}

// Legacy is the MediaWiki URL mapping as a whole.
type Legacy struct {
	TriggerQuery []string          `json:"trigger_query"`
	Actions      map[string]string `json:"actions"`
	NeedsTitle   []string          `json:"needs_title,omitempty"`
	Special      map[string]string `json:"special"`
	QueryRoutes  []string          `json:"query_routes"`
}

// Route is one route.
type Route struct {
	Name    string   `json:"name"`
	Class   string   `json:"class"`
	Methods []string `json:"methods"`
	Pattern string   `json:"pattern"`
	CDNPath string   `json:"cdn_path_pattern"`
	Doc     string   `json:"doc,omitempty"`
	Right   string   `json:"right"`
	CSRF    bool     `json:"csrf"`
	// CSRFParam: the handler checks a CSRF token in this parameter itself
	// (the Action API's token=); unsafe requests keep their session.
	CSRFParam string       `json:"csrf_param,omitempty"`
	Params    []Param      `json:"params"`
	Query     []Query      `json:"query"`
	Cache     Cache        `json:"cache"`
	CacheKey  *Key         `json:"cache_key,omitempty"`
	Legacy    *RouteLegacy `json:"legacy,omitempty"`
	ESI       string       `json:"esi,omitempty"`
}

// Param is one path parameter.
type Param struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	CatchAll bool   `json:"catch_all"`
}

// Query is one declared query parameter.
type Query struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Default *int64 `json:"default,omitempty"`
	Min     *int64 `json:"min,omitempty"`
	Max     *int64 `json:"max,omitempty"`
	MaxLen  int    `json:"max_len,omitempty"`
	Private bool   `json:"private,omitempty"` // a request carrying it is answered privately (Cache-Control: private)
}

// Cache is a route's cache policy, with the exact header values.
type Cache struct {
	Shared       bool         `json:"shared"`
	Session      bool         `json:"session"`
	SMaxAge      int64        `json:"s_maxage"`
	MaxAge       int64        `json:"max_age"`
	Immutable    bool         `json:"immutable"`
	Vary         []string     `json:"vary"`
	CacheControl CacheControl `json:"cache_control"`
}

// CacheControl holds the Cache-Control values for anonymous requests and
// for requests with a session.
type CacheControl struct {
	Anonymous string `json:"anonymous"`
	Session   string `json:"session"`
}

// Key is what a shared cache keys a route's responses on, besides the path.
type Key struct {
	Query         []string `json:"query"`
	Cookies       []string `json:"cookies"`
	RedirectQuery []string `json:"redirect_query,omitempty"`
}

// RouteLegacy is a route's own legacy MediaWiki mapping.
type RouteLegacy struct {
	Actions    []string          `json:"actions,omitempty"`
	NeedsTitle bool              `json:"needs_title,omitempty"`
	Special    []string          `json:"special,omitempty"`
	Subpage    string            `json:"subpage,omitempty"`
	Query      map[string]string `json:"query,omitempty"`
}
