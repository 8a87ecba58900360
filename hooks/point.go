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
	p.mu.Lock()
	defer p.mu.Unlock()
	p.frozen = true
}

// Frozen reports whether Freeze has been called.
func (p *Point[T]) Frozen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.frozen
}

// All returns the registered values sorted by (priority, ID), in a new slice.
func (p *Point[T]) All() []T {
	es := p.Entries()
	out := make([]T, len(es))
	for i, e := range es {
		out[i] = e.Fn
	}
	return out
}

// Entries returns the registrations sorted by (priority, ID), in a new
// slice, for listings such as "folio hooks list".
func (p *Point[T]) Entries() []Entry[T] {
	p.mu.Lock()
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
