package userinfo

import (
	"sync"
	"time"
)

// Login throttling: failures per account and per client address within a
// window. Counted in each node's memory: with N nodes an attacker gets N
// times the budget, still far too little to guess a password.
const (
	throttleWindow     = 10 * time.Minute
	maxAccountFailures = 5
	maxIPFailures      = 30
)

type throttle struct {
	mu      sync.Mutex
	entries map[string]*throttleEntry
	sweep   time.Time
}

type throttleEntry struct {
	failures int
	start    time.Time
}

func newThrottle() *throttle { return &throttle{entries: map[string]*throttleEntry{}} }

// retryAfter returns how long key must wait, 0 when it may try now.
func (t *throttle) retryAfter(key string, limit int, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.entries[key]
	if e == nil || now.Sub(e.start) >= throttleWindow || e.failures < limit {
		return 0
	}
	return e.start.Add(throttleWindow).Sub(now)
}

// fail counts a failure against each key.
func (t *throttle) fail(now time.Time, keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		e := t.entries[k]
		if e == nil || now.Sub(e.start) >= throttleWindow {
			e = &throttleEntry{start: now}
			t.entries[k] = e
		}
		e.failures++
	}
	if now.Sub(t.sweep) > throttleWindow {
		t.sweep = now
		for k, e := range t.entries {
			if now.Sub(e.start) >= throttleWindow {
				delete(t.entries, k)
			}
		}
	}
}

// clear forgets key's failures (after a successful login).
func (t *throttle) clear(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, key)
}
