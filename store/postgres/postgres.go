package postgres

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/foliowiki/folio/store"
)

// Interface guard.
var _ store.Store = (*Store)(nil)

// Store is the PostgreSQL implementation of store.Store. It is safe for
// concurrent use, also by several processes sharing one database.
type Store struct {
	pool    *pgxpool.Pool
	channel string // the LISTEN/NOTIFY channel of this schema's events

	closing context.Context    // done once Close starts: ends Subscribe calls
	stop    context.CancelFunc // cancels closing
	mu      sync.Mutex         // guards closed and the Add of subs
	closed  bool
	subs    sync.WaitGroup // running Subscribe calls
}

// Open connects to the database named by dsn (a postgres:// URL or a
// keyword/value string accepted by pgx), checks the connection and applies
// the migrations that are not yet applied.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse dsn: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	s := &Store{pool: pool}
	s.closing, s.stop = context.WithCancel(context.Background())
	if err := s.Migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := s.syncSearch(ctx, ""); err != nil {
		pool.Close()
		return nil, err
	}
	if s.channel, err = eventChannel(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Backend returns "postgres".
func (s *Store) Backend() string { return "postgres" }

// Close ends the Subscribe calls, waits for them to return (so do not call
// it from a subscriber's fn), and closes every connection of the pool,
// waiting for connections in use to be released.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.stop()
	s.subs.Wait()
	s.pool.Close()
	return nil
}

// inTx runs fn in a read-committed transaction, committing when fn returns nil
// and rolling back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// limitArg turns a caller's limit into a LIMIT argument: NULL (no limit) for
// a negative limit, as SQLite reads LIMIT -1.
func limitArg(limit int) *int {
	if limit < 0 {
		return nil
	}
	return &limit
}

// nullTime is store.StoredTime(t), or NULL (never) for the zero time. Times
// go to PostgreSQL as store.StoredTime: in UTC, truncated to the microsecond
// (PostgreSQL would round).
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = store.StoredTime(t)
	return &t
}

// fromNullTime reads nullTime back.
func fromNullTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
