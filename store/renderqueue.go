package store

import (
	"context"
	"time"
)

// RenderJob is one page to render again because something it depends on
// (a template it transcludes) changed.
type RenderJob struct {
	ID       int64
	Title    string // the page to render, canonical
	Reason   string // why, e.g. "template Template:Notice changed"
	Enqueued time.Time
	Attempts int // how many times it was claimed, this claim included
}

// RenderQueueStats sums up the render queue.
type RenderQueueStats struct {
	Pending int       // jobs waiting for a node: never claimed, or their lease expired
	Leased  int       // jobs a node holds now (lease not expired)
	Oldest  time.Time // when the oldest job was enqueued; zero when the queue is empty
}

// RenderQueue is the durable queue of pages to render again: the work a
// template's change causes survives a restart, and the nodes of a cluster
// share it. A title has at most one job; a node claims jobs for a lease and
// finishes each when its page is rendered, and a job whose node died comes
// back when its lease expires.
//
// SaveRequest.Rerender, MoveRequest.Rerender, DeleteRequest.Rerender and
// UndeleteRequest.Rerender enqueue titles in the action's transaction, as
// EnqueueRenders does: a change and the work it causes commit together, and
// an action that fails (or a null edit) enqueues nothing.
type RenderQueue interface {
	// EnqueueRenders queues titles (deduplicated, "" skipped) for
	// rendering with reason and reports how many it queued: titles without
	// a job, and titles whose job was claimed since it was last queued (the
	// node holding it may have read what changed before the change, so the
	// job is marked to run again: FinishRender puts it back). A title whose
	// job waits for a node is left as it is.
	EnqueueRenders(ctx context.Context, titles []string, reason string) (int, error)
	// ClaimRenders leases up to n jobs that no node holds (never claimed,
	// put back, or with a lease expired at now) until now+lease, oldest
	// first, counting the claim in their Attempts. Concurrent claims, from
	// one node or several, never get the same job while its lease runs.
	ClaimRenders(ctx context.Context, n int, lease time.Duration, now time.Time) ([]RenderJob, error)
	// FinishRender ends the job id once its page is rendered: it deletes
	// it, or, when its title was queued again since it was claimed, puts it
	// back for a node to claim (unleased, keeping its place). An id no
	// longer queued is no error.
	FinishRender(ctx context.Context, id int64) error
	// RenderQueueStats counts the jobs, pending and leased, now.
	RenderQueueStats(ctx context.Context) (RenderQueueStats, error)
}
