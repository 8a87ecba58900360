package store

import (
	"context"
	"time"
)

// Session is a login session. Only a hash of the session id is stored.
type Session struct {
	IDHash   string
	UserID   int64
	Created  time.Time
	LastSeen time.Time
	Expires  time.Time // absolute expiry
}

// Sessions manages login sessions.
type Sessions interface {
	// CreateSession stores a new session; a taken IDHash is ErrConflict and
	// an unknown user ErrNotFound.
	CreateSession(ctx context.Context, s Session) error
	// SessionByHash returns the session or ErrNotFound.
	SessionByHash(ctx context.Context, idHash string) (Session, error)
	// TouchSession records activity; a missing session is ErrNotFound.
	TouchSession(ctx context.Context, idHash string, at time.Time) error
	// DeleteSession is idempotent.
	DeleteSession(ctx context.Context, idHash string) error
	// DeleteExpiredSessions removes sessions whose absolute expiry is before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}
