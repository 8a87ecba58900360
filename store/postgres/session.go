package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

// CreateSession stores a new session as given. A taken id hash is
// store.ErrConflict, an unknown user store.ErrNotFound.
func (s *Store) CreateSession(ctx context.Context, sess store.Session) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO session (id_hash, user_id, created, last_seen, expires)
		VALUES ($1, $2, $3, $4, $5)`,
		sess.IDHash, sess.UserID, store.StoredTime(sess.Created), store.StoredTime(sess.LastSeen), store.StoredTime(sess.Expires))
	if err != nil {
		return fmt.Errorf("postgres: create session of user %d: %w", sess.UserID, dbErr(err))
	}
	return nil
}

// SessionByHash returns the session or store.ErrNotFound. Expired sessions
// are returned too; the caller checks Expires.
func (s *Store) SessionByHash(ctx context.Context, idHash string) (store.Session, error) {
	var sess store.Session
	err := s.pool.QueryRow(ctx, `SELECT id_hash, user_id, created, last_seen, expires
		FROM session WHERE id_hash = $1`, idHash).
		Scan(&sess.IDHash, &sess.UserID, &sess.Created, &sess.LastSeen, &sess.Expires)
	if err != nil {
		return store.Session{}, fmt.Errorf("postgres: get session: %w", dbErr(err))
	}
	sess.Created, sess.LastSeen, sess.Expires = sess.Created.UTC(), sess.LastSeen.UTC(), sess.Expires.UTC()
	return sess, nil
}

// TouchSession sets a session's last-seen time; an unknown session is
// store.ErrNotFound.
func (s *Store) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE session SET last_seen = $2 WHERE id_hash = $1`, idHash, store.StoredTime(at))
	if err != nil {
		return fmt.Errorf("postgres: touch session: %w", dbErr(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: touch session: %w", store.ErrNotFound)
	}
	return nil
}

// DeleteSession removes a session; it is idempotent.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM session WHERE id_hash = $1`, idHash); err != nil {
		return fmt.Errorf("postgres: delete session: %w", dbErr(err))
	}
	return nil
}

// DeleteExpiredSessions removes the sessions whose absolute expiry is before
// now and returns how many it removed.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM session WHERE expires < $1`, store.StoredTime(now))
	if err != nil {
		return 0, fmt.Errorf("postgres: delete expired sessions: %w", dbErr(err))
	}
	return int(tag.RowsAffected()), nil
}
