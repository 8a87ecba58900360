package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

var _ store.AccountState = (*Store)(nil)

// UserState implements store.AccountState, in one statement (so from one
// snapshot). EditCount counts every revision saved under the account's id,
// those hidden by a page deletion included. A block is in force while at is
// before its Expires.
func (s *Store) UserState(ctx context.Context, userID int64, at time.Time) (store.UserState, error) {
	op := fmt.Sprintf("state of user %d", userID)
	var st store.UserState
	var prefs string
	var reason, by sql.NullString
	var created, expires sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT u.version, u.preferences,
			(SELECT count(*) FROM revision r WHERE r.user_id = u.id),
			b.reason, b.by_name, b.created, b.expires
		FROM users u LEFT JOIN user_block b ON b.user_id = u.id AND (b.expires = 0 OR b.expires > ?)
		WHERE u.id = ?`, micros(at), userID).
		Scan(&st.Version, &prefs, &st.EditCount, &reason, &by, &created, &expires)
	if err != nil {
		return store.UserState{}, mapErr(op, err)
	}
	if st.Preferences, err = store.DecodePreferences([]byte(prefs)); err != nil {
		return store.UserState{}, mapErr(op, err)
	}
	if created.Valid {
		st.Block = &store.Block{UserID: userID, Reason: reason.String, By: by.String,
			Created: fromMicros(created.Int64), Expires: fromOptMicros(expires.Int64)}
	}
	return st, nil
}

// SetPreferences implements store.AccountState; nil prefs store none. An
// unknown user is store.ErrNotFound.
func (s *Store) SetPreferences(ctx context.Context, userID int64, prefs map[string]string) error {
	op := fmt.Sprintf("set preferences of user %d", userID)
	js, err := store.EncodePreferences(prefs)
	if err != nil {
		return mapErr(op, err)
	}
	res, err := s.w.ExecContext(ctx, `UPDATE users SET preferences = ?, version = version + 1 WHERE id = ?`, js, userID)
	return affected(res, err, op)
}

// BlockUser implements store.AccountState: it replaces any block of the
// account. A zero b.Created means now, a zero b.Expires never. An unknown
// user is store.ErrNotFound.
func (s *Store) BlockUser(ctx context.Context, b store.Block) error {
	b.Created = store.OrNow(b.Created)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := bumpVersion(ctx, tx, b.UserID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO user_block (user_id, reason, by_name, created, expires)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET reason = excluded.reason, by_name = excluded.by_name,
				created = excluded.created, expires = excluded.expires`,
			b.UserID, b.Reason, b.By, micros(b.Created), optMicros(b.Expires))
		return err
	})
	return mapErr(fmt.Sprintf("block user %d", b.UserID), err)
}

// UnblockUser implements store.AccountState. It bumps the version only when
// there was a block (in force or expired) to lift.
func (s *Store) UnblockUser(ctx context.Context, userID int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM user_block WHERE user_id = ?`, userID)
		return bumpIfChanged(ctx, tx, res, err, userID)
	})
	return mapErr(fmt.Sprintf("unblock user %d", userID), err)
}

// DeleteUserSessions implements store.AccountState.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, except string) (int, error) {
	op := fmt.Sprintf("delete sessions of user %d", userID)
	res, err := s.w.ExecContext(ctx, `DELETE FROM session WHERE user_id = ? AND (? = '' OR id_hash <> ?)`,
		userID, except, except)
	if err != nil {
		return 0, mapErr(op, err)
	}
	n, err := res.RowsAffected()
	return int(n), mapErr(op, err)
}

// bumpVersion increments the account's version; an unknown account is
// store.ErrNotFound.
func bumpVersion(ctx context.Context, tx *sql.Tx, userID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE users SET version = version + 1 WHERE id = ?`, userID)
	if err != nil {
		return fmt.Errorf("bump version: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("bump version: %w", err)
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// bumpIfChanged bumps the account's version when the statement that gave
// res and err changed a row.
func bumpIfChanged(ctx context.Context, tx *sql.Tx, res sql.Result, err error, userID int64) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return err
	}
	return bumpVersion(ctx, tx, userID)
}
