package store

import (
	"context"
	"time"
)

// Token is an API bearer token. Only a hash of the secret is stored.
type Token struct {
	Hash    string
	UserID  int64
	Name    string // what it is for, chosen by its owner
	Created time.Time
}

// Tokens stores API tokens.
type Tokens interface {
	// CreateToken stores a token; a taken hash is ErrConflict, an unknown
	// user ErrNotFound.
	CreateToken(ctx context.Context, t Token) error
	// TokenByHash returns the token or ErrNotFound.
	TokenByHash(ctx context.Context, hash string) (Token, error)
	// DeleteToken is idempotent.
	DeleteToken(ctx context.Context, hash string) error
}
