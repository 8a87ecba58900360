package server

import (
	"bytes"
	"html/template"
	"net/http"
	"sync"

	"github.com/foliowiki/folio/i18n"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// Forms of the stand-in template, until skins render them (issue 6). They
// speak the reader's language as the views do: parsed once with the
// source language's functions when first needed, cloned per language
// (formsIn).
var forms = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("forms").Funcs(langFuncs(i18n.Default().Lang(i18n.Source))).Parse(formsText))
})

const formsText = `
{{define "login"}}<form method="post" action="{{.Action}}" class="login">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<input type="hidden" name="returnto" value="{{.ReturnTo}}">
<p><label>{{msg "login-username"}} <input name="name" value="{{.Name}}" autocomplete="username" required autofocus></label></p>
<p><label>{{msg "login-password"}} <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">{{msg "login-button"}}</button></p>
</form>{{end}}
{{define "logout"}}<form method="post" action="{{.Action}}" class="logout">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<p>{{msg "logout-logged-in-as" "Name" .Name}} <button type="submit">{{msg "logout-button"}}</button></p>
</form>{{end}}
{{define "preferences"}}{{if .Saved}}<p class="message saved" role="status">{{msg "savedprefs"}}</p>
{{end}}<form method="post" action="{{.Action}}" class="preferences">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<p><label>{{msg "prefs-language"}} <select name="language">
{{- range .Languages}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}{{if .Lang}} lang="{{.Lang}}" dir="{{.Dir}}"{{end}}>{{.Text}}</option>{{end -}}
</select></label></p>
<p><label>{{msg "prefs-dark-mode"}} <select name="dark_mode">{{range .DarkModes}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Text}}</option>{{end}}</select></label></p>
<p><label>{{msg "prefs-skin"}} <select name="skin">
{{- range .Skins}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Text}}</option>{{end -}}
</select></label></p>
<p><label>{{msg "prefs-timezone"}} <input name="timezone" value="{{.Timezone}}" placeholder="UTC" list="timezones" maxlength="64" autocomplete="off" spellcheck="false"></label>
<datalist id="timezones">{{range .Zones}}<option value="{{.}}">{{end}}</datalist>
<small class="hint">{{msg "prefs-timezone-hint"}}</small></p>
<h2>{{msg "prefs-watchlist"}}</h2>
<input type="hidden" name="watch_prefs" value="1">
<p><label><input type="checkbox" name="watchdefault" value="1"{{if .WatchesEdits}} checked{{end}}> {{msg "prefs-watchdefault"}}</label></p>
<p><label><input type="checkbox" name="notify_watched" value="1"{{if .NotifiesWatched}} checked{{end}}> {{msg "prefs-notify-watched"}}</label></p>
<h2>{{msg "prefs-offline"}}</h2>
<p><label>{{msg "prefs-offline-pages"}} <select name="offline_pages">{{range .Offline}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Text}}</option>{{end}}</select></label>
<small class="hint">{{msg "prefs-offline-hint"}}</small></p>
<h2>{{msg "prefs-password"}}</h2>
<p><label>{{msg "prefs-current-password"}} <input name="current_password" type="password" autocomplete="current-password"></label></p>
<p><label>{{msg "prefs-new-password"}} <input name="new_password" type="password" autocomplete="new-password" minlength="10"></label></p>
<p><button type="submit">{{msg "saveprefs"}}</button></p>
</form>
<p class="tokens-link">{{msgHTML "prefs-tokens-link" "Link" .TokensLink}}</p>
<h2 id="watchlist-token">{{msg "prefs-watchlist-feed"}}</h2>
<form method="post" action="{{.Action}}" class="watchlist-token">
<input type="hidden" name="csrf" value="{{.CSRF}}">
{{- if .WatchlistFeed}}
<p>{{msgHTML "prefs-watchlist-feed-url" "Link" .WatchlistLink}} <input class="watchlist-feed-url" name="feed" value="{{.WatchlistFeed}}" size="80" readonly spellcheck="false" aria-label="{{msg "prefs-watchlist-feed-label"}}"></p>
<p>{{msg "prefs-watchlist-token-secret"}} <button type="submit" name="watchlist_token" value="reset">{{msg "prefs-watchlist-token-reset"}}</button></p>
{{- else}}
<p>{{msgHTML "prefs-watchlist-token-none" "Link" .WatchlistLink}} <button type="submit" name="watchlist_token" value="reset">{{msg "prefs-watchlist-token-create"}}</button></p>
{{- end}}
</form>{{end}}
`

var formSets = &byLang{base: forms}

// formsIn returns the forms speaking l.
func formsIn(l *i18n.Lang) *template.Template { return formSets.in(l) }

// formData feeds the form templates.
type formData struct {
	Action    string // the path the form posts to (Registry.Path)
	TokensURL string // preferences: the path of the API tokens page
	CSRF      string
	ReturnTo  string
	Name      string
	DarkModes []option     // preferences: the dark mode's choices
	Languages []langOption // preferences: the interface languages
	userinfo.Preferences
	Skins []option // preferences: the installed skins ("" for the site's default)
	// Offline: preferences: how many pages the service worker keeps.
	Offline []option
	Zones   []string // preferences: the time zones offered (any IANA name is accepted)
	Saved   bool     // preferences: they were just saved
	// Preferences: the watchlist's path, and its feed's address with the
	// user's token ("" when they have none yet).
	WatchlistURL, WatchlistFeed string
	lang                        *i18n.Lang // the form's language (renderForm)
}

// option is one choice of a select.
type option struct {
	Value, Text string
	Selected    bool
}

// langOption is one language of the preferences' select, marked with its
// own code and direction ("" for the wiki's default).
type langOption struct {
	option
	Lang, Dir string
}

// TokensLink is the preferences' link to the API tokens page.
func (d formData) TokensLink() template.HTML { return d.linkTo(d.TokensURL, "prefs-tokens") }

// WatchlistLink is the preferences' link to the watchlist.
func (d formData) WatchlistLink() template.HTML {
	return d.linkTo(d.WatchlistURL, "prefs-watchlist-link")
}

func (d formData) linkTo(u, key string) template.HTML { return anchor(u, d.lang.T(key)) }

// renderForm renders the named form in language l.
func renderForm(l *i18n.Lang, name string, d formData) (template.HTML, error) {
	d.lang = l
	var b bytes.Buffer
	if err := formsIn(l).ExecuteTemplate(&b, name, d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// forbidden explains a missing right: log in, or ask for it.
func forbidden(u *userinfo.UserInfo, right router.Right) error {
	switch {
	case u.Blocked():
		if !u.Block.Expires.IsZero() {
			return errorMsg(http.StatusForbidden, "error-blocked-until", "Reason", u.Block.Reason, "Expiry", u.Block.Expires)
		}
		return errorMsg(http.StatusForbidden, "error-blocked", "Reason", u.Block.Reason)
	case u.Anonymous:
		return errorMsg(http.StatusForbidden, "error-login-needed", "Right", string(right))
	}
	return errorMsg(http.StatusForbidden, "error-no-right", "Right", string(right))
}
