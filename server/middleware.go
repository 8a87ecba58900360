package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/foliowiki/folio/router"
)

// The middleware below is derived from each route's declaration when the
// handler is built: a route that needs no check gets next unchanged.

// accessLog logs each request at debug level.
func (s *Server) accessLog(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		if !s.Log.Enabled(r.Context(), slog.LevelDebug) {
			return next(w, r, m)
		}
		start := time.Now()
		err := next(w, r, m)
		s.Log.Debug("request", "route", rt.Name, "duration", time.Since(start),
			slog.Group("request", "method", r.Method, "path", r.URL.Path))
		return err
	}
}

// cacheHeaders sets Cache-Control from the route's cache policy: views are
// public for anonymous readers and private for a request with a session
// cookie.
func (s *Server) cacheHeaders(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	cookie := s.Routes.Config().SessionCookie
	vary := ""
	for i, v := range rt.Cache.Vary {
		if i > 0 {
			vary += ", "
		}
		vary += v
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		_, err := r.Cookie(cookie)
		h := w.Header()
		h.Set("Cache-Control", rt.CacheControl(err == nil))
		if vary != "" {
			h.Set("Vary", vary)
		}
		return next(w, r, m)
	}
}

// anonymousRights are what a reader without a session may do. Accounts and
// groups (issue 5) replace this with per-user rights.
var anonymousRights = map[router.Right]bool{router.RightNone: true, router.RightRead: true}

// requireRight refuses a request whose user lacks the route's right.
func (s *Server) requireRight(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	if anonymousRights[rt.Right] {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		return errorf(http.StatusForbidden, "you need the %q right to do this; log in first", rt.Right)
	}
}

// requireCSRF refuses unsafe requests to CSRF-protected routes without a
// valid token. Until sessions exist (issue 5) no token can be valid.
func (s *Server) requireCSRF(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	if !rt.CSRF {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		if router.Unsafe(r.Method) {
			return errorf(http.StatusForbidden, "missing or invalid CSRF token")
		}
		return next(w, r, m)
	}
}
