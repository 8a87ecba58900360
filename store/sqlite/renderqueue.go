package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/foliowiki/folio/store"
)

var _ store.RenderQueue = (*Store)(nil)

// EnqueueRenders implements store.RenderQueue.
func (s *Store) EnqueueRenders(ctx context.Context, titles []string, reason string) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = enqueueTx(ctx, tx, titles, reason)
		return err
	})
	return n, mapErr("enqueue renders", err)
}

// enqueueTx queues titles inside tx (store.RenderQueue.EnqueueRenders): a
// new job for a title without one, the mark again on a claimed job not yet
// marked, nothing for a job waiting for a node. It is the Rerender of a
// save or a page action.
func enqueueTx(ctx context.Context, tx *sql.Tx, titles []string, reason string) (int, error) {
	now := micros(store.Now())
	n := 0
	for _, title := range store.Dedupe(titles) {
		res, err := tx.ExecContext(ctx, `INSERT INTO render_job AS j (title, reason, enqueued) VALUES (?, ?, ?)
			ON CONFLICT (title) DO UPDATE SET again = 1, reason = excluded.reason
			WHERE j.leased_until IS NOT NULL AND j.again = 0`, title, reason, now)
		if err != nil {
			return n, fmt.Errorf("enqueue render of %q: %w", title, err)
		}
		added, err := res.RowsAffected()
		if err != nil {
			return n, fmt.Errorf("enqueue render of %q: %w", title, err)
		}
		n += int(added)
	}
	return n, nil
}

// ClaimRenders implements store.RenderQueue. The single writer serializes
// claims: the select and the update of one claim see no other's.
func (s *Store) ClaimRenders(ctx context.Context, n int, lease time.Duration, now time.Time) ([]store.RenderJob, error) {
	if n <= 0 {
		return nil, nil
	}
	var jobs []store.RenderJob
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		jobs, err = claimTx(ctx, tx, n, micros(now), micros(now.Add(lease)))
		return err
	})
	if err != nil {
		return nil, mapErr(fmt.Sprintf("claim %d renders", n), err)
	}
	return jobs, nil
}

// claimTx leases up to n free jobs at now until until, in id order.
func claimTx(ctx context.Context, tx *sql.Tx, n int, now, until int64) ([]store.RenderJob, error) {
	rows, err := tx.QueryContext(ctx, `UPDATE render_job SET leased_until = ?, attempts = attempts + 1, again = 0
		WHERE id IN (SELECT id FROM render_job WHERE leased_until IS NULL OR leased_until <= ? ORDER BY id LIMIT ?)
		RETURNING id, title, reason, enqueued, attempts`, until, now, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var jobs []store.RenderJob
	for rows.Next() {
		var j store.RenderJob
		var enqueued int64
		if err := rows.Scan(&j.ID, &j.Title, &j.Reason, &enqueued, &j.Attempts); err != nil {
			return nil, err
		}
		j.Enqueued = fromMicros(enqueued)
		jobs = append(jobs, j)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(jobs, func(a, b store.RenderJob) int { return cmp.Compare(a.ID, b.ID) })
	return jobs, nil
}

// FinishRender implements store.RenderQueue.
func (s *Store) FinishRender(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM render_job WHERE id = ? AND again = 0`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE render_job SET leased_until = NULL, again = 0 WHERE id = ?`, id)
		return err
	})
	return mapErr(fmt.Sprintf("finish render %d", id), err)
}

// RenderQueueStats implements store.RenderQueue.
func (s *Store) RenderQueueStats(ctx context.Context) (store.RenderQueueStats, error) {
	var st store.RenderQueueStats
	var oldest sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(leased_until > ?), 0), min(enqueued) FROM render_job`,
		micros(store.Now())).Scan(&st.Pending, &st.Leased, &oldest)
	if err != nil {
		return store.RenderQueueStats{}, mapErr("render queue stats", err)
	}
	st.Pending -= st.Leased
	st.Oldest = fromNullMicros(oldest)
	return st, nil
}
