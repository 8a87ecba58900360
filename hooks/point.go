package hooks

import (
	"cmp"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sync"
)

// Point is one extension point: an ordered set of values of type T, usually
// functions, each registered under a unique ID with a priority. The zero
// value is ready to use. A Point is safe for concurrent use.
type Point[T any] struct {
	mu      sync.Mutex
	entries []Entry[T]
	frozen  bool
	sorted  []Entry[T] // set by Freeze: the entries in order, read without locking
	fns     []T
}

// Entry is one registration of a Point.
type Entry[T any] struct {
	ID       string
	Priority int
	Fn       T
}

var idRE = regexp.MustCompile(`^[a-z0-9_-]+(\.[a-z0-9_-]+)*$`)

// Register adds fn under id with the given priority (lower runs first).
// IDs are lowercase and dotted ("cite.parse.footnotes"). It panics when id
// is empty, malformed or already registered, when fn is nil, and when the
// point has been frozen.
func (p *Point[T]) Register(id string, priority int, fn T) {
	if id == "" {
		panic("hooks: Register with an empty id")
	}
	if !idRE.MatchString(id) {
		panic(fmt.Sprintf("hooks: id %q must be lowercase and dotted, like cite.parse.footnotes", id))
	}
	if isNil(fn) {
		panic(fmt.Sprintf("hooks: Register %q with a nil function", id))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.frozen {
		panic(fmt.Sprintf("hooks: Register %q after Freeze", id))
	}
	for _, e := range p.entries {
		if e.ID == id {
			panic(fmt.Sprintf("hooks: duplicate id %q", id))
		}
	}
	p.entries = append(p.entries, Entry[T]{ID: id, Priority: priority, Fn: fn})
}

// Freeze ends registration: Register panics afterwards. Freezing twice is
// allowed.
func (p *Point[T]) Freeze() {
	es := p.Entries()
	fns := make([]T, len(es))
	for i, e := range es {
		fns[i] = e.Fn
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.frozen {
		p.frozen, p.sorted, p.fns = true, es, fns
	}
}

// Frozen reports whether Freeze has been called.
func (p *Point[T]) Frozen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.frozen
}

// All returns the registered values sorted by (priority, ID). After Freeze
// it returns the same slice every time, without allocating: do not modify
// it. Hook points run on hot paths (a skin's data filters on every view).
func (p *Point[T]) All() []T {
	p.mu.Lock()
	if p.frozen {
		fns := p.fns
		p.mu.Unlock()
		return fns
	}
	p.mu.Unlock()
	es := p.Entries()
	out := make([]T, len(es))
	for i, e := range es {
		out[i] = e.Fn
	}
	return out
}

// Entries returns the registrations sorted by (priority, ID); after Freeze,
// the same slice every time (do not modify it).
func (p *Point[T]) Entries() []Entry[T] {
	p.mu.Lock()
	if p.frozen {
		es := p.sorted
		p.mu.Unlock()
		return es
	}
	es := slices.Clone(p.entries)
	p.mu.Unlock()
	slices.SortFunc(es, func(a, b Entry[T]) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), cmp.Compare(a.ID, b.ID))
	})
	return es
}

// isNil reports whether v is a nil func, pointer, map, slice, channel or
// interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Func, reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Interface:
		return rv.IsNil()
	}
	return false
}
