package engine

import (
	"bytes"
	"slices"
)

// Segments: a specialization cut where the reader changes the bytes, so
// that its finished text can be compressed once and only what a reader
// fills compressed per reader (package compression splices the parts into
// one stream).

// Segment is a run of a specialization's ops: finished text (Static), or
// ops that read the hole keys. It keeps no text of its own: FillSegment
// writes it.
type Segment struct {
	ops    []op
	static bool
}

// Static reports whether the segment is finished text, the same for every
// reader.
func (sg *Segment) Static() bool { return sg.static }

// Segments cuts sp into static and dynamic segments, alternating, in
// order: each run of finished text, and each run of ops that read the
// hole keys. The first and the last segment may be either.
func (sp *Specialized) Segments() []Segment {
	var segs []Segment
	var text, dyn []op
	flushText := func() {
		if text != nil {
			segs = append(segs, Segment{ops: text, static: true})
			text = nil
		}
	}
	flushDyn := func() {
		if dyn != nil {
			segs = append(segs, Segment{ops: dyn})
			dyn = nil
		}
	}
	ops := sp.ops
	for i := 0; i < len(ops); i++ {
		if ops[i].kind != opText {
			flushText()
			dyn = append(dyn, ops[i])
			continue
		}
		j := i
		for j < len(ops) && ops[j].kind == opText {
			j++
		}
		flushDyn()
		text = append(text, ops[i:j]...)
		i = j - 1
	}
	flushText()
	flushDyn()
	return segs
}

// FillSegment writes a dynamic segment of sp filled from keys, as Fill
// writes the whole (f as there); a static segment's text as it is (keys
// unread).
func (sp *Specialized) FillSegment(b *bytes.Buffer, sg *Segment, keys any, f *Fragments) {
	if sg.static {
		run(b, sg.ops, holes{})
		return
	}
	run(b, sg.ops, sp.holesOf(keys, f))
}

// ReadsOnly reports whether the dynamic segment sg of sp reads no hole
// key but those named (keys of the hole keys' struct): filled with two
// sets of keys that agree on those, it writes the same bytes. A section
// evaluated on each fill (over a list, or reading its own contexts)
// counts as reading every key.
func (sp *Specialized) ReadsOnly(sg *Segment, keys ...string) bool {
	fields := fieldsOf(sp.holes).byKey
	var allowed [][]int
	for _, k := range keys {
		if kf, ok := fields[k]; ok {
			allowed = append(allowed, kf.path)
		}
	}
	return readsOnly(sg.ops, allowed)
}

func readsOnly(ops []op, allowed [][]int) bool {
	for i := range ops {
		o := &ops[i]
		switch o.kind {
		case opText:
		case opVar, opIf:
			if !slices.ContainsFunc(allowed, func(p []int) bool { return slices.Equal(p, o.ref.path) }) {
				return false
			}
			if o.kind == opIf && !readsOnly(o.body, allowed) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
