package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

var _ store.Tokens = (*Store)(nil)

const tokenColumns = `id, hash, user_id, name, created, expires, last_used`

// scanToken reads one row of tokenColumns.
func scanToken(row pgx.Row) (store.Token, error) {
	var t store.Token
	var expires, used *time.Time
	if err := row.Scan(&t.ID, &t.Hash, &t.UserID, &t.Name, &t.Created, &expires, &used); err != nil {
		return store.Token{}, err
	}
	t.Created, t.Expires, t.LastUsed = t.Created.UTC(), fromNullTime(expires), fromNullTime(used)
	return t, nil
}

// CreateToken implements store.Tokens: it stores store.TokenToCreate(t).
func (s *Store) CreateToken(ctx context.Context, t store.Token) (store.Token, error) {
	t = store.TokenToCreate(t)
	err := s.pool.QueryRow(ctx, `INSERT INTO api_token (hash, user_id, name, created, expires)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		t.Hash, t.UserID, t.Name, t.Created, nullTime(t.Expires)).Scan(&t.ID)
	if err != nil {
		return store.Token{}, fmt.Errorf("postgres: create token: %w", dbErr(err))
	}
	return t, nil
}

// TokenByHash implements store.Tokens.
func (s *Store) TokenByHash(ctx context.Context, hash string) (store.Token, error) {
	t, err := scanToken(s.pool.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_token WHERE hash = $1`, hash))
	if err != nil {
		return store.Token{}, fmt.Errorf("postgres: get token: %w", dbErr(err))
	}
	return t, nil
}

// ListTokens implements store.Tokens.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]store.Token, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+tokenColumns+` FROM api_token
		WHERE $1::bigint = 0 OR user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("postgres: list tokens: %w", dbErr(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Token, error) { return scanToken(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: list tokens: %w", dbErr(err))
	}
	return out, nil
}

// TouchToken implements store.Tokens.
func (s *Store) TouchToken(ctx context.Context, hash string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE api_token SET last_used = $2 WHERE hash = $1`, hash, store.StoredTime(at))
	if err := affected(tag, err); err != nil {
		return fmt.Errorf("postgres: touch token: %w", dbErr(err))
	}
	return nil
}

// RevokeToken implements store.Tokens.
func (s *Store) RevokeToken(ctx context.Context, id, userID int64) (store.Token, error) {
	t, err := scanToken(s.pool.QueryRow(ctx, `DELETE FROM api_token WHERE id = $1 AND ($2::bigint = 0 OR user_id = $2)
		RETURNING `+tokenColumns, id, userID))
	if err != nil {
		return store.Token{}, fmt.Errorf("postgres: revoke token %d: %w", id, dbErr(err))
	}
	return t, nil
}

// RevokeUserTokens implements store.Tokens.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM api_token WHERE user_id = $1`, userID)
	if err != nil {
		return 0, fmt.Errorf("postgres: revoke tokens of user %d: %w", userID, dbErr(err))
	}
	return int(tag.RowsAffected()), nil
}

// DeleteToken implements store.Tokens.
func (s *Store) DeleteToken(ctx context.Context, hash string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM api_token WHERE hash = $1`, hash); err != nil {
		return fmt.Errorf("postgres: delete token: %w", dbErr(err))
	}
	return nil
}
