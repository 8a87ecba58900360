package postgres

import (
	"context"
	"fmt"
)

// GetParse returns the cached blob of (revID, version) or store.ErrNotFound.
func (s *Store) GetParse(ctx context.Context, revID int64, version string) ([]byte, error) {
	var blob []byte
	err := s.pool.QueryRow(ctx, `SELECT blob FROM parse_cache WHERE rev_id = $1 AND version = $2`,
		revID, version).Scan(&blob)
	if err != nil {
		return nil, fmt.Errorf("postgres: get parse of revision %d (%s): %w", revID, version, dbErr(err))
	}
	if blob == nil {
		blob = []byte{}
	}
	return blob, nil
}

// PutParse stores (or replaces) the blob of (revID, version).
func (s *Store) PutParse(ctx context.Context, revID int64, version string, blob []byte) error {
	if blob == nil {
		blob = []byte{} // the column is NOT NULL; nil would be sent as NULL
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO parse_cache (rev_id, version, blob) VALUES ($1, $2, $3)
		ON CONFLICT (rev_id, version) DO UPDATE SET blob = EXCLUDED.blob`, revID, version, blob)
	if err != nil {
		return fmt.Errorf("postgres: put parse of revision %d (%s): %w", revID, version, dbErr(err))
	}
	return nil
}

// DeleteParse drops every cached blob of the revision.
func (s *Store) DeleteParse(ctx context.Context, revID int64) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM parse_cache WHERE rev_id = $1`, revID); err != nil {
		return fmt.Errorf("postgres: delete parse of revision %d: %w", revID, dbErr(err))
	}
	return nil
}
