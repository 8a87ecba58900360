// Package router is Folio's declarative route registry. Every request is
// classified — page view, dynamic view, action, static asset, API call or
// redirect — before any handler runs, as a pure function of method, path
// and query. The same declarations drive Cache-Control, rights and CSRF
// checks, canonical-URL redirects, MediaWiki URL compatibility, and the
// routes.json file from which CDN configurations are generated.
//
// # Declaring a route
//
// All built-in routes are one []Route literal in routes.go, grouped by
// class. A route is data:
//
//	{Name: "page.history", Class: ClassDynamic, Methods: []string{"GET"},
//		Pattern: "/-/history/*title", Query: list(50), Right: RightRead,
//		Cache: DynamicCache, Legacy: &Legacy{Actions: []string{"history"}},
//		Doc: "the revisions of a page"}
//
// Patterns use julienschmidt/httprouter syntax (":name" for one segment,
// "*name" for the rest of the path). Titles may contain "/", so they are
// catch-alls. The name of a path parameter says what it holds:
//
//	title    a page title: normalized (TitleFromPath); a non-canonical
//	         spelling is a 301 on GET/HEAD, served as normalized otherwise;
//	         a Special: title is a 404 except on views, where it redirects
//	id a b   a revision id: a positive decimal integer ("007" redirects to "7")
//	hash     a static asset fingerprint: [0-9A-Za-z_-]{1,64}
//	file     a relative file path without empty, "." or ".." segments
//	other    any non-empty text, percent-decoded once
//
// Query lists the query parameters a route reads (QueryString trimmed,
// QueryInt clamped, QueryTitle normalized); their normalized values are in
// Match.Params, defaults included. Query parameters a route does not
// declare are ignored, and query spelling never causes a redirect. GET
// implies HEAD. Legacy declares which MediaWiki URLs redirect to the route.
//
// Extensions add routes from init(), before the registry is built:
//
//	func init() {
//		router.Register(router.Route{Name: "cite.list", Class: router.ClassDynamic,
//			Methods: []string{"GET"}, Pattern: "/-/cite/*title", Right: router.RightRead,
//			Legacy: &router.Legacy{Special: []string{"Cite"}, Subpage: "title"}})
//	}
//
// Bad declarations panic when the registry is built, naming the route and
// its pattern: duplicate names, patterns httprouter cannot tell apart, an
// unknown class, right or method, a view, dynamic view, static or redirect
// route that accepts an unsafe method, an action with an unsafe method and
// no CSRF, CSRF without an unsafe method, a cache policy that contradicts
// the class, query parameters with bad bounds, MediaWiki actions or special
// pages claimed twice, and two routes under one CDN path pattern that
// disagree on whether shared caches may store them.
//
// # Classes, caching and the CDN
//
//	class     paths             Cache-Control                          CDN
//	view      /wiki/*, /sitemap.xml
//	                            public, s-maxage=300, max-age=0;       cached per path, query stripped;
//	                            private, no-cache with a session       bypassed with the session cookie
//	dynamic   /-/*              private, no-cache                      never cached, all to origin
//	action    /-/*              private, no-store                      never cached, all methods pass;
//	                                                                   POST needs a CSRF token
//	static    /static/*         public, max-age=31536000, immutable    cached a year
//	file      /files/*          public, max-age=31536000, immutable    cached a year; no viewer function
//	api       /api/*            private, no-store                      never cached; token auth
//	          /api/v1/pageinfo/*, /api/v1/skins/* (PublicAPICache: a GET the same for every reader)
//	                            public, s-maxage=300, max-age=0        cached for everyone, sessions too
//	redirect  /, /wiki, /index.php, /index.php/*, and any non-canonical URL
//	                            public, s-maxage=86400, max-age=3600   cacheable 301, key = path + legacy query keys
//
// A view's response differs for logged-in users (their name, their
// notifications), so CachePolicy.Session makes it private when the session
// cookie is present, and CDNs put that cookie in the cache key instead of
// using Vary: Cookie. Route.CacheControl(loggedIn) gives the header value.
//
// # Classification
//
// Classify(method, url) looks the path up in the registry's httprouter
// tree (RedirectFixedPath and RedirectTrailingSlash off: the registry
// decides canonical URLs) and returns a Match: the route, its class, its
// parameters, and a status — 200; 301 with Location (path and query, no
// host); 400 for bad input such as a bad title or an unknown ?action=; 404
// when nothing is there; 405 with Allow when the path exists for other
// methods. A path no route matches is tried again with its "." and ".."
// segments resolved and its runs of slashes collapsed (CleanPath), as
// MediaWiki does: //wiki/Foo and /x/../wiki/Foo are 301s to /wiki/Foo. A
// canonical page view allocates once and takes well under a microsecond.
//
// These are redirects, decided here rather than by handlers, so that a CDN
// caches one URL per page: non-canonical titles (/wiki/foo_bar →
// /wiki/Foo_bar, /wiki/Foo%20Bar → /wiki/Foo_Bar); / and /wiki/ → the main
// page; MediaWiki's /index.php?title=T&action=edit (and /wiki/T?action=…,
// /index.php/T) → /-/edit/T; ?oldid=N → /-/revision/N; ?diff=N&oldid=M →
// /-/diff/M/N; /index.php?search=q and Special:Search → /-/search?q=q;
// Special:RecentChanges, AllPages, UserLogin, CreateAccount, UserLogout,
// Preferences, MovePage/T, WhatLinksHere/T, Contributions/NAME and Random → their /-/ routes (special
// page names match case-insensitively; one Folio lacks is a 404); a title
// with '#' (/wiki/Foo%23Bar) → /wiki/Foo#Bar; a namespace alias
// (/wiki/Image:X) → its namespace (/wiki/File:X). ?action=delete without a
// title is a 400 (Legacy.NeedsTitle), not the main page's. The canonical
// URL of every 200 (Match.CanonicalURL) classifies to itself, and every
// Location to a 200 of Match.Target.
//
// # Dispatch
//
// The server mounts one HandlerFunc per route name with Registry.Handler:
//
//	reg := router.Build(cfg)
//	h, err := reg.Handler(map[string]router.HandlerFunc{
//		"page.view": srv.pageView,
//		// … every route but the redirects
//	}, router.HandlerOptions{
//		Middleware:     []router.Middleware{srv.cacheHeaders, srv.requireRight, srv.requireCSRF},
//		OnError:        srv.routeError,   // 400, 404, 405
//		OnHandlerError: srv.handlerError, // a handler returned an error
//	})
//
// Handler fails unless every non-redirect route has a handler and every
// handler has a route. The returned http.Handler classifies each request
// once (from r.URL.EscapedPath() and r.URL.RawQuery), answers redirects
// itself, hands 4xx to OnError (with Allow already set for 405), and
// otherwise calls the route's middleware chain and handler with the Match.
// A Middleware is built once per route from its declaration, so it can
// return next unchanged when it does not apply (no CSRF check on routes
// without CSRF, say). Middleware does not see redirects or 4xx: wrap the
// returned http.Handler for what must see every request (access logs).
//
// # Building URLs
//
// Registry.Path is the one way to write a URL of the site: the path of a
// route by name, its path parameters given as key, value pairs and escaped
// as in canonical URLs. A query is the caller's to add:
//
//	reg.Path("page.edit", "title", "Café")      // "/-/edit/Caf%C3%A9"
//	reg.Path("page.diff", "a", "7", "b", "9")   // "/-/diff/7/9"
//	next := reg.Path("page.history", "title", t) + "?" +
//		url.Values{"before": {"120"}, "limit": {"50"}}.Encode()
//
// An unknown name, or keys other than the route's path parameters, panic:
// a programming error, which internal/urlcheck finds by checking every
// literal route name in the code against the registry (and fails on
// hand-built "/-/" and "/wiki/" literals outside this package).
// TitleURL(key) is Path("page.view", "title", key) without a registry,
// derived from the page.view declaration. Route.URL builds a canonical URL
// with its declared query parameters from Params.
//
// # Titles
//
// NormalizeTitle (raw text: links, file names, form fields) and
// TitleFromPath (escaped URL path segments) turn titles into DB keys by
// MediaWiki's rules: "user: alice/notes" → "User:Alice/notes", and
// ".hack//SIGN" keeps its slashes. SplitTitle also splits a fragment off
// ("Foo#Bar"). TitleURL and EscapeTitle go back; DisplayTitle shows a key
// to readers. InNamespace, CutNamespace, NamespaceTitle, CategoryTitle and
// UserTitle read and make namespaced keys (CategoryNamespace …), so that no
// caller spells "Category:" itself. Errors wrap ErrBadTitle.
// docs/titles.md has the rules beside MediaWiki's, and routertest the
// replay of MediaWiki's own title tests.
//
// # routes.json
//
// Registry.ExportJSON is the interchange form of the registry, checked in at
// the repository root and printed by "folio routes export"; ROUTES_JSON.md
// documents its schema. A test fails when the file is stale ("make routes"
// regenerates it) or when it changed without a new Version.
package router
