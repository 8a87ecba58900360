package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// Interface guard.
var _ store.Protections = (*Store)(nil)

// SetProtection replaces the title's protection, or removes it when both
// levels are "", and writes a store.LogProtect entry stamped now, in one
// transaction. The entry's PageID is the id of the live page with that
// title, 0 when there is none.
func (s *Store) SetProtection(ctx context.Context, p store.Protection) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error { return protectTx(ctx, tx, p, store.Now()) })
	if err != nil {
		return fmt.Errorf("postgres: protect %q: %w", p.Title, dbErr(err))
	}
	return nil
}

// protectTx is SetProtection inside its transaction.
func protectTx(ctx context.Context, tx pgx.Tx, p store.Protection, at time.Time) error {
	var pageID int64
	err := tx.QueryRow(ctx, `SELECT id FROM page WHERE title = $1 AND NOT deleted`, p.Title).Scan(&pageID)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("read page: %w", err)
	}
	if p.Edit == "" && p.Move == "" {
		_, err = tx.Exec(ctx, `DELETE FROM page_protection WHERE title = $1`, p.Title)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO page_protection
			(title, edit_level, move_level, expires, reason, user_id, user_name)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (title) DO UPDATE SET edit_level = EXCLUDED.edit_level, move_level = EXCLUDED.move_level,
				expires = EXCLUDED.expires, reason = EXCLUDED.reason,
				user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name`,
			p.Title, p.Edit, p.Move, nullTime(p.Expires), p.Reason, p.UserID, p.UserName)
	}
	if err != nil {
		return fmt.Errorf("write protection: %w", err)
	}
	return insertLog(ctx, tx, store.ProtectRecord(p, pageID, at))
}

// ProtectionOf returns the title's protection in force at at (one whose
// Expires is after at, or that never expires), or a zero Protection with
// Title set.
func (s *Store) ProtectionOf(ctx context.Context, title string, at time.Time) (store.Protection, error) {
	p := store.Protection{Title: title}
	var expires *time.Time
	err := s.pool.QueryRow(ctx, `SELECT edit_level, move_level, expires, reason, user_id, user_name
		FROM page_protection WHERE title = $1 AND (expires IS NULL OR expires > $2)`, title, store.StoredTime(at)).
		Scan(&p.Edit, &p.Move, &expires, &p.Reason, &p.UserID, &p.UserName)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Protection{Title: title}, nil
	}
	if err != nil {
		return store.Protection{}, fmt.Errorf("postgres: protection of %q: %w", title, dbErr(err))
	}
	p.Expires = fromNullTime(expires)
	return p, nil
}
