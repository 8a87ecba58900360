package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/foliowiki/folio/store"
)

// maxQueued bounds the events waiting for one subscriber. A subscriber that
// falls further behind loses its queue and gets one EventReset instead.
const maxQueued = 4096

// errClosed is returned by Publish and Subscribe on a closed store.
var errClosed = errors.New("store closed")

// hub fans the events the event_log poller reads out to the subscribers of
// one Store. Every process on the file has its own hub and poller.
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

// broadcast queues ev for every subscriber; false when the hub is closed.
func (h *hub) broadcast(ev store.Event) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	for sb := range h.subs {
		sb.push(ev)
	}
	return true
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
