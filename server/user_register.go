package server

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// userRegister shows the account form (GET) and creates an account (POST,
// fields name, password, password2, csrf — checked by the middleware — and
// returnto), with --registration open; closed, both are a 403 that says how
// to get an account. The account follows the rules of folio user create,
// the attempt counts against the address's login throttle, and success
// logs the new user in: a session cookie and a 303 to returnto or the main
// page. Bad input shows the form again, with the name typed and a message:
// 400 for mismatched or invalid fields, 409 for a taken name, 429 (with
// Retry-After) when throttled, 503 (with Retry-After) when the server
// hashes as many passwords as it may already. A logged-in user gets a note
// instead.
func (s *Server) userRegister(w http.ResponseWriter, r *http.Request, m router.Match) error {
	l := s.lang(r, m)
	if !s.site.OpenRegistration {
		b, err := s.body(r, m, "register-closed", s.formURL("user.login", m.Params.Get("returnto")))
		if err != nil {
			return err
		}
		return s.render(w, r, m, page{Status: http.StatusForbidden, Title: l.T("createaccount-title"), Message: l.T("register-closed"), Body: b})
	}
	if u := userOf(r); !u.Anonymous {
		status := http.StatusOK
		if r.Method == http.MethodPost {
			status = http.StatusBadRequest
		}
		return s.render(w, r, m, page{Status: status, Title: l.T("createaccount-title"), Message: l.T("register-logged-in", "Name", u.Name)})
	}
	returnTo := m.Params.Get("returnto")
	if r.Method != http.MethodPost {
		return s.registerForm(w, r, m, http.StatusOK, returnTo, "", "")
	}
	if t := r.PostForm.Get("returnto"); t != "" {
		if norm, err := router.NormalizeTitle(t); err == nil {
			returnTo = norm
		}
	}
	name, password := r.PostForm.Get("name"), r.PostForm.Get("password")
	if password != r.PostForm.Get("password2") {
		return s.registerForm(w, r, m, http.StatusBadRequest, returnTo, name, l.T("badretype"))
	}
	id, u, err := s.Users.Register(r.Context(), userinfo.Credentials{Name: name, Password: password, Addr: s.clientAddr(r)})
	var te *userinfo.ThrottledError
	var be *userinfo.BusyError
	switch {
	case errors.As(err, &te):
		wait := setRetryAfter(w, te.RetryAfter)
		return s.registerForm(w, r, m, http.StatusTooManyRequests, returnTo, name,
			l.T("register-throttled", "Count", seconds(wait)))
	case errors.As(err, &be):
		wait := setRetryAfter(w, be.RetryAfter)
		return s.registerForm(w, r, m, http.StatusServiceUnavailable, returnTo, name, l.T("register-busy", "Count", seconds(wait)))
	case errors.Is(err, userinfo.ErrBadUserName):
		return s.registerForm(w, r, m, http.StatusBadRequest, returnTo, name, l.T("register-bad-name"))
	case errors.Is(err, userinfo.ErrWeakPassword):
		return s.registerForm(w, r, m, http.StatusBadRequest, returnTo, name, l.T("register-weak-password"))
	case errors.Is(err, userinfo.ErrNameTaken):
		shown := name
		if n, err := userinfo.NormalizeUserName(name); err == nil {
			shown = n
		}
		return s.registerForm(w, r, m, http.StatusConflict, returnTo, name,
			l.T("register-name-taken", "Name", shown))
	case err != nil:
		return err
	}
	s.Log.Info("account registered", "user", u.Name)
	http.SetCookie(w, s.Users.SessionCookie(r, id))
	if returnTo == "" {
		returnTo = s.Routes.Config().MainPage
	}
	http.Redirect(w, r, router.TitleURL(returnTo), http.StatusSeeOther)
	return nil
}

func (s *Server) registerForm(w http.ResponseWriter, r *http.Request, m router.Match, status int, returnTo, name, msg string) error {
	form, err := s.body(r, m, "register", struct {
		Action, CSRF, ReturnTo, Name, LoginURL string
	}{
		Action:   s.formURL("user.register", ""),
		CSRF:     s.Users.CSRFToken(w, r, userOf(r)),
		ReturnTo: returnTo,
		Name:     name,
		LoginURL: s.formURL("user.login", returnTo),
	})
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: status, Title: s.lang(r, m).T("createaccount-title"), Message: msg, Body: form})
}

// registerNote is what the login form says about accounts: a link to the
// account form with open registration, who creates accounts otherwise.
func (s *Server) registerNote(r *http.Request, m router.Match, returnTo string) (template.HTML, error) {
	var u string
	if s.site.OpenRegistration {
		u = s.formURL("user.register", returnTo)
	}
	return s.body(r, m, "login-register", struct {
		RegisterURL string
		Command     template.HTML
	}{u, "<code>folio user create</code>"})
}

// formURL is the URL of the named form route, returning to returnTo when
// there is one.
func (s *Server) formURL(route, returnTo string) string {
	u := s.Routes.Path(route)
	if returnTo != "" {
		u += "?" + url.Values{"returnto": {returnTo}}.Encode()
	}
	return u
}
