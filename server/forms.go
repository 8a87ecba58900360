package server

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// Forms of the stand-in template, until skins render them (issue 6).
var forms = template.Must(template.New("forms").Parse(`
{{define "login"}}<form method="post" action="{{.Action}}" class="login">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<input type="hidden" name="returnto" value="{{.ReturnTo}}">
<p><label>User name <input name="name" value="{{.Name}}" autocomplete="username" required autofocus></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Log in</button></p>
</form>{{end}}
{{define "logout"}}<form method="post" action="{{.Action}}" class="logout">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<p>Logged in as {{.Name}}. <button type="submit">Log out</button></p>
</form>{{end}}
{{define "preferences"}}{{if .Saved}}<p class="message saved" role="status">Your preferences have been saved.</p>
{{end}}<form method="post" action="{{.Action}}" class="preferences">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<p><label>Dark mode <select name="dark_mode">{{range .DarkModes}}<option value="{{.}}"{{if eq . $.DarkMode}} selected{{end}}>{{.}}</option>{{end}}</select></label></p>
<p><label>Skin <select name="skin">
{{- range .Skins}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Text}}</option>{{end -}}
</select></label></p>
<p><label>Time zone <input name="timezone" value="{{.Timezone}}" placeholder="UTC" list="timezones" maxlength="64" autocomplete="off" spellcheck="false"></label>
<datalist id="timezones">{{range .Zones}}<option value="{{.}}">{{end}}</datalist>
<small class="hint">A zone name such as Europe/Paris or America/New_York; empty for UTC. Every time the wiki shows you is in it.</small></p>
<h2>Watchlist</h2>
<input type="hidden" name="watch_prefs" value="1">
<p><label><input type="checkbox" name="watchdefault" value="1"{{if .WatchesEdits}} checked{{end}}> Add pages I edit, create or move to my watchlist</label></p>
<p><label><input type="checkbox" name="notify_watched" value="1"{{if .NotifiesWatched}} checked{{end}}> Notify me when someone else edits a page on my watchlist</label></p>
<h2>Change password</h2>
<p><label>Current password <input name="current_password" type="password" autocomplete="current-password"></label></p>
<p><label>New password <input name="new_password" type="password" autocomplete="new-password" minlength="10"></label></p>
<p><button type="submit">Save</button></p>
</form>
<p class="tokens-link"><a href="{{.TokensURL}}">API tokens</a>: create and revoke tokens for the JSON API (a new password leaves them working).</p>
<h2 id="watchlist-token">Watchlist feed</h2>
<form method="post" action="{{.Action}}" class="watchlist-token">
<input type="hidden" name="csrf" value="{{.CSRF}}">
{{- if .WatchlistFeed}}
<p>Your <a href="{{.WatchlistURL}}">watchlist</a> as an Atom feed, for a feed reader: <input class="watchlist-feed-url" name="feed" value="{{.WatchlistFeed}}" size="80" readonly spellcheck="false" aria-label="Your watchlist feed address"></p>
<p>The address holds a secret token: whoever has it can read your watchlist. Reset it to stop the old address working. <button type="submit" name="watchlist_token" value="reset">Reset token</button></p>
{{- else}}
<p>Read your <a href="{{.WatchlistURL}}">watchlist</a> in a feed reader: create the secret token of its Atom feed's address. <button type="submit" name="watchlist_token" value="reset">Create token</button></p>
{{- end}}
</form>{{end}}
`))

// formData feeds the form templates.
type formData struct {
	Action    string // the path the form posts to (Registry.Path)
	TokensURL string // preferences: the path of the API tokens page
	CSRF      string
	ReturnTo  string
	Name      string
	DarkModes []string
	userinfo.Preferences
	Skins []option // preferences: the installed skins ("" for the site's default)
	Zones []string // preferences: the time zones offered (any IANA name is accepted)
	Saved bool     // preferences: they were just saved
	// Preferences: the watchlist's path, and its feed's address with the
	// user's token ("" when they have none yet).
	WatchlistURL, WatchlistFeed string
}

// option is one choice of a select.
type option struct {
	Value, Text string
	Selected    bool
}

func renderForm(name string, d formData) (template.HTML, error) {
	var b bytes.Buffer
	if err := forms.ExecuteTemplate(&b, name, d); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// forbidden explains a missing right: log in, or ask for it.
func forbidden(u *userinfo.UserInfo, right router.Right) error {
	switch {
	case u.Blocked():
		return errorf(http.StatusForbidden, "you are blocked from editing: %s", u.Block.Reason)
	case u.Anonymous:
		return errorf(http.StatusForbidden, "you need to log in to do this (the %q right)", right)
	}
	return errorf(http.StatusForbidden, "you do not have the %q right", right)
}
