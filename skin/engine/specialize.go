package engine

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Specialization: a template is evaluated once against everything but the
// hole keys (a page view's, once per revision: all but the reader's own
// keys), leaving a short list of ops: long runs of finished text, and
// holes where a hole key's value goes. A render then only fills the holes:
// no maps, no lookups by name, no reflection over the whole data.

// opKind is the kind of a specialized op.
type opKind uint8

const (
	opText opKind = iota // write text
	opVar                // write a hole's scalar
	opIf                 // a section over a hole's scalar: its body, specialized, when it holds
	opEval               // a section over a hole's list: evaluated on each fill
)

// op is one step of a specialized template.
type op struct {
	kind     opKind
	text     string // opText
	ref      ref    // opVar, opIf: the hole's field
	escape   bool   // opVar
	inverted bool   // opIf
	body     []op   // opIf
	node     *node  // opEval
	pure     bool   // opEval: the section reads nothing but the hole keys, so renders the same over any data
	// opEval: the contexts the section sits in (the root first), with no
	// spare capacity, so that a fill's pushes never share them.
	frames []reflect.Value
}

// bigText is the length from which a finished raw value is kept as its
// own op rather than copied into its neighbours: a page's body stays the
// data's own string.
const bigText = 1024

// Specialized is a Program evaluated over one root value as far as it
// goes without the hole keys: finished text, and holes. It keeps pointers
// into that value, which must not change afterwards.
type Specialized struct {
	ops   []op
	size  int // bytes of text in ops
	holes reflect.Type
}

// Specialize evaluates p over data (a pointer to a root) but for the hole
// keys, which it never reads: they are left as holes for Fill.
func (p *Program) Specialize(data any) *Specialized {
	var s specializer
	s.walk(p.nodes, []reflect.Value{p.rootValue(data)})
	ops := s.finish()
	return &Specialized{ops: ops, size: size(ops), holes: p.holes}
}

// Size returns the length of the finished text, for sizing buffers.
func (sp *Specialized) Size() int { return sp.size }

// Fragments keeps the renderings of sections that read nothing but the
// hole keys (a reader's personal menu …), which are the same over every
// root value: keep one per set of hole keys (per reader), and give it to
// every Fill with those keys. Safe for concurrent use.
type Fragments struct{ m sync.Map } // *node → string

// Fill writes sp with its holes filled from keys (the hole keys' struct,
// or a pointer to it): the bytes Program.Render writes over the data sp
// was made from with keys in place of its hole keys. f, if not nil, keeps
// and reuses the renderings of the sections that read only the keys.
func (sp *Specialized) Fill(b *bytes.Buffer, keys any, f *Fragments) {
	run(b, sp.ops, sp.holesOf(keys, f))
}

// holesOf checks keys against the hole keys' type sp was specialized for.
func (sp *Specialized) holesOf(keys any, f *Fragments) holes {
	v := reflect.ValueOf(keys)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Type() != sp.holes {
		panic(fmt.Sprintf("engine: hole keys of type %T, specialized for %v", keys, sp.holes))
	}
	h := holes{keys: v}
	if f != nil {
		h.frags = &f.m
	}
	return h
}

// specializer builds ops.
type specializer struct {
	ops  []op
	text strings.Builder
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
		case n.ref.hole && (n.kind == varNode || n.kind == rawNode):
			s.emit(op{kind: opVar, ref: n.ref, escape: n.kind == varNode})
		case n.ref.hole && (n.kind == sectionNode || n.kind == invertedNode) && readsOnlyHoles(n):
			// The same over every root: rendered once per set of keys (Fragments).
			s.emit(op{kind: opEval, node: n, frames: frames[:len(frames):len(frames)], pure: true})
		case n.ref.hole && isScalar(n.ref.typ) && !usesDot(n.kids):
			body := &specializer{}
			inner := reflect.Zero(n.ref.typ) // a scalar context: no keys, never read
			if n.kind == invertedNode {
				inner = frames[len(frames)-1]
			}
			body.walk(n.kids, append(frames[:len(frames):len(frames)], inner))
			s.emit(op{kind: opIf, ref: n.ref, inverted: n.kind == invertedNode, body: body.finish()})
		case n.ref.hole:
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

// readsOnlyHoles reports whether section n over a hole key, and what is
// inside it, read nothing but the hole keys and the contexts the section
// and its own sections push: then it renders the same over every root.
func readsOnlyHoles(n *node) bool {
	return ownReads(n.kids, []bool{n.kind == sectionNode}) // an inverted section repeats the enclosing context
}

// ownReads checks nodes inside contexts whose ownership own lists,
// outermost first: a context is its own if a section inside n pushed it.
func ownReads(nodes []*node, own []bool) bool {
	for _, n := range nodes {
		if n.kind == textNode {
			continue
		}
		if r := n.ref; !r.missing && !r.hole && (r.up >= len(own) || !own[len(own)-1-r.up]) {
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

// holes is what fills a specialization's holes: the hole keys, and their
// renderings of pure opEval sections (by node), if kept.
type holes struct {
	keys  reflect.Value
	frags *sync.Map // *node → string; nil to keep none
}

// run writes the ops, filling the holes.
func run(b *bytes.Buffer, ops []op, h holes) {
	for i := range ops {
		o := &ops[i]
		switch o.kind {
		case opText:
			b.WriteString(o.text)
		case opVar:
			writeValue(b, h.keys.FieldByIndex(o.ref.path), o.escape)
		case opIf:
			if isEmpty(h.keys.FieldByIndex(o.ref.path)) == o.inverted {
				run(b, o.body, h)
			}
		case opEval:
			if !o.pure || h.frags == nil {
				renderNode(b, o.node, &env{frames: o.frames, holes: h.keys})
				continue
			}
			if f, ok := h.frags.Load(o.node); ok {
				b.WriteString(f.(string))
				continue
			}
			var f bytes.Buffer
			renderNode(&f, o.node, &env{frames: o.frames, holes: h.keys})
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
