package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/foliowiki/folio/store"
)

// maxQueued bounds the events waiting for one subscriber. A subscriber that
// falls further behind loses its queue and gets one EventReset instead.
const maxQueued = 4096

// errClosed is returned by Publish and Subscribe on a closed store.
var errClosed = errors.New("store closed")

// hub fans events out to the subscribers of one Store. It is in-process
// only: other processes opening the same file have hubs of their own.
type hub struct {
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
	done   chan struct{} // closed by close
	wg     sync.WaitGroup
}

// subscriber is the queue of one Subscribe call.
type subscriber struct {
	mu    sync.Mutex
	queue []store.Event
	wake  chan struct{} // capacity 1: "the queue is not empty"
}

func newHub() *hub {
	return &hub{subs: map[*subscriber]struct{}{}, done: make(chan struct{})}
}

// push queues ev, or replaces a full queue by one EventReset.
func (sb *subscriber) push(ev store.Event) {
	sb.mu.Lock()
	if len(sb.queue) >= maxQueued {
		sb.queue = append(sb.queue[:0], store.Event{Kind: store.EventReset})
	} else {
		sb.queue = append(sb.queue, ev)
	}
	sb.mu.Unlock()
	select {
	case sb.wake <- struct{}{}:
	default:
	}
}

// take empties the queue.
func (sb *subscriber) take() []store.Event {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	q := sb.queue
	sb.queue = nil
	return q
}

// Publish implements store.Events: ev goes to every Subscribe call running on
// this Store, without waiting for them.
func (s *Store) Publish(ctx context.Context, ev store.Event) error {
	if err := store.ValidateEvent(ev); err != nil {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, err)
	}
	ev.Keys = slices.Clone(ev.Keys) // subscribers must not see the caller's later writes
	h := s.events
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return fmt.Errorf("sqlite: publish %q: %w", ev.Kind, errClosed)
	}
	for sb := range h.subs {
		sb.push(ev)
	}
	return nil
}

// Subscribe implements store.Events for the subscribers of this Store only:
// several processes on one SQLite file do not share events.
func (s *Store) Subscribe(ctx context.Context, fn func(store.Event)) error {
	h := s.events
	sb := &subscriber{wake: make(chan struct{}, 1)}
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

// close ends every Subscribe call and waits for them to return.
func (h *hub) close() {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.closed = true
	close(h.done)
	h.mu.Unlock()
	h.wg.Wait()
}
