package server

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/cookie"
	"github.com/foliowiki/folio/router"
)

// The middleware below is derived from each route's declaration when the
// handler is built: a route that needs no check gets next unchanged.

// accessLog logs each request at debug level, with the client's address
// (clientAddr: behind --trusted-proxies, the one they name).
func (s *Server) accessLog(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		if !s.Log.Enabled(r.Context(), slog.LevelDebug) {
			return next(w, r, m)
		}
		start := time.Now()
		err := next(w, r, m)
		s.Log.Debug("request", "route", rt.Name, "duration", time.Since(start),
			slog.Group("request", "method", r.Method, "path", r.URL.Path, "client", s.clientAddr(r)))
		return err
	}
}

// cacheHeaders sets Cache-Control from the route's cache policy: views are
// public for anonymous readers and private for a request with a session
// cookie or a logged-in user; on a private wiki, never public.
func (s *Server) cacheHeaders(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	sessionCookie := s.Routes.Config().SessionCookie
	vary := strings.Join(rt.Cache.Vary, ", ")
	public := rt.CacheControl(false)
	// --view-ttl is the s-maxage of views, and of the public API reads
	// cached like them (a revision's PageInfo, a skin bundle).
	if ttl := s.Config.ViewTTL; ttl > 0 && rt.Cache.Shared && (rt.Cache.Session || rt.Class == router.ClassAPI) {
		policy := rt.Cache
		policy.SMaxAge = ttl
		public = policy.HeaderValue(false)
	}
	private := rt.CacheControl(true)
	// A --private wiki shares nothing at the edge but fingerprinted assets
	// and files: the answers of routes shared by every reader (a
	// revision's PageInfo, a skin bundle, the service worker …) are the
	// reader's, revalidated.
	if s.Config.Private && rt.Cache.Shared && rt.Class != router.ClassStatic && rt.Class != router.ClassFile {
		public, private = privateNoCache[0], privateNoCache[0]
	}
	// Absolute URLs from the Host header (no --base-url) are the client's
	// own: it may keep them, shared caches not.
	if rt.HostURLs && s.Config.BaseURL == "" {
		public, private = hostDependentCache, hostDependentCache
	}
	// Header values built once, shared by every response (never modified:
	// Set replaces a value, Add copies a full slice).
	publicV, privateV, varyV := []string{public}, []string{private}, []string{vary}
	// The query parameters that show the same path otherwise (?useskin=,
	// ?uselang=), as the route declares them: never shared.
	var privateQuery []string
	for _, q := range rt.Query {
		if q.Private {
			privateQuery = append(privateQuery, q.Name)
		}
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		value := publicV
		if !userOf(r).Anonymous || s.Config.Private || cookie.Has(r.Header, sessionCookie) || anyParam(m, privateQuery) {
			value = privateV
		}
		h := w.Header()
		h["Cache-Control"] = value
		if vary != "" {
			h["Vary"] = varyV
		}
		return next(w, r, m)
	}
}

// anyParam reports whether m carries any of the query parameters names.
func anyParam(m router.Match, names []string) bool {
	for _, n := range names {
		if m.Params.Get(n) != "" {
			return true
		}
	}
	return false
}

// requireRight refuses a request whose user lacks the route's right. On a
// private wiki an anonymous reader of any view or dynamic view gets the
// login page.
func (s *Server) requireRight(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	// On a private wiki every route that needs a right is gated for
	// anonymous readers, actions included: whatever else they were granted
	// (--anonymous-edit), they do not read. Routes that need no right
	// (health checks, login) stay open.
	gated := s.Config.Private && rt.Right != router.RightNone
	if rt.Right == router.RightNone {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		u := userOf(r)
		if gated && u.Anonymous {
			return s.loginRequired(w, r, m)
		}
		// Every action and view shows or works on page text: the read
		// right comes first, whatever else is granted.
		if rt.Right != router.RightRead && !u.Can(router.RightRead) {
			return forbidden(u, router.RightRead)
		}
		if !u.Can(rt.Right) {
			if rt.ViewIfDenied && r.Method != http.MethodPost && m.Title() != "" && !u.Blocked() {
				if u.Anonymous { // say why, and let them log in here
					return s.loginForm(w, r, m, http.StatusForbidden, m.Title(), "",
						loginNeededFor(s.lang(r, m), rt.Right, router.DisplayTitle(m.Title())))
				}
				http.Redirect(w, r, router.TitleURL(m.Title()), http.StatusSeeOther)
				return nil
			}
			return forbidden(u, rt.Right)
		}
		return next(w, r, m)
	}
}

// loginNeededFor says that an anonymous reader must log in to use right on
// the page title, in l.
func loginNeededFor(l *i18n.Lang, right router.Right, title string) string {
	if right == router.RightEdit {
		return l.T("login-needed-edit", "Title", title)
	}
	return l.T("login-needed-for", "Right", string(right), "Title", title)
}

// requireCSRF refuses unsafe requests to CSRF-protected routes without the
// user's token in the "csrf" form field (or the X-CSRF-Token header); the
// refusal is a 403 and writes nothing. The body is bounded before it is
// parsed.
func (s *Server) requireCSRF(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	if !rt.CSRF {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		if !router.Unsafe(r.Method) {
			return next(w, r, m)
		}
		if err := s.parseForm(w, r); err != nil {
			return err
		}
		token := r.Header.Get("X-CSRF-Token")
		if token == "" {
			token = r.PostForm.Get("csrf")
		}
		if !s.Users.CheckCSRF(r, userOf(r), token) {
			return errorMsg(http.StatusForbidden, "error-csrf")
		}
		return next(w, r, m)
	}
}

// formError is the client's error for a form that could not be parsed.
func formError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errorMsg(http.StatusRequestEntityTooLarge, "error-form-too-large", "Count", int(tooBig.Limit))
	}
	return errorf(http.StatusBadRequest, "malformed form: %v", err)
}

// parseForm bounds and parses an unsafe request's form: an upload form
// (multipart) by --max-upload-bytes, any other by --max-page-bytes.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) error {
	if isMultipart(r) {
		return s.parseUploadForm(w, r)
	}
	r.Body = http.MaxBytesReader(w, r.Body, int64(s.Config.MaxPageBytes)+64<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	return nil
}
