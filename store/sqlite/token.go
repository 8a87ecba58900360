package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

var _ store.Tokens = (*Store)(nil)

const tokenColumns = `id, hash, user_id, name, created, expires, last_used`

// scanToken reads one row of tokenColumns.
func scanToken(row interface{ Scan(...any) error }) (store.Token, error) {
	var t store.Token
	var created, expires, used int64
	if err := row.Scan(&t.ID, &t.Hash, &t.UserID, &t.Name, &created, &expires, &used); err != nil {
		return store.Token{}, err
	}
	t.Created, t.Expires, t.LastUsed = fromMicros(created), fromOptMicros(expires), fromOptMicros(used)
	return t, nil
}

// CreateToken implements store.Tokens: it stores store.TokenToCreate(t).
func (s *Store) CreateToken(ctx context.Context, t store.Token) (store.Token, error) {
	t = store.TokenToCreate(t)
	res, err := s.w.ExecContext(ctx, `INSERT INTO api_token (hash, user_id, name, created, expires) VALUES (?, ?, ?, ?, ?)`,
		t.Hash, t.UserID, t.Name, micros(t.Created), optMicros(t.Expires))
	if err != nil {
		return store.Token{}, mapErr("create token", err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return store.Token{}, mapErr("create token", err)
	}
	return t, nil
}

// TokenByHash implements store.Tokens.
func (s *Store) TokenByHash(ctx context.Context, hash string) (store.Token, error) {
	t, err := scanToken(s.r.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_token WHERE hash = ?`, hash))
	return t, mapErr("get token", err)
}

// ListTokens implements store.Tokens.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]store.Token, error) {
	var rows *sql.Rows
	var err error
	if userID == 0 {
		rows, err = s.r.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_token ORDER BY id`)
	} else {
		rows, err = s.r.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_token WHERE user_id = ? ORDER BY id`, userID)
	}
	if err != nil {
		return nil, mapErr("list tokens", err)
	}
	defer rows.Close()
	var out []store.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, mapErr("list tokens", err)
		}
		out = append(out, t)
	}
	return out, mapErr("list tokens", rows.Err())
}

// TouchToken implements store.Tokens.
func (s *Store) TouchToken(ctx context.Context, hash string, at time.Time) error {
	res, err := s.w.ExecContext(ctx, `UPDATE api_token SET last_used = ? WHERE hash = ?`, micros(at), hash)
	return affected(res, err, "touch token")
}

// RevokeToken implements store.Tokens.
func (s *Store) RevokeToken(ctx context.Context, id, userID int64) (store.Token, error) {
	t, err := scanToken(s.w.QueryRowContext(ctx, `DELETE FROM api_token WHERE id = ? AND (? = 0 OR user_id = ?)
		RETURNING `+tokenColumns, id, userID, userID))
	if err != nil {
		return store.Token{}, mapErr(fmt.Sprintf("revoke token %d", id), err)
	}
	return t, nil
}

// RevokeUserTokens implements store.Tokens.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM api_token WHERE user_id = ?`, userID)
	if err != nil {
		return 0, mapErr("revoke tokens", err)
	}
	n, err := res.RowsAffected()
	return int(n), mapErr("revoke tokens", err)
}

// DeleteToken implements store.Tokens.
func (s *Store) DeleteToken(ctx context.Context, hash string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM api_token WHERE hash = ?`, hash)
	return mapErr("delete token", err)
}
