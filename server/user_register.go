package server

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// registrationClosed is what the account form says with --registration
// closed (the default), and how to get an account anyway.
const registrationClosed = "Registration is closed on this wiki: accounts are created by an administrator. " +
	"Ask one to create an account for you (folio user create), then log in."

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
	if !s.site.OpenRegistration {
		b, err := s.body(r, m, "register-closed", s.formURL("user.login", m.Params.Get("returnto")))
		if err != nil {
			return err
		}
		return s.render(w, r, m, page{Status: http.StatusForbidden, Title: "Create account", Message: registrationClosed, Body: b})
	}
	if u := userOf(r); !u.Anonymous {
		status := http.StatusOK
		if r.Method == http.MethodPost {
			status = http.StatusBadRequest
		}
		msg := fmt.Sprintf("You are already logged in as %s: log out first to create another account.", u.Name)
		return s.render(w, r, m, page{Status: status, Title: "Create account", Message: msg})
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
		return s.registerForm(w, r, m, http.StatusBadRequest, returnTo, name, "The two passwords do not match; nothing was created.")
	}
	id, u, err := s.Users.Register(r.Context(), userinfo.Credentials{Name: name, Password: password, Addr: s.clientAddr(r)})
	var te *userinfo.ThrottledError
	var be *userinfo.BusyError
	switch {
	case errors.As(err, &te):
		wait := setRetryAfter(w, te.RetryAfter)
		return s.registerForm(w, r, m, http.StatusTooManyRequests, returnTo, name,
			fmt.Sprintf("Too many attempts from your address; try again in %s.", wait))
	case errors.As(err, &be):
		setRetryAfter(w, be.RetryAfter)
		return s.registerForm(w, r, m, http.StatusServiceUnavailable, returnTo, name, capitalize(be.Error())+"; nothing was created.")
	case errors.Is(err, userinfo.ErrBadUserName), errors.Is(err, userinfo.ErrWeakPassword):
		return s.registerForm(w, r, m, http.StatusBadRequest, returnTo, name, capitalize(err.Error())+"; nothing was created.")
	case errors.Is(err, userinfo.ErrNameTaken):
		shown := name
		if n, err := userinfo.NormalizeUserName(name); err == nil {
			shown = n
		}
		return s.registerForm(w, r, m, http.StatusConflict, returnTo, name,
			fmt.Sprintf("The name %s is taken: choose another, or log in if the account is yours.", shown))
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
	return s.render(w, r, m, page{Status: status, Title: "Create account", Message: msg, Body: form})
}

// registerNote is what the login form says about accounts: a link to the
// account form with open registration, who creates accounts otherwise.
func (s *Server) registerNote(r *http.Request, m router.Match, returnTo string) (template.HTML, error) {
	var u string
	if s.site.OpenRegistration {
		u = s.formURL("user.register", returnTo)
	}
	return s.body(r, m, "login-register", struct{ RegisterURL string }{u})
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
