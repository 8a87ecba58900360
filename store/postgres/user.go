package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// scanUser reads one row of (id, name, password_hash, created).
func scanUser(row pgx.Row) (store.User, error) {
	var u store.User
	if err := row.Scan(&u.ID, &u.Name, &u.PasswordHash, &u.Created); err != nil {
		return store.User{}, err
	}
	u.Created = u.Created.UTC()
	return u, nil
}

// CreateUser inserts an account and returns it with its id; u.ID is ignored
// and a zero u.Created means now. A taken name is store.ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u store.User) (store.User, error) {
	u.Created = store.OrNow(u.Created)
	err := s.pool.QueryRow(ctx, `INSERT INTO users (name, password_hash, created)
		VALUES ($1, $2, $3) RETURNING id`, u.Name, u.PasswordHash, u.Created).Scan(&u.ID)
	if err != nil {
		return store.User{}, fmt.Errorf("postgres: create user %q: %w", u.Name, dbErr(err))
	}
	return u, nil
}

// UserByName returns the account or store.ErrNotFound.
func (s *Store) UserByName(ctx context.Context, name string) (store.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx,
		`SELECT id, name, password_hash, created FROM users WHERE name = $1`, name))
	if err != nil {
		return store.User{}, fmt.Errorf("postgres: get user %q: %w", name, dbErr(err))
	}
	return u, nil
}

// CountUsers returns the number of accounts.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count users: %w", dbErr(err))
	}
	return n, nil
}

// UserByID returns the account or store.ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx,
		`SELECT id, name, password_hash, created FROM users WHERE id = $1`, id))
	if err != nil {
		return store.User{}, fmt.Errorf("postgres: get user %d: %w", id, dbErr(err))
	}
	return u, nil
}

// SetPasswordHash replaces an account's password hash and bumps its version,
// in one statement; an unknown id is store.ErrNotFound.
func (s *Store) SetPasswordHash(ctx context.Context, id int64, hash string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE users SET password_hash = $2, version = version + 1 WHERE id = $1`, id, hash)
	if err != nil {
		return fmt.Errorf("postgres: set password of user %d: %w", id, dbErr(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: set password of user %d: %w", id, store.ErrNotFound)
	}
	return nil
}
