package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

var darkModes = []string{"auto", "light", "dark"}

// userPreferences shows (GET) and saves (POST) the logged-in user's
// preferences; a new password needs the current one and ends the user's
// other sessions.
func (s *Server) userPreferences(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u := userOf(r)
	if u.Anonymous {
		return errorf(http.StatusForbidden, "you need to log in to set preferences")
	}
	if r.Method != http.MethodPost {
		return s.preferencesForm(w, r, m, u, http.StatusOK, "")
	}
	p := userinfo.Preferences{Skin: r.PostForm.Get("skin"), DarkMode: r.PostForm.Get("dark_mode"), Timezone: r.PostForm.Get("timezone")}
	if p.DarkMode != "" && !slices.Contains(darkModes, p.DarkMode) {
		return errorf(http.StatusBadRequest, "dark mode must be one of %v", darkModes)
	}
	if p.Skin != "" {
		set, err := s.skins()
		if err != nil {
			return err
		}
		if !slices.Contains(set.Names(), p.Skin) {
			return errorf(http.StatusBadRequest, "unknown skin %q (there are %v)", p.Skin, set.Names())
		}
	}
	if p.Timezone != "" {
		if _, err := time.LoadLocation(p.Timezone); err != nil || len(p.Timezone) > 64 {
			return errorf(http.StatusBadRequest, "unknown time zone %q", p.Timezone)
		}
	}
	if next := r.PostForm.Get("new_password"); next != "" {
		id, nu, err := s.Users.ChangePassword(r.Context(), u, s.clientAddr(r), r.PostForm.Get("current_password"), next)
		var te *userinfo.ThrottledError
		var be *userinfo.BusyError
		switch {
		case errors.As(err, &te):
			wait := setRetryAfter(w, te.RetryAfter)
			return s.preferencesForm(w, r, m, u, http.StatusTooManyRequests,
				fmt.Sprintf("Too many wrong passwords; try again in %s. Nothing was changed.", wait))
		case errors.As(err, &be):
			setRetryAfter(w, be.RetryAfter)
			return s.preferencesForm(w, r, m, u, http.StatusServiceUnavailable, capitalize(be.Error())+"; nothing was changed.")
		case errors.Is(err, userinfo.ErrBadCredentials):
			return s.preferencesForm(w, r, m, u, http.StatusForbidden, "The current password is wrong; nothing was changed.")
		case errors.Is(err, userinfo.ErrWeakPassword):
			return s.preferencesForm(w, r, m, u, http.StatusBadRequest, capitalize(err.Error())+"; nothing was changed.")
		case err != nil:
			return err
		}
		// The session that changed the password continues under a new id.
		http.SetCookie(w, s.Users.SessionCookie(r, id))
		u = nu
	}
	if err := s.Users.SetPreferences(r.Context(), u.ID, p); err != nil {
		return err
	}
	// The theme cookie is what the page reads before first paint; it beats
	// the preference, so it follows it.
	theme := &http.Cookie{Name: skin.ThemeCookie, Value: p.DarkMode, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode,
		Secure: s.Config.SecureCookies || r.TLS != nil}
	if p.DarkMode == "" || p.DarkMode == "auto" {
		theme.Value, theme.MaxAge = "", -1
	}
	http.SetCookie(w, theme)
	http.Redirect(w, r, s.Routes.Path("user.preferences"), http.StatusSeeOther)
	return nil
}

func (s *Server) preferencesForm(w http.ResponseWriter, r *http.Request, m router.Match, u *userinfo.UserInfo, status int, msg string) error {
	form, err := renderForm("preferences", formData{Action: s.Routes.Path("user.preferences"), TokensURL: s.Routes.Path("user.tokens"), CSRF: u.CSRF, Name: u.Name, DarkModes: darkModes, Preferences: u.Preferences})
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: status, Title: "Preferences", Message: msg, Body: form})
}
