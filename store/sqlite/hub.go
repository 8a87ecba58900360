package sqlite

import (
	"sync"

	"github.com/foliowiki/folio/store"
)

// maxQueued bounds the events waiting for one subscriber. A subscriber that
// falls further behind loses its queue and gets one EventReset instead.
const maxQueued = 4096

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
