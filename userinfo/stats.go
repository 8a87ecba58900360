package userinfo

import (
	"sync/atomic"
	"time"
)

// Stats is what a Manager's UserInfo cache has done since it was built.
type Stats struct {
	Hits, Misses uint64        // session lookups in memory
	StoreTime    time.Duration // time spent building UserInfo on misses
}

type counters struct {
	hits, misses, storeNanos atomic.Uint64
}

// Stats returns the cache's counters.
func (m *Manager) Stats() Stats {
	return Stats{Hits: m.n.hits.Load(), Misses: m.n.misses.Load(), StoreTime: time.Duration(m.n.storeNanos.Load())}
}
