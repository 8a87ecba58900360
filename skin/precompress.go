package skin

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/foliowiki/folio/internal/compression"
)

// A static file may ship precompressed beside it: <file>.br, <file>.zst
// and <file>.gz, made at build time at compression.Best (`make assets`,
// go run ./tools/precompress) and only where smaller than the file. Those
// are not assets of their own, nor part of the skin's asset hash:
// Asset.Encode serves them (after checking, once, that each decodes to
// the file). A compressible
// file that ships none (a skin of --skins-dir, the generated
// highlight.css) is compressed once per encoding, on its first request in
// it, at compression.Kept, and kept.

// encodedBodies are an asset's bodies in each encoding, shared by the
// copies of its Asset.
type encodedBodies struct {
	shipped bool // some precompressed file came with the asset: the others were not worth it
	bodies  [4]struct {
		shipped []byte // the precompressed file; nil: none
		once    sync.Once
		body    []byte // nil: not smaller than the identity body
	}
}

// Precompressed returns the files to ship beside the static file name:
// body compressed at compression.Best in each encoding where that is
// smaller, by file name (name + the encoding's Ext); none when the file's
// type is not compressible.
func Precompressed(name string, body []byte) map[string][]byte {
	out := map[string][]byte{}
	if !compression.Compressible(contentType(name, body)) {
		return out
	}
	for _, e := range compression.Preferred {
		if z := compression.Compress(nil, e, body, compression.Best); len(z) < len(body) {
			out[name+e.Ext()] = z
		}
	}
	return out
}

// VariantOf reports whether name is a precompressed file of another of
// files (name minus ".br", ".zst" or ".gz"), and which.
func VariantOf(name string, has func(string) bool) (string, compression.Encoding, bool) {
	for _, e := range compression.Preferred {
		if base, ok := strings.CutSuffix(name, e.Ext()); ok && base != "" && has(base) {
			return base, e, true
		}
	}
	return "", compression.Identity, false
}

// splitVariants takes the precompressed files out of files and returns
// them, by the file they compress and encoding.
func splitVariants(files map[string][]byte) map[string]map[compression.Encoding][]byte {
	has := func(n string) bool { _, ok := files[n]; return ok }
	var variants map[string]map[compression.Encoding][]byte
	for name, body := range files {
		base, e, ok := VariantOf(name, has)
		if !ok {
			continue
		}
		if variants == nil {
			variants = map[string]map[compression.Encoding][]byte{}
		}
		if variants[base] == nil {
			variants[base] = map[compression.Encoding][]byte{}
		}
		variants[base][e] = body
	}
	for base, vs := range variants {
		for e := range vs {
			delete(files, base+e.Ext())
		}
	}
	return variants
}

// withVariants gives a its precompressed bodies (shipped, possibly none)
// when its type is compressible.
func (a Asset) withVariants(shipped map[compression.Encoding][]byte) Asset {
	if !compression.Compressible(a.ContentType) {
		return a
	}
	a.enc = &encodedBodies{shipped: len(shipped) > 0}
	for e, b := range shipped {
		a.enc.bodies[e].shipped = b
	}
	return a
}

// Encode returns the body of a in the encoding a request with the
// Accept-Encoding value acceptEncoding negotiates among the ones a has
// (compression.Preferred): a precompressed body, else one compressed once
// and kept; identity when none is acceptable or smaller.
func (a Asset) Encode(acceptEncoding string) (compression.Encoding, []byte) {
	if a.enc == nil || acceptEncoding == "" {
		return compression.Identity, a.Body
	}
	var offers [3]compression.Encoding
	n := 0
	for _, e := range compression.Preferred {
		if a.mayHave(e) {
			offers[n] = e
			n++
		}
	}
	if a.enc.shipped { // the smallest first
		slices.SortStableFunc(offers[:n], func(x, y compression.Encoding) int {
			return len(a.enc.bodies[x].shipped) - len(a.enc.bodies[y].shipped)
		})
	}
	for {
		e := compression.Negotiate(acceptEncoding, offers[:n]...)
		if e == compression.Identity {
			return e, a.Body
		}
		if b := a.encoded(e); b != nil {
			return e, b
		}
		for i := range n { // not worth it: offer the others
			if offers[i] == e {
				copy(offers[i:], offers[i+1:n])
				n--
				break
			}
		}
	}
}

// mayHave reports whether a may have a body in e: shipped, or to be
// compressed when no precompressed file came with it.
func (a Asset) mayHave(e compression.Encoding) bool {
	return !a.enc.shipped || a.enc.bodies[e].shipped != nil
}

// encoded returns a's body in e, the first time checking the
// precompressed file (decoding is cheap): one that does not decode to the
// body (a skin copied and changed without `make assets`) is replaced by
// the body compressed here, as is a missing one when none came with the
// asset; nil when not smaller than the body.
func (a Asset) encoded(e compression.Encoding) []byte {
	b := &a.enc.bodies[e]
	b.once.Do(func() {
		z := b.shipped
		if z != nil {
			if got, err := compression.Decompress(e, z, int64(len(a.Body))); err != nil || !bytes.Equal(got, a.Body) {
				z = nil
			}
		}
		if z == nil && (!a.enc.shipped || b.shipped != nil) {
			z = compression.Compress(nil, e, a.Body, compression.Kept)
		}
		if len(z) < len(a.Body) {
			b.body = z
		}
	})
	return b.body
}
