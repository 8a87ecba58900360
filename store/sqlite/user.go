package sqlite

import (
	"context"
	"fmt"

	"github.com/foliowiki/folio/store"
)

func scanUser(row scanner) (store.User, error) {
	var u store.User
	var created int64
	err := row.Scan(&u.ID, &u.Name, &u.PasswordHash, &created)
	u.Created = fromMicros(created)
	return u, err
}

// CreateUser implements store.Users.
func (s *Store) CreateUser(ctx context.Context, u store.User) (store.User, error) {
	u.Created = store.OrNow(u.Created)
	res, err := s.w.ExecContext(ctx, `INSERT INTO users (name, password_hash, created) VALUES (?, ?, ?)`,
		u.Name, u.PasswordHash, micros(u.Created))
	if err != nil {
		return store.User{}, mapErr(fmt.Sprintf("create user %q", u.Name), err)
	}
	u.ID, err = res.LastInsertId()
	return u, mapErr("create user", err)
}

// UserByName implements store.Users.
func (s *Store) UserByName(ctx context.Context, name string) (store.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT id, name, password_hash, created FROM users WHERE name = ?`, name))
	return u, mapErr(fmt.Sprintf("get user %q", name), err)
}

// CountUsers implements store.Users.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, mapErr("count users", err)
}

// UserByID implements store.Users.
func (s *Store) UserByID(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT id, name, password_hash, created FROM users WHERE id = ?`, id))
	return u, mapErr(fmt.Sprintf("get user %d", id), err)
}

// SetPasswordHash implements store.Users, bumping the account's version in
// the same statement.
func (s *Store) SetPasswordHash(ctx context.Context, id int64, hash string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE users SET password_hash = ?, version = version + 1 WHERE id = ?`, hash, id)
	return affected(res, err, fmt.Sprintf("set password of user %d", id))
}
