package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

var _ store.RenderQueue = (*Store)(nil)

// EnqueueRenders implements store.RenderQueue.
func (s *Store) EnqueueRenders(ctx context.Context, titles []string, reason string) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		n, err = enqueueTx(ctx, tx, titles, reason)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: enqueue renders: %w", dbErr(err))
	}
	return n, nil
}

// enqueueTx queues titles inside tx (store.RenderQueue.EnqueueRenders): a
// new job for a title without one, the mark again on a claimed job not yet
// marked, nothing for a job waiting for a node. It is the Rerender of a
// save or a page action. The titles go in sorted (store.Dedupe), so two
// transactions queueing some of the same titles lock them in one order.
func enqueueTx(ctx context.Context, tx pgx.Tx, titles []string, reason string) (int, error) {
	titles = store.Dedupe(titles)
	if len(titles) == 0 {
		return 0, nil
	}
	tag, err := tx.Exec(ctx, `INSERT INTO render_job AS j (title, reason, enqueued)
		SELECT t, $2, $3 FROM unnest($1::text[]) WITH ORDINALITY AS u (t, i) ORDER BY i
		ON CONFLICT (title) DO UPDATE SET again = TRUE, reason = EXCLUDED.reason
			WHERE j.leased_until IS NOT NULL AND NOT j.again`, titles, reason, store.Now())
	if err != nil {
		return 0, fmt.Errorf("enqueue renders: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// ClaimRenders implements store.RenderQueue: FOR UPDATE SKIP LOCKED lets
// concurrent claims (of this node or others) each take other jobs, and one
// statement selects and leases them.
func (s *Store) ClaimRenders(ctx context.Context, n int, lease time.Duration, now time.Time) ([]store.RenderJob, error) {
	if n <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `WITH free AS (
			SELECT id FROM render_job WHERE leased_until IS NULL OR leased_until <= $1
			ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
		UPDATE render_job j SET leased_until = $3, attempts = j.attempts + 1, again = FALSE
		FROM free WHERE j.id = free.id
		RETURNING j.id, j.title, j.reason, j.enqueued, j.attempts`,
		store.StoredTime(now), n, store.StoredTime(now.Add(lease)))
	if err != nil {
		return nil, fmt.Errorf("postgres: claim %d renders: %w", n, dbErr(err))
	}
	jobs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.RenderJob, error) {
		var j store.RenderJob
		err := r.Scan(&j.ID, &j.Title, &j.Reason, &j.Enqueued, &j.Attempts)
		j.Enqueued = j.Enqueued.UTC()
		return j, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: claim %d renders: %w", n, dbErr(err))
	}
	slices.SortFunc(jobs, func(a, b store.RenderJob) int { return cmp.Compare(a.ID, b.ID) })
	return jobs, nil
}

// FinishRender implements store.RenderQueue. The delete waits for an
// enqueue marking the job (its row lock) and then skips it; the update
// that follows, with a snapshot of its own, sees the mark.
func (s *Store) FinishRender(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM render_job WHERE id = $1 AND NOT again`, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE render_job SET leased_until = NULL, again = FALSE WHERE id = $1 AND again`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: finish render %d: %w", id, dbErr(err))
	}
	return nil
}

// RenderQueueStats implements store.RenderQueue.
func (s *Store) RenderQueueStats(ctx context.Context) (store.RenderQueueStats, error) {
	var st store.RenderQueueStats
	var oldest *time.Time
	err := s.pool.QueryRow(ctx, `SELECT
			count(*) FILTER (WHERE leased_until IS NULL OR leased_until <= $1),
			count(*) FILTER (WHERE leased_until > $1),
			min(enqueued)
		FROM render_job`, store.Now()).Scan(&st.Pending, &st.Leased, &oldest)
	if err != nil {
		return store.RenderQueueStats{}, fmt.Errorf("postgres: render queue stats: %w", dbErr(err))
	}
	st.Oldest = fromNullTime(oldest)
	return st, nil
}
