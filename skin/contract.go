package skin

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"sync"
)

// shape is the form of a key of the data contract, derived from the Go
// types by reflection: what a template may do with it.
type shape struct {
	kind   shapeKind
	goType string            // scalars: "string", "bool", "int"
	fields map[string]*shape // objects: keys
	elem   *shape            // lists: the shape of an item
}

type shapeKind int

const (
	scalarShape shapeKind = iota
	objectShape
	listShape
)

// String names the kind for messages: "a list".
func (k shapeKind) String() string {
	return [...]string{"a scalar", "an object", "a list"}[k]
}

// dataShape is the contract: the keys of Data. Made by the first check
// of a skin, not at package init (LoadLazy may never check one).
var dataShape = sync.OnceValue(func() *shape { return shapeOf(reflect.TypeFor[Data]()) })

// withMessages returns the shape of the top level s with the msg-* keys
// of msgs added, text.
func withMessages(s *shape, msgs map[string]string) *shape {
	out := &shape{kind: s.kind, fields: maps.Clone(s.fields)}
	for k := range msgs {
		out.fields[k] = &shape{kind: scalarShape, goType: "string"}
	}
	return out
}

// shapeOf describes t, which must be made of structs (with json tags),
// slices, strings, bools and ints: the contract test fails otherwise.
func shapeOf(t reflect.Type) *shape {
	switch t.Kind() {
	case reflect.Struct:
		s := &shape{kind: objectShape, fields: map[string]*shape{}}
		addFields(s, t)
		return s
	case reflect.Slice:
		return &shape{kind: listShape, elem: shapeOf(t.Elem())}
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
		return &shape{kind: scalarShape, goType: t.Kind().String()}
	}
	panic(fmt.Sprintf("skin: type %s cannot be template data", t))
}

// addFields adds the keys of struct t to s, flattening embedded structs as
// encoding/json does.
func addFields(s *shape, t reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("json") == "" {
			addFields(s, f.Type)
			continue
		}
		if !f.IsExported() || jsonKey(f) == "-" {
			continue
		}
		s.fields[jsonKey(f)] = shapeOf(f.Type)
	}
}

// jsonKey returns the key of struct field f: its json tag's name.
func jsonKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

// scope is the chain of contexts at a point of a template, outermost first,
// as Mustache looks names up: innermost first, then outwards.
type scope []*shape

// resolve finds the shape of name ("key" or "key.sub") in sc, or nil.
func (sc scope) resolve(name string) *shape {
	first, rest, dotted := strings.Cut(name, ".")
	var s *shape
	for i := len(sc) - 1; i >= 0 && s == nil; i-- {
		if sc[i].kind == objectShape {
			s = sc[i].fields[first]
		}
	}
	for dotted && s != nil {
		first, rest, dotted = strings.Cut(rest, ".")
		if s.kind != objectShape {
			return nil
		}
		s = s.fields[first]
	}
	return s
}

// enter returns the scope inside a section over s: a list's item, an
// object, or a scalar, which adds no names.
func (sc scope) enter(s *shape) scope {
	inner := s
	if s.kind == listShape {
		inner = s.elem
	}
	return append(sc[:len(sc):len(sc)], inner)
}
