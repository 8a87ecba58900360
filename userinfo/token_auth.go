package userinfo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/foliowiki/folio/store"
)

// ErrBadToken is an Authorization header with a bearer token that is not
// valid: the API answers 401.
var ErrBadToken = errors.New("invalid API token")

// tokenPrefix marks Folio API tokens, so a leaked one is easy to recognize.
const tokenPrefix = "folio_"

// CreateToken makes an API token for the account and returns its secret,
// which is shown once and never stored.
func (m *Manager) CreateToken(ctx context.Context, userID int64, name string) (string, error) {
	secret := tokenPrefix + newSessionID()
	err := m.st.CreateToken(ctx, store.Token{Hash: hashToken(secret), UserID: userID, Name: name, Created: m.cfg.Now()})
	if err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return secret, nil
}

func hashToken(secret string) string { return hashSessionID("token\x00" + secret) }

// fromToken returns the UserInfo of a bearer token, cached like a session's.
func (m *Manager) fromToken(ctx context.Context, secret string) (*UserInfo, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || !validSessionID(secret[len(tokenPrefix):]) {
		return nil, ErrBadToken
	}
	hash := hashToken(secret)
	if u, ok := m.cache.Get(hash); ok {
		return u, nil
	}
	tok, err := m.st.TokenByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, fmt.Errorf("userinfo: token: %w", err)
	}
	u, err := m.build(ctx, tok.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, err
	}
	// A token never expires by idleness; it lives until deleted. The CSRF
	// token stays empty: token requests carry no cookies to forge.
	u.sessionHash, u.expires, u.lastSeen = hash, farFuture, farFuture
	m.remember(u)
	return u, nil
}
