package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// tokenLifetime is a choice of the token form's expiry.
type tokenLifetime struct {
	Value, Label string
	TTL          time.Duration // 0: never
}

var tokenLifetimes = []tokenLifetime{
	{"30d", "30 days", 30 * 24 * time.Hour},
	{"90d", "90 days", 90 * 24 * time.Hour},
	{"1y", "1 year", 365 * 24 * time.Hour},
	{"never", "Never", 0},
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
		return errorf(http.StatusForbidden, "you need to log in to manage API tokens")
	}
	if r.Header.Get("Authorization") != "" {
		return errorf(http.StatusForbidden, "API tokens are managed from a logged-in browser session, not with a token")
	}
	if r.Method != http.MethodPost {
		return s.tokensPage(w, r, m, u, tokensForm{Lifetime: defaultTokenLifetime})
	}
	ctx := r.Context()
	if v := r.PostForm.Get("revoke"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return errorf(http.StatusBadRequest, "bad token id %q", v)
		}
		_, err = s.Users.RevokeToken(ctx, id, u.ID)
		if errors.Is(err, store.ErrNotFound) {
			return s.tokensPage(w, r, m, u, tokensForm{Status: http.StatusNotFound, Lifetime: defaultTokenLifetime,
				Message: "You have no such token; it was revoked already?"})
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
		f.Lifetime, f.Message = defaultTokenLifetime, "Choose when the token expires."
		return s.tokensPage(w, r, m, u, f)
	case f.Name == "":
		f.Message = "Give the token a name: what it is for."
		return s.tokensPage(w, r, m, u, f)
	}
	secret, info, err := s.Users.IssueToken(ctx, u.ID, f.Name, life.TTL)
	switch {
	case errors.Is(err, userinfo.ErrTokenName), errors.Is(err, userinfo.ErrTooManyTokens):
		f.Message = capitalize(err.Error()) + "."
		return s.tokensPage(w, r, m, u, f)
	case err != nil:
		return err
	}
	expires := "it never expires"
	if !info.Expires.IsZero() {
		expires = "it expires " + when(zoneOf(r), info.Expires)
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
	now, loc := time.Now(), zoneOf(r)
	rows := make([]tokenRow, 0, len(toks))
	for _, t := range toks {
		row := tokenRow{ID: t.ID, Name: t.Name, Created: when(loc, t.Created), Expires: "never", LastUsed: "never", Expired: t.Expired(now)}
		if row.Name == "" {
			row.Name = "(no name)"
		}
		if !t.Expires.IsZero() {
			row.Expires = when(loc, t.Expires)
			if row.Expired {
				row.Expires += " (expired)"
			}
		}
		if !t.LastUsed.IsZero() {
			row.LastUsed = when(loc, t.LastUsed)
		}
		rows = append(rows, row)
	}
	b, err := s.body(r, m, "tokens", map[string]any{
		"Action": s.Routes.Path("user.tokens"), "CSRF": u.CSRF, "Name": f.Name, "MaxName": userinfo.MaxTokenNameRunes,
		"Lifetime": f.Lifetime, "Lifetimes": tokenLifetimes, "Tokens": rows, "New": f.New,
	})
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: f.Status, Title: "API tokens", Message: f.Message, Body: b})
}
