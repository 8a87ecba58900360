package skin

import (
	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// Site is the wiki's configuration that skins show: the same for every
// request. The server builds it once at start.
type Site struct {
	Name             string           // the wiki's name; "" means "Folio"
	Lang             string           // BCP 47 language of the interface; "" means "en"
	Logo             string           // URL of a logo image; "" for none
	MainPage         string           // DB key of the main page; "" means the registry's (Main_Page)
	Sidebar          []Link           // navigation links; nil means DefaultSidebar
	Footer           []Link           // footer links (about, privacy …); may be nil
	Routes           *router.Registry // the registry that builds URLs of tabs and tools; nil means router.Default()
	OpenRegistration bool             // anyone may create an account (--registration open): pages link to the form (link-register), the same link for every reader
	NoServiceWorker  bool             // the wiki has no service worker (--no-service-worker): pages neither register one (link-service-worker "") nor load offline.js
}

// Meta is what the server knows about the request, beyond the page and the
// user: the route, the status and the canonical URL. MatchMeta fills it from
// a router.Match.
type Meta struct {
	CanonicalURL string       // canonical URL (path, or absolute URL) of the page; "" for none
	RouteName    string       // route name ("page.view" …); "" for router errors
	Class        router.Class // route class
	Status       int          // HTTP status of the response; 0 means 200
	Page         string       // DB key of the page the route is about, for tabs and the login return; ViewData uses the PageInfo's
	SearchQuery  string       // the search query, to fill the search box
	UseLang      string       // the request's ?uselang=: the interface language of this view alone; "" (or a language not shipped) for the reader's (Site.Language)
	// RedirectedFrom is the DB key of the redirect page a view of its
	// target was reached through ("(Redirected from …)"), or "".
	RedirectedFrom string
	// RedirectFragment is the anchor of the section that redirect names.
	RedirectFragment string
	// RedirectLoop: the page is a redirect that leads back to itself,
	// directly or through its target, so its view shows it as it is.
	RedirectLoop bool
	// PairExists: the other page of Page's talk pair (router.PairTitle)
	// exists, for the namespace tabs' colour. Views know it from their
	// PageInfo (PageInfo.Pair); the server sets it for the other pages
	// with a title (history, edit form, missing page …).
	PairExists bool
}

// MatchMeta returns the Meta of a classified request: its canonical URL,
// route, class and status, the title parameter as Page, the q parameter
// as SearchQuery and the uselang parameter (which views declare) as
// UseLang.
func MatchMeta(m router.Match) Meta {
	return Meta{
		CanonicalURL: m.CanonicalURL(),
		RouteName:    m.Name,
		Class:        m.Class,
		Status:       m.Status,
		Page:         m.Title(),
		SearchQuery:  m.Params.Get("q"),
		UseLang:      m.Params.Get("uselang"),
	}
}

// DefaultSidebar returns the navigation of a wiki that configures none:
// the main page, recent changes and all pages, with MediaWiki's access keys
// (z, r) and tooltips, in lang.
func DefaultSidebar(site Site, lang *i18n.Lang) []Link {
	reg := site.registry()
	links := []Link{{ID: "n-mainpage", Text: lang.T("n-mainpage"), Href: router.TitleURL(site.mainPage()), AccessKey: "z", Tooltip: tooltip(lang, "tooltip-n-mainpage", "z")}}
	if u := routeURL(reg, "recent"); u != "" {
		links = append(links, Link{ID: "n-recent", Text: lang.T("n-recentchanges"), Href: u, AccessKey: "r",
			Tooltip: tooltip(lang, "tooltip-n-recentchanges", "r")})
	}
	if u := routeURL(reg, "pages.all"); u != "" {
		links = append(links, Link{ID: "n-allpages", Text: lang.T("n-allpages"), Href: u})
	}
	return links
}

func (site Site) registry() *router.Registry {
	if site.Routes != nil {
		return site.Routes
	}
	return router.Default()
}

// workerURL is the URL of the service worker pages register: "" when the
// wiki has none or the registry no such route.
func (site Site) workerURL() string {
	if site.NoServiceWorker {
		return ""
	}
	return routeURL(site.registry(), "service-worker")
}

func (site Site) mainPage() string {
	if site.MainPage != "" {
		return site.MainPage
	}
	return site.registry().Config().MainPage
}

// WikiName is the wiki's name: Name, else "Folio".
func (site Site) WikiName() string {
	if site.Name != "" {
		return site.Name
	}
	return "Folio"
}

func (site Site) lang() string {
	if site.Lang != "" {
		return site.Lang
	}
	return i18n.Source
}

// Language returns the interface language of a request by u (nil:
// anonymous) with ?uselang= uselang: uselang when it is shipped, else the
// user's preference (blob.Preferences.Language) when it is, else the
// wiki's language (Lang), else English. Anonymous readers get the wiki's
// language, whatever their Accept-Language says: a page's anonymous view
// is one copy at the CDN.
func (site Site) Language(uselang string, u *blob.UserInfo) *i18n.Lang {
	cat := i18n.Default()
	if uselang != "" {
		if l := cat.Lang(uselang); l != nil {
			return l
		}
	}
	if u != nil && !u.Anonymous && u.Preferences.Language != "" {
		if l := cat.Lang(u.Preferences.Language); l != nil {
			return l
		}
	}
	if l := cat.Lang(site.lang()); l != nil {
		return l
	}
	return cat.Lang(i18n.Source)
}

// ContentLanguage returns the wiki's content language (--lang).
func (site Site) ContentLanguage() *i18n.Lang { return site.Language("", nil) }

// routeURL returns the URL of the named route with the key, value
// parameters, or "" when the registry has no such route.
func routeURL(reg *router.Registry, name string, kv ...string) string {
	rt := reg.Route(name)
	if rt == nil {
		return ""
	}
	return rt.URL(router.MakeParams(kv...))
}
