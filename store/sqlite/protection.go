package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

var _ store.Protections = (*Store)(nil)

// SetProtection implements store.Protections. The log entry is stamped now;
// its PageID is the live page's id, 0 when the title has none.
func (s *Store) SetProtection(ctx context.Context, p store.Protection) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return protectTx(ctx, tx, p, store.Now()) })
	return mapErr(fmt.Sprintf("protect %q", p.Title), err)
}

// protectTx is SetProtection inside its transaction.
func protectTx(ctx context.Context, tx *sql.Tx, p store.Protection, at time.Time) error {
	page, state, err := pageForWrite(ctx, tx, p.Title)
	if err != nil {
		return err
	}
	if state != pageLive {
		page.ID = 0
	}
	if p.Edit == "" && p.Move == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM page_protection WHERE title = ?`, p.Title)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO page_protection
			(title, edit_level, move_level, expires, reason, user_id, user_name) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (title) DO UPDATE SET edit_level = excluded.edit_level, move_level = excluded.move_level,
				expires = excluded.expires, reason = excluded.reason,
				user_id = excluded.user_id, user_name = excluded.user_name`,
			p.Title, p.Edit, p.Move, optMicros(p.Expires), p.Reason, p.UserID, p.UserName)
	}
	if err != nil {
		return err
	}
	return insertLog(ctx, tx, store.ProtectRecord(p, page.ID, at))
}

// ProtectionOf implements store.Protections: a protection is in force while
// at is before its Expires.
func (s *Store) ProtectionOf(ctx context.Context, title string, at time.Time) (store.Protection, error) {
	p := store.Protection{Title: title}
	var expires int64
	err := s.r.QueryRowContext(ctx, `SELECT edit_level, move_level, expires, reason, user_id, user_name
		FROM page_protection WHERE title = ? AND (expires = 0 OR expires > ?)`, title, micros(at)).
		Scan(&p.Edit, &p.Move, &expires, &p.Reason, &p.UserID, &p.UserName)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Protection{Title: title}, nil
	}
	if err != nil {
		return store.Protection{}, mapErr(fmt.Sprintf("protection of %q", title), err)
	}
	p.Expires = fromOptMicros(expires)
	return p, nil
}
