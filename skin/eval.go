package skin

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// env is the context stack of a render, as Mustache keeps it: frames[0]
// is the root (a Data), then one frame per section entered. user, when
// valid, is the reader's UserKeys, read in place of the root's.
type env struct {
	frames []reflect.Value
	user   reflect.Value
}

// value returns what r names in e; false for a missing name.
func (e *env) value(r ref) (reflect.Value, bool) {
	switch {
	case r.missing:
		return reflect.Value{}, false
	case r.dot:
		return e.frames[len(e.frames)-1], true
	case r.user && e.user.IsValid():
		return e.user.FieldByIndex(r.path), true
	case r.user:
		return e.frames[0].FieldByIndex(userKeysPath).FieldByIndex(r.path), true
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
			escapeTo(b, v.String())
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
			escapeTo(b, s)
		} else {
			b.WriteString(s)
		}
	}
}

// escapeTo writes s escaped as template.HTMLEscapeString escapes it
// (cbroglie's default), without allocating.
func escapeTo(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case 0:
			rep = "\uFFFD"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}
