package router

import (
	"slices"
	"time"
)

// The cache policies of the default routes. Extensions use them in their own
// declarations; they must not be modified.
var (
	// ViewCache: the CDN keeps anonymous views for 5 minutes (edits purge
	// them sooner); browsers revalidate; sessions bypass the CDN.
	ViewCache = CachePolicy{Shared: true, Session: true, SMaxAge: 5 * time.Minute, Vary: []string{"Accept-Encoding"}}
	// DynamicCache: never stored by shared caches; browsers revalidate.
	DynamicCache = CachePolicy{}
	// PrivateCache: never stored anywhere (forms with CSRF tokens, API).
	PrivateCache = CachePolicy{NoStore: true}
	// StaticCache: fingerprinted assets, kept for a year everywhere.
	StaticCache = CachePolicy{Shared: true, MaxAge: 365 * 24 * time.Hour, Immutable: true, Vary: []string{"Accept-Encoding"}}
	// RedirectCache: every 301 the router answers, the same for everyone.
	RedirectCache = CachePolicy{Shared: true, SMaxAge: 24 * time.Hour, MaxAge: time.Hour}
	// PublicAPICache: an API read whose answer is the same for every
	// reader, logged in or not (a revision's PageInfo, a skin bundle):
	// shared caches keep it as long as a view, sessions included;
	// browsers revalidate.
	PublicAPICache = CachePolicy{Shared: true, SMaxAge: 5 * time.Minute, Vary: []string{"Accept-Encoding"}}
	// WorkerCache: the service worker's script, the same for everyone.
	// Browsers check it for updates past their own cache; the CDN keeps
	// it a minute (a view's policy, shorter), so a new release reaches
	// every browser within one.
	WorkerCache = CachePolicy{Shared: true, Session: true, SMaxAge: time.Minute, Vary: []string{"Accept-Encoding"}}
)

var (
	get     = []string{"GET", "HEAD"}
	getPost = []string{"GET", "HEAD", "POST"}
)

// list is the paging of dynamic lists.
func list(limit int) []QueryParam {
	return []QueryParam{
		{Name: "offset", Kind: QueryInt, Min: 0, Max: 1_000_000},
		{Name: "limit", Kind: QueryInt, Min: 1, Max: 500, Default: limit},
	}
}

// before is the paging of lists ordered newest first by id: the page after
// one that ended at id N starts at before=N.
func before(limit int) []QueryParam {
	return []QueryParam{
		{Name: "before", Kind: QueryInt, Min: 0, Max: 1<<62 - 1},
		{Name: "limit", Kind: QueryInt, Min: 1, Max: 500, Default: limit},
	}
}

// routes is the default registry. Pattern parameter names carry meaning:
// title is a page title, id, a and b are revision ids, hash and file name a
// static asset (see the package documentation).
var routes = []Route{
	// Views: cached at the edge for anonymous readers; sessions bypass.
	{Name: "page.view", Class: ClassView, Methods: get, Pattern: "/wiki/*title", Right: RightRead, Cache: ViewCache, SelfEncoded: true, ESI: "user.fragment",
		Query:  []QueryParam{{Name: "useskin", Kind: QueryString, MaxLen: 64, Private: true}, {Name: "uselang", Kind: QueryString, MaxLen: 35, Private: true}, {Name: "redirect", Kind: QueryString, MaxLen: 3}},
		Legacy: &Legacy{Actions: []string{"view"}, Query: map[string]string{"redirect": "redirect"}},
		Doc:    "the current revision of a page; a redirect shows its target (redirect=no: the redirect itself)"},
	{Name: "favicon", Class: ClassView, Methods: get, Pattern: "/favicon.ico", Cache: ViewCache,
		Doc: "the site icon, where browsers look for it"},
	{Name: "service-worker", Class: ClassView, Methods: get, Pattern: "/sw.js", Cache: WorkerCache,
		Doc: "the service worker (offline reading, in-browser page views), at the root so that it controls every path; the same for every reader"},
	{Name: "webmanifest", Class: ClassView, Methods: get, Pattern: "/manifest.webmanifest", Cache: ViewCache,
		Doc: "the web app manifest that makes the wiki installable: its name, icon and main page; the same for every reader"},
	{Name: "sitemap", Class: ClassView, Methods: get, Pattern: "/sitemap.xml", Right: RightRead, HostURLs: true, Cache: ViewCache,
		Doc: "the sitemap index, for crawlers: the sitemap files, each with its newest change"},
	{Name: "sitemap.file", Class: ClassView, Methods: get, Pattern: "/sitemap-:part", Right: RightRead, HostURLs: true, Cache: ViewCache,
		Doc: "one file of the sitemap (part: N.xml, from 1): the canonical URLs of a run of pages in title order, each with when it last changed"},

	// Dynamic views: /-/, never cached; they depend on the query or on more than one revision.
	{Name: "page.history", Class: ClassDynamic, Methods: get, Pattern: "/-/history/*title", Query: before(50), Right: RightRead, Cache: DynamicCache,
		Legacy: &Legacy{Actions: []string{"history"}, Query: map[string]string{"limit": "limit"}}, Doc: "the revisions of a page"},
	{Name: "page.diff", Class: ClassDynamic, Methods: get, Pattern: "/-/diff/:a/:b", Right: RightRead, Cache: DynamicCache,
		Query:  []QueryParam{{Name: "view", Kind: QueryString, MaxLen: 16}},
		Legacy: &Legacy{Query: map[string]string{"oldid": "a", "diff": "b"}}, Doc: "the changes from revision a to revision b; view=side shows them side by side"},
	{Name: "page.revision", Class: ClassDynamic, Methods: get, Pattern: "/-/revision/:id", Right: RightRead, Cache: DynamicCache,
		Legacy: &Legacy{Query: map[string]string{"oldid": "id"}, Special: []string{"PermanentLink", "PermaLink"}, Subpage: "id", ByQuery: true},
		Doc:    "one revision of a page, as it was"},
	// The article alone, as MediaWiki's action=render: cached like the view.
	{Name: "page.render", Class: ClassView, Methods: get, Pattern: "/-/render/*title", Right: RightRead, Cache: ViewCache,
		Legacy: &Legacy{Actions: []string{"render"}}, Doc: "the article HTML of a page's current revision without a skin (MediaWiki's action=render), the same for every reader"},
	{Name: "page.raw", Class: ClassDynamic, Methods: get, Pattern: "/-/raw/*title", Right: RightRead, Cache: DynamicCache,
		Legacy: &Legacy{Actions: []string{"raw"}}, Doc: "the Markdown source of the current revision"},
	{Name: "page.source", Class: ClassDynamic, Methods: get, Pattern: "/-/source/*title", Right: RightRead, Cache: DynamicCache,
		Doc: "the Markdown source of the current revision, read-only in the skin (View source)"},
	{Name: "page.backlinks", Class: ClassDynamic, Methods: get, Pattern: "/-/backlinks/*title", Query: list(50), Right: RightRead, Cache: DynamicCache,
		Legacy: &Legacy{Special: []string{"WhatLinksHere"}, Subpage: "title", Query: map[string]string{"target": "title", "limit": "limit"}},
		Doc:    "the pages that link to a page"},
	{Name: "page.info", Class: ClassDynamic, Methods: get, Pattern: "/-/info/*title", Right: RightRead, Cache: DynamicCache,
		Legacy: &Legacy{Actions: []string{"info"}},
		Doc:    "facts about a page: creation, edits and authors, length, links in and out, categories, protection, redirects"},
	{Name: "search", Class: ClassDynamic, Methods: get, Pattern: "/-/search", Right: RightRead, Cache: DynamicCache,
		Query: append([]QueryParam{{Name: "q", Kind: QueryString}, {Name: "fulltext", Kind: QueryString, MaxLen: 16}}, list(20)...),
		Legacy: &Legacy{Special: []string{"Search"}, Subpage: "q",
			Query: map[string]string{"search": "q", "limit": "limit", "offset": "offset", "fulltext": "fulltext"}},
		Doc: "full-text search; a q that is a page's title redirects (302) to it unless fulltext=1; an empty q shows the form"},
	{Name: "recent", Class: ClassDynamic, Methods: get, Pattern: "/-/recent", Right: RightRead, Cache: DynamicCache,
		Query: append(before(50), QueryParam{Name: "user", Kind: QueryString, MaxLen: 255},
			QueryParam{Name: "namespace", Kind: QueryString, MaxLen: 64}, QueryParam{Name: "hideminor", Kind: QueryInt, Min: 0, Max: 1},
			QueryParam{Name: "hideown", Kind: QueryInt, Min: 0, Max: 1}, QueryParam{Name: "hideimports", Kind: QueryInt, Min: 0, Max: 1}),
		Legacy: &Legacy{Special: []string{"RecentChanges"},
			Query: map[string]string{"limit": "limit", "hideminor": "hideminor", "hidemyself": "hideown"}},
		Doc: "recent changes, by day; filters: user, namespace, hideminor=1, hideown=1 (logged-in), hideimports=1"},
	{Name: "user.contributions", Class: ClassDynamic, Methods: get, Pattern: "/-/contributions/:user", Query: before(50), Right: RightRead, Cache: DynamicCache,
		Legacy: &Legacy{Special: []string{"Contributions"}, Subpage: "user", Query: map[string]string{"target": "user", "limit": "limit"}},
		Doc:    "a user's edits, newest first"},
	{Name: "random", Class: ClassDynamic, Methods: get, Pattern: "/-/random", Right: RightRead, Cache: PrivateCache,
		Legacy: &Legacy{Special: []string{"Random", "RandomPage"}}, Doc: "a 302 to a random page that is not a redirect (never cached)"},
	// A reader's own part of a page view whose body an ESI cache keeps
	// (page.view's ESI): never stored.
	{Name: "user.fragment", Class: ClassDynamic, Methods: get, Pattern: "/-/userfragment/:hole/*title", Right: RightRead, Cache: PrivateCache,
		Query: []QueryParam{{Name: "redirect", Kind: QueryString, MaxLen: 3}},
		Doc:   "hole N (from 0) of the page view of a page, filled for the reader: what an ESI cache includes in the body it keeps for the reader's class (folio_class)"},
	{Name: "recent.feed", Class: ClassDynamic, Methods: get, Pattern: "/-/feed/recent.atom", Right: RightRead, HostURLs: true, Cache: DynamicCache,
		Doc: "recent changes as an Atom feed"},
	{Name: "page.feed", Class: ClassDynamic, Methods: get, Pattern: "/-/feed/history/*title", Right: RightRead, HostURLs: true, Cache: DynamicCache,
		Doc: "a page's revisions as an Atom feed"},
	{Name: "health.live", Class: ClassDynamic, Methods: get, Pattern: "/-/healthz", Cache: PrivateCache,
		Doc: "liveness: the process answers"},
	{Name: "health.ready", Class: ClassDynamic, Methods: get, Pattern: "/-/readyz", Cache: PrivateCache,
		Doc: "readiness: the store answers"},
	{Name: "pages.all", Class: ClassDynamic, Methods: get, Pattern: "/-/all", Right: RightRead, Cache: DynamicCache,
		Query:  []QueryParam{{Name: "from", Kind: QueryTitle}, {Name: "limit", Kind: QueryInt, Min: 1, Max: 500, Default: 200}},
		Legacy: &Legacy{Special: []string{"AllPages"}, Subpage: "from", Query: map[string]string{"from": "from"}}, Doc: "all pages, by title"},

	// Actions: /-/, never cached; a form on GET, a CSRF-checked change on POST.
	{Name: "page.edit", Class: ClassAction, Methods: getPost, Pattern: "/-/edit/*title", Right: RightEdit, Cache: PrivateCache, CSRF: true,
		Query: []QueryParam{{Name: "undo", Kind: QueryInt, Min: 0, Max: 1<<62 - 1}, {Name: "undoafter", Kind: QueryInt, Min: 0, Max: 1<<62 - 1},
			{Name: "section", Kind: QueryString, MaxLen: 20}},
		ViewIfDenied: true, Legacy: &Legacy{Actions: []string{"edit"}, Query: map[string]string{"undo": "undo", "undoafter": "undoafter", "section": "section"}},
		Doc: "edit or create a page (creating also needs the create right); undo=N (undoafter=M) opens it with revision N's change reverted; section=N edits section N only, section=new adds a section"},
	{Name: "page.move", Class: ClassAction, Methods: getPost, Pattern: "/-/move/*title", Right: RightMove, Cache: PrivateCache, CSRF: true,
		Legacy: &Legacy{Actions: []string{"move"}, Special: []string{"MovePage"}, Subpage: "title", Query: map[string]string{"target": "title"}},
		Doc:    "rename a page"},
	{Name: "page.delete", Class: ClassAction, Methods: getPost, Pattern: "/-/delete/*title", Right: RightDelete, Cache: PrivateCache, CSRF: true,
		Legacy: &Legacy{Actions: []string{"delete"}, NeedsTitle: true}, Doc: "delete a page"},
	{Name: "page.protect", Class: ClassAction, Methods: getPost, Pattern: "/-/protect/*title", Right: RightProtect, Cache: PrivateCache, CSRF: true,
		Legacy: &Legacy{Actions: []string{"protect", "unprotect"}}, Doc: "change who may edit or move a page"},
	{Name: "page.rollback", Class: ClassAction, Methods: getPost, Pattern: "/-/rollback/*title", Right: RightRollback, Cache: PrivateCache, CSRF: true,
		Query:  []QueryParam{{Name: "from", Kind: QueryString, MaxLen: 255}},
		Legacy: &Legacy{Actions: []string{"rollback"}, NeedsTitle: true, Query: map[string]string{"from": "from"}},
		Doc:    "revert the latest consecutive edits of one user (from) in one save (GET asks, POST does it)"},
	{Name: "user.login", Class: ClassAction, Methods: getPost, Pattern: "/-/login", Cache: PrivateCache, CSRF: true,
		Query:  []QueryParam{{Name: "returnto", Kind: QueryTitle}},
		Legacy: &Legacy{Special: []string{"UserLogin", "Login"}, Query: map[string]string{"returnto": "returnto"}}, Doc: "log in"},
	{Name: "user.register", Class: ClassAction, Methods: getPost, Pattern: "/-/register", Cache: PrivateCache, CSRF: true,
		Query:  []QueryParam{{Name: "returnto", Kind: QueryTitle}},
		Legacy: &Legacy{Special: []string{"CreateAccount"}, Query: map[string]string{"returnto": "returnto"}},
		Doc:    "create an account and log in (with --registration open; a 403 otherwise)"},
	{Name: "user.logout", Class: ClassAction, Methods: getPost, Pattern: "/-/logout", Cache: PrivateCache, CSRF: true,
		Legacy: &Legacy{Special: []string{"UserLogout", "Logout"}}, Doc: "log out (GET asks, POST does it)"},
	{Name: "user.preferences", Class: ClassAction, Methods: getPost, Pattern: "/-/preferences", Cache: PrivateCache, CSRF: true,
		Legacy: &Legacy{Special: []string{"Preferences"}}, Doc: "the logged-in user's preferences (anonymous users are sent to log in)"},
	{Name: "user.tokens", Class: ClassAction, Methods: getPost, Pattern: "/-/tokens", Cache: PrivateCache, CSRF: true,
		Doc: "the logged-in user's API tokens: create one (its secret is shown once), list, revoke"},
	{Name: "page.watch", Class: ClassAction, Methods: getPost, Pattern: "/-/watch/*title", Cache: PrivateCache, CSRF: true,
		Query:  []QueryParam{{Name: "expiry", Kind: QueryString, MaxLen: 32}},
		Legacy: &Legacy{Actions: []string{"watch"}, Query: map[string]string{"watchlistexpiry": "expiry"}},
		Doc:    "add a page and its talk page to the logged-in user's watchlist (GET asks, POST does it); expiry: 1 week, 1 month, 3 months, 6 months or infinite; JSON {watched, expires} back to a fetch with Accept: application/json"},
	{Name: "page.unwatch", Class: ClassAction, Methods: getPost, Pattern: "/-/unwatch/*title", Cache: PrivateCache, CSRF: true,
		Legacy: &Legacy{Actions: []string{"unwatch"}},
		Doc:    "remove a page and its talk page from the logged-in user's watchlist (GET asks, POST does it); JSON {watched} back to a fetch with Accept: application/json"},
	{Name: "user.watchlist", Class: ClassAction, Methods: getPost, Pattern: "/-/watchlist", Cache: PrivateCache, CSRF: true,
		Query: []QueryParam{{Name: "days", Kind: QueryInt, Min: 1, Max: 30, Default: 7},
			{Name: "hideown", Kind: QueryInt, Min: 0, Max: 1}, {Name: "hideminor", Kind: QueryInt, Min: 0, Max: 1}},
		Legacy: &Legacy{Special: []string{"Watchlist"}, Query: map[string]string{"days": "days"}},
		Doc:    "changes to the logged-in user's watched pages in the last days (at most 30), newest first, unseen ones marked; hideown=1, hideminor=1 filter; POST marks all as seen"},
	{Name: "user.watchlist.edit", Class: ClassAction, Methods: getPost, Pattern: "/-/watchlist/edit", Cache: PrivateCache, CSRF: true,
		Query:  []QueryParam{{Name: "from", Kind: QueryString, MaxLen: 255}, {Name: "removed", Kind: QueryInt, Min: 0, Max: 1 << 20}},
		Legacy: &Legacy{Special: []string{"EditWatchlist"}},
		Doc:    "the logged-in user's watched pages by title from from=: view them and remove some (POST title=… for each; removed=N says how many were)"},
	{Name: "user.notifications", Class: ClassAction, Methods: getPost, Pattern: "/-/notifications", Cache: PrivateCache, CSRF: true,
		Query:  before(50),
		Legacy: &Legacy{Special: []string{"Notifications"}},
		Doc:    "the logged-in user's notifications, newest first; POST marks them read (id=… for some, all of them without)"},
	{Name: "watchlist.feed", Class: ClassDynamic, Methods: get, Pattern: "/-/feed/watchlist.atom", HostURLs: true, Cache: PrivateCache,
		Query: []QueryParam{{Name: "user", Kind: QueryString, MaxLen: 255}, {Name: "token", Kind: QueryString, MaxLen: 64},
			{Name: "days", Kind: QueryInt, Min: 1, Max: 30, Default: 7}},
		Doc: "a user's watchlist as an Atom feed, for feed readers without a session: user=NAME&token=the watchlist token from the preferences"},

	{Name: "file.upload", Class: ClassAction, Methods: getPost, Pattern: "/-/upload", Right: RightUpload, Cache: PrivateCache, CSRF: true,
		Query:  []QueryParam{{Name: "name", Kind: QueryString}, {Name: "revert", Kind: QueryInt, Min: 0, Max: 1<<62 - 1}},
		Legacy: &Legacy{Special: []string{"Upload"}},
		Doc:    "the upload form (multipart: file, name, description, comment, csrf); ?name= fills in the target name; ?revert=VERSION&name= makes an old version current again"},

	// Static: fingerprinted assets, cached for a year, immutable.
	{Name: "static", Class: ClassStatic, Methods: get, Pattern: "/static/:hash/*file", Cache: StaticCache, SelfEncoded: true,
		Doc: "a skin asset; hash is its content fingerprint"},

	// Files: uploaded bytes under their SHA-256, cached for a year,
	// immutable. A name "<width>px-<name>" is the thumbnail of that width
	// (Path("file.thumb", …) builds it).
	{Name: "file.original", Class: ClassFile, Methods: get, Pattern: "/files/:sha/:name", Cache: StaticCache,
		Doc: "an uploaded file's bytes (sha is their SHA-256), or \"<width>px-<name>\" a thumbnail from the width ladder"},

	// API: JSON under /api/v1/, never cached, token auth. Later issues add to it.
	{Name: "api.page", Class: ClassAPI, Methods: get, Pattern: "/api/v1/pages/*title", Right: RightRead, Cache: PrivateCache,
		Doc: "a page's current revision: Markdown and metadata"},
	{Name: "api.page.put", Class: ClassAPI, Methods: []string{"PUT"}, Pattern: "/api/v1/pages/*title", Right: RightEdit, Cache: PrivateCache,
		Doc: "save a page: JSON {text, summary, base, minor}; 409 when base is not current; bearer token"},
	{Name: "api.file.put", Class: ClassAPI, Methods: []string{"POST"}, Pattern: "/api/v1/files/:name", Right: RightUpload, Cache: PrivateCache,
		Query: []QueryParam{{Name: "comment", Kind: QueryString, MaxLen: 1000}},
		Doc:   "upload a file as File:name: multipart (file, description, comment) or the bytes as the body (?comment=); JSON {name, sha, url, version, first} back; bearer token"},
	{Name: "api.preview", Class: ClassAPI, Methods: []string{"POST"}, Pattern: "/api/v1/preview", Right: RightEdit, Cache: PrivateCache, CSRF: true,
		Doc: "the live preview: JSON {title, text, section} in, the article HTML a view of the saved text would show out; the editor's session and CSRF token (X-CSRF-Token)"},
	{Name: "api.history", Class: ClassAPI, Methods: get, Pattern: "/api/v1/history/*title", Query: before(50), Right: RightRead, Cache: PrivateCache,
		Doc: "a page's revisions, newest first"},
	{Name: "api.search", Class: ClassAPI, Methods: get, Pattern: "/api/v1/search", Right: RightRead, Cache: PrivateCache,
		Query: append([]QueryParam{{Name: "q", Kind: QueryString}}, list(20)...), Doc: "full-text search"},
	{Name: "api.titles", Class: ClassAPI, Methods: get, Pattern: "/api/v1/titles", Right: RightRead, Cache: PrivateCache,
		Query: []QueryParam{{Name: "prefix", Kind: QueryString, MaxLen: 255}, {Name: "limit", Kind: QueryInt, Min: 1, Max: 50, Default: 10}},
		Doc:   "titles of pages starting with prefix (normalized as a title), sorted, at most limit (50): search suggestions"},
	// The skin payloads: what a skin renderer elsewhere (a browser, a
	// service worker, the edge) needs to draw a page view (docs/api.md).
	{Name: "api.pageinfo", Class: ClassAPI, Methods: get, Pattern: "/api/v1/pageinfo/*title", Right: RightRead, Cache: PublicAPICache,
		Query: []QueryParam{{Name: "oldid", Kind: QueryInt, Min: 0, Max: 1<<62 - 1}},
		Doc:   "the PageInfo of a page's current revision (oldid: of that revision) as the skin sees it: the same for every reader, cached like a view"},
	{Name: "api.userinfo", Class: ClassAPI, Methods: get, Pattern: "/api/v1/userinfo", Cache: PrivateCache,
		Doc: "the reader's UserInfo as the skin sees it; never stored (the anonymous one is a constant, revalidated by ETag)"},
	{Name: "api.skin", Class: ClassAPI, Methods: get, Pattern: "/api/v1/skins/:name", Cache: PublicAPICache,
		Query: []QueryParam{{Name: "uselang", Kind: QueryString, MaxLen: 35}, {Name: "v", Kind: QueryString, MaxLen: 64}},
		Doc:   "a skin bundle: templates, messages (uselang), assets, site keys and version; immutable when v is its hash"},
	{Name: "api.routes", Class: ClassAPI, Methods: get, Pattern: "/api/v1/routes", Right: RightRead, Cache: PrivateCache,
		Doc: "this registry, as routes.json"},

	// MediaWiki's Action API (docs/api.md): one endpoint, its modules
	// chosen by ?action=; reads and writes by GET or POST, with the
	// session cookie (action=login) or a bearer token; the write modules
	// check the Action API's own CSRF token (token=, from meta=tokens).
	// Its parameters are the modules', read by the handler: none declared.
	{Name: "mwapi", Class: ClassAPI, Methods: getPost, Pattern: "/api.php", Cache: PrivateCache, CSRFParam: "token",
		Doc: "MediaWiki's Action API, a subset (query, login, clientlogin, logout, edit, parse, move, delete, undelete, protect, watch, paraminfo for tokens; docs/api.md), format=json; errors as MediaWiki's, with status 200"},
	{Name: "mwapi.w", Class: ClassAPI, Methods: getPost, Pattern: "/w/api.php", Cache: PrivateCache, CSRFParam: "token",
		Doc: "MediaWiki's Action API at Wikimedia's path, as /api.php"},

	// Redirects: MediaWiki entry points, answered with a 301 by the router itself.
	{Name: "mw.root", Class: ClassRedirect, Methods: get, Pattern: "/", Cache: RedirectCache, Doc: "the main page, or a MediaWiki query"},
	{Name: "mw.wiki", Class: ClassRedirect, Methods: get, Pattern: "/wiki", Cache: RedirectCache, Doc: "the main page, or a MediaWiki query"},
	{Name: "mw.index", Class: ClassRedirect, Methods: get, Pattern: "/index.php", Cache: RedirectCache, Doc: "MediaWiki's index.php?title=T&action=A"},
	{Name: "mw.index.path", Class: ClassRedirect, Methods: get, Pattern: "/index.php/*title", Cache: RedirectCache, Doc: "MediaWiki's index.php/T"},
}

// Builtin returns a copy of the default routes, in declaration order.
func Builtin() []Route { return slices.Clone(routes) }
