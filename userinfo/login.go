package userinfo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/foliowiki/folio/store"
)

// ErrBadCredentials is a failed login. It does not say whether the name
// exists.
var ErrBadCredentials = errors.New("incorrect user name or password")

// ThrottledError is a login refused because of too many recent failures.
type ThrottledError struct{ RetryAfter time.Duration }

// Error implements error.
func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed logins; try again in %s", e.RetryAfter.Round(time.Second))
}

// Credentials are what a login form sends, and the client's address.
type Credentials struct {
	Name     string
	Password string
	Addr     string // client IP, for throttling
}

// Login checks the credentials and opens a new session: a fresh id (never
// one the client brought, so a planted id is useless). It returns the
// session id for the cookie.
//
// The attempt counts against the throttle (see throttle.go) before the
// password is hashed: past a limit Login returns a *ThrottledError without
// hashing. When the server hashes too many passwords at once it returns a
// *BusyError (ErrBusy) and nothing is checked or counted. A hash made with
// older argon2 parameters is replaced after a successful login.
func (m *Manager) Login(ctx context.Context, c Credentials) (string, *UserInfo, error) {
	now := m.cfg.Now()
	name, nameErr := NormalizeUserName(c.Name)
	k := loginKeys(name, c.Addr)
	if wait := m.throttle.reserve(now, k); wait > 0 {
		return "", nil, &ThrottledError{RetryAfter: wait}
	}
	hash, found := dummyHash(), false // a missing name costs as much as a wrong password
	var acct store.User
	if nameErr == nil {
		var err error
		acct, err = m.st.UserByName(ctx, name)
		switch {
		case err == nil:
			hash, found = acct.PasswordHash, true
		case !errors.Is(err, store.ErrNotFound):
			m.throttle.refund(k)
			return "", nil, fmt.Errorf("userinfo: login: %w", err)
		}
	}
	if err := m.checkPassword(ctx, k, hash, c.Password); err != nil {
		return "", nil, err
	}
	if !found { // cannot happen: the dummy hash matches nothing
		return "", nil, ErrBadCredentials
	}
	m.upgradeHash(ctx, acct, c.Password)
	return m.openSession(ctx, acct.ID, now)
}

// checkPassword ends an attempt reserved under k: it checks password
// against hash and returns nil (and clears the pair), ErrBadCredentials
// (the attempt stays counted), or a *BusyError (the attempt is given back).
func (m *Manager) checkPassword(ctx context.Context, k attemptKeys, hash, password string) error {
	ok, err := VerifyPassword(ctx, hash, password)
	switch {
	case err != nil:
		m.throttle.refund(k)
		return err
	case !ok:
		return ErrBadCredentials
	}
	m.throttle.succeeded(k)
	return nil
}

// checkCurrentPassword checks the current password of the session
// sessionHash (before a password change) from addr: throttled by the
// session and the address, counted as a login's failure too, and under the
// hashing limiter.
func (m *Manager) checkCurrentPassword(ctx context.Context, acct store.User, sessionHash, addr, password string) error {
	k := loginKeys(acct.Name, addr)
	if sessionHash != "" {
		k.session = "s:" + sessionHash
	}
	if wait := m.throttle.reserve(m.cfg.Now(), k); wait > 0 {
		return &ThrottledError{RetryAfter: wait}
	}
	return m.checkPassword(ctx, k, acct.PasswordHash, password)
}

// upgradeHash replaces acct's hash, which password just matched, with one
// made with the current argon2 parameters, if it was not. A failure (the
// server too busy to hash again) leaves it for a later login.
func (m *Manager) upgradeHash(ctx context.Context, acct store.User, password string) {
	if !needsRehash(acct.PasswordHash) {
		return
	}
	h, err := newHash(ctx, password)
	if err == nil {
		err = m.st.SetPasswordHash(context.WithoutCancel(ctx), acct.ID, h)
	}
	if err != nil {
		m.cfg.Log.Info("the password hash of an account was not upgraded; the next login tries again", "user", acct.Name, "err", err)
		return
	}
	m.cfg.Log.Debug("upgraded the password hash of an account", "user", acct.Name)
}

// OpenSession opens a session for an account without a password check,
// for tools run by the operator (folio skin data --user). It returns the
// session id.
func (m *Manager) OpenSession(ctx context.Context, userID int64) (string, error) {
	id, _, err := m.openSession(ctx, userID, m.cfg.Now())
	return id, err
}

func (m *Manager) openSession(ctx context.Context, userID int64, now time.Time) (string, *UserInfo, error) {
	id := newSessionID()
	se := store.Session{IDHash: hashSessionID(id), UserID: userID, Created: now, LastSeen: now, Expires: now.Add(m.cfg.MaxAge)}
	if err := m.st.CreateSession(ctx, se); err != nil {
		return "", nil, fmt.Errorf("userinfo: open session: %w", err)
	}
	u, err := m.build(ctx, userID)
	if err != nil {
		return "", nil, err
	}
	u.CSRF, u.Session.Hash, u.Session.Expires, u.Session.LastSeen = csrfToken(id), se.IDHash, se.Expires, now
	m.remember(u)
	return id, u, nil
}

// Logout ends u's session.
func (m *Manager) Logout(ctx context.Context, u *UserInfo) error {
	if u.Anonymous {
		return nil
	}
	m.forget(u)
	if err := m.st.DeleteSession(ctx, u.Session.Hash); err != nil {
		return fmt.Errorf("userinfo: logout: %w", err)
	}
	return nil
}

// SessionCookie is the cookie that carries a new session id. It is
// HttpOnly, SameSite=Lax, and Secure over https or with --secure-cookies.
func (m *Manager) SessionCookie(r *http.Request, id string) *http.Cookie {
	return &http.Cookie{
		Name: m.cfg.CookieName, Value: id, Path: "/", MaxAge: int(m.cfg.MaxAge / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: m.secure(r),
	}
}

// ClearCookie removes the session cookie.
func (m *Manager) ClearCookie(r *http.Request) *http.Cookie {
	return &http.Cookie{Name: m.cfg.CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: m.secure(r)}
}

func (m *Manager) secure(r *http.Request) bool { return m.cfg.SecureCookie || r.TLS != nil }

// FormCookie carries the secret of an anonymous reader's forms (the login
// form above all): their CSRF token derives from it. It is not the session
// cookie, so it does not make views private.
const FormCookie = "folio_form"

// APIFormCookie is FormCookie for MediaWiki's Action API: the secret its
// anonymous clients' tokens (the login token above all) derive from,
// scoped to the endpoint's path (/api.php, /w/api.php).
const APIFormCookie = "folio_apiform"

// CSRFToken returns the token a form must carry for u: the session's, or for
// an anonymous reader one derived from the form cookie, which it sets when
// missing.
func (m *Manager) CSRFToken(w http.ResponseWriter, r *http.Request, u *UserInfo) string {
	if !u.Anonymous {
		return u.CSRF
	}
	return m.formToken(w, r, FormCookie, "/-/")
}

// CheckCSRF reports whether submitted is u's valid token for this request.
func (m *Manager) CheckCSRF(r *http.Request, u *UserInfo, submitted string) bool {
	if !u.Anonymous {
		return submitted != "" && submitted == u.CSRF
	}
	return checkFormToken(r, FormCookie, submitted)
}

// APIFormToken returns the token of the Action API client of r that has no
// session (its login token, an anonymous editor's csrf token): derived
// from APIFormCookie, which it sets, for the request's path, when missing.
func (m *Manager) APIFormToken(w http.ResponseWriter, r *http.Request) string {
	return m.formToken(w, r, APIFormCookie, r.URL.Path)
}

// CheckAPIFormToken reports whether submitted is APIFormToken's token for
// this request.
func (m *Manager) CheckAPIFormToken(r *http.Request, submitted string) bool {
	return checkFormToken(r, APIFormCookie, submitted)
}

// formToken is the token derived from the secret in the cookie name, set
// for path when missing.
func (m *Manager) formToken(w http.ResponseWriter, r *http.Request, name, path string) string {
	if c, err := r.Cookie(name); err == nil && validSessionID(c.Value) {
		return csrfToken(c.Value)
	}
	secret := newSessionID()
	http.SetCookie(w, &http.Cookie{Name: name, Value: secret, Path: path, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: m.secure(r)})
	// A second call for the same request finds what the first one set.
	r.AddCookie(&http.Cookie{Name: name, Value: secret})
	return csrfToken(secret)
}

// checkFormToken reports whether submitted derives from the secret in the
// request's cookie name.
func checkFormToken(r *http.Request, name, submitted string) bool {
	c, err := r.Cookie(name)
	return err == nil && validSessionID(c.Value) && checkCSRF(c.Value, submitted)
}
