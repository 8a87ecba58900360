package pageinfo

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/store"
)

// SavedEvent is what a PageSaved hook receives: one change that committed.
type SavedEvent struct {
	Kind      string // store.ChangeNew, ChangeEdit, ChangeDelete, ChangeUndelete or ChangeMove
	Title     string
	Target    string // moves: the new title
	RevID     int64  // the revision current after the change; 0 after a delete
	UserName  string
	Summary   string
	Timestamp time.Time
}

// SavedHook runs after a save, delete, undelete or move committed, off the
// request: a hook never delays nor fails the change. Hooks get a context
// that ends at shutdown; events queue up to savedQueue and are dropped (and
// logged) beyond.
var SavedHook hooks.Point[func(context.Context, SavedEvent) error]

const savedQueue = 1024

// dispatcher runs SavedHook off the request path, in order.
type dispatcher struct {
	log     *slog.Logger
	once    sync.Once
	started atomic.Bool
	queue   chan SavedEvent
	ctx     context.Context
	cancel  context.CancelFunc
	done    chan struct{}
}

func newDispatcher(log *slog.Logger) *dispatcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &dispatcher{log: log, queue: make(chan SavedEvent, savedQueue), ctx: ctx, cancel: cancel, done: make(chan struct{})}
}

// send queues ev without blocking.
func (d *dispatcher) send(ev SavedEvent) {
	if len(SavedHook.IDs()) == 0 {
		return
	}
	d.once.Do(func() {
		d.started.Store(true)
		go d.run()
	})
	select {
	case d.queue <- ev:
	default:
		d.log.Warn("page saved hooks: queue full, event dropped", "title", ev.Title, "kind", ev.Kind)
	}
}

func (d *dispatcher) run() {
	defer close(d.done)
	for {
		select {
		case <-d.ctx.Done():
			return
		case ev := <-d.queue:
			for _, e := range SavedHook.Entries() {
				start := time.Now()
				err := e.Fn(d.ctx, ev)
				hooks.Observe("pageinfo.saved", e.ID, time.Since(start), err != nil)
				if err != nil {
					d.log.Warn("page saved hook failed", "hook", e.ID, "title", ev.Title, "err", err)
				}
			}
		}
	}
}

// close waits up to ctx's deadline for queued events to be handled, then
// stops the hooks.
func (d *dispatcher) close(ctx context.Context) {
	if !d.started.Load() {
		return
	}
	for len(d.queue) > 0 && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	d.cancel()
	select {
	case <-d.done:
	case <-ctx.Done():
	}
}

func savedEvent(kind string, rev store.Revision, title, target, summary string) SavedEvent {
	ts := rev.Timestamp
	if ts.IsZero() {
		ts = time.Now().UTC()
	}
	return SavedEvent{Kind: kind, Title: title, Target: target, RevID: rev.ID, UserName: rev.UserName, Summary: summary, Timestamp: ts}
}
