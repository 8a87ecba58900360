package pageinfo_test

import (
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// TestOnAppliedNamesOtherNodesTitles: a node that applies another node's
// invalidation tells OnApplied the titles it names (folio serve purges
// their views at the CDN, since the editing node's PURGE may reach the CDN
// before this node dropped its copy, which the CDN would then fetch and
// keep); a node's own changes do not call it.
func TestOnAppliedNamesOtherNodesTitles(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c1, s1 := newCache(t, st)
		c2, s2 := newCache(t, st)
		var mu sync.Mutex
		told := map[int][]string{}
		c1.OnApplied = func(titles []string) { mu.Lock(); told[1] = append(told[1], titles...); mu.Unlock() }
		c2.OnApplied = func(titles []string) { mu.Lock(); told[2] = append(told[2], titles...); mu.Unlock() }
		listen(t, c1)
		listen(t, c2)
		has := func(node int, title string) func() bool {
			return func() bool { mu.Lock(); defer mu.Unlock(); return slices.Contains(told[node], title) }
		}
		// A subscription may take a moment to start: edit a probe on each
		// node until the other hears it, then forget what was heard.
		for i, s := range []*pageinfo.Saver{s1, s2} {
			other, probe := 2-i, "Probe_"+strconv.Itoa(i+1)
			deadline := time.Now().Add(10 * time.Second)
			for n := 0; !has(other, probe)(); n++ {
				if time.Now().After(deadline) {
					t.Fatalf("node %d never heard of %s", other, probe)
				}
				save(t, s, st, probe, strconv.Itoa(n))
				time.Sleep(20 * time.Millisecond)
			}
		}
		mu.Lock()
		clear(told)
		mu.Unlock()
		save(t, s1, st, "Edited_on_one", "text")
		within(t, "node 2 names Edited_on_one", has(2, "Edited_on_one"))
		save(t, s2, st, "Edited_on_two", "text")
		within(t, "node 1 names Edited_on_two", has(1, "Edited_on_two"))
		// Events arrive in order: node 1 heard its own first, and skipped it.
		if has(1, "Edited_on_one")() || has(2, "Edited_on_two")() {
			t.Fatalf("a node named its own change: %v", told)
		}
	})
}
