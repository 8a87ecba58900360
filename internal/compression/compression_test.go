package compression

import (
	"bytes"
	stdgzip "compress/gzip"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNegotiate(t *testing.T) {
	all := Preferred
	for _, c := range []struct {
		header string
		want   Encoding
	}{
		{"", Identity},
		{"gzip", Gzip},
		{"gzip, deflate, br", Brotli},
		{"gzip, deflate, br, zstd", Brotli},
		{"gzip, zstd", Zstd},
		{"GZIP", Gzip},
		{"x-gzip", Gzip},
		{"br;q=0.5, gzip;q=0.8", Gzip},
		{"zstd;q=0, br", Brotli},
		{"*", Brotli},
		{"*;q=0.5, br;q=0.9", Brotli},
		{"gzip;q=0, br;q=0.1, *", Zstd},
		{"identity", Identity},
		{"deflate", Identity},
		{"gzip;q=0", Identity},
		{"gzip;q=abc, br", Brotli},
		{"gzip;q=2", Identity},
		{" gzip ; q = 0.3 ", Gzip},
		{",,,", Identity},
	} {
		if got := Negotiate(c.header, all...); got != c.want {
			t.Errorf("Negotiate(%q) = %v, want %v", c.header, got, c.want)
		}
	}
	if got := Negotiate("gzip, deflate, br, zstd", Spliceable...); got != Gzip {
		t.Errorf("spliceable from a browser = %v, want gzip", got)
	}
	if got := Negotiate("br, zstd", Spliceable...); got != Zstd {
		t.Errorf("spliceable without gzip = %v, want zstd", got)
	}
}

func TestETag(t *testing.T) {
	for _, c := range []struct {
		e        Encoding
		in, want string
	}{
		{Gzip, `"v1"`, `"v1-gzip"`},
		{Zstd, `"abc"`, `"abc-zstd"`},
		{Brotli, `"x"`, `"x-br"`},
		{Identity, `"x"`, `"x"`},
		{Gzip, `W/"x"`, `W/"x"`},
		{Gzip, ``, ``},
	} {
		if got := c.e.ETag(c.in); got != c.want {
			t.Errorf("%v.ETag(%q) = %q, want %q", c.e, c.in, got, c.want)
		}
	}
}

// texts are parts of an HTML-like document, some repeating others.
func texts() [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	var parts [][]byte
	words := strings.Fields("<div class=\"nav\"> <a href=\"/wiki/Main_Page\"> </a> <li> </li> page talk history edit watch alice Zürich 東京")
	for i := range 12 {
		var b strings.Builder
		n := []int{0, 3, 40, 2000, 9000, 1}[i%6] // 9,000 words: past the 32 KiB deflate window
		for range n {
			b.WriteString(words[r.IntN(len(words))])
		}
		parts = append(parts, []byte(b.String()))
	}
	return parts
}

// TestSplice decodes spliced streams with independent decoders (the
// standard library's gzip, klauspost's zstd) and compares them with the
// text.
func TestSplice(t *testing.T) {
	parts := texts()
	want := bytes.Join(parts, nil)
	for _, e := range Spliceable {
		for _, withDict := range []bool{false, true} {
			var s Splicer
			var b bytes.Buffer
			s.Start(&b, e)
			for i, p := range parts {
				var dict []byte
				if withDict && i > 0 {
					dict = parts[i-1]
				}
				lv := Level(i % 3)
				pc := NewPiece(e, p, dict, lv)
				s.Add(&b, &pc)
			}
			s.End(&b)
			var got []byte
			var err error
			if e == Gzip {
				var zr *stdgzip.Reader
				if zr, err = stdgzip.NewReader(bytes.NewReader(b.Bytes())); err == nil {
					got, err = io.ReadAll(zr)
				}
			} else {
				got, err = Decompress(e, b.Bytes(), 1<<30)
			}
			if err != nil {
				t.Fatalf("%v (dict %v): decode: %v", e, withDict, err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%v (dict %v): decoded %d bytes, want the %d of the text", e, withDict, len(got), len(want))
			}
		}
	}
}

func TestCompressRoundTrip(t *testing.T) {
	text := bytes.Join(texts(), []byte("\n"))
	for _, e := range []Encoding{Identity, Gzip, Brotli, Zstd} {
		for l := range numLevels {
			c := Compress(nil, e, text, l)
			got, err := Decompress(e, c, int64(len(text)))
			if err != nil || !bytes.Equal(got, text) {
				t.Fatalf("%v level %d: %v, equal %v", e, l, err, bytes.Equal(got, text))
			}
			if e != Identity && len(c) >= len(text)/2 {
				t.Errorf("%v level %d: %d bytes from %d", e, l, len(c), len(text))
			}
		}
		var b bytes.Buffer
		w, release := NewWriter(&b, e, Fast)
		if w != nil {
			w.Write(text)
			w.Close()
			release()
			if got, err := Decompress(e, b.Bytes(), 1<<30); err != nil || !bytes.Equal(got, text) {
				t.Fatalf("%v writer: %v", e, err)
			}
		}
	}
	if _, err := Decompress(Gzip, Compress(nil, Gzip, text, Fast), 10); err == nil {
		t.Error("Decompress past its limit: no error")
	}
}

func TestCRCCombine(t *testing.T) {
	parts := texts()
	crc := uint32(0)
	for _, p := range parts {
		crc = multmodp(x8nmodp(uint64(len(p))), crc) ^ crc32.ChecksumIEEE(p)
	}
	if want := crc32.ChecksumIEEE(bytes.Join(parts, nil)); crc != want {
		t.Fatalf("combined CRC %08x, want %08x", crc, want)
	}
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html; charset=utf-8": true, "application/json": true, "application/atom+xml": true,
		"image/svg+xml": true, "text/css": true, "application/javascript": true,
		"image/png": false, "image/jpeg": false, "font/woff2": false, "application/zip": false, "": false,
	} {
		if got := Compressible(ct); got != want {
			t.Errorf("Compressible(%q) = %v", ct, got)
		}
	}
}
