package compression

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// Piece is a part of a spliced stream, compressed apart from the others
// in a spliceable encoding: for gzip, raw deflate blocks ended by a sync
// flush (on a byte boundary, none of them final); for zstd, one whole
// frame. Size and CRC are those of the text it decodes to, which the
// gzip trailer combines; shift is x^(8·Size) mod the CRC polynomial, the
// operator that combination needs.
type Piece struct {
	Data  []byte
	Size  int
	CRC   uint32
	shift uint32
}

// NewPiece compresses src as a piece of a stream in e (Gzip or Zstd) at
// level l. For gzip, dict is the text just before src in the stream (of
// which the last 32 KiB count): the piece may refer back into it, so it
// must be exactly what precedes the piece wherever the piece is used;
// nil for none. Zstd frames cannot refer to one another: dict is ignored.
func NewPiece(e Encoding, src, dict []byte, l Level) Piece {
	p := Piece{Size: len(src), CRC: crc32.ChecksumIEEE(src), shift: x8nmodp(uint64(len(src)))}
	if len(src) == 0 {
		return p
	}
	switch e {
	case Zstd:
		p.Data = zstdEncoder(l).EncodeAll(src, make([]byte, 0, len(src)/3+16))
	case Gzip:
		if len(dict) > 32<<10 {
			dict = dict[len(dict)-32<<10:]
		}
		var b bytes.Buffer
		b.Grow(len(src)/3 + 16)
		w := deflateWriter(&b, l, dict)
		mustWrite(w, src)
		if err := w.Flush(); err != nil {
			panic("compression: flush to memory: " + err.Error())
		}
		flatePools[l].Put(w)
		p.Data = bytes.Clone(b.Bytes())
	default:
		panic("compression: " + e.String() + " does not splice")
	}
	return p
}

// Splicer writes one stream of pieces: Start, Add each piece in order,
// End. The zero Splicer is ready for Start.
type Splicer struct {
	e    Encoding
	crc  uint32
	size uint32
}

// gzipHeader is a gzip member's header: deflate, no name, no time, no
// extra flags, operating system unknown (as Go's gzip writes it).
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// Start begins a stream in e (Gzip or Zstd) in b.
func (s *Splicer) Start(b *bytes.Buffer, e Encoding) {
	*s = Splicer{e: e}
	if e == Gzip {
		b.Write(gzipHeader)
	}
}

// Add appends p.
func (s *Splicer) Add(b *bytes.Buffer, p *Piece) {
	if p.Size == 0 {
		return
	}
	b.Write(p.Data)
	if s.e == Gzip {
		s.crc = multmodp(p.shift, s.crc) ^ p.CRC
		s.size += uint32(p.Size)
	}
}

// End finishes the stream: for gzip, an empty final block and the
// trailer (the CRC-32 and length of all the pieces' text).
func (s *Splicer) End(b *bytes.Buffer) {
	if s.e != Gzip {
		return
	}
	var t [10]byte
	t[0], t[1] = 0x03, 0x00 // a final block of fixed codes holding only its end
	binary.LittleEndian.PutUint32(t[2:], s.crc)
	binary.LittleEndian.PutUint32(t[6:], s.size)
	b.Write(t[:])
}

// CRC-32 combination (zlib's crc32_combine): the CRC of A‖B from A's,
// B's and B's length, by multiplying in GF(2) modulo the polynomial.

const crcPoly = 0xedb88320 // IEEE, bits reversed

// multmodp returns a·b modulo the polynomial (reflected bit order).
func multmodp(a, b uint32) uint32 {
	m := uint32(1) << 31
	var p uint32
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ crcPoly
		} else {
			b >>= 1
		}
	}
	return p
}

// x2n[k] is x^(2^k) modulo the polynomial.
var x2n = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	for k := range t {
		t[k] = p
		p = multmodp(p, p)
	}
	return t
}()

// x8nmodp returns x^(8n) modulo the polynomial: the shift of a CRC past
// n bytes.
func x8nmodp(n uint64) uint32 {
	xp := uint32(1) << 31 // x^0
	for k := 3; n != 0; k++ {
		if n&1 != 0 {
			xp = multmodp(x2n[k&31], xp)
		}
		n >>= 1
	}
	return xp
}
