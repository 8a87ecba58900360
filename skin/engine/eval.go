package engine

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// env is the context stack of a render, as Mustache keeps it: frames[0]
// is the root, then one frame per section entered. holes, when valid, are
// the hole keys, read in place of the root's (at holesPath).
type env struct {
	frames    []reflect.Value
	holes     reflect.Value
	holesPath []int
}

// Render writes the whole template over data (a root, or a pointer to
// one), as cbroglie renders it over Map(data).
func (p *Program) Render(b *bytes.Buffer, data any) {
	renderNodes(b, p.nodes, &env{frames: []reflect.Value{p.rootValue(data)}, holesPath: p.holesPath})
}

// value returns what r names in e; false for a missing name.
func (e *env) value(r ref) (reflect.Value, bool) {
	switch {
	case r.missing:
		return reflect.Value{}, false
	case r.dot:
		return e.frames[len(e.frames)-1], true
	case r.hole && e.holes.IsValid():
		return e.holes.FieldByIndex(r.path), true
	case r.hole:
		return e.frames[0].FieldByIndex(e.holesPath).FieldByIndex(r.path), true
	case r.mapKey != "":
		v := e.frames[len(e.frames)-1-r.up].FieldByIndex(r.path).MapIndex(reflect.ValueOf(r.mapKey))
		return v, v.IsValid()
	}
	return e.frames[len(e.frames)-1-r.up].FieldByIndex(r.path), true
}

// renderNodes writes nodes in e.
func renderNodes(b *bytes.Buffer, nodes []*node, e *env) {
	for _, n := range nodes {
		renderNode(b, n, e)
	}
}

func renderNode(b *bytes.Buffer, n *node, e *env) {
	switch n.kind {
	case textNode:
		b.WriteString(n.text)
	case varNode, rawNode:
		if v, ok := e.value(n.ref); ok {
			writeValue(b, v, n.kind == varNode)
		}
	case sectionNode, invertedNode:
		v, _ := e.value(n.ref)
		if isEmpty(v) != (n.kind == invertedNode) {
			return
		}
		outer := e.frames
		e.frames = outer[:len(outer):len(outer)] // never write into a shared stack
		eachContext(n, v, outer[len(outer)-1], func(ctx reflect.Value) {
			e.frames = append(e.frames[:len(outer)], ctx)
			renderNodes(b, n.kids, e)
		})
		e.frames = outer
	}
}

// eachContext calls fn with each context a section pushes: every item of
// a list, or the value itself, or (inverted) the current context again.
func eachContext(n *node, v, current reflect.Value, fn func(reflect.Value)) {
	if n.kind == invertedNode {
		fn(current)
		return
	}
	if v.Kind() == reflect.Slice {
		for i := range v.Len() {
			fn(v.Index(i))
		}
		return
	}
	fn(v)
}

// isEmpty is cbroglie's truth test: a missing value, an empty list, a
// string of only spaces, false and 0 are empty; an object never is.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Slice:
		return v.Len() == 0
	case reflect.String:
		return strings.TrimSpace(v.String()) == ""
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int64:
		return v.Int() == 0
	}
	return false
}

// writeValue writes a scalar as fmt.Sprint would, escaped as
// template.HTMLEscapeString would when escape is set.
func writeValue(b *bytes.Buffer, v reflect.Value, escape bool) {
	switch v.Kind() {
	case reflect.String:
		if escape {
			EscapeHTML(b, v.String())
		} else {
			b.WriteString(v.String())
		}
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int64:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), v.Int(), 10))
	default: // not in the contract: compile refuses it
		s := fmt.Sprint(v.Interface())
		if escape {
			EscapeHTML(b, s)
		} else {
			b.WriteString(s)
		}
	}
}
