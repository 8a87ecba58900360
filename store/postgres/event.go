package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/foliowiki/folio/store"
)

const (
	// channelSuffix follows the schema name in the channel name.
	channelSuffix = ".folio_events"
	// maxChannel is the longest identifier PostgreSQL keeps (NAMEDATALEN-1).
	maxChannel = 63
	// maxPayload stays below NOTIFY's payload limit (8000 bytes).
	maxPayload = 7900
	// minBackoff and maxBackoff bound the wait between reconnections.
	minBackoff = 100 * time.Millisecond
	maxBackoff = 10 * time.Second
)

// pingEvery is how long a listener waits for a notification before it
// checks its connection, which a silent network failure would not close. A
// variable for the tests.
var pingEvery = 30 * time.Second

// pingTimeout bounds a listener's ping. It does not shrink with pingEvery
// in the tests: a slow answer on a busy machine is not a dead connection.
const pingTimeout = 10 * time.Second

// errClosed is returned by Subscribe on a closed store.
var errClosed = errors.New("store closed")

// eventChannel names the channel of the current schema,
// "<schema>.folio_events", so that stores in different schemas of one
// database (the tests' schemas) do not hear each other.
func eventChannel(ctx context.Context, pool *pgxpool.Pool) (string, error) {
	var schema string
	if err := pool.QueryRow(ctx, `SELECT coalesce(current_schema(), '')`).Scan(&schema); err != nil {
		return "", fmt.Errorf("postgres: current schema: %w", dbErr(err))
	}
	return channelName(schema), nil
}

// channelName is the channel of schema; a schema name too long for a channel
// identifier is replaced by a hash of it.
func channelName(schema string) string {
	if len(schema)+len(channelSuffix) <= maxChannel {
		return schema + channelSuffix
	}
	sum := sha256.Sum256([]byte(schema))
	return hex.EncodeToString(sum[:16]) + channelSuffix
}

// payload is the JSON of one notification: an event or a part of it.
type payload struct {
	Kind string   `json:"kind"`
	Keys []string `json:"keys"`
	// Part numbers the parts of one event, so that no two are equal:
	// PostgreSQL delivers equal notifications of one transaction once.
	Part int `json:"part"`
}

// payloads splits ev into notification payloads of at most maxPayload bytes.
func payloads(ev store.Event) ([]string, error) {
	if err := store.ValidateEvent(ev); err != nil {
		return nil, err
	}
	// An upper bound of the bytes of a part without keys.
	base := len(encode(payload{Kind: ev.Kind, Keys: []string{}, Part: math.MaxInt32}))
	var out []string
	part := payload{Kind: ev.Kind, Keys: []string{}}
	size := base
	for _, k := range ev.Keys {
		n := len(encode(k)) + 1 // and a comma
		if size+n > maxPayload && len(part.Keys) > 0 {
			out = append(out, encode(part))
			part = payload{Kind: ev.Kind, Keys: []string{}, Part: part.Part + 1}
			size = base
		}
		part.Keys = append(part.Keys, k)
		size += n
	}
	return append(out, encode(part)), nil
}

// encode is the JSON of v, a string or a payload: valid UTF-8 (see
// store.ValidateEvent) and ints, which json.Marshal cannot fail on.
func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("postgres: encode event: %v", err))
	}
	return string(b)
}

// decode reads a notification payload; ok is false for one that is not ours.
func decode(s string) (ev store.Event, ok bool) {
	var p payload
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return store.Event{}, false
	}
	ev.Kind = p.Kind
	if len(p.Keys) > 0 {
		ev.Keys = p.Keys
	}
	return ev, true
}

// Publish sends ev to every subscriber of this schema, on every node, with
// NOTIFY. An event too large for one notification is split into several,
// sent in one statement: one transaction, so delivered together.
func (s *Store) Publish(ctx context.Context, ev store.Event) error {
	parts, err := payloads(ev)
	if err != nil {
		return fmt.Errorf("postgres: publish %q: %w", ev.Kind, err)
	}
	if _, err := s.pool.Exec(ctx, `SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, s.channel, parts); err != nil {
		return fmt.Errorf("postgres: publish %q: %w", ev.Kind, dbErr(err))
	}
	return nil
}

// publishTx deletes the parse-cache rows of drop and publishes events,
// inside tx: both take effect exactly when tx commits. It is the Events and
// DropParse of a save or a page action.
func (s *Store) publishTx(ctx context.Context, tx pgx.Tx, events []store.Event, drop []int64) error {
	if len(drop) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM parse_cache WHERE rev_id = ANY($1)`, drop); err != nil {
			return fmt.Errorf("drop parse rows: %w", err)
		}
	}
	return s.notifyTx(ctx, tx, events)
}

// notifyTx publishes events inside tx: NOTIFY is delivered at commit, and
// not at all on rollback.
func (s *Store) notifyTx(ctx context.Context, tx pgx.Tx, events []store.Event) error {
	for _, ev := range events {
		parts, err := payloads(ev)
		if err != nil {
			return fmt.Errorf("publish %q: %w", ev.Kind, err)
		}
		if _, err := tx.Exec(ctx, `SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p`, s.channel, parts); err != nil {
			return fmt.Errorf("publish %q: %w", ev.Kind, err)
		}
	}
	return nil
}

// Subscribe listens on this schema's channel on a connection of its own (not
// one of the pool's) and calls fn for every event, until ctx is done (nil) or
// the store is closed (an error). When the connection fails it reconnects,
// waiting from minBackoff up to maxBackoff between attempts, and every time
// it is listening again it calls fn with EventReset first.
func (s *Store) Subscribe(ctx context.Context, fn func(store.Event)) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return fmt.Errorf("postgres: subscribe: %w", errClosed)
	}
	s.subs.Add(1)
	s.mu.Unlock()
	defer s.subs.Done()

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.closing, cancel)()
	delay := minBackoff
	for {
		if s.listen(ctx, fn) {
			delay = minBackoff
		}
		select {
		case <-ctx.Done():
			if parent.Err() != nil {
				return nil
			}
			return fmt.Errorf("postgres: subscribe: %w", errClosed)
		case <-time.After(delay):
		}
		delay = min(2*delay, maxBackoff)
	}
}

// listen connects, listens and passes notifications to fn until the
// connection fails or ctx is done. It reports whether it got to listen.
func (s *Store) listen(ctx context.Context, fn func(store.Event)) bool {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig)
	if err != nil {
		return false
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn.Close(closeCtx) //nolint:errcheck // the connection is dropped either way
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.channel}.Sanitize()); err != nil {
		return false
	}
	fn(store.Event{Kind: store.EventReset})
	receive(ctx, conn, fn)
	return true
}

// receive passes notifications to fn until the connection fails or ctx is
// done. After pingEvery without one, it pings the server.
func receive(ctx context.Context, conn *pgx.Conn, fn func(store.Event)) {
	for {
		waitCtx, cancel := context.WithTimeout(ctx, pingEvery)
		n, err := conn.WaitForNotification(waitCtx)
		cancel()
		switch {
		case err == nil && n != nil:
			if ev, ok := decode(n.Payload); ok {
				fn(ev)
			}
		case err == nil: // woken without a notification: wait again
		case ctx.Err() != nil || conn.IsClosed() || !errors.Is(err, context.DeadlineExceeded):
			return
		default:
			pingCtx, cancel := context.WithTimeout(ctx, pingTimeout)
			err := conn.Ping(pingCtx)
			cancel()
			if err != nil {
				return
			}
		}
	}
}
