package sqlite

import (
	"context"
	"time"

	"github.com/foliowiki/folio/store"
)

// CreateSession implements store.Sessions.
func (s *Store) CreateSession(ctx context.Context, se store.Session) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO session (id_hash, user_id, created, last_seen, expires) VALUES (?, ?, ?, ?, ?)`,
		se.IDHash, se.UserID, micros(se.Created), micros(se.LastSeen), micros(se.Expires))
	return mapErr("create session", err)
}

// SessionByHash implements store.Sessions.
func (s *Store) SessionByHash(ctx context.Context, idHash string) (store.Session, error) {
	var se store.Session
	var created, seen, expires int64
	err := s.r.QueryRowContext(ctx, `SELECT id_hash, user_id, created, last_seen, expires FROM session WHERE id_hash = ?`, idHash).
		Scan(&se.IDHash, &se.UserID, &created, &seen, &expires)
	se.Created, se.LastSeen, se.Expires = fromMicros(created), fromMicros(seen), fromMicros(expires)
	return se, mapErr("get session", err)
}

// TouchSession implements store.Sessions.
func (s *Store) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	res, err := s.w.ExecContext(ctx, `UPDATE session SET last_seen = ? WHERE id_hash = ?`, micros(at), idHash)
	return affected(res, err, "touch session")
}

// DeleteSession implements store.Sessions.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM session WHERE id_hash = ?`, idHash)
	return mapErr("delete session", err)
}

// DeleteExpiredSessions implements store.Sessions.
func (s *Store) DeleteExpiredSessions(ctx context.Context, at time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM session WHERE expires < ?`, micros(at))
	if err != nil {
		return 0, mapErr("delete expired sessions", err)
	}
	n, err := res.RowsAffected()
	return int(n), mapErr("delete expired sessions", err)
}

var _ store.Sessions = (*Store)(nil)
