package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/router"
)

// TestCompressFlush: Flush through the wrapper sends what was written so
// far, compressed and decodable, before the handler ends.
func TestCompressFlush(t *testing.T) {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	cw := beginCompress(rec, r)
	cw.Header().Set("Content-Type", "text/plain")
	io.WriteString(cw, "first line\n")
	if err := http.NewResponseController(cw).Flush(); err != nil {
		t.Fatal(err)
	}
	if !rec.Flushed || rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("after Flush: flushed %v, headers %v", rec.Flushed, rec.Header())
	}
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]byte, len("first line\n"))
	if _, err := io.ReadFull(zr, got); err != nil || string(got) != "first line\n" {
		t.Fatalf("flushed = %q, %v", got, err)
	}
	io.WriteString(cw, "second line\n")
	cw.end()
	body, err := compression.Decompress(compression.Gzip, rec.Body.Bytes(), 1<<20)
	if err != nil || string(body) != "first line\nsecond line\n" {
		t.Errorf("whole = %q, %v", body, err)
	}
}

// TestCompressHeaders: Vary is appended to once; If-None-Match loses the
// negotiated encoding's suffix only.
func TestCompressHeaders(t *testing.T) {
	for _, c := range []struct{ before, want string }{
		{"", "Accept-Encoding"},
		{"Cookie", "Cookie, Accept-Encoding"},
		{"Cookie, accept-encoding", "Cookie, accept-encoding"},
		{"*", "*"},
	} {
		h := http.Header{}
		if c.before != "" {
			h.Set("Vary", c.before)
		}
		addVary(h)
		addVary(h)
		if got := strings.Join(h.Values("Vary"), ", "); got != c.want {
			t.Errorf("Vary %q: %q, want %q", c.before, got, c.want)
		}
	}
	for _, c := range []struct {
		inm, want string
		ok        bool
	}{
		{`"v1-gzip"`, `"v1"`, true},
		{`"v1-br", W/"v2-gzip", "v3"`, `"v1-br", W/"v2", "v3"`, true},
		{`"v1-br"`, `"v1-br"`, false},
		{`*`, `*`, false},
	} {
		if got, ok := unsuffixTags(c.inm, compression.Gzip); got != c.want || ok != c.ok {
			t.Errorf("unsuffixTags(%s) = %s %v, want %s %v", c.inm, got, ok, c.want, c.ok)
		}
	}
}

// TestCompressSizesAtTheEdge: bodies around the size the writer buffers
// before it decides, written whole or in pieces, arrive whole — a body of
// exactly minCompressed bytes was decided on at the end, compressed, and
// lost (an e2e test's JSON of 1,024 bytes came out empty).
func TestCompressSizesAtTheEdge(t *testing.T) {
	for _, size := range []int{minCompressed - 1, minCompressed, minCompressed + 1, 2 * minCompressed} {
		for _, parts := range []int{1, 3} {
			want := strings.Repeat("x", size)
			rec := httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			cw := beginCompress(rec, r)
			cw.Header().Set("Content-Type", "application/json")
			for i := range parts {
				io.WriteString(cw, want[i*size/parts:(i+1)*size/parts])
			}
			cw.end()
			e, _ := compression.Parse(rec.Header().Get("Content-Encoding"))
			got, err := compression.Decompress(e, rec.Body.Bytes(), 1<<20)
			if err != nil || string(got) != want {
				t.Errorf("%d bytes in %d writes: got %d bytes (%v), Content-Encoding %q", size, parts, len(got), err, rec.Header().Get("Content-Encoding"))
			}
			if (e == compression.Gzip) != (size >= minCompressed) {
				t.Errorf("%d bytes: Content-Encoding %q", size, rec.Header().Get("Content-Encoding"))
			}
		}
	}
}

// TestCompressForRoute: a route that encodes itself (router.Route.
// SelfEncoded) is left alone — no compression, If-None-Match as the client
// sent it; any other route's handler sees the tag without the negotiated
// suffix and its response is compressed.
func TestCompressForRoute(t *testing.T) {
	body := strings.Repeat("<p>text</p>", 300)
	for _, self := range []bool{false, true} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", "gzip")
		r.Header.Set("If-None-Match", `"v1-gzip"`)
		cw := beginCompress(rec, r)
		seen := cw.forRoute(&router.Route{Name: "test", SelfEncoded: self}, r)
		wantINM := `"v1"`
		if self {
			wantINM = `"v1-gzip"`
		}
		if got := seen.Header.Get("If-None-Match"); got != wantINM {
			t.Errorf("self-encoded %v: the handler sees If-None-Match %s, want %s", self, got, wantINM)
		}
		cw.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(cw, body)
		cw.end()
		if got, want := rec.Header().Get("Content-Encoding"), map[bool]string{false: "gzip", true: ""}[self]; got != want {
			t.Errorf("self-encoded %v: Content-Encoding %q, want %q", self, got, want)
		}
		if self && rec.Body.String() != body {
			t.Errorf("self-encoded: the body was changed")
		}
	}
}
