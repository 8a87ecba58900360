package userinfo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/foliowiki/folio/store"
)

// ErrBadToken is an Authorization header with a bearer token that is not
// valid: unknown, revoked or expired. The API answers 401.
var ErrBadToken = errors.New("invalid API token")

// ErrTokenName is a token name that is too long or not printable text.
var ErrTokenName = fmt.Errorf("a token's name is at most %d characters of printable text", MaxTokenNameRunes)

// ErrTooManyTokens is a new token for an account that holds MaxTokens.
var ErrTooManyTokens = fmt.Errorf("an account holds at most %d API tokens: revoke one first", MaxTokens)

// Limits of API tokens.
const (
	MaxTokenNameRunes = 100
	MaxTokens         = 50 // per account, expired ones included
)

// tokenPrefix marks Folio API tokens, so a leaked one is easy to recognize.
const tokenPrefix = "folio_"

// TokenInfo describes an API token. It never holds the secret, which only
// its creator saw, once.
type TokenInfo struct {
	ID       int64
	UserID   int64
	Owner    string // the account's name
	Name     string
	Created  time.Time
	Expires  time.Time // zero: never
	LastUsed time.Time // zero: not used yet; recorded at most once an hour
}

// Expired reports whether the token is refused for having expired at now.
func (t TokenInfo) Expired(now time.Time) bool { return expired(t.Expires, now) }

func expired(expires, now time.Time) bool { return !expires.IsZero() && !now.Before(expires) }

// CreateToken makes an API token for the account that never expires, and
// returns its secret, which is shown once and never stored.
func (m *Manager) CreateToken(ctx context.Context, userID int64, name string) (string, error) {
	secret, _, err := m.IssueToken(ctx, userID, name, 0)
	return secret, err
}

// IssueToken makes an API token for the account, valid for ttl (0: until
// revoked), and returns its secret, shown once and never stored, and what
// was stored.
func (m *Manager) IssueToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, TokenInfo, error) {
	name = strings.TrimSpace(name)
	if err := checkTokenName(name); err != nil {
		return "", TokenInfo{}, err
	}
	if ttl < 0 {
		return "", TokenInfo{}, fmt.Errorf("create token: a negative lifetime (%v)", ttl)
	}
	acct, err := m.st.UserByID(ctx, userID)
	if err != nil {
		return "", TokenInfo{}, fmt.Errorf("create token: %w", err)
	}
	have, err := m.st.ListTokens(ctx, userID)
	if err != nil {
		return "", TokenInfo{}, fmt.Errorf("create token: %w", err)
	}
	if len(have) >= MaxTokens {
		return "", TokenInfo{}, ErrTooManyTokens
	}
	now := m.cfg.Now()
	t := store.Token{Hash: "", UserID: userID, Name: name, Created: now}
	if ttl > 0 {
		t.Expires = now.Add(ttl)
	}
	secret := tokenPrefix + newSessionID()
	t.Hash = hashToken(secret)
	t, err = m.st.CreateToken(ctx, t)
	if err != nil {
		return "", TokenInfo{}, fmt.Errorf("create token: %w", err)
	}
	return secret, tokenInfo(t, acct.Name), nil
}

func checkTokenName(name string) error {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxTokenNameRunes {
		return ErrTokenName
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return ErrTokenName
		}
	}
	return nil
}

func tokenInfo(t store.Token, owner string) TokenInfo {
	return TokenInfo{ID: t.ID, UserID: t.UserID, Owner: owner, Name: t.Name, Created: t.Created, Expires: t.Expires, LastUsed: t.LastUsed}
}

// Tokens lists the API tokens of an account, or of every account when
// userID is 0, expired ones included, oldest first.
func (m *Manager) Tokens(ctx context.Context, userID int64) ([]TokenInfo, error) {
	toks, err := m.st.ListTokens(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	names := map[int64]string{}
	out := make([]TokenInfo, 0, len(toks))
	for _, t := range toks {
		name, ok := names[t.UserID]
		if !ok {
			acct, err := m.st.UserByID(ctx, t.UserID)
			if err != nil {
				return nil, fmt.Errorf("list tokens: owner of token %d: %w", t.ID, err)
			}
			name, names[t.UserID] = acct.Name, acct.Name
		}
		out = append(out, tokenInfo(t, name))
	}
	return out, nil
}

// RevokeToken deletes the token with id, which must be owner's unless owner
// is 0 (an administrator's command): an unknown id, or another account's
// token, is store.ErrNotFound. Every node refuses the token from its next
// use: the account's cached users are dropped here and, through the
// "userinfo" event of Changed, on every other node.
func (m *Manager) RevokeToken(ctx context.Context, id, owner int64) (TokenInfo, error) {
	t, err := m.st.RevokeToken(ctx, id, owner)
	if errors.Is(err, store.ErrNotFound) {
		return TokenInfo{}, fmt.Errorf("API token %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return TokenInfo{}, fmt.Errorf("revoke token %d: %w", id, err)
	}
	info := tokenInfo(t, "")
	if acct, err := m.st.UserByID(ctx, t.UserID); err == nil {
		info.Owner = acct.Name
	}
	return info, m.Changed(ctx, t.UserID)
}

// RevokeUserTokens deletes every API token of the account, on every node
// as RevokeToken does, and returns how many there were.
func (m *Manager) RevokeUserTokens(ctx context.Context, userID int64) (int, error) {
	n, err := m.st.RevokeUserTokens(ctx, userID)
	if err != nil {
		return 0, fmt.Errorf("revoke tokens of user %d: %w", userID, err)
	}
	return n, m.Changed(ctx, userID)
}

func hashToken(secret string) string { return hashSessionID("token\x00" + secret) }

// fromToken returns the UserInfo of a bearer token, cached like a
// session's. The cached entry carries the token's expiry, checked on every
// use, so an expired token is refused at once on every node, with or
// without a cache; a revoked one is dropped from every node's cache by the
// event RevokeToken publishes.
func (m *Manager) fromToken(ctx context.Context, secret string) (*UserInfo, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || !validSessionID(secret[len(tokenPrefix):]) {
		return nil, ErrBadToken
	}
	hash := hashToken(secret)
	now := m.cfg.Now()
	u, ok := m.cache.Get(hash)
	if !ok {
		var err error
		if u, err = m.loadToken(ctx, hash, now); err != nil {
			return nil, err
		}
	}
	if !u.Session.Token { // a session's hash cannot be a token's, but be sure
		return nil, ErrBadToken
	}
	if !now.Before(u.Session.Expires) {
		m.forget(u)
		return nil, ErrBadToken
	}
	if watchExpired(u, now) {
		var err error
		if u, err = m.rebuild(ctx, u); err != nil {
			return nil, err
		}
		if u == nil {
			return nil, ErrBadToken
		}
	}
	if now.Sub(u.Session.LastSeen) > touchEvery {
		return m.touchToken(ctx, u, now)
	}
	return u, nil
}

// loadToken builds the UserInfo of a token from the store. An unknown or
// expired token, or one whose account is gone, is ErrBadToken.
func (m *Manager) loadToken(ctx context.Context, hash string, now time.Time) (*UserInfo, error) {
	gen := m.gen.Load()
	tok, err := m.st.TokenByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, fmt.Errorf("userinfo: token: %w", err)
	}
	if expired(tok.Expires, now) {
		return nil, ErrBadToken
	}
	u, err := m.build(ctx, tok.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, err
	}
	// The CSRF token stays empty: token requests carry no cookies to forge,
	// and no form accepts them.
	u.Session.Hash, u.Session.Token, u.Session.Expires, u.Session.LastSeen = hash, true, tok.Expires, tok.LastUsed
	if tok.Expires.IsZero() {
		u.Session.Expires = farFuture
	}
	m.rememberSince(u, gen)
	return u, nil
}

// touchToken records the token's use at most once per touchEvery. A token
// gone from the store (revoked on a node whose event has not arrived yet)
// is refused.
func (m *Manager) touchToken(ctx context.Context, u *UserInfo, now time.Time) (*UserInfo, error) {
	gen := m.gen.Load()
	if err := m.st.TouchToken(ctx, u.Session.Hash, now); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			m.forget(u)
			return nil, ErrBadToken
		}
		return nil, fmt.Errorf("userinfo: touch token: %w", err)
	}
	v := *u
	v.Session.LastSeen = now
	m.rememberSince(&v, gen)
	return &v, nil
}

// rememberSince caches u unless an account was dropped since gen: what u
// was read from may be what the drop was about.
func (m *Manager) rememberSince(u *UserInfo, gen uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.gen.Load() != gen {
		return
	}
	m.used.Store(true) // before the Set: see reset
	m.cache.Set(u.Session.Hash, u, cost(u))
	m.cache.Wait()
	if m.byUser[u.ID] == nil {
		m.byUser[u.ID] = map[string]struct{}{}
	}
	m.byUser[u.ID][u.Session.Hash] = struct{}{}
}
