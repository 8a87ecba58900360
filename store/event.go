package store

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// Event is a cache-invalidation message between the nodes sharing a store,
// e.g. {Kind: "pageinfo", Keys: ids of the revisions whose PageInfo is stale}.
// Keys are opaque to the store; they and Kind are UTF-8 text of at most
// MaxEventKeyBytes bytes each (ValidateEvent).
type Event struct {
	Kind string
	Keys []string
}

// EventReset is the Kind of the synthetic event a subscriber receives when
// it may have missed events: when its subscription starts listening and after
// it reconnected. Its receiver drops everything it cached. It has no Keys.
const EventReset = "reset"

// MaxEventKeyBytes bounds the length of one key of an Event, and of its
// Kind. A backend may split an event with many keys, never one key.
const MaxEventKeyBytes = 1024

// ValidateEvent checks what Publish accepts: a Kind and Keys of valid UTF-8
// and at most MaxEventKeyBytes bytes each. Backends call it first.
func ValidateEvent(ev Event) error {
	if err := validateKey(ev.Kind); err != nil {
		return fmt.Errorf("kind: %w", err)
	}
	for _, k := range ev.Keys {
		if err := validateKey(k); err != nil {
			return err
		}
	}
	return nil
}

// validateKey checks one key of ValidateEvent.
func validateKey(k string) error {
	if len(k) > MaxEventKeyBytes {
		return fmt.Errorf("key of %d bytes exceeds %d", len(k), MaxEventKeyBytes)
	}
	if !utf8.ValidString(k) {
		return fmt.Errorf("key %q is not valid UTF-8", k)
	}
	return nil
}

// Events carries Events between every client of one store: the processes
// sharing a PostgreSQL database (through LISTEN/NOTIFY), or the subscribers of
// one SQLite file (through its event_log table, polled).
type Events interface {
	// Publish sends ev to every subscriber of the store, this client's
	// included. It does not wait for them. Publishing is not part of any
	// write: publish after the write committed. An event ValidateEvent
	// refuses is an error, and nothing is sent.
	Publish(ctx context.Context, ev Event) error
	// Subscribe calls fn, from one goroutine, for every event published
	// after it started listening, until ctx is done, and then returns nil.
	// Its first call of fn is Event{Kind: EventReset}, once it is
	// listening; another follows every time it had to reconnect (or, in
	// process, fell too far behind). An event with many keys may arrive
	// split into several events of the same Kind whose Keys together are
	// the published ones. fn must not block for long: events queue behind
	// it; nor modify ev.Keys, which other subscribers may share. Subscribe returns an error when the store is closed.
	Subscribe(ctx context.Context, fn func(Event)) error
}
