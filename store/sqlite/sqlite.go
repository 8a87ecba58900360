package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/foliowiki/folio/store"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Store is the SQLite implementation of store.Store.
type Store struct {
	w      *sql.DB // one connection: SQLite has a single writer
	r      *sql.DB // read-only pool
	path   string
	events *hub // fan-out of Publish to Subscribe: in process, and across processes through event_log

	origin    string     // random id of this Store in event_log, for debugging
	pollMu    sync.Mutex // guards polling
	polling   bool       // the event_log poller runs
	lastPrune atomic.Int64
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and applies the
// pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, path: path, events: newHub(), origin: rand.Text()}
	// Migrate before opening readers: query_only connections cannot switch
	// the file to WAL mode.
	if err := s.Migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.syncSearch(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, 2*runtime.GOMAXPROCS(0)))
	r.SetMaxIdleConns(max(4, 2*runtime.GOMAXPROCS(0)))
	s.r = r
	return s, nil
}

// dsn builds the driver address. Pragmas run on every new connection, in
// this order:
//   - busy_timeout first, so the pragmas after it wait rather than fail
//     while another process (folio import beside folio serve) holds a lock;
//   - journal_mode(WAL): readers never block the writer nor the writer
//     readers, and a commit is one append to the log;
//   - synchronous(NORMAL): with WAL, a crash loses no committed transaction
//     of a power-safe file system's view, and commits skip an fsync each;
//   - foreign_keys(1): SQLite leaves them off by default;
//   - query_only(1) on the read pool, so a bug cannot write through it.
//
// _txlock=immediate makes BEGIN take the write lock at once, so two writers
// never both read and then fail to upgrade (SQLITE_BUSY in the middle of a
// transaction).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Backend implements store.Store.
func (s *Store) Backend() string { return "sqlite" }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close implements store.Store. Subscribe calls return an error, and Close
// waits for them to return: do not call it from a subscriber's fn.
func (s *Store) Close() error {
	s.events.close()
	var err error
	if s.r != nil {
		err = s.r.Close()
	}
	if werr := s.w.Close(); werr != nil {
		err = werr
	}
	return err
}

// IntegrityCheck runs PRAGMA integrity_check and returns an error unless the
// database reports "ok".
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.w.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("sqlite: integrity check: %s", res)
	}
	return nil
}

// inTx runs fn in a write transaction (IMMEDIATE, see dsn), committing when
// fn returns nil and rolling back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// micros converts a time to the stored representation.
func micros(t time.Time) int64 { return t.UnixMicro() }

// fromMicros converts a stored time back.
func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// optMicros is micros(t), or 0 (never) for the zero time.
func optMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return micros(t)
}

// fromOptMicros reads optMicros back.
func fromOptMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return fromMicros(us)
}
