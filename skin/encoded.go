package skin

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/skin/engine"
)

// A page view compressed: the specialization's finished text is
// compressed once per encoding (and kept with it), and a request
// compresses only the reader's parts — or rather finds them compressed
// already: they are kept by their text (pieces), the first time a reader
// views a page (encodedPage says which text goes with them). The pieces
// splice into one stream (package compression). An anonymous view is the
// same bytes for every anonymous reader: it is compressed whole, once,
// and kept — in every encoding, Brotli too, which does not splice and is
// therefore what a logged-in reader gets only when they accept nothing
// else (compressed whole per request, fast).

// Negotiate returns the encoding the view is sent in to a client with
// the Accept-Encoding header: any of compression.Preferred for an
// anonymous reader (the view is compressed whole and kept: Brotli first);
// one that splices for a logged-in one (gzip first, whose pieces refer
// back: see encodedPage), Brotli only when the client takes nothing
// else.
func (vw View) Negotiate(acceptEncoding string) compression.Encoding {
	if vw.reader.keys.IsAnon || vw.page.spec == nil {
		return compression.Negotiate(acceptEncoding, compression.Preferred...)
	}
	if e := compression.Negotiate(acceptEncoding, compression.Spliceable...); e != compression.Identity {
		return e
	}
	return compression.Negotiate(acceptEncoding, compression.Brotli)
}

// ETagIn returns the view's ETag in encoding e: one tag per encoding, as
// the bytes differ.
func (vw View) ETagIn(e compression.Encoding) string { return e.ETag(vw.ETag()) }

// RenderIn appends the view's bytes in encoding e to b (Render for
// Identity).
func (vw View) RenderIn(b *bytes.Buffer, e compression.Encoding) error {
	switch {
	case e == compression.Identity:
		return vw.Render(b)
	case vw.page.spec == nil || vw.reader.keys.IsAnon:
		whole, err := vw.page.whole(vw, e)
		b.Write(whole)
		return err
	case e == compression.Brotli:
		return vw.compressed(b, e)
	}
	vw.splice(b, e)
	return nil
}

// compressed appends the view compressed whole, per request.
func (vw View) compressed(b *bytes.Buffer, e compression.Encoding) error {
	raw := buffers.Get().(*bytes.Buffer)
	defer putBuffer(raw)
	raw.Reset()
	if err := vw.Render(raw); err != nil {
		return err
	}
	b.Write(compression.Compress(b.AvailableBuffer(), e, raw.Bytes(), compression.Fast))
	return nil
}

// splice appends the view in e (Gzip or Zstd): the page's pieces kept
// with its specialization, the reader's found by their text.
func (vw View) splice(b *bytes.Buffer, e compression.Encoding) {
	ep := vw.page.encoded(e)
	scratch := buffers.Get().(*bytes.Buffer)
	defer putBuffer(scratch)
	scratch.Reset()
	// The reader's parts first: their lengths choose the bridged pieces.
	var endsA [16]int
	ends := endsA[:0]
	for i := range ep.segs {
		if !ep.segs[i].Static() {
			vw.page.spec.FillSegment(scratch, &ep.segs[i], &vw.reader.keys, &vw.reader.frags)
			ends = append(ends, scratch.Len())
		}
	}
	var s compression.Splicer
	s.Start(b, e)
	if v := ep.variant(ends); v != nil {
		ep.spliceBridged(b, &s, v, scratch.Bytes(), ends)
	} else {
		ep.spliceAlone(b, &s, scratch.Bytes(), ends)
	}
	s.End(b)
}

// spliceBridged adds the pieces of v, the reader's parts (filled, ending
// at ends in parts) compressed with the short text around them.
func (ep *encodedPage) spliceBridged(b *bytes.Buffer, s *compression.Splicer, v *bridged, parts []byte, ends []int) {
	own := buffers.Get().(*bytes.Buffer)
	defer putBuffer(own)
	own.Reset()
	at, d, start := -1, 0, 0
	flush := func() {
		if own.Len() > 0 {
			s.Add(b, readerPiece(ep, v, at, own.Bytes()))
			own.Reset()
		}
		at = -1
	}
	for i := range ep.segs {
		var text []byte
		if ep.segs[i].Static() {
			if text = v.texts[i]; text == nil {
				flush()
				s.Add(b, &v.pieces[i])
				continue
			}
		} else {
			text = parts[start:ends[d]]
			start = ends[d]
			d++
		}
		if len(text) > 0 && at < 0 {
			at = i
		}
		own.Write(text)
	}
	flush()
}

// spliceAlone adds each static segment's piece on its own, and each of
// the reader's parts on its own (the same on every page).
func (ep *encodedPage) spliceAlone(b *bytes.Buffer, s *compression.Splicer, parts []byte, ends []int) {
	pieces := ep.alonePieces()
	d, start := 0, 0
	for i := range ep.segs {
		if ep.segs[i].Static() {
			s.Add(b, &pieces[i])
			continue
		}
		text := parts[start:ends[d]]
		start = ends[d]
		d++
		if len(text) > 0 {
			s.Add(b, readerPiece(ep, nil, i, text))
		}
	}
}

// maxBridged bounds the bridged variants kept per page and encoding.
const maxBridged = 4

// encodedPage is a specialization cut into segments, and its finished
// text compressed. The text between two of the reader's parts that are
// not empty is one piece (an empty part joins the text around it), so
// the pieces depend on which parts a reader leaves empty; in gzip a piece
// also refers back into the text before it — which holds the reader's
// parts, so the distances are right only for readers whose parts have
// the same lengths. Up to maxBridged such variants are kept (bridged);
// past them, readers get each static segment compressed on its own
// (alone).
type encodedPage struct {
	e       compression.Encoding
	spec    *engine.Specialized
	segs    []engine.Segment
	bridges bool // the text has no NUL (which masks the reader's parts)
	mu      sync.Mutex
	bridged atomic.Pointer[[]*bridged]
	alone   atomic.Pointer[[]compression.Piece] // made when the bridged variants are all taken
}

// bridged is a page's pieces for readers whose parts have the lengths
// lens (the end of each in order, as splice collects them): each static
// piece compressed after the text before it, the reader's parts masked
// (NUL bytes, which no finished text holds, so nothing matches them).
type bridged struct {
	ends   []int
	pieces []compression.Piece
	texts  [][]byte // a static segment's text compressed with the reader's parts; nil for one in pieces
}

// encoded returns sp's encodedPage in e, made on first use.
func (sp *specialized) encoded(e compression.Encoding) *encodedPage {
	if ep := sp.enc[e].Load(); ep != nil {
		return ep
	}
	ep := &encodedPage{e: e, spec: sp.spec, segs: sp.spec.Segments()}
	var b bytes.Buffer
	for i := range ep.segs {
		if ep.segs[i].Static() {
			ep.spec.FillSegment(&b, &ep.segs[i], nil, nil)
		}
	}
	ep.bridges = bytes.IndexByte(b.Bytes(), 0) < 0
	if !sp.enc[e].CompareAndSwap(nil, ep) {
		return sp.enc[e].Load()
	}
	return ep
}

// variant returns the bridged pieces for readers whose parts end at ends:
// kept, made (while fewer than maxBridged are kept), or nil.
func (ep *encodedPage) variant(ends []int) *bridged {
	if !ep.bridges {
		return nil
	}
	if vs := ep.bridged.Load(); vs != nil {
		for _, v := range *vs {
			if ep.fits(v, ends) {
				return v
			}
		}
		if len(*vs) >= maxBridged {
			return nil
		}
	}
	ep.mu.Lock()
	defer ep.mu.Unlock()
	var vs []*bridged
	if p := ep.bridged.Load(); p != nil {
		vs = *p
	}
	for _, v := range vs {
		if ep.fits(v, ends) {
			return v
		}
	}
	if len(vs) >= maxBridged {
		return nil
	}
	v := ep.bridge(ends)
	vs = append(slices.Clip(vs), v)
	ep.bridged.Store(&vs)
	return v
}

// fits reports whether v serves readers whose parts end at ends: in gzip,
// parts of the same lengths (the distances back depend on them); in zstd,
// the same parts empty (its pieces do not refer back).
func (ep *encodedPage) fits(v *bridged, ends []int) bool {
	if ep.e == compression.Gzip {
		return slices.Equal(v.ends, ends)
	}
	if len(v.ends) != len(ends) {
		return false
	}
	prevV, prev := 0, 0
	for i := range ends {
		if (v.ends[i] == prevV) != (ends[i] == prev) {
			return false
		}
		prevV, prev = v.ends[i], ends[i]
	}
	return true
}

// absorbBelow is the length of finished text, between or beside the
// reader's parts, below which a bridged variant compresses it with them
// (per reader, kept) rather than as a piece of its own: each piece costs
// a block's code tables, and text so short gains more from its
// neighbours than it costs to compress again.
const absorbBelow = 4096

// bridge makes the pieces for readers whose parts end at ends: the
// finished text between two non-empty parts of the reader is one piece
// (an empty part joins the text around it), in gzip compressed after the
// masked text before it; a short one goes with the reader's parts
// (texts).
func (ep *encodedPage) bridge(ends []int) *bridged {
	v := &bridged{ends: slices.Clone(ends), pieces: make([]compression.Piece, len(ep.segs)), texts: make([][]byte, len(ep.segs))}
	reader := slices.ContainsFunc(ends, func(e int) bool { return e > 0 }) // the reader has a part that is not empty
	first, d, prev := -1, 0, 0
	var run bytes.Buffer
	var starts []int // where each static segment of the run starts in it
	flush := func() {
		if first < 0 {
			return
		}
		if reader && run.Len() < absorbBelow {
			text := bytes.Clone(run.Bytes())
			j := 0
			for i := first; j < len(starts); i++ {
				if ep.segs[i].Static() {
					end := run.Len()
					if j+1 < len(starts) {
						end = starts[j+1]
					}
					v.texts[i] = text[starts[j]:end:end]
					j++
				}
			}
		} else {
			var dict []byte
			if ep.e == compression.Gzip {
				dict = ep.masked(first, v.ends)
			}
			v.pieces[first] = compression.NewPiece(ep.e, run.Bytes(), dict, compression.Kept)
		}
		first, starts = -1, starts[:0]
		run.Reset()
	}
	for i := range ep.segs {
		if ep.segs[i].Static() {
			if first < 0 {
				first = i
			}
			starts = append(starts, run.Len())
			ep.spec.FillSegment(&run, &ep.segs[i], nil, nil)
			continue
		}
		if ends[d] != prev {
			flush()
		}
		prev = ends[d]
		d++
	}
	flush()
	return v
}

// alonePieces returns each static segment compressed on its own, made on
// first use.
func (ep *encodedPage) alonePieces() []compression.Piece {
	if p := ep.alone.Load(); p != nil {
		return *p
	}
	pieces := make([]compression.Piece, len(ep.segs))
	var b bytes.Buffer
	for i := range ep.segs {
		if ep.segs[i].Static() {
			b.Reset()
			ep.spec.FillSegment(&b, &ep.segs[i], nil, nil)
			pieces[i] = compression.NewPiece(ep.e, b.Bytes(), nil, compression.Kept)
		}
	}
	ep.alone.CompareAndSwap(nil, &pieces)
	return *ep.alone.Load()
}

// masked returns the page's text before segment i for readers whose parts
// end at ends, the reader's parts masked: the last 32 KiB, all a deflate
// piece can refer back into.
func (ep *encodedPage) masked(i int, ends []int) []byte {
	var b bytes.Buffer
	d, start := 0, 0
	for j := range ep.segs[:i] {
		if ep.segs[j].Static() {
			ep.spec.FillSegment(&b, &ep.segs[j], nil, nil)
			continue
		}
		b.Write(make([]byte, ends[d]-start))
		start = ends[d]
		d++
	}
	m := b.Bytes()
	if len(m) > 32<<10 {
		m = m[len(m)-32<<10:]
	}
	return m
}

// whole returns the view of an anonymous reader (or of a skin without a
// program) compressed whole in e, kept per reader and encoding (a skin
// without a program renders per request: not kept).
func (sp *specialized) whole(vw View, e compression.Encoding) ([]byte, error) {
	key := wholeKey{tag: vw.reader.tag, e: e}
	if b, ok := sp.wholes.Load(key); ok {
		return b.([]byte), nil
	}
	raw := buffers.Get().(*bytes.Buffer)
	defer putBuffer(raw)
	raw.Reset()
	if err := vw.Render(raw); err != nil {
		return nil, err
	}
	c := compression.Compress(nil, e, raw.Bytes(), compression.Kept)
	if vw.page.spec == nil {
		return c, nil
	}
	b, _ := sp.wholes.LoadOrStore(key, c)
	return b.([]byte), nil
}

type wholeKey struct {
	tag string
	e   compression.Encoding
}

// The reader's pieces, by encoding, text and what they follow: a fixed
// table of slots (bounded memory, no lock), a slot taken by the last
// piece hashed to it. A piece on its own is the same on every page (the
// personal menu); a bridged one is kept for its page's variant and place.
const pieceSlots = 1 << 11

type pieceEntry struct {
	e     compression.Encoding
	after *bridged // nil: on its own
	seg   int
	text  string
	piece compression.Piece
}

var (
	pieces    [pieceSlots]atomic.Pointer[pieceEntry]
	pieceSeed = maphash.MakeSeed()
)

// readerPiece returns text, a reader's part of ep at segment i,
// compressed as a piece in ep's encoding — after v's masked text when v
// is not nil: kept, or made and kept.
func readerPiece(ep *encodedPage, v *bridged, i int, text []byte) *compression.Piece {
	h := maphash.Bytes(pieceSeed, text) + uint64(ep.e)
	seg := 0
	if v != nil {
		seg = i
		h ^= uint64(uintptr(unsafe.Pointer(v)))*0x9e3779b97f4a7c15 + uint64(i)
	}
	slot := &pieces[h%pieceSlots]
	if p := slot.Load(); p != nil && p.e == ep.e && p.after == v && p.seg == seg && p.text == string(text) {
		return &p.piece
	}
	var dict []byte
	if v != nil && ep.e == compression.Gzip {
		dict = ep.masked(i, v.ends)
	}
	p := &pieceEntry{e: ep.e, after: v, seg: seg, text: string(text), piece: compression.NewPiece(ep.e, text, dict, compression.Kept)}
	slot.Store(p)
	return &p.piece
}

// buffers are scratch buffers of views compressed.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns b to buffers unless it grew big.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		buffers.Put(b)
	}
}
