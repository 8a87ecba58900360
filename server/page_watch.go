package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
)

// parseWatchExpiry returns when a watch chosen at now with value v ends
// (zero: never), and false for a value not offered. An empty value, and
// MediaWiki's other spellings of "never", are permanent.
func parseWatchExpiry(v string, now time.Time) (time.Time, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "infinite", "indefinite", "infinity", "never":
		return time.Time{}, true
	}
	e, ok := watchExpiryOf(v) // the edit form's periods too
	return e.until(now), ok
}

// watchAnswer is the JSON a script gets back from a watch or an unwatch.
type watchAnswer struct {
	Watched bool   `json:"watched"`
	Expires string `json:"expires"` // RFC 3339; "" when permanent or not watched
}

// pageWatch asks (GET) and puts (POST: expiry, csrf — checked by the
// middleware) a page and its talk page on the logged-in reader's watchlist.
func (s *Server) pageWatch(w http.ResponseWriter, r *http.Request, m router.Match) error {
	return s.watchAction(w, r, m, true)
}

// pageUnwatch asks (GET) and takes (POST) a page and its talk page off the
// logged-in reader's watchlist.
func (s *Server) pageUnwatch(w http.ResponseWriter, r *http.Request, m router.Match) error {
	return s.watchAction(w, r, m, false)
}

// watchAction is pageWatch (watch) and pageUnwatch. A page need not exist
// to be watched, as in MediaWiki. A POST answers a 303 to the page, or the
// watchAnswer to a request that accepts JSON (the star's script).
func (s *Server) watchAction(w http.ResponseWriter, r *http.Request, m router.Match, watch bool) error {
	u, title := userOf(r), m.Title()
	if u.Anonymous {
		return s.toLogin(w, r, title)
	}
	pair, ok := router.PairTitle(title)
	if !ok {
		return jsonOr(w, r, errorf(http.StatusBadRequest, "special pages cannot be watched"))
	}
	expiry := m.Params.Get("expiry")
	if r.Method != http.MethodPost {
		return s.watchForm(w, r, m, watch, http.StatusOK, "", expiry)
	}
	ctx, titles := r.Context(), []string{title, pair}
	var ans watchAnswer
	if watch {
		if v := r.PostForm.Get("expiry"); v != "" {
			expiry = v
		}
		until, ok := parseWatchExpiry(expiry, time.Now())
		if !ok {
			if wantsJSON(r) {
				return writeJSON(w, r, http.StatusBadRequest, map[string]string{"error": "Choose how long to watch the page: one of the list."})
			}
			return s.watchForm(w, r, m, watch, http.StatusBadRequest, s.lang(r, m).T("watch-expiry-invalid"), expiry)
		}
		if err := s.Store.Watch(ctx, u.ID, titles, until); err != nil {
			return err
		}
		ans.Watched = true
		if !until.IsZero() {
			ans.Expires = until.UTC().Format(time.RFC3339)
		}
	} else if err := s.Store.Unwatch(ctx, u.ID, titles); err != nil {
		return err
	}
	if err := s.Users.Refresh(ctx, u.ID); err != nil {
		return err
	}
	if wantsJSON(r) {
		return writeJSON(w, r, http.StatusOK, ans)
	}
	http.Redirect(w, r, router.TitleURL(title), http.StatusSeeOther)
	return nil
}

// jsonOr returns err for a page, or answers it as JSON to a script.
func jsonOr(w http.ResponseWriter, r *http.Request, err error) error {
	if !wantsJSON(r) {
		return err
	}
	he := classify(err)
	return writeJSON(w, r, he.Status, map[string]string{"error": capitalize(he.Safe)})
}

// watchForm is the confirmation form of a watch (with its expiry) or an
// unwatch.
func (s *Server) watchForm(w http.ResponseWriter, r *http.Request, m router.Match, watch bool, status int, msg, expiry string) error {
	title, u, l := m.Title(), userOf(r), s.lang(r, m)
	route, heading := "page.unwatch", l.T("unwatch-title", "Title", router.DisplayTitle(title))
	if watch {
		route, heading = "page.watch", l.T("watch-title", "Title", router.DisplayTitle(title))
	}
	if _, ok := watchExpiryOf(expiry); !ok {
		expiry = "infinite" // and every other spelling of it
	}
	pair, _ := router.PairTitle(title)
	b, err := s.body(r, m, "watch", map[string]any{
		"Action": s.Routes.Path(route, "title", title), "CSRF": u.CSRF, "Watch": watch,
		"Page": anchor(router.TitleURL(title), router.DisplayTitle(title)), "Pair": anchor(router.TitleURL(pair), router.DisplayTitle(pair)),
		"Expiry": expiry, "Expiries": watchExpiries,
		"Watchlist": anchor(s.Routes.Path("user.watchlist"), l.T("watch-your-watchlist")),
	})
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: status, Title: heading, Message: msg, Body: b})
}

// wantsJSON reports whether a request asks for a JSON answer (a script's
// fetch) rather than a page.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// toLogin sends an anonymous reader to the login form, which brings them
// back to returnTo (a title; a Special: one reaches its route).
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request, returnTo string) error {
	if wantsJSON(r) {
		return writeJSON(w, r, http.StatusForbidden, map[string]string{"error": "you need to log in"})
	}
	http.Redirect(w, r, s.formURL("user.login", returnTo), http.StatusSeeOther)
	return nil
}
