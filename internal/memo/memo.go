// Package memo keeps values derived from one immutable value, for as long
// as that value lives. A PageInfo or a UserInfo carries a Memo, so that
// what a reader computes from the blob (the skin's specialized views, the
// reader's template keys) is computed once per blob and dropped with it:
// no second cache to size, key or invalidate.
package memo

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// Memo maps keys to derived values. The zero value is ready; a nil *Memo
// keeps nothing (every Load misses, Store returns its argument). Keys must
// be comparable; a value stored under a key is never replaced.
type Memo struct {
	mu sync.RWMutex
	m  map[any]any
}

// Load returns the value stored under key.
func (m *Memo) Load(key any) (any, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.RLock()
	v, ok := m.m[key]
	m.mu.RUnlock()
	return v, ok
}

// Store keeps v under key unless a value is there already, and returns the
// value kept: v, or the one stored first by a concurrent caller.
func (m *Memo) Store(key, v any) any {
	if m == nil {
		return v
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.m[key]; ok {
		return old
	}
	if m.m == nil {
		m.m = map[any]any{}
	}
	m.m[key] = v
	return v
}

// Len returns the number of values kept.
func (m *Memo) Len() int {
	if m == nil {
		return 0
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.m)
}

// Slot holds a *Memo created on first use, for a struct that may be
// copied by value before it is shared (a copy taken then gets its own
// Memo; sharing a Slot's struct between goroutines and copying it at the
// same time is a race, as for any field). The zero Slot is empty.
type Slot struct {
	p unsafe.Pointer // *Memo; set once
}

// Get returns the slot's Memo, creating it on first use. It is safe for
// concurrent use.
func (s *Slot) Get() *Memo {
	if p := atomic.LoadPointer(&s.p); p != nil {
		return (*Memo)(p)
	}
	atomic.CompareAndSwapPointer(&s.p, nil, unsafe.Pointer(new(Memo)))
	return (*Memo)(atomic.LoadPointer(&s.p))
}
