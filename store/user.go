package store

import (
	"context"
	"time"
)

// User is an account.
type User struct {
	ID           int64
	Name         string
	PasswordHash string // PHC-encoded argon2id hash
	Created      time.Time
}

// Users manages accounts.
type Users interface {
	// CreateUser inserts an account; a taken name is ErrConflict.
	CreateUser(ctx context.Context, u User) (User, error)
	// UserByName returns the account or ErrNotFound.
	UserByName(ctx context.Context, name string) (User, error)
	// UserByID returns the account or ErrNotFound.
	UserByID(ctx context.Context, id int64) (User, error)
	// CountUsers returns the number of accounts.
	CountUsers(ctx context.Context) (int, error)
	// SetPasswordHash replaces an account's password hash and bumps its
	// UserState.Version; an unknown account is ErrNotFound.
	SetPasswordHash(ctx context.Context, id int64, hash string) error
}
