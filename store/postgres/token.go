package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

var _ store.Tokens = (*Store)(nil)

// CreateToken implements store.Tokens.
func (s *Store) CreateToken(ctx context.Context, t store.Token) error {
	if t.Created.IsZero() {
		t.Created = time.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO api_token (hash, user_id, name, created) VALUES ($1, $2, $3, $4)`,
		t.Hash, t.UserID, t.Name, dbTime(t.Created))
	if err != nil {
		return fmt.Errorf("postgres: create token: %w", dbErr(err))
	}
	return nil
}

// TokenByHash implements store.Tokens.
func (s *Store) TokenByHash(ctx context.Context, hash string) (store.Token, error) {
	var t store.Token
	err := s.pool.QueryRow(ctx, `SELECT hash, user_id, name, created FROM api_token WHERE hash = $1`, hash).
		Scan(&t.Hash, &t.UserID, &t.Name, &t.Created)
	if err != nil {
		return store.Token{}, fmt.Errorf("postgres: get token: %w", dbErr(err))
	}
	t.Created = t.Created.UTC()
	return t, nil
}

// DeleteToken implements store.Tokens.
func (s *Store) DeleteToken(ctx context.Context, hash string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM api_token WHERE hash = $1`, hash); err != nil {
		return fmt.Errorf("postgres: delete token: %w", dbErr(err))
	}
	return nil
}
