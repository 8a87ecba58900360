package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/foliowiki/folio/store"
)

var _ store.Watchlist = (*Store)(nil)

// unexpired is the condition on a watch row w that it counts (store.Watchlist):
// its one argument is now in microseconds.
const unexpired = `(w.expires IS NULL OR w.expires > ?)`

// nullMicros is micros(t), or NULL for the zero time.
func nullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: micros(t), Valid: true}
}

// fromNullMicros reads nullMicros back.
func fromNullMicros(us sql.NullInt64) time.Time {
	if !us.Valid {
		return time.Time{}
	}
	return fromMicros(us.Int64)
}

// Watch implements store.Watchlist. Re-watching an expired entry starts
// afresh: it was absent, so it is seen.
func (s *Store) Watch(ctx context.Context, userID int64, titles []string, expires time.Time) error {
	now := micros(store.Now())
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, title := range store.Dedupe(titles) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO watch AS w (user_id, title, expires) VALUES (?, ?, ?)
				ON CONFLICT (user_id, title) DO UPDATE SET expires = excluded.expires,
					notified = CASE WHEN `+unexpired+` THEN w.notified END`,
				userID, title, nullMicros(expires), now); err != nil {
				return err
			}
		}
		return nil
	})
	return mapErr(fmt.Sprintf("watch for user %d", userID), err)
}

// Unwatch implements store.Watchlist.
func (s *Store) Unwatch(ctx context.Context, userID int64, titles []string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, title := range store.Dedupe(titles) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM watch WHERE user_id = ? AND title = ?`, userID, title); err != nil {
				return err
			}
		}
		return nil
	})
	return mapErr(fmt.Sprintf("unwatch for user %d", userID), err)
}

// WatchedTitles implements store.Watchlist.
func (s *Store) WatchedTitles(ctx context.Context, userID int64, after string, limit int) ([]store.WatchEntry, error) {
	if limit <= 0 {
		return nil, nil
	}
	op := fmt.Sprintf("watchlist of user %d", userID)
	rows, err := s.r.QueryContext(ctx, `SELECT title, expires, notified FROM watch w
		WHERE user_id = ? AND title > ? AND `+unexpired+` ORDER BY title LIMIT ?`,
		userID, after, micros(store.Now()), limit)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []store.WatchEntry
	for rows.Next() {
		var e store.WatchEntry
		var expires, notified sql.NullInt64
		if err := rows.Scan(&e.Title, &expires, &notified); err != nil {
			return nil, mapErr(op, err)
		}
		e.Expires, e.Notified = fromNullMicros(expires), fromNullMicros(notified)
		out = append(out, e)
	}
	return out, mapErr(op, rows.Err())
}

// Watchers implements store.Watchlist. The index watch_title serves it.
func (s *Store) Watchers(ctx context.Context, title string, limit int) ([]int64, error) {
	if limit <= 0 {
		return nil, nil
	}
	op := fmt.Sprintf("watchers of %q", title)
	rows, err := s.r.QueryContext(ctx, `SELECT user_id FROM watch w WHERE title = ? AND `+unexpired+`
		ORDER BY user_id LIMIT ?`, title, micros(store.Now()), limit)
	if err != nil {
		return nil, mapErr(op, err)
	}
	return collectIDs(op, rows)
}

// collectIDs reads rows of one integer column and closes them.
func collectIDs(op string, rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, id)
	}
	return out, mapErr(op, rows.Err())
}

// MarkSeen implements store.Watchlist.
func (s *Store) MarkSeen(ctx context.Context, userID int64, titles []string) (int, error) {
	const set = `UPDATE watch AS w SET notified = NULL WHERE user_id = ? AND notified IS NOT NULL AND ` + unexpired
	now := micros(store.Now())
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if titles == nil {
			return addAffected(&n)(tx.ExecContext(ctx, set, userID, now))
		}
		for _, title := range store.Dedupe(titles) {
			if err := addAffected(&n)(tx.ExecContext(ctx, set+` AND title = ?`, userID, now, title)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, mapErr(fmt.Sprintf("mark seen for user %d", userID), err)
	}
	return n, nil
}

// addAffected returns a function adding the rows a statement changed to *n.
func addAffected(n *int) func(sql.Result, error) error {
	return func(res sql.Result, err error) error {
		if err != nil {
			return err
		}
		k, err := res.RowsAffected()
		*n += int(k)
		return err
	}
}

// watchedChanges selects the ids of the recent changes of a user's watched
// titles at or after a time: those of each title, and the moves to it. Its
// arguments are the user id, now and the time, twice. The indexes
// recent_change_title and recent_change_move_target serve it.
const watchedChanges = `id IN (
	SELECT c.id FROM watch w JOIN recent_change c ON c.title = w.title
	WHERE w.user_id = ? AND ` + unexpired + ` AND c.ts >= ?
	UNION
	SELECT c.id FROM watch w JOIN recent_change c ON c.target = w.title AND c.kind = 'move'
	WHERE w.user_id = ? AND ` + unexpired + ` AND c.ts >= ?)`

// WatchlistChanges implements store.Watchlist.
func (s *Store) WatchlistChanges(ctx context.Context, q store.WatchlistQuery) ([]store.Change, error) {
	if q.Limit <= 0 {
		return nil, nil
	}
	now, since := micros(store.Now()), micros(q.Since)
	where := []string{watchedChanges}
	args := []any{q.UserID, now, since, q.UserID, now, since}
	if q.HideOwn {
		where, args = append(where, "user_id != ?"), append(args, q.UserID)
	}
	if q.HideMinor {
		where = append(where, "minor = 0")
	}
	if q.HideImports {
		where, args = append(where, "NOT (user_id = 0 AND user_name = ?)"), append(args, store.ImportUserName)
	}
	return s.queryChanges(ctx, fmt.Sprintf("watchlist changes of user %d", q.UserID), where, args, q.Limit)
}

// PurgeExpiredWatches implements store.Watchlist.
func (s *Store) PurgeExpiredWatches(ctx context.Context, now time.Time) ([]int64, error) {
	const op = "purge expired watches"
	var ids []int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `DELETE FROM watch WHERE expires IS NOT NULL AND expires <= ? RETURNING user_id`,
			micros(now))
		if err != nil {
			return err
		}
		ids, err = collectIDs(op, rows)
		return err
	})
	if err != nil {
		return nil, mapErr(op, err)
	}
	return distinctSorted(ids), nil
}

// distinctSorted returns the distinct values of ids in increasing order.
func distinctSorted(ids []int64) []int64 {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []int64
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// watchSaveTx is the watchlist's and notifications' part of SaveRevision
// (store.Watchlist, store.Notifications), in its transaction: it returns
// the users whose entry for the title it marked.
func watchSaveTx(ctx context.Context, tx *sql.Tx, req store.SaveRequest, rev store.Revision) ([]int64, error) {
	now := micros(store.Now())
	if req.UserID != 0 {
		for _, title := range store.Dedupe(req.WatchTitles) {
			// An unexpired entry keeps its expiry and Notified; an expired
			// one is absent, so it is replaced.
			if _, err := tx.ExecContext(ctx, `INSERT INTO watch AS w (user_id, title) VALUES (?, ?)
				ON CONFLICT (user_id, title) DO UPDATE SET
					expires = CASE WHEN `+unexpired+` THEN w.expires END,
					notified = CASE WHEN `+unexpired+` THEN w.notified END`,
				req.UserID, title, now, now); err != nil {
				return nil, fmt.Errorf("watch: %w", err)
			}
		}
	}
	rows, err := tx.QueryContext(ctx, `UPDATE watch AS w SET notified = ?
		WHERE title = ? AND user_id != ? AND notified IS NULL AND `+unexpired+` RETURNING user_id`,
		micros(rev.Timestamp), req.Title, req.UserID, now)
	if err != nil {
		return nil, fmt.Errorf("mark watchers: %w", err)
	}
	notified, err := collectIDs("mark watchers", rows)
	if err != nil {
		return nil, err
	}
	for _, n := range req.Notify {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notification (user_id, kind, title, rev_id, agent, summary, created)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, n.UserID, n.Kind, req.Title, rev.ID, req.UserName, req.Summary,
			micros(rev.Timestamp)); err != nil {
			return nil, fmt.Errorf("notify user %d: %w", n.UserID, err)
		}
	}
	return distinctSorted(notified), nil
}

// copyWatchesTx is the watchlist's part of MovePage, in its transaction:
// the unexpired entries of each pair's old title are copied to its new
// title (seen), keeping an entry already there.
func copyWatchesTx(ctx context.Context, tx *sql.Tx, moves [][2]string) error {
	now := micros(store.Now())
	for _, m := range moves {
		if m[0] == "" || m[1] == "" || m[0] == m[1] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO watch (user_id, title, expires)
			SELECT user_id, ?, expires FROM watch w WHERE title = ? AND `+unexpired+`
			ON CONFLICT (user_id, title) DO NOTHING`, m[1], m[0], now); err != nil {
			return fmt.Errorf("copy watches of %q to %q: %w", m[0], m[1], err)
		}
	}
	return nil
}
