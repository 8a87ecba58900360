package pageinfo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/foliowiki/folio/store"
)

// Bounds and pace of the re-renders a template's change causes.
const (
	// maxTranscluding is how many pages one change of a template queues;
	// beyond it, pages keep the old rendering until their next edit or a
	// renderer upgrade (as maxBacklinks).
	maxTranscluding = 100_000
	// transcludingPage is how many titles one PagesTranscluding call reads.
	transcludingPage = 1000
	// DefaultRerenderWorkers is how many pages RunRerenders renders at once
	// when told none.
	DefaultRerenderWorkers = 2
	// rerenderLease is how long a claimed job is this node's: a node that
	// dies leaves its jobs to the others (or to itself after a restart)
	// once it runs out.
	rerenderLease = 2 * time.Minute
	// rerenderBatch is how many jobs a worker claims at a time.
	rerenderBatch = 8
	// rerenderPoll is how often an idle runner looks at the queue for work
	// other nodes (or folio commands) queued.
	rerenderPoll = time.Second
	// maxRerenderAttempts is how many times a job is tried before it is
	// dropped (and logged as an error): the page keeps its old rendering
	// until its next edit.
	maxRerenderAttempts = 3
)

// rerenderCounters are what the runner did since the process started.
type rerenderCounters struct {
	done, failed, dropped atomic.Uint64
}

// RerenderStats counts the re-renders of this process: pages rendered
// again and swapped in, failed attempts, and jobs dropped after
// maxRerenderAttempts.
type RerenderStats struct {
	Done, Failed, Dropped uint64
}

// RerenderStats returns the runner's counters.
func (s *Saver) RerenderStats() RerenderStats {
	return RerenderStats{Done: s.rn.done.Load(), Failed: s.rn.failed.Load(), Dropped: s.rn.dropped.Load()}
}

// rerenderReason is the reason of the jobs a change of title queues.
func rerenderReason(title string) string { return title + " changed" }

// transcluding returns the live pages transcluding any of titles (their
// current revisions did, directly or through other templates), read fully
// up to maxTranscluding: the pages to render again when one of them
// changes.
func (s *Saver) transcluding(ctx context.Context, titles ...string) ([]string, error) {
	var out []string
	for _, t := range titles {
		after := ""
		for len(out) < maxTranscluding {
			page, err := s.cache.st.PagesTranscluding(ctx, t, after, min(transcludingPage, maxTranscluding-len(out)))
			if err != nil {
				return nil, fmt.Errorf("pages transcluding %q: %w", t, err)
			}
			out = append(out, page...)
			if len(page) < transcludingPage {
				break
			}
			after = page[len(page)-1]
		}
	}
	return out, nil
}

// nudge wakes this node's runner when an action queued n jobs.
func (s *Saver) nudge(n int) {
	if n == 0 {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default: // a nudge is pending already
	}
}

// RunRerenders renders again the pages of the render queue until ctx ends,
// workers at a time (DefaultRerenderWorkers when workers < 1): it claims
// jobs, renders each page's current revision afresh, and swaps the new
// rendering in (Cache.replace) only when it is complete, so a view shows
// the previous one until then, never a half-updated one. It polls the
// queue every second when idle, and at once when an action of this node
// queued work. The queue is in the store: work left when the process stops
// is done after a restart (or by another node, once its lease expires).
func (s *Saver) RunRerenders(ctx context.Context, workers int) error {
	if workers < 1 {
		workers = DefaultRerenderWorkers
	}
	for {
		n, err := s.rerenderBatch(ctx, workers)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			s.cache.log.Warn("pageinfo: claiming re-renders failed", "err", err)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake:
		case <-time.After(rerenderPoll):
		}
	}
}

// DrainRerenders renders the queued pages until the queue has no job
// left that no node holds, workers at a time, and returns how many it
// rendered (folio jobs run).
func (s *Saver) DrainRerenders(ctx context.Context, workers int) (int, error) {
	if workers < 1 {
		workers = DefaultRerenderWorkers
	}
	total := 0
	for {
		n, err := s.rerenderBatch(ctx, workers)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// rerenderBatch claims and runs one batch of jobs and returns how many it
// claimed.
func (s *Saver) rerenderBatch(ctx context.Context, workers int) (int, error) {
	jobs, err := s.cache.st.ClaimRenders(ctx, workers*rerenderBatch, rerenderLease, time.Now())
	if err != nil || len(jobs) == 0 {
		return 0, err
	}
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(workers)
	var done atomic.Int64
	for _, j := range jobs {
		g.Go(func() error {
			if s.runJob(ctx, j) {
				done.Add(1)
			}
			return nil
		})
	}
	_ = g.Wait()
	pending := -1
	if st, err := s.cache.st.RenderQueueStats(ctx); err == nil {
		pending = st.Pending + st.Leased
	}
	s.cache.log.Info(fmt.Sprintf("pageinfo: re-rendered %d pages, %d pending", done.Load(), pending),
		"claimed", len(jobs), "took", time.Since(start).Round(time.Millisecond))
	return len(jobs), nil
}

// runJob renders the page of j again and finishes j, or leaves it to be
// claimed again once its lease runs out (dropping it after
// maxRerenderAttempts). It reports whether the page was rendered.
func (s *Saver) runJob(ctx context.Context, j store.RenderJob) bool {
	err := s.rerender(ctx, j.Title)
	if ctx.Err() != nil {
		return false // stopping: the job comes back when its lease expires
	}
	if err != nil {
		s.rn.failed.Add(1)
		if j.Attempts < maxRerenderAttempts {
			s.cache.log.Warn("pageinfo: re-render failed; it will be retried", "title", j.Title, "reason", j.Reason, "attempt", j.Attempts, "err", err)
			return false
		}
		s.rn.dropped.Add(1)
		s.cache.log.Error("pageinfo: re-render failed; dropped", "title", j.Title, "reason", j.Reason, "attempts", j.Attempts, "err", err)
	}
	if err := s.cache.st.FinishRender(context.WithoutCancel(ctx), j.ID); err != nil {
		s.cache.log.Warn("pageinfo: finishing a re-render failed", "title", j.Title, "err", err)
	}
	if err == nil {
		s.rn.done.Add(1)
	}
	return err == nil
}

// rerender renders the current revision of title with the templates as
// they are now and swaps it in: the parse cache, this node's memory, the
// other nodes (an event), the page's template links when they changed,
// and the CDNs (OnChange). A page deleted meanwhile is no error.
func (s *Saver) rerender(ctx context.Context, title string) error {
	st := s.cache.st
	page, err := st.PageByTitle(ctx, title)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("re-render %q: %w", title, err)
	}
	rev, err := st.RevisionByID(ctx, page.LatestRev)
	if err != nil {
		return fmt.Errorf("re-render %q: %w", title, err)
	}
	pi, used, err := s.cache.b.rebuild(ctx, rev)
	if err != nil {
		return fmt.Errorf("re-render %q: %w", title, err)
	}
	old, err := st.PageTemplates(ctx, page.ID)
	if err != nil {
		return fmt.Errorf("re-render %q: %w", title, err)
	}
	slices.Sort(old)   // as Dedupe sorts: the database's collation may differ
	var usage []string // Template pages whose "Pages using this template" changed
	if !slices.Equal(old, store.Dedupe(used)) {
		if err := st.SetPageTemplates(ctx, page.ID, rev.ID, used); err != nil {
			return fmt.Errorf("re-render %q: %w", title, err)
		}
		usage = s.listsChanged(ctx, lists{templates: symmetricDiff(old, store.Dedupe(used))})
	}
	if err := s.cache.replace(ctx, pi); err != nil {
		return fmt.Errorf("re-render %q: %w", title, err)
	}
	s.changed(slices.Concat([]string{title}, s.redirectsTo(ctx, title), usage))
	return nil
}

// rebuild is build returning also the titles the revision transcludes now.
func (b *builder) rebuild(ctx context.Context, rev store.Revision) (*PageInfo, []string, error) {
	r, err := b.render(ctx, rev.Title, rev.Text, rev.Timestamp)
	if err != nil {
		return nil, nil, err
	}
	pi, err := b.assemble(ctx, r, rev)
	return pi, r.templates, err
}

// replace swaps pi, a fresh rendering of a revision whose templates
// changed, in for the one cached: it overwrites the revision's parse-cache
// row (same revision, same version), puts pi in memory, and tells the
// other nodes to drop their copy (they read the new row on their next
// view). revGen moves before the write, so a stale rendering of this node
// queued for writing is skipped, and after it, so a read of the old row
// that raced with the write is not kept. On the other nodes, the event
// drops the revision from memory; one that wrote the old row lately
// leaves the new row alone (redrop deletes only a row it wrote itself),
// and one whose stale rendering (of the template's old text) landed after
// this write deletes it: its next view renders the page again. This node
// remembers the write as any other (redrop), in case a page this one
// links to was created or deleted while it rendered.
func (c *Cache) replace(ctx context.Context, pi *PageInfo) error {
	c.forgetRevision(pi.RevID)
	c.putMu.Lock()
	blob, err := encode(pi)
	if err == nil {
		err = c.st.PutParse(ctx, pi.RevID, Version, blob)
	}
	if err == nil {
		c.wrote(pi.RevID, blob)
	}
	c.putMu.Unlock()
	if err != nil {
		return fmt.Errorf("pageinfo: parse cache write: %w", err)
	}
	c.forgetRevision(pi.RevID)
	c.byRev.Wait()
	c.put(pi)
	return c.publish(ctx, []string{revKey + strconv.FormatInt(pi.RevID, 10)})
}
