package store

import (
	"context"
	"time"
)

// Token is an API bearer token. Only a hash of the secret is stored.
type Token struct {
	ID       int64 // assigned by CreateToken; what lists show and revocation names
	Hash     string
	UserID   int64
	Name     string // what it is for, chosen by its owner
	Created  time.Time
	Expires  time.Time // zero: never; the store keeps expired tokens, their users refuse them
	LastUsed time.Time // zero: never used; recorded now and then (TouchToken)
}

// Tokens stores API tokens.
type Tokens interface {
	// CreateToken stores a token and returns it with its new ID (and
	// Created, now when zero). A taken hash is ErrConflict, an unknown user
	// ErrNotFound. LastUsed is ignored.
	CreateToken(ctx context.Context, t Token) (Token, error)
	// TokenByHash returns the token, expired or not, or ErrNotFound.
	TokenByHash(ctx context.Context, hash string) (Token, error)
	// ListTokens returns the tokens of an account, or of every account
	// when userID is 0, expired ones included, in creation (ID) order.
	ListTokens(ctx context.Context, userID int64) ([]Token, error)
	// TouchToken records that the token was used at at; a token that no
	// longer exists is ErrNotFound.
	TouchToken(ctx context.Context, hash string, at time.Time) error
	// RevokeToken deletes the token with id and returns what it was. When
	// userID is not 0 the token must be that account's: another's is
	// ErrNotFound, as is an unknown id.
	RevokeToken(ctx context.Context, id, userID int64) (Token, error)
	// RevokeUserTokens deletes every token of an account and returns how
	// many there were.
	RevokeUserTokens(ctx context.Context, userID int64) (int, error)
	// DeleteToken deletes the token with hash; it is idempotent.
	DeleteToken(ctx context.Context, hash string) error
}

// TokenToCreate is the token CreateToken stores for t, and returns once it
// has set ID: Created is now when zero, times are as stored (StoredTime) and
// LastUsed is zero.
func TokenToCreate(t Token) Token {
	t.Created, t.Expires, t.LastUsed = OrNow(t.Created), StoredTime(t.Expires), time.Time{}
	return t
}
