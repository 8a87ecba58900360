package server

import (
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

var darkModes = []string{"auto", "light", "dark"}

// userPreferences shows (GET) and saves (POST) the logged-in user's
// preferences; a new password needs the current one and ends the user's
// other sessions.
func (s *Server) userPreferences(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	u := userOf(r)
	if u.Anonymous {
		return errorf(http.StatusForbidden, "you need to log in to set preferences")
	}
	if r.Method != http.MethodPost {
		return s.preferencesForm(w, r, u, http.StatusOK, "")
	}
	p := userinfo.Preferences{Skin: r.PostForm.Get("skin"), DarkMode: r.PostForm.Get("dark_mode"), Timezone: r.PostForm.Get("timezone")}
	if p.DarkMode != "" && !slices.Contains(darkModes, p.DarkMode) {
		return errorf(http.StatusBadRequest, "dark mode must be one of %v", darkModes)
	}
	if p.Timezone != "" {
		if _, err := time.LoadLocation(p.Timezone); err != nil || len(p.Timezone) > 64 {
			return errorf(http.StatusBadRequest, "unknown time zone %q", p.Timezone)
		}
	}
	if next := r.PostForm.Get("new_password"); next != "" {
		err := s.Users.ChangePassword(r.Context(), u, r.PostForm.Get("current_password"), next)
		switch {
		case errors.Is(err, userinfo.ErrBadCredentials):
			return s.preferencesForm(w, r, u, http.StatusForbidden, "The current password is wrong; nothing was changed.")
		case errors.Is(err, userinfo.ErrWeakPassword):
			return s.preferencesForm(w, r, u, http.StatusBadRequest, capitalize(err.Error())+"; nothing was changed.")
		case err != nil:
			return err
		}
	}
	if err := s.Users.SetPreferences(r.Context(), u.ID, p); err != nil {
		return err
	}
	http.Redirect(w, r, "/-/preferences", http.StatusSeeOther)
	return nil
}

func (s *Server) preferencesForm(w http.ResponseWriter, r *http.Request, u *userinfo.UserInfo, status int, msg string) error {
	form, err := renderForm("preferences", formData{CSRF: u.CSRF, Name: u.Name, DarkModes: darkModes, Preferences: u.Preferences})
	if err != nil {
		return err
	}
	return writeHTML(w, r, status, plainData{Site: s.Config.SiteName, Heading: "Preferences", Message: msg, Body: form})
}
