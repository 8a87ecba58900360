package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

type userKey struct{}

// withUser resolves the request's UserInfo once (no store query on a warm
// cache) and hands it down in the request's context.
func (s *Server) withUser(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		u, err := s.Users.FromRequest(r)
		if errors.Is(err, userinfo.ErrBadToken) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="folio"`)
			return errorf(http.StatusUnauthorized, "invalid API token")
		}
		if err != nil {
			return err
		}
		// API writes carry no CSRF token: they must carry a bearer token,
		// never ride on a browser's session cookie. (The few API routes
		// the browser's pages call, as the live preview, check a CSRF
		// token instead: requireCSRF.)
		// MediaWiki's Action API (CSRFParam) checks its own token= in the
		// modules that write, for sessions as for bearer tokens.
		if rt.Class == router.ClassAPI && !rt.CSRF && rt.CSRFParam == "" && router.Unsafe(r.Method) && r.Header.Get("Authorization") == "" {
			u = s.Users.Anonymous()
		}
		return next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)), m)
	}
}

// reader returns the request's UserInfo for a page: the one withUser set,
// or, on a path it did not run on (an error page: a handler's error is
// answered with the request as the router got it, a refused route before
// any middleware), the request's own session resolved again, so that an
// error page shows a logged-in reader their personal tools, not "Log in".
// A session that does not resolve is the anonymous reader.
func (s *Server) reader(r *http.Request) *userinfo.UserInfo {
	if u := userOf(r); u != nil {
		return u
	}
	if u, err := s.Users.FromRequest(r); err == nil && u != nil {
		return u
	}
	return s.Users.Anonymous()
}

// userOf returns the request's UserInfo, set by withUser.
func userOf(r *http.Request) *userinfo.UserInfo {
	u, _ := r.Context().Value(userKey{}).(*userinfo.UserInfo)
	return u
}
