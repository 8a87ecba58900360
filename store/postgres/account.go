package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// Interface guard.
var _ store.AccountState = (*Store)(nil)

// UserState returns the account's version, preferences, edit count and the
// block in force at at (one whose Expires is after at, or that never
// expires), in one statement, so from one snapshot. EditCount counts every
// revision saved under the account's id, those hidden by a page deletion
// included. An unknown user is store.ErrNotFound.
func (s *Store) UserState(ctx context.Context, userID int64, at time.Time) (store.UserState, error) {
	var st store.UserState
	var prefs []byte
	var reason, by *string
	var created, expires *time.Time
	err := s.pool.QueryRow(ctx, `SELECT u.version, u.preferences,
			(SELECT count(*) FROM revision r WHERE r.user_id = u.id),
			b.reason, b.by_name, b.created, b.expires
		FROM users u
		LEFT JOIN user_block b ON b.user_id = u.id AND (b.expires IS NULL OR b.expires > $2)
		WHERE u.id = $1`, userID, store.StoredTime(at)).
		Scan(&st.Version, &prefs, &st.EditCount, &reason, &by, &created, &expires)
	if err != nil {
		return store.UserState{}, fmt.Errorf("postgres: state of user %d: %w", userID, dbErr(err))
	}
	if st.Preferences, err = store.DecodePreferences(prefs); err != nil {
		return store.UserState{}, fmt.Errorf("postgres: state of user %d: %w", userID, err)
	}
	if created != nil {
		st.Block = &store.Block{UserID: userID, Reason: deref(reason), By: deref(by),
			Created: created.UTC(), Expires: fromNullTime(expires)}
	}
	return st, nil
}

// SetPreferences replaces the account's preferences (nil stores none) and
// bumps its version, in one statement. An unknown user is
// store.ErrNotFound.
func (s *Store) SetPreferences(ctx context.Context, userID int64, prefs map[string]string) error {
	js, err := store.EncodePreferences(prefs)
	if err != nil {
		return fmt.Errorf("postgres: set preferences of user %d: %w", userID, err)
	}
	tag, err := s.pool.Exec(ctx, `UPDATE users SET preferences = $2::jsonb, version = version + 1
		WHERE id = $1`, userID, js)
	if err := affected(tag, err); err != nil {
		return fmt.Errorf("postgres: set preferences of user %d: %w", userID, dbErr(err))
	}
	return nil
}

// BlockUser sets or replaces the account's block and bumps its version, in
// one transaction. A zero b.Created means now, a zero b.Expires never. An
// unknown user is store.ErrNotFound.
func (s *Store) BlockUser(ctx context.Context, b store.Block) error {
	b.Created = store.OrNow(b.Created)
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET version = version + 1 WHERE id = $1`, b.UserID)
		if err := affected(tag, err); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO user_block (user_id, reason, by_name, created, expires)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (user_id) DO UPDATE SET reason = EXCLUDED.reason, by_name = EXCLUDED.by_name,
				created = EXCLUDED.created, expires = EXCLUDED.expires`,
			b.UserID, b.Reason, b.By, b.Created, nullTime(b.Expires))
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: block user %d: %w", b.UserID, dbErr(err))
	}
	return nil
}

// UnblockUser lifts the account's block (in force or expired) and then bumps
// its version, in one statement; lifting none changes nothing and is not an
// error.
func (s *Store) UnblockUser(ctx context.Context, userID int64) error {
	_, err := s.pool.Exec(ctx, `WITH lifted AS (
			DELETE FROM user_block WHERE user_id = $1 RETURNING user_id)
		UPDATE users SET version = version + 1 WHERE id IN (SELECT user_id FROM lifted)`, userID)
	if err != nil {
		return fmt.Errorf("postgres: unblock user %d: %w", userID, dbErr(err))
	}
	return nil
}

// DeleteUserSessions ends every session of the account but the one whose
// hash is except ("" ends all) and returns how many it ended.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, except string) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM session WHERE user_id = $1 AND ($2 = '' OR id_hash <> $2)`,
		userID, except)
	if err != nil {
		return 0, fmt.Errorf("postgres: delete sessions of user %d: %w", userID, dbErr(err))
	}
	return int(tag.RowsAffected()), nil
}

// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
