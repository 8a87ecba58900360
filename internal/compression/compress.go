package compression

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Level is how hard a compressor works: Fast for what is compressed per
// request, Kept for what is compressed once and kept (a revision's page
// text, a list kept in a cache), Best for what is compressed at build
// time (the skins' assets).
type Level uint8

const (
	Fast Level = iota
	Kept
	Best
	numLevels
)

// The levels per encoding: gzip (deflate) 1, 6, 9; Brotli quality 2, 5,
// 11; zstd's fastest, better (about its level 7) and best.
var (
	flateLevels  = [numLevels]int{1, 6, 9}
	brotliLevels = [numLevels]int{2, 5, 11}
	zstdLevels   = [numLevels]zstd.EncoderLevel{zstd.SpeedFastest, zstd.SpeedBetterCompression, zstd.SpeedBestCompression}
)

// Pools of encoders, per level (an encoder's state is large: made once,
// reset per use).
var (
	flatePools [numLevels]sync.Pool // *flate.Writer
	gzipPools  [numLevels]sync.Pool // *gzip.Writer
	zstdEncs   [numLevels]struct {
		once sync.Once
		enc  *zstd.Encoder
	}
	brotliPools [numLevels]sync.Pool // *brotli.Writer
	zstdPools   [numLevels]sync.Pool // *zstd.Encoder, streaming (NewWriter)
)

// zstdEncoder returns the shared zstd encoder of a level (EncodeAll is
// safe for concurrent use). Frames carry their content size and no
// checksum (HTTP has its own integrity; 4 bytes a frame saved).
func zstdEncoder(l Level) *zstd.Encoder {
	z := &zstdEncs[l]
	z.once.Do(func() {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstdLevels[l]), zstd.WithEncoderCRC(false),
			zstd.WithEncoderConcurrency(1), zstd.WithSingleSegment(true), zstd.WithLowerEncoderMem(l == Fast))
		if err != nil {
			panic(fmt.Sprintf("compression: zstd encoder: %v", err)) // the options are constant
		}
		z.enc = enc
	})
	return z.enc
}

// Compress appends src compressed whole in e at level l to dst: a
// complete gzip member, Brotli stream or zstd frame. Identity appends src.
func Compress(dst []byte, e Encoding, src []byte, l Level) []byte {
	switch e {
	case Zstd:
		return zstdEncoder(l).EncodeAll(src, dst)
	case Gzip, Brotli:
		b := bytes.NewBuffer(dst)
		w, release := NewWriter(b, e, l)
		mustWrite(w, src)
		mustClose(w)
		release()
		return b.Bytes()
	}
	return append(dst, src...)
}

// NewWriter returns a streaming compressor of e at level l writing to w,
// and a function that returns it to its pool once closed. Identity has
// no writer (nil).
func NewWriter(w io.Writer, e Encoding, l Level) (wc io.WriteCloser, release func()) {
	switch e {
	case Gzip:
		g, _ := gzipPools[l].Get().(*gzip.Writer)
		if g == nil {
			g, _ = gzip.NewWriterLevel(w, flateLevels[l])
		} else {
			g.Reset(w)
		}
		return g, func() { gzipPools[l].Put(g) }
	case Brotli:
		b, _ := brotliPools[l].Get().(*brotli.Writer)
		if b == nil {
			b = brotli.NewWriterLevel(w, brotliLevels[l])
		} else {
			b.Reset(w)
		}
		return b, func() { brotliPools[l].Put(b) }
	case Zstd:
		z, _ := zstdPools[l].Get().(*zstd.Encoder)
		if z == nil {
			var err error
			z, err = zstd.NewWriter(w, zstd.WithEncoderLevel(zstdLevels[l]), zstd.WithEncoderCRC(false),
				zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true))
			if err != nil {
				panic(fmt.Sprintf("compression: zstd writer: %v", err))
			}
		} else {
			z.Reset(w)
		}
		return z, func() { zstdPools[l].Put(z) }
	}
	return nil, func() {}
}

// Decompress returns src decoded from e, for tests and tools; at most
// limit bytes (an error past it).
func Decompress(e Encoding, src []byte, limit int64) ([]byte, error) {
	var r io.Reader
	switch e {
	case Identity:
		return src, nil
	case Gzip:
		g, err := gzip.NewReader(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("decompress gzip: %w", err)
		}
		g.Multistream(false)
		r = g
	case Brotli:
		r = brotli.NewReader(bytes.NewReader(src))
	case Zstd:
		z, err := zstd.NewReader(bytes.NewReader(src), zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, fmt.Errorf("decompress zstd: %w", err)
		}
		defer z.Close()
		r = z
	}
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("decompress %s: %w", e, err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("decompress %s: more than %d bytes", e, limit)
	}
	return out, nil
}

// Writes into a bytes.Buffer do not fail; the compressors fail only when
// what they write to does.
func mustWrite(w io.Writer, b []byte) {
	if _, err := w.Write(b); err != nil {
		panic(fmt.Sprintf("compression: write to memory: %v", err))
	}
}

func mustClose(c io.Closer) {
	if err := c.Close(); err != nil {
		panic(fmt.Sprintf("compression: close in memory: %v", err))
	}
}

// deflatePool returns the pool of raw deflate writers of level l.
func deflateWriter(w io.Writer, l Level, dict []byte) *flate.Writer {
	f, _ := flatePools[l].Get().(*flate.Writer)
	if f == nil {
		f, _ = flate.NewWriterDict(w, flateLevels[l], dict)
		return f
	}
	f.ResetDict(w, dict)
	return f
}
