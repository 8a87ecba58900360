package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// enqueue queues titles with reason and checks how many were queued.
func enqueue(t *testing.T, s store.Store, titles []string, reason string, want int) {
	t.Helper()
	n, err := s.EnqueueRenders(ctx(t), titles, reason)
	if err != nil || n != want {
		t.Fatalf("EnqueueRenders(%q) = %d, %v; want %d", titles, n, err, want)
	}
}

// claim claims up to n jobs at now for a minute.
func claim(t *testing.T, s store.Store, n int, now time.Time) []store.RenderJob {
	t.Helper()
	jobs, err := s.ClaimRenders(ctx(t), n, time.Minute, now)
	if err != nil {
		t.Fatalf("ClaimRenders(%d): %v", n, err)
	}
	return jobs
}

// jobTitles are the titles of jobs, in order.
func jobTitles(jobs []store.RenderJob) []string {
	out := []string{}
	for _, j := range jobs {
		out = append(out, j.Title)
	}
	return out
}

// wantClaimed checks the titles of claimed jobs and their attempts.
func wantClaimed(t *testing.T, what string, jobs []store.RenderJob, attempts int, titles ...string) {
	t.Helper()
	if got := jobTitles(jobs); !reflect.DeepEqual(got, append([]string{}, titles...)) {
		t.Fatalf("%s: claimed %q, want %q", what, got, titles)
	}
	for _, j := range jobs {
		if j.Attempts != attempts {
			t.Fatalf("%s: job %+v, want %d attempts", what, j, attempts)
		}
	}
}

// queueStats returns RenderQueueStats.
func queueStats(t *testing.T, s store.Store) store.RenderQueueStats {
	t.Helper()
	st, err := s.RenderQueueStats(ctx(t))
	if err != nil {
		t.Fatalf("RenderQueueStats: %v", err)
	}
	return st
}

// wantStats checks the counts of RenderQueueStats.
func wantStats(t *testing.T, s store.Store, pending, leased int) store.RenderQueueStats {
	t.Helper()
	st := queueStats(t, s)
	if st.Pending != pending || st.Leased != leased {
		t.Fatalf("RenderQueueStats = %+v, want %d pending, %d leased", st, pending, leased)
	}
	return st
}

// finish finishes job id and fails the test on error.
func finish(t *testing.T, s store.Store, id int64) {
	t.Helper()
	if err := s.FinishRender(ctx(t), id); err != nil {
		t.Fatalf("FinishRender(%d): %v", id, err)
	}
}

// testRenderQueue: enqueueing dedupes pending titles, claims lease the
// oldest jobs, a lease expires, finishing deletes, stats count.
func testRenderQueue(t *testing.T, s store.Store) {
	if st := wantStats(t, s, 0, 0); !st.Oldest.IsZero() {
		t.Fatalf("empty queue's Oldest = %v, want zero", st.Oldest)
	}
	before := store.Now()
	enqueue(t, s, []string{"B", "A", "A", ""}, "template Template:T changed", 2)
	enqueue(t, s, []string{"A", "C"}, "template Template:U changed", 1)
	enqueue(t, s, nil, "nothing", 0)
	st := wantStats(t, s, 3, 0)
	if st.Oldest.Before(before) || st.Oldest.After(store.Now()) {
		t.Fatalf("Oldest = %v, want between %v and now", st.Oldest, before)
	}

	now := store.Now()
	first := claim(t, s, 2, now)
	wantClaimed(t, "first claim", first, 1, "A", "B")
	if j := first[0]; j.ID == 0 || j.Reason != "template Template:T changed" || j.Enqueued.Before(before) {
		t.Fatalf("job = %+v, want an id, the first reason and its enqueue time", j)
	}
	wantClaimed(t, "second claim", claim(t, s, 10, now), 1, "C")
	wantClaimed(t, "claim with every job leased", claim(t, s, 10, now), 1)
	wantStats(t, s, 0, 3)
	if got := claim(t, s, 0, now); len(got) != 0 {
		t.Fatalf("ClaimRenders(0) = %+v", got)
	}

	// A lease expires: a node that died loses its jobs.
	later := now.Add(2 * time.Minute)
	again := claim(t, s, 1, later)
	wantClaimed(t, "claim after the leases expired", again, 2, "A")
	if again[0].ID != first[0].ID {
		t.Fatalf("reclaimed job %+v, want job %d", again[0], first[0].ID)
	}
	finish(t, s, again[0].ID)
	finish(t, s, again[0].ID) // gone: no error
	wantStats(t, s, 0, 2)
	wantClaimed(t, "claim at the same time again", claim(t, s, 10, later), 2, "B", "C")

	// Queueing a title again adds a job once it is finished.
	enqueue(t, s, []string{"A"}, "again", 1)
	wantStats(t, s, 1, 2)
	if st := queueStats(t, s); !st.Oldest.Equal(first[0].Enqueued) {
		t.Fatalf("Oldest = %v, want B's %v", st.Oldest, first[0].Enqueued)
	}
	next := claim(t, s, 10, later)
	wantClaimed(t, "claim of the new job", next, 1, "A")
	if next[0].ID == first[0].ID || next[0].Reason != "again" {
		t.Fatalf("new job = %+v, want a new id and reason \"again\"", next[0])
	}
}

// testRenderQueueRequeue: a title queued again while its job is claimed
// is not lost: the node may have read the old template, so finishing the
// job puts it back to be claimed again. An expired lease is pending.
func testRenderQueueRequeue(t *testing.T, s store.Store) {
	enqueue(t, s, []string{"A", "B"}, "template Template:T changed", 2)
	now := store.Now()
	jobs := claim(t, s, 10, now)
	wantClaimed(t, "claim", jobs, 1, "A", "B")
	enqueue(t, s, []string{"A"}, "template Template:U changed", 1)
	enqueue(t, s, []string{"A"}, "template Template:V changed", 0) // already marked
	wantStats(t, s, 0, 2)
	finish(t, s, jobs[0].ID)
	finish(t, s, jobs[1].ID)
	wantStats(t, s, 1, 0)
	back := claim(t, s, 10, now)
	wantClaimed(t, "claim of the job put back", back, 2, "A")
	if back[0].ID != jobs[0].ID || back[0].Reason != "template Template:U changed" || !back[0].Enqueued.Equal(jobs[0].Enqueued) {
		t.Fatalf("job put back = %+v, want job %d with the reason of its second queueing and its first time", back[0], jobs[0].ID)
	}
	finish(t, s, back[0].ID)
	wantStats(t, s, 0, 0)

	// An expired lease claimed again clears the mark: the new claim reads
	// everything queued before it.
	enqueue(t, s, []string{"C"}, "r", 1)
	old := claim(t, s, 1, now)
	enqueue(t, s, []string{"C"}, "r2", 1)
	renewed := claim(t, s, 1, now.Add(2*time.Minute))
	wantClaimed(t, "claim after the lease expired", renewed, 2, "C")
	finish(t, s, renewed[0].ID)
	if old[0].ID != renewed[0].ID {
		t.Fatalf("reclaimed %+v, want job %d", renewed[0], old[0].ID)
	}
	wantStats(t, s, 0, 0)

	// A job whose lease expired counts as pending.
	enqueue(t, s, []string{"A", "B"}, "r", 2)
	claim(t, s, 1, store.Now().Add(-2*time.Minute)) // leased until a minute ago
	claim(t, s, 1, store.Now())
	wantStats(t, s, 1, 1)
}

// testRenderQueueConcurrentClaims: nodes claiming at once never get the
// same job.
func testRenderQueueConcurrentClaims(t *testing.T, s store.Store) {
	var titles []string
	for i := range 24 {
		titles = append(titles, fmt.Sprintf("P%02d", i))
	}
	enqueue(t, s, titles, "r", len(titles))
	now := store.Now()
	var mu sync.Mutex
	var got []string
	var errs []error
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				jobs, err := s.ClaimRenders(ctx(t), 2, time.Minute, now)
				mu.Lock()
				got = append(got, jobTitles(jobs)...)
				errs = append(errs, err)
				mu.Unlock()
				if err != nil || len(jobs) == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !reflect.DeepEqual(got, titles) {
		t.Fatalf("concurrent claims got %q, want each of %q once", got, titles)
	}
}

// testRenderQueueInActions: the Rerender titles of a save, delete,
// undelete and move are queued in its transaction: a refused action (a
// conflict, a missing page, a taken title) or a null edit queues nothing.
func testRenderQueueInActions(t *testing.T, s store.Store) {
	reason := func(what string) string { return "template Template:" + what + " changed" }
	tmpl := saveReq(t, s, store.SaveRequest{Title: "Template:T", Text: "t1",
		Rerender: []string{"Saved_A", "Saved_B"}, RerenderReason: reason("T")})
	refused := map[string]error{}
	refuse := func(what string, err error) { refused[what] = err }
	_, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Template:T", Text: "t2", BaseRevID: tmpl.Revision.ID + 100,
		Rerender: []string{"Lost"}, RerenderReason: "conflict"})
	refuse("save on a stale base", err)
	if res, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Template:T", Text: "t1", BaseRevID: tmpl.Revision.ID,
		Rerender: []string{"Lost"}, RerenderReason: "null edit"}); err != nil || !res.Unchanged {
		t.Fatalf("null edit = %+v, %v", res, err)
	}
	_, err = s.DeletePage(ctx(t), store.DeleteRequest{Title: "Template:Nope", UserName: "Admin",
		Rerender: []string{"Lost"}, RerenderReason: "missing"})
	refuse("delete of a missing page", err)
	_, err = s.DeletePage(ctx(t), store.DeleteRequest{Title: "Template:T", BaseRevID: tmpl.Revision.ID + 100, UserName: "Admin",
		Rerender: []string{"Lost"}, RerenderReason: "conflict"})
	refuse("delete on a stale base", err)
	saveReq(t, s, store.SaveRequest{Title: "Taken", Text: "x"})
	_, err = s.MovePage(ctx(t), store.MoveRequest{From: "Template:T", To: "Taken", UserName: "Admin",
		Rerender: []string{"Lost"}, RerenderReason: "taken"})
	refuse("move to a taken title", err)
	_, err = s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Taken", UserName: "Admin",
		Rerender: []string{"Lost"}, RerenderReason: "live"})
	refuse("undelete of a live page", err)
	for what, err := range refused {
		if err == nil {
			t.Fatalf("%s succeeded", what)
		}
	}

	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "Template:T", To: "Template:T2", UserName: "Admin",
		Rerender: []string{"Moved_A", "Template:T2"}, RerenderReason: reason("T")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Template:T2", UserName: "Admin",
		Rerender: []string{"Deleted_A"}, RerenderReason: reason("T2")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Template:T2", UserName: "Admin",
		Rerender: []string{"Undeleted_A", "Saved_A"}, RerenderReason: reason("T2")}); err != nil {
		t.Fatal(err)
	}
	jobs := claim(t, s, 100, store.Now())
	wantClaimed(t, "jobs of the actions", jobs, 1, "Saved_A", "Saved_B", "Moved_A", "Template:T2", "Deleted_A", "Undeleted_A")
	if jobs[0].Reason != reason("T") || jobs[4].Reason != reason("T2") {
		t.Fatalf("jobs = %+v, want the reasons of their actions", jobs)
	}
}
