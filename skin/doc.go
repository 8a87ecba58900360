// Package skin turns a page's data into HTML with Mustache templates. A
// skin is data, not code: a directory with skin.json (Manifest), Mustache
// templates and static files (see docs/skins.md). It receives one value,
// Data, built from the cached PageInfo and UserInfo blobs, the request's
// Meta and the Site configuration, and it can do nothing but show it: no
// lambdas, no I/O, no store. Anonymous and logged-in readers take the same
// path; the anonymous reader is just a constant UserInfo.
//
// The server loads the skins once, gives them its Site, and renders every
// HTML page through them: page views through View (specialized per
// revision, the reader's keys filled in per request), the 404 of a missing
// page (MissingData), and everything else, whose body it builds itself
// (PageData):
//
//	set, err := skin.Load(skins.FS) // or skin.Overlay(os.DirFS(dir), skins.FS)
//	set = set.WithSite(site)        // once, for the site (ForSite does it for a Provider)
//	…
//	v := set.View(pi, u, skin.MatchMeta(m), m.Params.Get("useskin"))
//	etag := v.ETag() // before rendering: 304 if it matches
//	w.Header()["Link"] = v.Link() // preload the stylesheets
//	var buf bytes.Buffer
//	if err := v.Render(&buf); err != nil { … }
//	w.Header().Set("Content-Security-Policy", skin.ContentSecurityPolicy())
//
// Static files are served from memory by Set.Asset at /static/<hash>/<file>.
// A Reloader re-reads the skins when their files change (--dev); both it
// and a Set are a Provider.
//
// # The data contract
//
// Data is the whole contract: its json tags are the Mustache keys, listed in
// skin/DATA.md, which a test generates from the Go types. Key names follow
// MediaWiki's SkinMustache: html-* keys are HTML, rendered with
// {{{html-body}}}; data-* keys are lists and objects, used as sections;
// is-* and has-* keys are booleans; link-* keys are URLs; the rest is text
// that Mustache escapes. DataHook filters, pure functions of Data, may
// change the data of every page.
//
// # Checked at load
//
// cbroglie/mustache renders a missing variable or partial as "" and fetches
// and re-parses partials on every render. Load therefore checks every
// template against the contract, walking cbroglie's Tags() with the scope of
// each tag (a key inside {{#data-tabs}} may be a key of a tab or an outer
// key), and refuses, naming the file, line and tag: an unknown variable,
// section or partial; a list or object used as a variable; an html-* key
// that is escaped ({{html-body}}) and any other key that is not
// ({{{page-title}}}); set-delimiter tags; a partial that includes itself,
// is never included, or is not declared in skin.json. Then it expands the
// partials into the entry template (partials, a PartialProvider over a map
// filled at load, serves the checks) and parses it once, so a render reads
// no file and parses nothing. A Data with empty values still renders: they
// are empty strings and false sections. LoadLazy (folio serve's bundled
// skins, which the tests load with Load) leaves the checks and the parse
// of each skin to its first use: a start compiles nothing, and the first
// view compiles its skin's program alone.
//
// # Colour themes
//
// A skin with the dark_mode capability gets html-theme-script, an inline
// script that sets <html data-theme> from the folio_theme cookie (dark,
// light or auto) before the first paint. The server never varies on the
// cookie. The script's hash (CSPScriptHash) is the only inline script the
// Content-Security-Policy allows; skins have no inline event handlers and
// no inline styles.
//
// # Specialized views
//
// A skin's entry template is parsed once more, by the skin's own Mustache
// engine (package engine), and compiled against Data with UserKeys as its
// holes: View evaluates it once per revision, skin and reader class, and a
// request fills in the reader's keys. It renders the same bytes as Render
// (cbroglie); a template it cannot follow exactly stays on cbroglie.
//
// # Outside the server
//
// A page view is also three payloads (PagePayload, UserPayload, Bundle:
// the API's /api/v1/pageinfo/T, /api/v1/userinfo, /api/v1/skins/NAME),
// which PayloadData merges into the view's Data. js/folio-render.js is the
// same recipe in JavaScript, for a browser, a service worker or the edge:
// it is served with mustache.js as static assets (the bundle's
// render-scripts), and what it needs beyond the payloads comes in the
// bundle's Recipe, generated here. Extensions' DataHook filters run there
// as their JavaScript twins (RegisterRenderScript). Tests hold the script
// to the Go recipe, data and bytes (recipejs_test.go).
package skin
