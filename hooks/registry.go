package hooks

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
)

// Doc describes a hook point for extension authors and for "folio hooks
// list": when it runs, what it receives, and what it may touch.
type Doc struct {
	Name     string // dotted, e.g. "pageinfo.info"
	When     string
	Receives string
	Touches  string
}

// Lister is what every Point is: its ordered registrations, as IDs.
type Lister interface {
	IDs() []string
	Freeze()
}

// IDs returns the registered IDs in (priority, ID) order.
func (p *Point[T]) IDs() []string {
	es := p.Entries()
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

var points = struct {
	sync.Mutex
	docs []Doc
	ps   map[string]Lister
}{ps: map[string]Lister{}}

// Describe documents a hook point; each package that declares a point
// describes it from init(). Describing a name twice panics.
func Describe(d Doc, p Lister) {
	points.Lock()
	defer points.Unlock()
	if _, dup := points.ps[d.Name]; dup {
		panic(fmt.Sprintf("hooks: point %q described twice", d.Name))
	}
	points.docs = append(points.docs, d)
	points.ps[d.Name] = p
}

// Described is one documented point and its registrations in order.
type Described struct {
	Doc
	IDs   []string
	Point Lister // the point itself, a *Point[T]
}

// Points returns every documented point, by name, with its resolved order.
func Points() []Described {
	points.Lock()
	defer points.Unlock()
	out := make([]Described, len(points.docs))
	for i, d := range points.docs {
		p := points.ps[d.Name]
		out[i] = Described{Doc: d, IDs: p.IDs(), Point: p}
	}
	slices.SortFunc(out, func(a, b Described) int { return compare(a.Name, b.Name) })
	return out
}

// FreezeAll closes registration on every documented point, and is the only
// thing in Folio that does: cmd/folio calls it at start, once every init()
// has run, before any command reads a point. Registering afterwards panics.
// A point that is not described (Describe) is not reached.
func FreezeAll() {
	points.Lock()
	defer points.Unlock()
	for _, p := range points.ps {
		p.Freeze()
	}
}

// Extension is a compiled-in extension: it registers its hooks from init()
// and announces itself here so "folio extensions" can list it.
type Extension struct {
	ID  string // dotted, lowercase: "readingtime"
	Doc string // one line
	// Provision, when set, runs once at start with the extension's logger
	// and environment (optional lifecycle, as Caddy's Provisioner).
	Provision func(ctx context.Context, env Env) error
	// Close, when set, runs at shutdown.
	Close func() error
}

// Env is what Provision receives.
type Env struct {
	Log    *slog.Logger                // tagged with the extension's ID
	Getenv func(string) (string, bool) // the process environment
}

var extensions = struct {
	sync.Mutex
	list []Extension
}{}

// RegisterExtension announces an extension. It panics on an empty or
// duplicate ID.
func RegisterExtension(e Extension) {
	extensions.Lock()
	defer extensions.Unlock()
	if e.ID == "" {
		panic("hooks: RegisterExtension with an empty id")
	}
	for _, x := range extensions.list {
		if x.ID == e.ID {
			panic(fmt.Sprintf("hooks: extension %q registered twice", e.ID))
		}
	}
	extensions.list = append(extensions.list, e)
}

// Extensions returns the compiled-in extensions, by ID.
func Extensions() []Extension {
	extensions.Lock()
	defer extensions.Unlock()
	out := slices.Clone(extensions.list)
	slices.SortFunc(out, func(a, b Extension) int { return compare(a.ID, b.ID) })
	return out
}

// Provision runs every extension's Provision, in ID order.
func Provision(ctx context.Context, log *slog.Logger, getenv func(string) (string, bool)) error {
	for _, e := range Extensions() {
		if e.Provision == nil {
			continue
		}
		if err := e.Provision(ctx, Env{Log: log.With("extension", e.ID), Getenv: getenv}); err != nil {
			return fmt.Errorf("extension %s: %w", e.ID, err)
		}
	}
	return nil
}

// CloseExtensions runs every extension's Close and returns the first error.
func CloseExtensions() error {
	var first error
	for _, e := range Extensions() {
		if e.Close != nil {
			if err := e.Close(); err != nil && first == nil {
				first = fmt.Errorf("extension %s: %w", e.ID, err)
			}
		}
	}
	return first
}
