package skin

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Specialization: a page view's template is evaluated once per (PageInfo,
// skin, reader class) against everything but the reader's own keys
// (UserKeys), leaving a short list of ops: long runs of finished text, and
// holes where a UserKeys value goes. A request then only fills the holes:
// no maps, no lookups by name, no reflection over the whole Data.

// opKind is the kind of a specialized op.
type opKind uint8

const (
	opText opKind = iota // write text
	opVar                // write a UserKeys scalar
	opIf                 // a section over a UserKeys scalar: its body, specialized, when it holds
	opEval               // a section over a UserKeys list: evaluated on each render
)

// op is one step of a specialized template.
type op struct {
	kind     opKind
	text     string // opText
	ref      ref    // opVar, opIf: the UserKeys field
	escape   bool   // opVar
	inverted bool   // opIf
	body     []op   // opIf
	node     *node  // opEval
	pure     bool   // opEval: the section reads nothing but the reader's keys, so renders the same on every page
	// opEval: the contexts the section sits in (the root Data first), with
	// no spare capacity, so that a render's pushes never share them.
	frames []reflect.Value
}

// bigText is the length from which a finished value is kept as its own
// op rather than copied into its neighbours: the page body stays the
// PageInfo's own string.
const bigText = 1024

// specializer builds ops.
type specializer struct {
	ops  []op
	text strings.Builder
}

// specialize evaluates nodes over the root data d, leaving the UserKeys
// tags as holes.
func specialize(nodes []*node, d *Data) []op {
	var s specializer
	s.walk(nodes, []reflect.Value{reflect.ValueOf(d).Elem()})
	return s.finish()
}

func (s *specializer) finish() []op {
	s.flush()
	return slices.Clip(s.ops)
}

func (s *specializer) flush() {
	if s.text.Len() > 0 {
		s.ops = append(s.ops, op{kind: opText, text: strings.Clone(s.text.String())}) // kept: no spare capacity
		s.text.Reset()
	}
}

func (s *specializer) emit(o op) {
	s.flush()
	s.ops = append(s.ops, o)
}

func (s *specializer) walk(nodes []*node, frames []reflect.Value) {
	e := &env{frames: frames}
	for _, n := range nodes {
		switch {
		case n.kind == textNode:
			s.text.WriteString(n.text)
		case n.ref.user && (n.kind == varNode || n.kind == rawNode):
			s.emit(op{kind: opVar, ref: n.ref, escape: n.kind == varNode})
		case n.ref.user && (n.kind == sectionNode || n.kind == invertedNode) && readsOnlyReader(n):
			// The same on every page: rendered once per reader (holes.frags).
			s.emit(op{kind: opEval, node: n, frames: frames[:len(frames):len(frames)], pure: true})
		case n.ref.user && isScalar(n.ref.typ) && !usesDot(n.kids):
			body := &specializer{}
			inner := reflect.Zero(n.ref.typ) // a scalar context: no keys, never read
			if n.kind == invertedNode {
				inner = frames[len(frames)-1]
			}
			body.walk(n.kids, append(frames[:len(frames):len(frames)], inner))
			s.emit(op{kind: opIf, ref: n.ref, inverted: n.kind == invertedNode, body: body.finish()})
		case n.ref.user:
			s.emit(op{kind: opEval, node: n, frames: frames[:len(frames):len(frames)]})
		case n.kind == varNode || n.kind == rawNode:
			s.value(n, e)
		default:
			v, _ := e.value(n.ref)
			if isEmpty(v) != (n.kind == invertedNode) {
				continue
			}
			eachContext(n, v, frames[len(frames)-1], func(ctx reflect.Value) {
				s.walk(n.kids, append(frames[:len(frames):len(frames)], ctx))
			})
		}
	}
}

// value writes a finished variable: copied into the text, or its own op
// when it is long.
func (s *specializer) value(n *node, e *env) {
	v, ok := e.value(n.ref)
	if !ok {
		return
	}
	if n.kind == rawNode && v.Kind() == reflect.String && len(v.String()) >= bigText {
		s.emit(op{kind: opText, text: v.String()})
		return
	}
	var b bytes.Buffer
	writeValue(&b, v, n.kind == varNode)
	s.text.Write(b.Bytes())
}

// usesDot reports whether nodes read the current context itself ({{.}})
// outside a section of their own.
func usesDot(nodes []*node) bool {
	for _, n := range nodes {
		if n.kind != textNode && n.ref.dot {
			return true
		}
		if n.kind == invertedNode && usesDot(n.kids) {
			return true
		}
	}
	return false
}

// readsOnlyReader reports whether section n over a reader's key, and what
// is inside it, read nothing but the reader's keys and the contexts the
// section and its own sections push: then it renders the same on every
// page.
func readsOnlyReader(n *node) bool {
	return ownReads(n.kids, []bool{n.kind == sectionNode}) // an inverted section repeats the page's context
}

// ownReads checks nodes inside contexts whose ownership own lists,
// outermost first: a context is its own if a section inside n pushed it.
func ownReads(nodes []*node, own []bool) bool {
	for _, n := range nodes {
		if n.kind == textNode {
			continue
		}
		if r := n.ref; !r.missing && !r.user && (r.up >= len(own) || !own[len(own)-1-r.up]) {
			return false // r.up is 0 for {{.}}: the innermost context
		}
		switch n.kind {
		case sectionNode:
			if !ownReads(n.kids, append(own[:len(own):len(own)], true)) {
				return false
			}
		case invertedNode:
			if !ownReads(n.kids, append(own[:len(own):len(own)], own[len(own)-1])) {
				return false
			}
		}
	}
	return true
}

// holes is what fills a specialization's holes: the reader's keys, and
// the reader's renderings of pure opEval sections (by node), if kept.
type holes struct {
	user  reflect.Value // a UserKeys
	frags *sync.Map     // *node → string; nil to keep none
}

// run writes the ops, filling the holes.
func run(b *bytes.Buffer, ops []op, h holes) {
	for i := range ops {
		o := &ops[i]
		switch o.kind {
		case opText:
			b.WriteString(o.text)
		case opVar:
			writeValue(b, h.user.FieldByIndex(o.ref.path), o.escape)
		case opIf:
			if isEmpty(h.user.FieldByIndex(o.ref.path)) == o.inverted {
				run(b, o.body, h)
			}
		case opEval:
			if !o.pure || h.frags == nil {
				renderNode(b, o.node, &env{frames: o.frames, user: h.user})
				continue
			}
			if f, ok := h.frags.Load(o.node); ok {
				b.WriteString(f.(string))
				continue
			}
			var f bytes.Buffer
			renderNode(&f, o.node, &env{frames: o.frames, user: h.user})
			h.frags.Store(o.node, f.String())
			b.Write(f.Bytes())
		}
	}
}

// size is the length of the ops' fixed text, for sizing buffers.
func size(ops []op) int {
	n := 0
	for i := range ops {
		n += len(ops[i].text)
	}
	return n
}
