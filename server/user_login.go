package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// userLogin shows the login form (GET) and logs in (POST, fields name,
// password, csrf — checked by the middleware — and returnto). Success is a
// 303 to the page the user came from. The form comes back with a 403 for
// wrong credentials, a 429 with Retry-After when the client address (see
// clientAddr) is throttled, and a 503 with Retry-After when the server
// hashes as many passwords as it may already.
func (s *Server) userLogin(w http.ResponseWriter, r *http.Request, m router.Match) error {
	returnTo := m.Params.Get("returnto")
	if r.Method != http.MethodPost {
		return s.loginForm(w, r, m, http.StatusOK, returnTo, "", "")
	}
	if t := r.PostForm.Get("returnto"); t != "" {
		if norm, err := router.NormalizeTitle(t); err == nil {
			returnTo = norm
		}
	}
	name := r.PostForm.Get("name")
	id, _, err := s.Users.Login(r.Context(), userinfo.Credentials{Name: name, Password: r.PostForm.Get("password"), Addr: s.clientAddr(r)})
	var te *userinfo.ThrottledError
	var be *userinfo.BusyError
	switch {
	case errors.As(err, &te):
		wait := setRetryAfter(w, te.RetryAfter)
		return s.loginForm(w, r, m, http.StatusTooManyRequests, returnTo, name, s.lang(r, m).T("login-throttled", "Count", seconds(wait)))
	case errors.As(err, &be):
		wait := setRetryAfter(w, be.RetryAfter)
		return s.loginForm(w, r, m, http.StatusServiceUnavailable, returnTo, name, s.lang(r, m).T("login-busy", "Count", seconds(wait)))
	case errors.Is(err, userinfo.ErrBadCredentials):
		return s.loginForm(w, r, m, http.StatusForbidden, returnTo, name, s.lang(r, m).T("wrongpassword"))
	case err != nil:
		return err
	}
	http.SetCookie(w, s.Users.SessionCookie(r, id))
	if returnTo == "" {
		returnTo = s.Routes.Config().MainPage
	}
	http.Redirect(w, r, router.TitleURL(returnTo), http.StatusSeeOther)
	return nil
}

// setRetryAfter sets Retry-After to d in whole seconds, rounded up, and
// returns what it set.
func setRetryAfter(w http.ResponseWriter, d time.Duration) time.Duration {
	secs := max((d+time.Second-1)/time.Second, 1)
	w.Header().Set("Retry-After", strconv.Itoa(int(secs)))
	return secs * time.Second
}

// seconds is d in whole seconds, for a message's Count.
func seconds(d time.Duration) int { return int(d / time.Second) }

// loginRequired answers an anonymous reader of a private wiki.
func (s *Server) loginRequired(w http.ResponseWriter, r *http.Request, m router.Match) error {
	w.Header().Set("Cache-Control", "private, no-store")
	return s.loginForm(w, r, m, http.StatusForbidden, m.Title(), "", s.lang(r, m).T("login-private-wiki"))
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, m router.Match, status int, returnTo, name, msg string) error {
	l := s.lang(r, m)
	form, err := renderForm(l, "login", formData{Action: s.Routes.Path("user.login"), CSRF: s.Users.CSRFToken(w, r, userOf(r)), ReturnTo: returnTo, Name: name})
	if err != nil {
		return err
	}
	note, err := s.registerNote(r, m, returnTo)
	if err != nil {
		return err
	}
	form += note
	return s.render(w, r, m, page{Status: status, Title: l.T("login-title"), Message: msg, Body: form})
}
