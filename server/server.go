package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/notify"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// Deps are everything the server needs, wired in cmd/folio.
type Deps struct {
	Store  store.Store
	Pages  *pageinfo.Cache // PageInfo of revisions, behind memory and the parse cache
	Saver  *pageinfo.Saver
	Users  *userinfo.Manager // sessions, rights and UserInfo
	Skins  skin.Provider     // the skins; a *skin.Reloader in --dev
	Log    *slog.Logger
	Config config.Config
	Routes *router.Registry // nil means router.Default()
}

// Server answers HTTP requests: one handler per declared route, behind the
// registry's dispatcher and the middleware its declarations drive.
type Server struct {
	Deps
	handler http.Handler
	metrics *metrics
	site    skin.Site // what skins show of the site, built once

	// trustedProxies are the --trusted-proxies blocks, whose
	// X-Forwarded-For names the client (clientAddr).
	trustedProxies []netip.Prefix
	uploads        uploadThrottle // per-account upload counts (file_upload.go)
	sitemaps       sitemapMemo    // where each sitemap file starts (sitemap.go)
}

// New builds the server. It fails when a route has no handler or a handler
// no route.
func New(d Deps) (*Server, error) {
	if d.Routes == nil {
		d.Routes = router.Default()
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Skins == nil {
		return nil, errors.New("server: no skins")
	}
	trusted, err := config.ParseCIDRs(d.Config.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("server: --trusted-proxies: %w", err)
	}
	if d.Config.ESI && d.Config.Private {
		// An ESI body is fetched without a session: a private wiki would
		// answer it with its login form.
		return nil, errors.New("server: --esi shares views between readers; a --private wiki shares none")
	}
	if d.Saver != nil && d.Saver.Notifier == nil && d.Users != nil {
		d.Saver.Notifier = notify.New(d.Store, d.Users, d.Log) // saves notify users
	}
	s := &Server{Deps: d, metrics: newMetrics(), trustedProxies: trusted}
	s.uploads.counts = map[string]*uploadCount{}
	s.site = skin.Site{Name: d.Config.SiteName, Lang: d.Config.Lang, MainPage: d.Routes.Config().MainPage, Routes: d.Routes,
		OpenRegistration: d.Config.Registration == "open", NoServiceWorker: d.Config.NoServiceWorker}
	s.Skins = skin.ForSite(d.Skins, s.site) // each Set renders this site's page views
	h, err := d.Routes.Handler(s.handlers(), router.HandlerOptions{
		Middleware:     []router.Middleware{s.classOf, s.accessLog, s.withUser, s.cacheHeaders, s.readerClassCookie, s.requireRight, s.requireCSRF},
		OnError:        s.routeError,
		OnHandlerError: s.handlerError,
	})
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.handler = h
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.measure(w, r) }

// handlers maps every route name to its handler; router.Registry.Handler
// checks that the two sets match.
func (s *Server) handlers() map[string]router.HandlerFunc {
	return map[string]router.HandlerFunc{
		"page.view":          s.pageView,
		"user.fragment":      s.userFragment,
		"page.raw":           s.pageRaw,
		"page.source":        s.pageSource,
		"page.info":          s.pageInfo,
		"user.contributions": s.userContributions,
		"random":             s.randomPage,
		"sitemap":            s.sitemap,
		"sitemap.file":       s.sitemapFile,
		"favicon":            s.favicon,
		"service-worker":     s.serviceWorker,
		"webmanifest":        s.webmanifest,
		"static":             s.static,
		"file.original":      s.fileOriginal,
		"file.upload":        s.fileUpload,
		"api.file.put":       s.apiFilePut,
		"api.page":           s.apiPage,
		"api.page.put":       s.apiPagePut,
		"api.history":        s.apiHistory,
		"api.preview":        s.apiPreview,
		"api.search":         s.apiSearch,
		"api.titles":         s.apiTitles,
		"api.routes":         s.apiRoutes,
		"api.pageinfo":       s.apiPageInfo,
		"api.userinfo":       s.apiUserInfo,
		"api.skin":           s.apiSkin,
		"mwapi":              s.mwapi,
		"mwapi.w":            s.mwapi,
		"page.render":        s.pageRender,
		"page.history":       s.pageHistory,
		"page.diff":          s.pageDiff,
		"page.revision":      s.pageRevision,
		"page.backlinks":     s.pageBacklinks,
		"search":             s.search,
		"recent":             s.recent,
		"recent.feed":        s.recentFeed,
		"page.feed":          s.pageFeed,
		"pages.all":          s.pagesAll,
		"page.edit":          s.pageEdit,
		"page.move":          s.pageMove,
		"page.delete":        s.pageDelete,
		"page.protect":       s.pageProtect,
		"page.rollback":      s.pageRollback,
		"health.live":        s.healthLive,
		"health.ready":       s.healthReady,
		"user.login":         s.userLogin,
		"user.register":      s.userRegister,
		"user.logout":        s.userLogout,
		"user.preferences":   s.userPreferences,
		"user.tokens":        s.userTokens,
		// Issue 23: watching, the watchlist, notifications.
		"page.watch":          s.pageWatch,
		"page.unwatch":        s.pageUnwatch,
		"user.watchlist":      s.userWatchlist,
		"user.watchlist.edit": s.userWatchlistEdit,
		"user.notifications":  s.userNotifications,
		"watchlist.feed":      s.watchlistFeed,
	}
}

// notYet answers a declared route whose feature has not been built: a 501
// that says so, rather than a route missing from the registry.
func notYet(what string, issue int) router.HandlerFunc {
	return func(http.ResponseWriter, *http.Request, router.Match) error {
		return errorf(http.StatusNotImplemented, "%s is not built yet (issue %d)", what, issue)
	}
}

// routeError answers requests the registry refused (400, 404, 405).
func (s *Server) routeError(w http.ResponseWriter, r *http.Request, m router.Match) {
	w.Header().Set("Cache-Control", "private, no-store")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		// The API's errors are JSON, in English (docs/api.md).
		_ = writeJSON(w, r, m.Status, map[string]string{"error": routeErrorText(i18n.Default().Lang(i18n.Source), m), "id": requestID()})
		return
	}
	l := s.lang(r, m)
	if err := s.render(w, r, m, page{Status: m.Status, Title: statusTitle(l, m.Status), Message: routeErrorText(l, m)}); err != nil {
		s.Log.Error("rendering the error page failed", "err", err)
		http.Error(w, m.Err, m.Status)
	}
}

// handlerError is the one place a handler's error becomes a response and a
// log line.
func (s *Server) handlerError(w http.ResponseWriter, r *http.Request, m router.Match, err error) {
	he := classify(err)
	id := requestID()
	level := slog.LevelInfo
	if he.Status >= 500 && he.Status != http.StatusNotImplemented {
		level = slog.LevelError
	}
	s.Log.Log(r.Context(), level, "request failed", "id", id, "route", m.Name, "status", he.Status, "err", err,
		slog.Group("request", "method", r.Method, "path", r.URL.Path))
	w.Header().Set("Cache-Control", "private, no-store")
	if m.Class == router.ClassAPI {
		_ = writeJSON(w, r, he.Status, map[string]string{"error": he.Safe, "id": id})
		return
	}
	l := s.lang(r, m)
	if err := s.render(w, r, m, page{Status: he.Status, Title: statusTitle(l, he.Status), Message: he.text(l, skin.Timezone(s.reader(r))), ErrorID: id}); err != nil {
		s.Log.Error("rendering the error page failed", "id", id, "err", err)
		http.Error(w, he.Safe+" (error ID "+id+")", he.Status)
	}
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
