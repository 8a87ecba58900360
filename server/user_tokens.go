package server

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// tokenLifetime is a choice of the token form's expiry.
type tokenLifetime struct {
	Value, Label string
	TTL          time.Duration // 0: never
}

// tokenLifetimes are the choices; their labels are message keys.
var tokenLifetimes = []tokenLifetime{
	{"30d", "tokens-expiry-30d", 30 * 24 * time.Hour},
	{"90d", "tokens-expiry-90d", 90 * 24 * time.Hour},
	{"1y", "tokens-expiry-1y", 365 * 24 * time.Hour},
	{"never", "tokens-expiry-never", 0},
}

// tokenLifetimesIn are tokenLifetimes labelled in l.
func tokenLifetimesIn(l *i18n.Lang) []tokenLifetime {
	out := make([]tokenLifetime, len(tokenLifetimes))
	for i, t := range tokenLifetimes {
		out[i] = t
		out[i].Label = l.T(t.Label)
	}
	return out
}

const defaultTokenLifetime = "90d"

// userTokens shows (GET) the logged-in user's API tokens and a form to
// create one, creates one (POST name, expires) and shows its secret once,
// or revokes one (POST revoke=ID) and comes back here. Tokens are managed
// from a session only: a token cannot make or revoke tokens (its requests
// carry no CSRF token), nor list them.
func (s *Server) userTokens(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u := userOf(r)
	if u.Anonymous {
		return errorMsg(http.StatusForbidden, "tokens-login-needed")
	}
	if r.Header.Get("Authorization") != "" {
		return errorMsg(http.StatusForbidden, "tokens-session-only")
	}
	if r.Method != http.MethodPost {
		return s.tokensPage(w, r, m, u, tokensForm{Lifetime: defaultTokenLifetime})
	}
	ctx, l := r.Context(), s.lang(r, m)
	if v := r.PostForm.Get("revoke"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return errorMsg(http.StatusBadRequest, "tokens-bad-id", "ID", v)
		}
		_, err = s.Users.RevokeToken(ctx, id, u.ID)
		if errors.Is(err, store.ErrNotFound) {
			return s.tokensPage(w, r, m, u, tokensForm{Status: http.StatusNotFound, Lifetime: defaultTokenLifetime,
				Message: l.T("tokens-no-such-token")})
		}
		if err != nil {
			return err
		}
		http.Redirect(w, r, s.Routes.Path("user.tokens"), http.StatusSeeOther)
		return nil
	}
	f := tokensForm{Name: strings.TrimSpace(r.PostForm.Get("name")), Lifetime: r.PostForm.Get("expires"), Status: http.StatusBadRequest}
	var life *tokenLifetime
	for i := range tokenLifetimes {
		if tokenLifetimes[i].Value == f.Lifetime {
			life = &tokenLifetimes[i]
		}
	}
	switch {
	case life == nil:
		f.Lifetime, f.Message = defaultTokenLifetime, l.T("tokens-choose-expiry")
		return s.tokensPage(w, r, m, u, f)
	case f.Name == "":
		f.Message = l.T("tokens-name-needed")
		return s.tokensPage(w, r, m, u, f)
	}
	secret, info, err := s.Users.IssueToken(ctx, u.ID, f.Name, life.TTL)
	switch {
	case errors.Is(err, userinfo.ErrTokenName):
		f.Message = l.T("tokens-bad-name", "Count", userinfo.MaxTokenNameRunes)
		return s.tokensPage(w, r, m, u, f)
	case errors.Is(err, userinfo.ErrTooManyTokens):
		f.Message = l.T("tokens-too-many", "Count", userinfo.MaxTokens)
		return s.tokensPage(w, r, m, u, f)
	case err != nil:
		return err
	}
	expires := l.T("tokens-new-never-expires")
	if !info.Expires.IsZero() {
		expires = l.T("tokens-new-expires", "Time", whenIn(l, zoneOf(r), info.Expires))
	}
	return s.tokensPage(w, r, m, u, tokensForm{Lifetime: defaultTokenLifetime,
		New: &newToken{Name: info.Name, Secret: secret, Expires: expires}})
}

// tokensForm is what one showing of the tokens page says besides the list.
type tokensForm struct {
	Status   int
	Message  string
	Name     string // the create form's name, kept after an error
	Lifetime string // the create form's chosen expiry
	New      *newToken
}

type newToken struct{ Name, Secret, Expires string }

// NameHTML is the new token's name as its notice shows it.
func (t newToken) NameHTML() template.HTML {
	return template.HTML("<strong>" + template.HTMLEscapeString(t.Name) + "</strong>")
}

// HeaderHTML is the header that sends a token, as the notice shows it.
func (newToken) HeaderHTML() template.HTML { return "<code>Authorization: Bearer folio_…</code>" }

type tokenRow struct {
	ID                               int64
	Name, Created, Expires, LastUsed string
	Expired                          bool
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, m router.Match, u *userinfo.UserInfo, f tokensForm) error {
	toks, err := s.Users.Tokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	now, loc, l := time.Now(), zoneOf(r), s.lang(r, m)
	rows := make([]tokenRow, 0, len(toks))
	never := l.T("tokens-never")
	for _, t := range toks {
		row := tokenRow{ID: t.ID, Name: t.Name, Created: whenIn(l, loc, t.Created), Expires: never, LastUsed: never, Expired: t.Expired(now)}
		if row.Name == "" {
			row.Name = l.T("tokens-no-name")
		}
		if !t.Expires.IsZero() {
			row.Expires = whenIn(l, loc, t.Expires)
			if row.Expired {
				row.Expires = l.T("tokens-expired", "Time", row.Expires)
			}
		}
		if !t.LastUsed.IsZero() {
			row.LastUsed = whenIn(l, loc, t.LastUsed)
		}
		rows = append(rows, row)
	}
	b, err := s.body(r, m, "tokens", map[string]any{
		"Action": s.Routes.Path("user.tokens"), "CSRF": u.CSRF, "Name": f.Name, "MaxName": userinfo.MaxTokenNameRunes,
		"Lifetime": f.Lifetime, "Lifetimes": tokenLifetimesIn(l), "Tokens": rows, "New": f.New,
	})
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: f.Status, Title: l.T("tokens-title"), Message: f.Message, Body: b})
}
