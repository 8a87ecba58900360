package pageinfo

import (
	"sync/atomic"
	"time"
)

// Stats is what a Cache has done since it was built.
type Stats struct {
	Hits, Misses uint64        // lookups of a PageInfo in memory
	StoreTime    time.Duration // time spent loading or rendering on misses
}

type counters struct {
	hits, misses, storeNanos atomic.Uint64
}

// Stats returns the cache's counters.
func (c *Cache) Stats() Stats {
	return Stats{Hits: c.n.hits.Load(), Misses: c.n.misses.Load(), StoreTime: time.Duration(c.n.storeNanos.Load())}
}
