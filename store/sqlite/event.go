package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

// Events between processes: Publish appends to event_log, and a Store with
// subscribers polls it for rows other Stores wrote. Latency is pollEvery; the
// poll is one indexed read, off any request's path.
const (
	pollEvery    = 100 * time.Millisecond
	eventLogKeep = 10 * time.Minute
)

// errClosed is returned by Publish and Subscribe on a closed store.
var errClosed = errors.New("store closed")

// Publish implements store.Events: ev is appended to event_log, from which
// the Subscribe calls of every process on this file receive it (pollEvery).
func (s *Store) Publish(ctx context.Context, ev store.Event) error {
	if err := store.ValidateEvent(ev); err != nil {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, err)
	}
	s.events.mu.Lock()
	closed := s.events.closed
	s.events.mu.Unlock()
	if closed {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, errClosed)
	}
	// Every event goes through event_log, this process's too, so all
	// subscribers of the file see one order: the log's.
	return s.logEvent(ctx, ev)
}

// Subscribe implements store.Events: fn gets the events every process on the
// file publishes, in event_log order, within pollEvery.
func (s *Store) Subscribe(ctx context.Context, fn func(store.Event)) error {
	h := s.events
	sb := &subscriber{wake: make(chan struct{}, 1)}
	if err := s.startPolling(ctx); err != nil {
		return err
	}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return fmt.Errorf("sqlite: subscribe: %w", errClosed)
	}
	sb.push(store.Event{Kind: store.EventReset}) // before any event published from now on
	h.subs[sb] = struct{}{}
	h.wg.Add(1)
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.subs, sb)
		h.mu.Unlock()
		h.wg.Done()
	}()

	for {
		select {
		case <-ctx.Done():
			return nil
		case <-h.done:
			return fmt.Errorf("sqlite: subscribe: %w", errClosed)
		case <-sb.wake:
			for _, ev := range sb.take() {
				fn(ev)
			}
		}
	}
}

// logEvent appends ev for the other processes and, now and then, drops rows
// every poller has seen.
func (s *Store) logEvent(ctx context.Context, ev store.Event) error {
	keys, err := json.Marshal(ev.Keys)
	if err != nil {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, err)
	}
	t := store.Now()
	if _, err := s.w.ExecContext(ctx, `INSERT INTO event_log (origin, kind, keys, ts) VALUES (?, ?, ?, ?)`,
		s.origin, ev.Kind, string(keys), micros(t)); err != nil {
		return mapErr(fmt.Sprintf("publish %q", ev.Kind), err)
	}
	if last := s.lastPrune.Load(); t.UnixMicro()-last > int64(time.Minute/time.Microsecond) && s.lastPrune.CompareAndSwap(last, t.UnixMicro()) {
		if _, err := s.w.ExecContext(ctx, `DELETE FROM event_log WHERE ts < ?`, micros(t.Add(-eventLogKeep))); err != nil {
			return mapErr("prune event log", err)
		}
	}
	return nil
}

// publishTx appends events to event_log and deletes the parse-cache rows of
// drop, inside tx: pollers see the events, and the rows are gone, exactly
// when tx commits. It is the Events and DropParse of a save or a page action.
func (s *Store) publishTx(ctx context.Context, tx *sql.Tx, events []store.Event, drop []int64) error {
	for _, ev := range events {
		if err := s.logEventTx(ctx, tx, ev); err != nil {
			return fmt.Errorf("publish %q: %w", ev.Kind, err)
		}
	}
	for _, rev := range drop {
		if _, err := tx.ExecContext(ctx, `DELETE FROM parse_cache WHERE rev_id = ?`, rev); err != nil {
			return fmt.Errorf("drop parse of revision %d: %w", rev, err)
		}
	}
	return nil
}

// logEventTx appends ev inside tx: pollers see it when tx commits.
func (s *Store) logEventTx(ctx context.Context, tx *sql.Tx, ev store.Event) error {
	if err := store.ValidateEvent(ev); err != nil {
		return err
	}
	keys, err := json.Marshal(ev.Keys)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO event_log (origin, kind, keys, ts) VALUES (?, ?, ?, ?)`,
		s.origin, ev.Kind, string(keys), micros(store.Now()))
	return err
}

// startPolling starts the poller once per Store, from the end of the log as
// it is now, so the first subscriber misses nothing published after it
// subscribed. The poller runs until the store closes.
func (s *Store) startPolling(ctx context.Context) error {
	s.pollMu.Lock()
	defer s.pollMu.Unlock()
	if s.polling {
		return nil
	}
	var last int64
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM event_log`).Scan(&last); err != nil {
		return mapErr("subscribe", err)
	}
	h := s.events
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return fmt.Errorf("sqlite: subscribe: %w", errClosed)
	}
	s.polling = true
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		s.poll(h, last)
	}()
	return nil
}

// poll hands the rows appended to event_log to h every pollEvery, from the
// one after last, until h closes; a failed read is an EventReset.
func (s *Store) poll(h *hub, last int64) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-h.done; cancel() }()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		select {
		case <-h.done:
			return
		case <-tick.C:
			next, err := s.pollOnceFrom(ctx, h, last)
			if err != nil {
				// Events may be lost: subscribers drop what they cached.
				h.broadcast(store.Event{Kind: store.EventReset})
				continue
			}
			last = next
		}
	}
}

// pollOnceFrom delivers the rows after last and returns the highest id seen.
func (s *Store) pollOnceFrom(ctx context.Context, h *hub, last int64) (int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, origin, kind, keys FROM event_log WHERE id > ? ORDER BY id LIMIT 1000`, last)
	if err != nil {
		return last, err
	}
	defer rows.Close()
	for rows.Next() {
		var origin, kind, keys string
		if err := rows.Scan(&last, &origin, &kind, &keys); err != nil {
			return last, err
		}
		ev := store.Event{Kind: kind}
		if err := json.Unmarshal([]byte(keys), &ev.Keys); err != nil {
			return last, err
		}
		h.broadcast(ev)
	}
	return last, rows.Err()
}
