package sqlite

import (
	"context"
	"fmt"
)

// GetParse implements store.ParseCache.
func (s *Store) GetParse(ctx context.Context, revID int64, version string) ([]byte, error) {
	var blob []byte
	err := s.r.QueryRowContext(ctx, `SELECT blob FROM parse_cache WHERE rev_id = ? AND version = ?`, revID, version).Scan(&blob)
	return blob, mapErr(fmt.Sprintf("get parse of revision %d", revID), err)
}

// PutParse implements store.ParseCache.
func (s *Store) PutParse(ctx context.Context, revID int64, version string, blob []byte) error {
	if blob == nil {
		blob = []byte{} // the column is NOT NULL; nil would be bound as NULL
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO parse_cache (rev_id, version, blob) VALUES (?, ?, ?)
		ON CONFLICT (rev_id, version) DO UPDATE SET blob = excluded.blob`, revID, version, blob)
	return mapErr(fmt.Sprintf("put parse of revision %d", revID), err)
}

// DeleteParse implements store.ParseCache.
func (s *Store) DeleteParse(ctx context.Context, revID int64) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM parse_cache WHERE rev_id = ?`, revID)
	return mapErr(fmt.Sprintf("delete parse of revision %d", revID), err)
}
