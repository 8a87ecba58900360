package sqlite

import (
	"context"

	"github.com/foliowiki/folio/store"
)

var _ store.Tokens = (*Store)(nil)

// CreateToken implements store.Tokens.
func (s *Store) CreateToken(ctx context.Context, t store.Token) error {
	if t.Created.IsZero() {
		t.Created = now()
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO api_token (hash, user_id, name, created) VALUES (?, ?, ?, ?)`,
		t.Hash, t.UserID, t.Name, micros(t.Created))
	return mapErr("create token", err)
}

// TokenByHash implements store.Tokens.
func (s *Store) TokenByHash(ctx context.Context, hash string) (store.Token, error) {
	var t store.Token
	var created int64
	err := s.r.QueryRowContext(ctx, `SELECT hash, user_id, name, created FROM api_token WHERE hash = ?`, hash).
		Scan(&t.Hash, &t.UserID, &t.Name, &created)
	t.Created = fromMicros(created)
	return t, mapErr("get token", err)
}

// DeleteToken implements store.Tokens.
func (s *Store) DeleteToken(ctx context.Context, hash string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM api_token WHERE hash = ?`, hash)
	return mapErr("delete token", err)
}
