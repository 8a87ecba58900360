package hooks

import (
	"slices"
	"sync"
	"time"
)

// Stat is what one registered hook has cost so far.
type Stat struct {
	Point string // the point's name, e.g. "pageinfo.info"
	ID    string
	Calls uint64
	Total time.Duration
	Fails uint64
}

// stats is the process-wide table of hook costs, by point and id.
var stats = struct {
	sync.Mutex
	m map[[2]string]*Stat
}{m: map[[2]string]*Stat{}}

// Observe records one call of a hook: callers time each hook they run and
// report it here, so its cost shows in the metrics (--metrics-addr).
func Observe(point, id string, d time.Duration, failed bool) {
	stats.Lock()
	defer stats.Unlock()
	k := [2]string{point, id}
	s := stats.m[k]
	if s == nil {
		s = &Stat{Point: point, ID: id}
		stats.m[k] = s
	}
	s.Calls++
	s.Total += d
	if failed {
		s.Fails++
	}
}

// Stats returns a copy of every hook's cost, sorted by point and id.
func Stats() []Stat {
	stats.Lock()
	out := make([]Stat, 0, len(stats.m))
	for _, s := range stats.m {
		out = append(out, *s)
	}
	stats.Unlock()
	slices.SortFunc(out, func(a, b Stat) int {
		if a.Point != b.Point {
			return compare(a.Point, b.Point)
		}
		return compare(a.ID, b.ID)
	})
	return out
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
