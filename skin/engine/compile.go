package engine

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Program is a Template compiled against the Go type of the data it
// renders: every tag's name resolved, once, to the context it reads and
// the field path within it. It renders exactly what cbroglie renders for
// the same template over Map(data) — the differential tests hold it to
// that, byte for byte — but reads the data through field indexes instead
// of building maps, and can be specialized: evaluated against everything
// but the holes, the keys of one field of the root.
type Program struct {
	root      reflect.Type // a struct
	holes     reflect.Type // the struct of the hole keys
	holesPath []int        // its field in root
	nodes     []*node
}

// ref is a resolved name: the field at path in the context up levels out
// from the innermost (0), or the innermost context itself (dot). A name
// no context has resolves to nothing (missing), as cbroglie renders it:
// nothing, and a false section.
type ref struct {
	up      int
	path    []int
	typ     reflect.Type // the value's type
	dot     bool
	missing bool
	hole    bool // a field of the root's hole keys (path is within them)
	// mapKey: the name is an entry of the inline map at path (present or
	// not: a missing entry renders nothing, and a false section).
	mapKey string
}

// Compile resolves every name of t against root, the struct type of the
// data t renders, looking it up as cbroglie looks it up in Map's maps:
// innermost context first, a context without the key passed over. Every
// key of Map's maps is always present, so where a name resolves depends
// on types only. holes names the field of root (a struct, embedded or
// not) whose keys Specialize leaves as holes: the reader's own keys.
//
// Compile refuses what it cannot render exactly as cbroglie does: dotted
// names, and a list or an object used as a variable.
func (t *Template) Compile(root reflect.Type, holes string) (*Program, error) {
	if root.Kind() != reflect.Struct {
		return nil, fmt.Errorf("engine: compile: root %v is not a struct", root)
	}
	f, ok := root.FieldByName(holes)
	if !ok || f.Type.Kind() != reflect.Struct {
		return nil, fmt.Errorf("engine: compile: %v has no struct field %q for the holes", root, holes)
	}
	p := &Program{root: root, holes: f.Type, holesPath: f.Index}
	nodes, err := p.resolveAll(t.nodes, []reflect.Type{root})
	if err != nil {
		return nil, fmt.Errorf("engine: template cannot be compiled: %w", err)
	}
	p.nodes = nodes
	return p, nil
}

// resolveAll returns a copy of nodes with their names resolved in frames
// (the types of the contexts, outermost first).
func (p *Program) resolveAll(nodes []*node, frames []reflect.Type) ([]*node, error) {
	out := make([]*node, len(nodes))
	for i, n := range nodes {
		c := *n
		out[i] = &c
		if n.kind == textNode {
			continue
		}
		r, err := p.resolve(frames, n.name)
		if err != nil {
			return nil, err
		}
		c.ref = r
		if n.kind == varNode || n.kind == rawNode {
			if !r.missing && !isScalar(r.typ) {
				return nil, fmt.Errorf("{{%s}} is not a scalar", n.name)
			}
			continue
		}
		inner := frames[len(frames)-1] // an inverted section repeats the context
		if n.kind == sectionNode {
			inner = r.typ
			if r.missing {
				inner = nil // never rendered
			} else if inner.Kind() == reflect.Slice {
				inner = inner.Elem()
			}
		}
		if inner == nil {
			continue
		}
		if c.kids, err = p.resolveAll(n.kids, append(frames[:len(frames):len(frames)], inner)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resolve finds name in frames (outermost first).
func (p *Program) resolve(frames []reflect.Type, name string) (ref, error) {
	if name == "." {
		return ref{dot: true, typ: frames[len(frames)-1]}, nil // checked as a variable
	}
	if strings.Contains(name, ".") {
		return ref{}, fmt.Errorf("dotted name %q", name)
	}
	for up := 0; up < len(frames); up++ {
		t := frames[len(frames)-1-up]
		if t.Kind() != reflect.Struct {
			continue
		}
		path, ft, ok := fieldPath(t, name)
		if !ok {
			if mp, ok := inlinePath(t, name); ok && up == len(frames)-1 {
				return ref{up: up, path: mp, typ: reflect.TypeFor[string](), mapKey: name}, nil
			}
			continue
		}
		r := ref{up: up, path: path, typ: ft}
		if t == p.root && hasPrefix(path, p.holesPath) { // the root, or a repeat of it (inverted sections)
			r.hole, r.path = true, path[len(p.holesPath):]
		}
		return r, nil
	}
	return ref{missing: true}, nil
}

func hasPrefix(path, prefix []int) bool {
	return len(path) > len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// fieldPath finds the field of struct t whose key is key, through
// embedded structs as Map flattens them. The path is shared: do not
// modify it.
func fieldPath(t reflect.Type, key string) ([]int, reflect.Type, bool) {
	kf, ok := fieldsOf(t).byKey[key]
	return kf.path, kf.typ, ok
}

// inlinePath finds the inline map of struct t (through embedded structs)
// whose prefix name has.
func inlinePath(t reflect.Type, name string) ([]int, bool) {
	for _, f := range fieldsOf(t).fields {
		switch {
		case f.inline != "" && strings.HasPrefix(name, f.inline):
			return []int{f.index}, true
		case f.embedded:
			if p, ok := inlinePath(t.Field(f.index).Type, name); ok {
				return append([]int{f.index}, p...), true
			}
		}
	}
	return nil, false
}

// isScalar reports whether t renders as text: a string, a bool or an int.
func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
		return true
	}
	return false
}

// rootValue returns data, a root or a pointer to one, as a root value.
func (p *Program) rootValue(data any) reflect.Value {
	v := reflect.ValueOf(data)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Type() != p.root {
		panic(fmt.Sprintf("engine: data of type %T, compiled for %v", data, p.root))
	}
	return v
}

// holesValue returns keys, the hole keys or a pointer to them, as a value.
func (p *Program) holesValue(keys any) reflect.Value {
	v := reflect.ValueOf(keys)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Type() != p.holes {
		panic(fmt.Sprintf("engine: hole keys of type %T, compiled for %v", keys, p.holes))
	}
	return v
}
