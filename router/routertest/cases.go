// Package routertest holds the URL table that the router's tests, the
// "folio routes classify" tests and the CDN parity tests all check against
// the default registry.
package routertest

import "strings"

// Case is one request and how the default registry classifies it.
type Case struct {
	Method   string
	URL      string
	Status   int
	Class    string            // "view", …, "redirect", "error"
	Route    string            // the matched route; "" for errors
	Target   string            // redirects: the route of Location
	Location string            // redirects
	Params   map[string]string // when not nil, all of Match.Params
	Allow    string            // 405
}

func ok(method, url, class, route string, params map[string]string) Case {
	if route == "page.view" {
		// Views declare ?useskin=, ?uselang= and ?redirect=; their defaults are empty.
		for _, k := range []string{"useskin", "uselang", "redirect"} {
			if _, set := params[k]; !set {
				params[k] = ""
			}
		}
	}
	return Case{Method: method, URL: url, Status: 200, Class: class, Route: route, Params: params}
}

func moved(url, route, target, location string) Case {
	return Case{Method: "GET", URL: url, Status: 301, Class: "redirect", Route: route, Target: target, Location: location}
}

func bad(url string, status int) Case {
	return Case{Method: "GET", URL: url, Status: status, Class: "error"}
}

func notAllowed(method, url, allow string) Case {
	return Case{Method: method, URL: url, Status: 405, Class: "error", Allow: allow}
}

type p = map[string]string

// list is the default paging of the dynamic lists.
func list(extra p, limit string) p {
	out := p{"offset": "0", "limit": limit}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// Cases is the table. Keep it sorted by section; add a case for every bug.
var Cases = []Case{
	ok("GET", "/wiki/Main_Page?useskin=minimal", "view", "page.view", p{"title": "Main_Page", "useskin": "minimal"}),
	// Canonical URLs: 200.
	ok("GET", "/wiki/Main_Page", "view", "page.view", p{"title": "Main_Page"}),
	ok("HEAD", "/wiki/Main_Page", "view", "page.view", p{"title": "Main_Page"}),
	ok("GET", "/wiki/Main_Page#History", "view", "page.view", p{"title": "Main_Page"}),
	ok("GET", "/wiki/Main_Page?utm_source=news&printable=yes", "view", "page.view", p{"title": "Main_Page"}),
	ok("GET", "/wiki/Foo/Bar_Baz", "view", "page.view", p{"title": "Foo/Bar_Baz"}),
	ok("GET", "/wiki/Guide/Getting_started/Install", "view", "page.view", p{"title": "Guide/Getting_started/Install"}),
	ok("GET", "/wiki/User:Alice", "view", "page.view", p{"title": "User:Alice"}),
	ok("GET", "/wiki/Category:Go_tools", "view", "page.view", p{"title": "Category:Go_tools"}),
	ok("GET", "/wiki/Help:Contents/Editing", "view", "page.view", p{"title": "Help:Contents/Editing"}),
	ok("GET", "/wiki/Notanamespace:foo", "view", "page.view", p{"title": "Notanamespace:foo"}),
	ok("GET", "/wiki/Caf%C3%A9", "view", "page.view", p{"title": "Café"}),
	ok("GET", "/wiki/%E6%97%A5%E6%9C%AC", "view", "page.view", p{"title": "日本"}),
	ok("GET", "/wiki/C%2B%2B", "view", "page.view", p{"title": "C++"}),
	ok("GET", "/wiki/Foo_(bar)", "view", "page.view", p{"title": "Foo_(bar)"}),
	ok("GET", "/wiki/100%25", "view", "page.view", p{"title": "100%"}),
	ok("GET", "/wiki/Don%27t_panic", "view", "page.view", p{"title": "Don't_panic"}),
	ok("GET", "/wiki/Why%3F", "view", "page.view", p{"title": "Why?"}),
	ok("GET", "/wiki/A%26B", "view", "page.view", p{"title": "A&B"}),
	ok("GET", "/wiki/.htaccess", "view", "page.view", p{"title": ".htaccess"}),
	// MediaWiki keeps every slash of a title.
	ok("GET", "/wiki/.hack//SIGN", "view", "page.view", p{"title": ".hack//SIGN"}),
	ok("GET", "/wiki//Foo", "view", "page.view", p{"title": "/Foo"}),
	ok("GET", "/wiki/Foo/", "view", "page.view", p{"title": "Foo/"}),
	ok("GET", "/wiki/Foo//Bar", "view", "page.view", p{"title": "Foo//Bar"}),
	ok("GET", "/wiki/.../", "view", "page.view", p{"title": ".../"}),
	ok("GET", "/-/history//Foo", "dynamic", "page.history", p{"title": "/Foo", "before": "0", "limit": "50"}),
	ok("GET", "/wiki/Talk:Foo:Sandbox", "view", "page.view", p{"title": "Talk:Foo:Sandbox"}),
	ok("GET", "/wiki/User:Talk:Test", "view", "page.view", p{"title": "User:Talk:Test"}),
	ok("GET", "/wiki/A~~", "view", "page.view", p{"title": "A~~"}),
	ok("GET", "/wiki/AT%26T", "view", "page.view", p{"title": "AT&T"}),
	ok("GET", "/sitemap.xml", "view", "sitemap", p{}),
	ok("GET", "/sitemap-2.xml", "view", "sitemap.file", p{"part": "2.xml"}),
	ok("GET", "/-/history/Foo", "dynamic", "page.history", p{"title": "Foo", "before": "0", "limit": "50"}),
	ok("GET", "/-/history/Foo/Bar?limit=20&before=40", "dynamic", "page.history", p{"title": "Foo/Bar", "before": "40", "limit": "20"}),
	ok("GET", "/-/history/Foo?limit=9999&before=-3", "dynamic", "page.history", p{"title": "Foo", "before": "0", "limit": "500"}),
	ok("GET", "/-/diff/5/7", "dynamic", "page.diff", p{"a": "5", "b": "7", "view": ""}),
	ok("GET", "/-/diff/5/7?view=side", "dynamic", "page.diff", p{"a": "5", "b": "7", "view": "side"}),
	ok("GET", "/-/revision/42", "dynamic", "page.revision", p{"id": "42"}),
	ok("GET", "/-/raw/Foo/Bar", "dynamic", "page.raw", p{"title": "Foo/Bar"}),
	ok("GET", "/-/search?q=hello+world", "dynamic", "search", list(p{"q": "hello world", "fulltext": ""}, "20")),
	ok("GET", "/-/search?q=++hello+++world%09", "dynamic", "search", list(p{"q": "hello world", "fulltext": ""}, "20")),
	ok("GET", "/-/search", "dynamic", "search", list(p{"q": "", "fulltext": ""}, "20")),
	ok("GET", "/-/search?q=Go&fulltext=1", "dynamic", "search", list(p{"q": "Go", "fulltext": "1"}, "20")),
	ok("GET", "/-/recent", "dynamic", "recent", p{"before": "0", "limit": "50", "user": "", "namespace": "", "hideminor": "0", "hideown": "0", "hideimports": "0"}),
	ok("GET", "/-/recent?user=Alice&hideminor=1&before=7", "dynamic", "recent", p{"before": "7", "limit": "50", "user": "Alice", "namespace": "", "hideminor": "1", "hideown": "0", "hideimports": "0"}),
	ok("GET", "/-/recent?hideown=1&hideimports=1&namespace=Help", "dynamic", "recent", p{"before": "0", "limit": "50", "user": "", "namespace": "Help", "hideminor": "0", "hideown": "1", "hideimports": "1"}),
	ok("GET", "/-/feed/history/Foo/Bar", "dynamic", "page.feed", p{"title": "Foo/Bar"}),
	ok("GET", "/-/feed/recent.atom", "dynamic", "recent.feed", p{}),
	// The profiler and the metrics have listeners of their own
	// (--pprof-addr, --metrics-addr): nothing of theirs on the public one.
	bad("/-/debug/pprof/", 404),
	bad("/-/debug/pprof/cmdline", 404),
	bad("/-/metrics", 404),
	ok("GET", "/-/backlinks/User:Alice", "dynamic", "page.backlinks", list(p{"title": "User:Alice"}, "50")),
	ok("GET", "/-/info/User:Alice", "dynamic", "page.info", p{"title": "User:Alice"}),
	ok("GET", "/-/contributions/Ada%20Lovelace?before=9", "dynamic", "user.contributions", p{"user": "Ada Lovelace", "before": "9", "limit": "50"}),
	ok("GET", "/-/random", "dynamic", "random", p{}),
	ok("GET", "/-/all?from=foo+bar", "dynamic", "pages.all", p{"from": "Foo_bar", "limit": "200"}),
	ok("GET", "/-/edit/Foo", "action", "page.edit", p{"title": "Foo", "undo": "0", "undoafter": "0", "section": ""}),
	ok("GET", "/-/edit/Foo?undo=9&undoafter=4", "action", "page.edit", p{"title": "Foo", "undo": "9", "undoafter": "4", "section": ""}),
	ok("POST", "/-/edit/Foo", "action", "page.edit", p{"title": "Foo", "undo": "0", "undoafter": "0", "section": ""}),
	ok("GET", "/-/edit/Foo?section=2", "action", "page.edit", p{"title": "Foo", "undo": "0", "undoafter": "0", "section": "2"}),
	ok("GET", "/-/edit/Foo?section=new", "action", "page.edit", p{"title": "Foo", "undo": "0", "undoafter": "0", "section": "new"}),
	ok("POST", "/-/rollback/Foo", "action", "page.rollback", p{"title": "Foo", "from": ""}),
	ok("GET", "/-/rollback/Foo?from=Bob", "action", "page.rollback", p{"title": "Foo", "from": "Bob"}),
	ok("POST", "/-/edit/foo%20bar", "action", "page.edit", p{"title": "Foo_bar", "undo": "0", "undoafter": "0", "section": ""}),
	ok("GET", "/-/move/Foo", "action", "page.move", p{"title": "Foo"}),
	ok("POST", "/-/delete/Foo", "action", "page.delete", p{"title": "Foo"}),
	ok("GET", "/-/protect/Foo", "action", "page.protect", p{"title": "Foo"}),
	ok("GET", "/-/login?returnto=main+page", "action", "user.login", p{"returnto": "Main_page"}),
	ok("GET", "/-/register?returnto=main+page", "action", "user.register", p{"returnto": "Main_page"}),
	ok("POST", "/-/register", "action", "user.register", p{"returnto": ""}),
	ok("POST", "/-/logout", "action", "user.logout", p{}),
	ok("GET", "/-/preferences", "action", "user.preferences", p{}),
	ok("GET", "/-/tokens", "action", "user.tokens", p{}),
	ok("POST", "/-/tokens?revoke=3", "action", "user.tokens", p{}), // undeclared: the form carries what a POST means
	bad("/-/tokens/3", 404),
	ok("GET", "/static/0a1b2c3d/vector/style.css", "static", "static", p{"hash": "0a1b2c3d", "file": "vector/style.css"}),
	ok("GET", "/api/v1/pages/Foo", "api", "api.page", p{"title": "Foo"}),
	ok("GET", "/api/v1/pages/foo%20bar", "api", "api.page", p{"title": "Foo_bar"}),
	ok("PUT", "/api/v1/pages/Foo", "api", "api.page.put", p{"title": "Foo"}),
	ok("GET", "/api/v1/history/Foo?limit=5", "api", "api.history", p{"title": "Foo", "before": "0", "limit": "5"}),
	ok("GET", "/api/v1/search?q=x", "api", "api.search", p{"q": "x", "offset": "0", "limit": "20"}),
	ok("GET", "/api/v1/routes", "api", "api.routes", p{}),
	ok("GET", "/api/v1/titles?prefix=Foo&limit=99", "api", "api.titles", p{"prefix": "Foo", "limit": "50"}),
	ok("GET", "/api/v1/titles", "api", "api.titles", p{"prefix": "", "limit": "10"}),
	ok("GET", "/api/v1/pageinfo/Foo/Bar", "api", "api.pageinfo", p{"title": "Foo/Bar", "oldid": "0"}),
	ok("GET", "/api/v1/pageinfo/foo_bar", "api", "api.pageinfo", p{"title": "Foo_bar", "oldid": "0"}), // the API normalizes, never redirects
	ok("GET", "/api/v1/pageinfo/Foo?oldid=12", "api", "api.pageinfo", p{"title": "Foo", "oldid": "12"}),
	ok("GET", "/api/v1/userinfo", "api", "api.userinfo", p{}),
	ok("GET", "/api/v1/skins/desktop?uselang=de&v=abc", "api", "api.skin", p{"name": "desktop", "uselang": "de", "v": "abc"}),
	ok("GET", "/-/render/Foo", "view", "page.render", p{"title": "Foo"}),
	ok("GET", "/api.php?action=query&meta=siteinfo", "api", "mwapi", p{}), // the Action API reads its parameters itself
	ok("POST", "/api.php", "api", "mwapi", p{}),
	ok("GET", "/w/api.php?action=query", "api", "mwapi.w", p{}),
	ok("POST", "/w/api.php", "api", "mwapi.w", p{}),
	ok("GET", "https://wiki.example.org/wiki/Main_Page", "view", "page.view", p{"title": "Main_Page"}),

	// Non-canonical spellings: 301 to the canonical URL.
	moved("/wiki/Foo%20Bar", "page.view", "page.view", "/wiki/Foo_Bar"),
	moved("/wiki/Foo Bar", "page.view", "page.view", "/wiki/Foo_Bar"),
	moved("/wiki/foo", "page.view", "page.view", "/wiki/Foo"),
	moved("/wiki/Foo__Bar", "page.view", "page.view", "/wiki/Foo_Bar"),
	moved("/wiki/_Foo_", "page.view", "page.view", "/wiki/Foo"),
	moved("/wiki/Foo%2FBar", "page.view", "page.view", "/wiki/Foo/Bar"),
	moved("/wiki/user:alice", "page.view", "page.view", "/wiki/User:Alice"),
	moved("/wiki/CATEGORY:_go", "page.view", "page.view", "/wiki/Category:Go"),
	moved("/wiki/user_talk:bob", "page.view", "page.view", "/wiki/User_talk:Bob"),
	moved("/wiki/:Foo", "page.view", "page.view", "/wiki/Foo"),
	moved("/wiki/:Category:Quux", "page.view", "page.view", "/wiki/Category:Quux"),
	moved("/wiki/Image:Foo.jpg", "page.view", "page.view", "/wiki/File:Foo.jpg"),
	moved("/wiki/image:foo.jpg", "page.view", "page.view", "/wiki/File:Foo.jpg"),
	moved("/wiki/Media:Foo.jpg", "page.view", "page.view", "/wiki/File:Foo.jpg"),
	moved("/wiki/Image_talk:Foo.jpg", "page.view", "page.view", "/wiki/File_talk:Foo.jpg"),
	moved("/wiki/template:foo", "page.view", "page.view", "/wiki/Template:Foo"),
	moved("/index.php?title=Media:Foo_Bar", "mw.index", "page.view", "/wiki/File:Foo_Bar"),
	moved("/wiki/Foo%E1%A0%8Ebar", "page.view", "page.view", "/wiki/Foo_bar"),
	moved("/wiki/Foo%23bar", "page.view", "page.view", "/wiki/Foo#bar"),
	moved("/wiki/Foo_bar%23Intro_text", "page.view", "page.view", "/wiki/Foo_bar#Intro_text"),
	moved("/wiki/foo%23b%C3%A4r%20baz", "page.view", "page.view", "/wiki/Foo#b%C3%A4r_baz"),
	moved("/wiki/Foo%23", "page.view", "page.view", "/wiki/Foo"),
	moved("/wiki/%23Intro", "page.view", "page.view", "/wiki/Main_Page#Intro"),
	moved("/wiki/Foo%23bar?action=edit", "page.view", "page.edit", "/-/edit/Foo#bar"),
	moved("/index.php?title=Foo%23bar", "mw.index", "page.view", "/wiki/Foo#bar"),
	moved("/index.php/Foo%23bar", "mw.index.path", "page.view", "/wiki/Foo#bar"),
	moved("/-/history/Foo%23bar", "page.history", "page.history", "/-/history/Foo#bar"),
	// Paths that match no route are tried again with their dot segments
	// resolved and their slashes collapsed, as MediaWiki's PathRouter does.
	moved("//wiki/Foo", "page.view", "page.view", "/wiki/Foo"),
	moved("///wiki/Foo", "page.view", "page.view", "/wiki/Foo"),
	moved("/./wiki/Foo", "page.view", "page.view", "/wiki/Foo"),
	moved("/x/../wiki/Foo", "page.view", "page.view", "/wiki/Foo"),
	moved("/a//b/../../../wiki/Foo", "page.view", "page.view", "/wiki/Foo"),
	moved("//wiki/foo_bar?action=edit", "page.view", "page.edit", "/-/edit/Foo_bar"),
	moved("//wiki/Main_Page?useskin=minimal&utm_source=x", "page.view", "page.view", "/wiki/Main_Page?useskin=minimal"),
	moved("//wiki/Foo%23bar", "page.view", "page.view", "/wiki/Foo#bar"),
	moved("//-/history/Foo", "page.history", "page.history", "/-/history/Foo"),
	moved("//index.php?title=Foo", "mw.index", "page.view", "/wiki/Foo"),
	moved("/x/..", "mw.root", "page.view", "/wiki/Main_Page"),
	moved("/wiki/Café", "page.view", "page.view", "/wiki/Caf%C3%A9"),
	moved("/wiki/Cafe%CC%81", "page.view", "page.view", "/wiki/Caf%C3%A9"),
	moved("/wiki/caf%c3%a9", "page.view", "page.view", "/wiki/Caf%C3%A9"),
	moved("/wiki/%C3%A9t%C3%A9", "page.view", "page.view", "/wiki/%C3%89t%C3%A9"),
	moved("/wiki/C++", "page.view", "page.view", "/wiki/C%2B%2B"),
	moved("/wiki/Foo_%28bar%29", "page.view", "page.view", "/wiki/Foo_(bar)"),
	moved("/wiki/A%E2%80%8EB", "page.view", "page.view", "/wiki/AB"),
	moved("/wiki/A%C2%A0B", "page.view", "page.view", "/wiki/A_B"),
	moved("https://wiki.example.org/wiki/foo", "page.view", "page.view", "/wiki/Foo"),
	moved("/-/history/foo_bar", "page.history", "page.history", "/-/history/Foo_bar"),
	moved("/-/history/foo?limit=20&utm=x", "page.history", "page.history", "/-/history/Foo?limit=20"),
	moved("/-/edit/foo%20bar", "page.edit", "page.edit", "/-/edit/Foo_bar"),
	moved("/-/revision/007", "page.revision", "page.revision", "/-/revision/7"),
	moved("/static/0a1b2c3d/vector/style%2Ecss", "static", "static", "/static/0a1b2c3d/vector/style.css"),
	{Method: "HEAD", URL: "/wiki/foo", Status: 301, Class: "redirect", Route: "page.view", Target: "page.view", Location: "/wiki/Foo"},

	// The main page.
	moved("/", "mw.root", "page.view", "/wiki/Main_Page"),
	moved("/wiki/", "page.view", "page.view", "/wiki/Main_Page"),
	moved("/wiki", "mw.wiki", "page.view", "/wiki/Main_Page"),
	moved("/index.php", "mw.index", "page.view", "/wiki/Main_Page"),
	moved("/?utm_source=x", "mw.root", "page.view", "/wiki/Main_Page"),

	// MediaWiki URLs: 301 to their Folio equivalent.
	moved("/index.php?title=Foo_Bar", "mw.index", "page.view", "/wiki/Foo_Bar"),
	moved("/index.php?title=foo+bar", "mw.index", "page.view", "/wiki/Foo_bar"),
	moved("/index.php?title=Foo&action=view", "mw.index", "page.view", "/wiki/Foo"),
	moved("/index.php?title=Foo&action=edit", "mw.index", "page.edit", "/-/edit/Foo"),
	moved("/index.php?title=Foo&action=edit&section=new", "mw.index", "page.edit", "/-/edit/Foo?section=new"),
	moved("/wiki/Foo?action=edit&section=3", "page.view", "page.edit", "/-/edit/Foo?section=3"),
	moved("/index.php?title=Foo&action=history", "mw.index", "page.history", "/-/history/Foo"),
	moved("/index.php?title=Foo&action=render", "mw.index", "page.render", "/-/render/Foo"),
	moved("/wiki/Foo?action=render", "page.view", "page.render", "/-/render/Foo"),
	moved("/-/render/foo_bar", "page.render", "page.render", "/-/render/Foo_bar"),
	moved("/index.php?title=Foo&action=raw", "mw.index", "page.raw", "/-/raw/Foo"),
	moved("/index.php?title=Foo&action=delete", "mw.index", "page.delete", "/-/delete/Foo"),
	moved("/index.php?title=Foo&action=protect", "mw.index", "page.protect", "/-/protect/Foo"),
	moved("/index.php?title=Foo&action=move", "mw.index", "page.move", "/-/move/Foo"),
	moved("/index.php?action=edit", "mw.index", "page.edit", "/-/edit/Main_Page"),
	moved("/index.php?action=history", "mw.index", "page.history", "/-/history/Main_Page"),
	moved("/index.php?title=Foo&action=delete", "mw.index", "page.delete", "/-/delete/Foo"),
	moved("/index.php?title=Foo/Bar&action=history&limit=10", "mw.index", "page.history", "/-/history/Foo/Bar?limit=10"),
	moved("/wiki/Foo?action=edit", "page.view", "page.edit", "/-/edit/Foo"),
	moved("/index.php?title=Foo&action=edit&undo=9&undoafter=4", "mw.index", "page.edit", "/-/edit/Foo?undo=9&undoafter=4"),
	moved("/wiki/Foo?action=rollback&from=Bob", "page.view", "page.rollback", "/-/rollback/Foo?from=Bob"),
	moved("/wiki/foo?action=history&limit=10", "page.view", "page.history", "/-/history/Foo?limit=10"),
	moved("/wiki/Foo?action=view", "page.view", "page.view", "/wiki/Foo"),
	moved("/wiki/Foo?action=", "page.view", "page.view", "/wiki/Foo"),
	moved("/wiki/Foo?oldid=123", "page.view", "page.revision", "/-/revision/123"),
	moved("/index.php?oldid=123", "mw.index", "page.revision", "/-/revision/123"),
	moved("/index.php?title=Foo&diff=124&oldid=123", "mw.index", "page.diff", "/-/diff/123/124"),
	moved("/wiki/Foo?diff=124&oldid=123", "page.view", "page.diff", "/-/diff/123/124"),
	moved("/index.php?search=hello+world", "mw.index", "search", "/-/search?q=hello+world"),
	moved("/index.php?search=go&fulltext=1", "mw.index", "search", "/-/search?q=go&fulltext=1"),
	moved("/wiki/Special:RecentChanges?hidemyself=1", "page.view", "recent", "/-/recent?hideown=1"),
	moved("/wiki/Special:Search?search=go&limit=50", "page.view", "search", "/-/search?q=go&limit=50"),
	moved("/wiki/Special:Search/go_tools", "page.view", "search", "/-/search?q=go+tools"),
	moved("/wiki/Special:Search", "page.view", "search", "/-/search"),
	moved("/wiki/Special:RecentChanges", "page.view", "recent", "/-/recent"),
	moved("/wiki/special:recentchanges?limit=100&days=30", "page.view", "recent", "/-/recent?limit=100"),
	moved("/wiki/Special:Recentchanges", "page.view", "recent", "/-/recent"),
	moved("/wiki/SPECIAL:RECENTCHANGES", "page.view", "recent", "/-/recent"),
	moved("/wiki/special:allpages", "page.view", "pages.all", "/-/all"),
	moved("/wiki/Special:Whatlinkshere/foo_bar", "page.view", "page.backlinks", "/-/backlinks/Foo_bar"),
	moved("/wiki/Special:Login", "page.view", "user.login", "/-/login"),
	moved("/wiki/Special:PermanentLink/5", "page.view", "page.revision", "/-/revision/5"),
	moved("/wiki/special:permalink/007", "page.view", "page.revision", "/-/revision/7"),
	moved("/index.php?title=Special:PermanentLink/5", "mw.index", "page.revision", "/-/revision/5"),
	moved("/wiki/Special:Logout", "page.view", "user.logout", "/-/logout"),
	moved("/wiki/Special:Search/.hack//SIGN", "page.view", "search", "/-/search?q=.hack%2F%2FSIGN"),
	moved("/index.php?title=Special:RecentChanges", "mw.index", "recent", "/-/recent"),
	moved("/wiki/Special:AllPages", "page.view", "pages.all", "/-/all"),
	moved("/wiki/Special:AllPages/b", "page.view", "pages.all", "/-/all?from=B"),
	moved("/wiki/Special:UserLogin?returnto=Foo", "page.view", "user.login", "/-/login?returnto=Foo"),
	moved("/wiki/Special:CreateAccount", "page.view", "user.register", "/-/register"),
	moved("/wiki/Special:CreateAccount?returnto=foo_bar", "page.view", "user.register", "/-/register?returnto=Foo_bar"),
	moved("/index.php?title=Special:CreateAccount&returnto=Foo", "mw.index", "user.register", "/-/register?returnto=Foo"),
	moved("/wiki/Special:UserLogout", "page.view", "user.logout", "/-/logout"),
	moved("/wiki/Special:WhatLinksHere/Foo_Bar", "page.view", "page.backlinks", "/-/backlinks/Foo_Bar"),
	moved("/index.php?title=Special:WhatLinksHere&target=foo", "mw.index", "page.backlinks", "/-/backlinks/Foo"),
	moved("/wiki/Special:Preferences", "page.view", "user.preferences", "/-/preferences"),
	moved("/wiki/Special:Watchlist?days=3", "page.view", "user.watchlist", "/-/watchlist?days=3"),
	moved("/wiki/Foo?action=watch&watchlistexpiry=1+week", "page.view", "page.watch", "/-/watch/Foo?expiry=1+week"),
	moved("/wiki/Special:MovePage/Foo", "page.view", "page.move", "/-/move/Foo"),
	moved("/wiki/Special:Random", "page.view", "random", "/-/random"),
	moved("/wiki/Special:Upload", "page.view", "file.upload", "/-/upload"),
	moved("/wiki/Special:Watchlist", "page.view", "user.watchlist", "/-/watchlist"),
	moved("/wiki/Special:EditWatchlist", "page.view", "user.watchlist.edit", "/-/watchlist/edit"),
	moved("/wiki/Special:Notifications", "page.view", "user.notifications", "/-/notifications"),
	moved("/index.php?title=Foo&action=watch", "mw.index", "page.watch", "/-/watch/Foo"),
	ok("GET", "/files/ab12/250px-Cat.png", "file", "file.original", map[string]string{"sha": "ab12", "name": "250px-Cat.png"}),
	moved("/wiki/special:randompage", "page.view", "random", "/-/random"),
	moved("/wiki/Special:Contributions/Ada_Lovelace", "page.view", "user.contributions", "/-/contributions/Ada_Lovelace"),
	moved("/index.php?title=Special:Contributions&target=Alice&limit=20", "mw.index", "user.contributions", "/-/contributions/Alice?limit=20"),
	moved("/wiki/Foo?action=info", "page.view", "page.info", "/-/info/Foo"),
	moved("/index.php?title=foo&action=info", "mw.index", "page.info", "/-/info/Foo"),
	moved("/index.php/Foo_Bar", "mw.index.path", "page.view", "/wiki/Foo_Bar"),
	moved("/index.php/foo?action=edit", "mw.index.path", "page.edit", "/-/edit/Foo"),
	moved("/index.php/Special:Search?search=x", "mw.index.path", "search", "/-/search?q=x"),
	moved("/?title=Foo", "mw.root", "page.view", "/wiki/Foo"),

	// Bad titles and parameters: 400; nothing there: 404.
	bad("/wiki/A%3Cb%3E", 400),
	bad("/wiki/A%5Bb%5D", 400),
	bad("/wiki/A%7B%7D", 400),
	bad("/wiki/A%7Cb", 400),
	bad("/wiki/A%00b", 400),
	bad("/wiki/A%0Ab", 400),
	bad("/wiki/A%7Fb", 400),
	bad("/wiki/%FF", 400),
	bad("/wiki/%EF%BF%BD", 400),
	bad("/wiki/A%2541", 400),
	bad("/wiki/Foo/../Bar", 400),
	bad("/wiki/./Foo", 400),
	bad("/wiki/Foo/..", 400),
	bad("/wiki/../wiki/Foo", 400), // the path matches /wiki/*title: the title is "../wiki/Foo"
	bad("/wiki/User:../Test", 400),
	bad("/wiki/User:./Test", 400),
	bad("/wiki/User:..", 400),
	bad("/wiki/::xx", 400),
	bad("/wiki/::1", 400),
	bad("/wiki/%20::%20x", 400),
	bad("/wiki/User::x", 400),
	bad("/wiki/Talk:User:Test", 400),
	bad("/wiki/Talk:Talk:Test", 400),
	bad("/wiki/Talk:File:Foo.jpg", 400),
	bad("/wiki/Talk:Special:Search", 400),
	bad("/wiki/A_%26eacute;_B", 400),
	bad("/wiki/A_%26%23233;_B", 400),
	bad("/wiki/A_%26%23x00E9;_B", 400),
	bad("/wiki/Talk:%23", 400),
	bad("/wiki/User:%23", 400),
	bad("/index.php?action=delete", 400),
	bad("/wiki/?action=delete", 400),
	bad("/index.php?title=&action=delete", 400),
	bad("/a//b/../../wiki/Foo", 404), // ".." removes one segment, an empty one too: /a/wiki/Foo
	bad("/wiki/Special:Contributions", 400),
	bad("/wiki/Special:Export", 404),
	bad("/wiki/Special:", 400),
	bad("/wiki/Special:PermanentLink", 400),
	bad("/wiki/Special:PermanentLink/x", 400),
	bad("/wiki/"+strings.Repeat("a", 256), 400),
	bad("/wiki/User:", 400),
	bad("/wiki/%20", 400),
	bad("/wiki/_", 400),
	bad("/wiki/Foo?action=purge", 400),
	bad("/index.php?title=Foo&action=bogus", 400),
	bad("/wiki/Foo?diff=5", 400),
	bad("/wiki/Foo?oldid=abc", 400),
	bad("/wiki/Foo?diff=prev&oldid=5", 400),
	bad("/wiki/Special:WhatLinksHere", 400),
	bad("/-/revision/abc", 400),
	bad("/-/revision/0", 400),
	bad("/-/revision/99999999999999999999", 400),
	bad("/-/history/", 400),
	bad("/-/search?limit=ten", 400),
	bad("/static/abc/../etc/passwd", 400),
	bad("/static/a.b/x.css", 400),
	bad("wiki/Foo", 400),
	bad("/wiki/Special:Nope", 404),
	bad("/wiki/Special:WhatLinksHere/Special:Search", 404),
	bad("/-/history/Special:Search", 404),
	bad("/-/diff/5", 404),
	bad("/-/revision/5/", 404),
	bad("/nope", 404),
	bad("/Wiki/Foo", 404),
	bad("/api/v1/nope", 404),
	bad("/static/abc", 404),

	// Wrong methods: 405 with Allow.
	notAllowed("POST", "/wiki/Foo", "GET, HEAD"),
	notAllowed("PUT", "/wiki/Foo", "GET, HEAD"),
	notAllowed("OPTIONS", "/wiki/Foo", "GET, HEAD"),
	notAllowed("get", "/wiki/Foo", "GET, HEAD"),
	notAllowed("DELETE", "/-/edit/Foo", "GET, HEAD, POST"),
	notAllowed("DELETE", "/-/tokens", "GET, HEAD, POST"),
	notAllowed("POST", "/-/history/Foo", "GET, HEAD"),
	notAllowed("POST", "/api/v1/pages/Foo", "GET, HEAD, PUT"),
	notAllowed("POST", "/index.php?title=Foo&action=submit", "GET, HEAD"),
	notAllowed("POST", "/static/abc/x.css", "GET, HEAD"),
	notAllowed("POST", "/", "GET, HEAD"),
}
