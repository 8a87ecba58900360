package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

var darkModes = []string{"auto", "light", "dark"}

// savedCookie is the one-shot note, set by a save and cleared by the next
// showing of the form, that makes it say "Your preferences have been
// saved." (MediaWiki keeps the same flag in the session).
const savedCookie = "folio_prefs_saved"

// userPreferences shows (GET) and saves (POST) the logged-in user's
// preferences; a new password needs the current one and ends the user's
// other sessions. Invalid input shows the form again with what was typed
// and why, and saves nothing.
func (s *Server) userPreferences(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u := userOf(r)
	if u.Anonymous {
		return errorMsg(http.StatusForbidden, "prefs-login-needed")
	}
	if r.Method != http.MethodPost {
		saved := false
		if _, err := r.Cookie(savedCookie); err == nil {
			saved = true
			http.SetCookie(w, s.savedNote(r, -1))
		}
		return s.preferencesForm(w, r, m, u, u.Preferences, http.StatusOK, "", saved)
	}
	if r.PostForm.Get("watchlist_token") == "reset" {
		if _, err := s.Users.ResetWatchlistToken(r.Context(), u.ID); err != nil {
			return fmt.Errorf("reset the watchlist token: %w", err)
		}
		http.Redirect(w, r, s.Routes.Path("user.preferences")+"#watchlist-token", http.StatusSeeOther)
		return nil
	}
	l := s.lang(r, m)
	p := userinfo.Preferences{Skin: r.PostForm.Get("skin"), DarkMode: r.PostForm.Get("dark_mode"), Timezone: r.PostForm.Get("timezone"),
		Language: r.PostForm.Get("language")}
	watchPrefs(&p, u.Preferences, r.PostForm)
	offlinePrefs(&p, u.Preferences, r.PostForm)
	if msg, err := s.checkPreferences(l, &p); err != nil {
		return err
	} else if msg != "" {
		return s.preferencesForm(w, r, m, u, p, http.StatusBadRequest, l.T("prefs-not-saved", "Reason", msg), false)
	}
	if next := r.PostForm.Get("new_password"); next != "" {
		id, nu, err := s.Users.ChangePassword(r.Context(), u, s.clientAddr(r), r.PostForm.Get("current_password"), next)
		var te *userinfo.ThrottledError
		var be *userinfo.BusyError
		switch {
		case errors.As(err, &te):
			wait := setRetryAfter(w, te.RetryAfter)
			return s.preferencesForm(w, r, m, u, p, http.StatusTooManyRequests, l.T("prefs-throttled", "Count", seconds(wait)), false)
		case errors.As(err, &be):
			wait := setRetryAfter(w, be.RetryAfter)
			return s.preferencesForm(w, r, m, u, p, http.StatusServiceUnavailable, l.T("prefs-busy", "Count", seconds(wait)), false)
		case errors.Is(err, userinfo.ErrBadCredentials):
			return s.preferencesForm(w, r, m, u, p, http.StatusForbidden, l.T("prefs-wrong-password"), false)
		case errors.Is(err, userinfo.ErrWeakPassword):
			return s.preferencesForm(w, r, m, u, p, http.StatusBadRequest, l.T("prefs-weak-password"), false)
		case err != nil:
			return fmt.Errorf("change password: %w", err)
		}
		// The session that changed the password continues under a new id.
		http.SetCookie(w, s.Users.SessionCookie(r, id))
		u = nu
	}
	if err := s.Users.SetPreferences(r.Context(), u.ID, p); err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	// The theme cookie is what the page reads before first paint; it beats
	// the preference, so it follows it.
	theme := &http.Cookie{Name: skin.ThemeCookie, Value: p.DarkMode, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode,
		Secure: s.Config.SecureCookies || r.TLS != nil}
	if p.DarkMode == "" || p.DarkMode == "auto" {
		theme.Value, theme.MaxAge = "", -1
	}
	http.SetCookie(w, theme)
	http.SetCookie(w, s.savedNote(r, 60))
	http.Redirect(w, r, s.Routes.Path("user.preferences"), http.StatusSeeOther)
	return nil
}

// watchPrefs sets the watchlist preferences of p from the form's
// checkboxes. An unchecked box sends nothing, so the form says it has them
// (watch_prefs=1); a form without them (an older one) keeps those of was.
func watchPrefs(p *userinfo.Preferences, was userinfo.Preferences, form url.Values) {
	if form.Get("watch_prefs") != "1" {
		p.WatchDefault, p.NotifyWatched = was.WatchDefault, was.NotifyWatched
		return
	}
	p.WatchDefault, p.NotifyWatched = "0", ""
	if form.Get("watchdefault") == "1" {
		p.WatchDefault = "" // the default: on
	}
	if form.Get("notify_watched") == "1" {
		p.NotifyWatched = "1"
	}
}

// offlinePrefs sets the offline pages preference of p from the form; a
// form without the field (an older one) keeps was's.
func offlinePrefs(p *userinfo.Preferences, was userinfo.Preferences, form url.Values) {
	if _, ok := form["offline_pages"]; !ok {
		p.OfflinePages = was.OfflinePages
		return
	}
	p.OfflinePages = strings.TrimSpace(form.Get("offline_pages"))
}

// checkPreferences returns why p cannot be saved, in l ("" when it can).
// The time zone's name is trimmed.
func (s *Server) checkPreferences(l *i18n.Lang, p *userinfo.Preferences) (string, error) {
	if p.DarkMode != "" && !slices.Contains(darkModes, p.DarkMode) {
		return l.T("prefs-bad-dark-mode", "Modes", fmt.Sprint(darkModes)), nil
	}
	if p.Language != "" {
		lang := i18n.Default().Lang(p.Language)
		if lang == nil || len(p.Language) > 35 {
			return l.T("prefs-bad-language", "Code", p.Language), nil
		}
		p.Language = lang.Code
	}
	if p.Skin != "" {
		set, err := s.skins()
		if err != nil {
			return "", err
		}
		if !slices.Contains(set.Names(), p.Skin) {
			return l.T("prefs-bad-skin", "Skin", p.Skin), nil
		}
	}
	if msg := checkOffline(l, p); msg != "" {
		return msg, nil
	}
	p.Timezone = strings.TrimSpace(p.Timezone)
	if p.Timezone != "" {
		if _, err := time.LoadLocation(p.Timezone); err != nil || len(p.Timezone) > 64 || p.Timezone == "Local" {
			return l.T("prefs-bad-timezone", "Zone", p.Timezone), nil
		}
	}
	return "", nil
}

// checkOffline returns why p's offline pages preference cannot be saved
// ("" when it can); the default's number is saved as "" (the default).
func checkOffline(l *i18n.Lang, p *userinfo.Preferences) string {
	if p.OfflinePages == "" {
		return ""
	}
	for _, n := range blob.OfflineChoices {
		if p.OfflinePages == strconv.Itoa(n) {
			if n == blob.DefaultOfflinePages {
				p.OfflinePages = ""
			}
			return ""
		}
	}
	return l.T("prefs-bad-offline-pages", "Choices", fmt.Sprint(blob.OfflineChoices))
}

// offlineOptions are the offline pages preference's choices in l, chosen
// ("" for the default) selected.
func offlineOptions(l *i18n.Lang, chosen string) []option {
	limit := userinfo.Preferences{OfflinePages: chosen}.OfflineLimit()
	opts := make([]option, len(blob.OfflineChoices))
	for i, n := range blob.OfflineChoices {
		o := option{Value: strconv.Itoa(n), Text: strconv.Itoa(n), Selected: n == limit}
		switch n {
		case 0:
			o.Text = l.T("prefs-offline-none")
		case blob.DefaultOfflinePages:
			o.Value, o.Text = "", l.T("prefs-offline-default", "Number", strconv.Itoa(n))
		}
		opts[i] = o
	}
	return opts
}

// savedNote is the savedCookie, kept maxAge seconds (negative: deleted).
func (s *Server) savedNote(r *http.Request, maxAge int) *http.Cookie {
	c := &http.Cookie{Name: savedCookie, Value: "1", Path: s.Routes.Path("user.preferences"), MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies || r.TLS != nil}
	if maxAge < 0 {
		c.Value = ""
	}
	return c
}

// preferencesForm shows the form with the preferences p (saved, or as
// typed), a message and whether they were just saved.
func (s *Server) preferencesForm(w http.ResponseWriter, r *http.Request, m router.Match, u *userinfo.UserInfo, p userinfo.Preferences, status int, msg string, saved bool) error {
	set, err := s.skins()
	if err != nil {
		return err
	}
	l := s.lang(r, m)
	skins := []option{{Value: "", Text: l.T("prefs-skin-default", "Skin", displayName(set, set.Default())), Selected: p.Skin == ""}}
	known := p.Skin == ""
	for _, name := range set.Names() {
		skins = append(skins, option{Value: name, Text: displayName(set, name), Selected: name == p.Skin})
		known = known || name == p.Skin
	}
	if !known { // a skin since removed, or what was typed: keep it shown
		skins = append(skins, option{Value: p.Skin, Text: l.T("prefs-skin-missing", "Skin", p.Skin), Selected: true})
	}
	token, err := s.Users.WatchlistToken(r.Context(), u.ID)
	if err != nil {
		return err
	}
	var feedURL string
	if token != "" {
		feedURL = s.baseURL(r) + s.Routes.Path("watchlist.feed") + "?" + url.Values{"user": {u.Name}, "token": {token}}.Encode()
	}
	form, err := renderForm(l, "preferences", formData{Action: s.Routes.Path("user.preferences"), TokensURL: s.Routes.Path("user.tokens"),
		CSRF: u.CSRF, Name: u.Name, DarkModes: darkModeOptions(l, p.DarkMode), Languages: languageOptions(l, p.Language), Preferences: p, Skins: skins, Zones: commonZones, Offline: offlineOptions(l, p.OfflinePages), Saved: saved,
		WatchlistURL: s.Routes.Path("user.watchlist"), WatchlistFeed: feedURL})
	if err != nil {
		return fmt.Errorf("preferences form: %w", err)
	}
	return s.render(w, r, m, page{Status: status, Title: l.T("prefs-title"), Message: msg, Body: form})
}

// darkModeLabels are the names of the dark mode's choices.
var darkModeLabels = map[string]string{"auto": "prefs-dark-mode-auto", "light": "prefs-dark-mode-light", "dark": "prefs-dark-mode-dark"}

// darkModeOptions are the dark mode's choices in l, chosen selected.
func darkModeOptions(l *i18n.Lang, chosen string) []option {
	if chosen == "" {
		chosen = "auto"
	}
	opts := make([]option, len(darkModes))
	for i, mode := range darkModes {
		opts[i] = option{Value: mode, Text: l.T(darkModeLabels[mode]), Selected: mode == chosen}
	}
	return opts
}

// languageOptions are the interface languages a user may choose, each by
// its own name, after the wiki's default (""); chosen is selected (a code
// not shipped, typed into a form, is kept shown).
func languageOptions(l *i18n.Lang, chosen string) []langOption {
	opts := []langOption{{option: option{Value: "", Text: l.T("prefs-language-default"), Selected: chosen == ""}}}
	known := chosen == ""
	for _, lang := range i18n.Default().Languages() {
		opts = append(opts, langOption{option: option{Value: lang.Code, Text: lang.Name, Selected: lang.Code == chosen}, Lang: lang.Code, Dir: lang.Dir})
		known = known || lang.Code == chosen
	}
	if !known {
		opts = append(opts, langOption{option: option{Value: chosen, Text: chosen, Selected: true}})
	}
	return opts
}

// displayName is how the preferences name a skin: its manifest's display
// name, else its name.
func displayName(set *skin.Set, name string) string {
	if man, ok := set.Manifest(name); ok && man.DisplayName != "" {
		return man.DisplayName
	}
	return name
}
