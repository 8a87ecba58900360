package router

import (
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/blob"
)

// Class is what kind of response a route gives, which decides how it is
// cached and where a CDN sends it. See the package documentation.
type Class string

// The route classes, and ClassError for requests that match no route or
// carry bad input (4xx).
const (
	ClassView     Class = "view"     // a page-like read, cached at the edge for anonymous readers
	ClassDynamic  Class = "dynamic"  // a read under /-/ that depends on the query or on many revisions; never cached
	ClassAction   Class = "action"   // a form and its POST under /-/; never cached; POSTs need a CSRF token
	ClassStatic   Class = "static"   // a fingerprinted asset, cached for a year, immutable
	ClassFile     Class = "file"     // an uploaded file's bytes under their SHA-256, cached for a year, immutable
	ClassAPI      Class = "api"      // JSON under /api/v1/; never cached; token auth
	ClassRedirect Class = "redirect" // a MediaWiki entry point or a non-canonical URL: a cacheable 301
	ClassError    Class = "error"    // no route, or bad input: 400, 404 or 405
)

// Right is a permission a route needs. The server checks it before the
// handler runs; RightNone means anyone may call the route. It is
// blob.Right, the type of a UserInfo's rights, so that what reads a
// UserInfo need not import the router.
type Right = blob.Right

// The rights routes may require.
const (
	RightNone     = blob.RightNone
	RightRead     = blob.RightRead
	RightEdit     = blob.RightEdit
	RightCreate   = blob.RightCreate
	RightMove     = blob.RightMove
	RightDelete   = blob.RightDelete
	RightProtect  = blob.RightProtect
	RightRollback = blob.RightRollback
	RightBlock    = blob.RightBlock
	RightAdmin    = blob.RightAdmin
	RightUpload   = blob.RightUpload
	RightReupload = blob.RightReupload
)

var rights = []Right{RightNone, RightRead, RightEdit, RightCreate, RightMove, RightDelete, RightProtect, RightRollback, RightBlock, RightAdmin, RightUpload, RightReupload}

// Route declares one URL pattern: what it is, who may call it and how it is
// cached. Routes are data; see routes.go for the default registry. A Route
// owned by a Registry must not be modified.
type Route struct {
	Name    string       // unique, lowercase, dotted: "page.history"
	Class   Class        // view, dynamic, action, static, file, api or redirect
	Methods []string     // HTTP methods; GET implies HEAD
	Pattern string       // httprouter syntax; path parameter names carry meaning (see package doc)
	Query   []QueryParam // the query parameters the route reads; others are ignored
	Right   Right        // the right the caller needs, RightNone for none
	Cache   CachePolicy  // Cache-Control for responses (and the CDN behaviour)
	CSRF    bool         // unsafe methods (POST, PUT, PATCH, DELETE) need a valid CSRF token
	// CSRFParam names the request parameter in which the handler itself
	// checks a CSRF token, per request (MediaWiki's Action API: token=,
	// needed by its write modules only): an API route with it keeps the
	// session cookie's user on unsafe methods. Exclusive with CSRF.
	CSRFParam string
	Legacy    *Legacy // the MediaWiki URL forms that redirect here, if any
	Doc       string  // one line for routes.json and "folio routes export"
	// ViewIfDenied sends a GET that lacks Right to the view of the route's
	// title (303) instead of refusing it: a red link to the edit form,
	// followed by a reader who may not edit, shows the page (MediaWiki's
	// redlink=1).
	ViewIfDenied bool
	// HostURLs marks a response that holds absolute URLs (a sitemap, a
	// feed): built from the request's Host when the site has no base URL,
	// so then no shared cache may keep it.
	HostURLs bool
	// SelfEncoded marks a handler that picks its response's
	// Content-Encoding itself, from bodies compressed ahead (page views,
	// static assets): the server neither negotiates nor compresses for it,
	// and hands it the request's If-None-Match as the client sent it.
	SelfEncoded bool
	// ESI names the route of the reader's fragments (user.fragment) when
	// the route's views have a shared ESI body (docs/cdn.md, "Views at the
	// edge"): an ESI cache asks for it with the X-Folio-ESI header and the
	// reader's class, keeps it like the anonymous view, and includes the
	// named route's fragments in it.
	ESI string

	index        int          // position in the registry
	params       []pathParam  // the pattern's wildcards, in order
	pieces       []string     // pattern literals around the wildcards
	cacheControl [2]string    // Cache.HeaderValue(false), (true)
	cdnPath      string       // CDN path pattern
	legacyQuery  []legacyPair // Legacy.Query, sorted by MediaWiki name
}

// QueryKind is how a query parameter's value normalizes.
type QueryKind string

// The query parameter kinds.
const (
	// QueryString values are trimmed, inner whitespace runs become one
	// space, and values are put in NFC and cut to MaxLen bytes. Invalid
	// UTF-8 and control characters are a 400.
	QueryString QueryKind = "string"
	// QueryInt values are decimal integers clamped into [Min, Max]; absent
	// means Default; anything else is a 400.
	QueryInt QueryKind = "int"
	// QueryTitle values are page titles, normalized like link text
	// (NormalizeTitle, after the usual query decoding); a bad title is a 400.
	QueryTitle QueryKind = "title"
)

// QueryParam declares one query parameter of a route. The normalized value
// is in Match.Params under Name (the default when absent); canonical URLs
// carry it only when it differs from the default.
type QueryParam struct {
	Name    string
	Kind    QueryKind
	Default int // QueryInt: the value when absent
	Min     int // QueryInt: smaller values are raised to Min
	Max     int // QueryInt: larger values are lowered to Max
	MaxLen  int // QueryString: longest value in bytes; 0 means 255
	// Private: a request that carries the parameter (not empty) is answered
	// for its reader alone (Cache-Control private): the same path shown
	// otherwise — another skin (?useskin=), another language (?uselang=).
	Private bool
}

// Legacy declares the MediaWiki URLs that redirect (301) to a route. They
// are accepted on /wiki/T, /index.php, /index.php/T, /wiki and /.
type Legacy struct {
	// Actions are the ?action= values that mean this route, applied to the
	// request's title (the main page when none). The route takes a title.
	Actions []string
	// NeedsTitle makes Actions without a title a 400 rather than the main
	// page's (MediaWiki refuses ?action=delete without a title).
	NeedsTitle bool
	// Special are the special page names (Special:Name, matched
	// case-insensitively) that mean this route.
	Special []string
	// Subpage is the parameter that Special:Name/Sub fills with Sub.
	Subpage string
	// Query maps MediaWiki query parameters to this route's parameters
	// (only these are carried over). A route with Query but neither
	// Actions nor Special (nor Special with ByQuery) is chosen
	// when every key of Query is in the request (the one with most keys
	// wins): that is how ?oldid=N and ?diff=N&oldid=M are mapped.
	Query map[string]string
	// ByQuery keeps a route with Special among those chosen by their Query
	// keys: ?oldid=N and Special:PermanentLink/N both mean page.revision.
	ByQuery bool
}

type legacyPair struct{ from, to string }

// CachePolicy says who may cache a route's responses and for how long. The
// Cache-Control value follows from it (HeaderValue), and so do the CDN's
// cache behaviours (routes.json).
type CachePolicy struct {
	// Shared lets shared caches (the CDN) store responses; otherwise they
	// are "private".
	Shared bool
	// Session marks responses that differ for a logged-in user: requests
	// with the session cookie bypass shared caches and get
	// "private, no-cache"; the session cookie is part of the CDN cache key.
	Session bool
	// SMaxAge is how long shared caches keep a response (s-maxage).
	SMaxAge time.Duration
	// MaxAge is how long browsers keep a response (max-age).
	MaxAge time.Duration
	// Immutable responses never change at their URL (fingerprinted assets).
	Immutable bool
	// NoStore makes private responses "no-store" rather than "no-cache":
	// for forms and API answers that should not sit in a browser's cache.
	NoStore bool
	// Vary lists the request headers a response varies on (the session
	// cookie is handled by Session, not by Vary: Cookie).
	Vary []string
}

// HeaderValue returns the Cache-Control value for a response to an
// anonymous reader (loggedIn false) or to a request with a session:
//
//	view, anonymous:   public, s-maxage=300, max-age=0
//	view, session:     private, no-cache
//	static:            public, max-age=31536000, immutable
//	redirect:          public, s-maxage=86400, max-age=3600
//	dynamic:           private, no-cache
//	action, api:       private, no-store
func (c CachePolicy) HeaderValue(loggedIn bool) string {
	switch {
	case !c.Shared && c.NoStore:
		return "private, no-store"
	case !c.Shared || (c.Session && loggedIn):
		return "private, no-cache"
	case c.Immutable:
		return "public, max-age=" + seconds(c.MaxAge) + ", immutable"
	}
	return "public, s-maxage=" + seconds(c.SMaxAge) + ", max-age=" + seconds(c.MaxAge)
}

func seconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

// CacheControl returns Cache.HeaderValue(loggedIn), computed once when the
// registry was built.
func (rt *Route) CacheControl(loggedIn bool) string {
	if loggedIn {
		return rt.cacheControl[1]
	}
	return rt.cacheControl[0]
}

// CDNPath returns the path pattern a CDN behaviour uses for the route:
// "/wiki/*", "/-/*", "/api/*", "/static/*", or the pattern itself when it is
// a single segment without wildcards ("/sitemap.xml", "/index.php"), or
// a single segment's literal before its wildcard and "*" ("/sitemap-*").
func (rt *Route) CDNPath() string { return rt.cdnPath }

// String returns the route's name, methods and pattern:
// "page.view GET,HEAD /wiki/*title".
func (rt *Route) String() string {
	return rt.Name + " " + strings.Join(rt.Methods, ",") + " " + rt.Pattern
}

// Allows reports whether the route accepts method.
func (rt *Route) Allows(method string) bool {
	for _, m := range rt.Methods {
		if m == method {
			return true
		}
	}
	return false
}

// Unsafe reports whether method changes state: POST, PUT, PATCH or DELETE.
// The CSRF flag of a route applies to those methods only.
func Unsafe(method string) bool {
	switch method {
	case "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}

// originPrefixes are the CDN paths of routes that always reach the
// origin (/-/, /api/).
var originPrefixes = []string{"/-/", "/api/"}

// cdnPathOf derives Route.CDNPath from a pattern, and whether shared caches
// may keep the route's responses: a shared route under a prefix whose
// routes reach the origin has a CDN path of its own, the pattern's
// literal part and "*" ("/api/v1/pageinfo/*", "/-/render/*").
func cdnPathOf(pattern string, shared bool) string {
	for _, p := range originPrefixes {
		if shared && strings.HasPrefix(pattern, p) {
			if i := strings.IndexAny(pattern, ":*"); i >= 0 {
				return pattern[:i] + "*"
			}
			return pattern
		}
	}
	rest := pattern[1:]
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		if j := strings.IndexAny(pattern, ":*"); j > 1 {
			return pattern[:j] + "*" // "/sitemap-:part": "/sitemap-*"
		}
		return pattern
	}
	return pattern[:i+2] + "*"
}
