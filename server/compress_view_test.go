package server_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/compression"
)

// get requests target as c's user with the Accept-Encoding header ae
// (none when "") and If-None-Match inm.
func (c *client) getEncoded(target, ae, inm string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	if ae != "" {
		req.Header.Set("Accept-Encoding", ae)
	}
	if inm != "" {
		req.Header.Set("If-None-Match", inm)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec
}

// TestViewEncodings is issue 26's "done when": every encoding of a page
// view — a logged-in reader's, spliced from the revision's precompressed
// text and the reader's own parts, and an anonymous reader's — decodes to
// the identity response byte for byte, with its own ETag, and answers its
// own If-None-Match with a 304.
func TestViewEncodings(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Ada")
	ada := newClient(t, srv)
	ada.mustLogin("Ada")
	src, err := os.ReadFile("../testdata/corpus/rustc-dev-guide/pages/building/suggested.md")
	if err != nil {
		t.Fatal(err)
	}
	ada.edit("Suggested", string(src), nil)
	ada.edit("Watched", "A page Ada watches, with [[Suggested|a link]].", nil)
	anon := newClient(t, srv)

	for _, c := range []struct {
		who    string
		cl     *client
		target string
	}{
		{"logged-in", ada, "/wiki/Suggested"},
		{"logged-in, a watched page", ada, "/wiki/Watched"},
		{"anonymous", anon, "/wiki/Suggested"},
	} {
		plain := c.cl.getEncoded(c.target, "", "")
		if plain.Code != http.StatusOK || plain.Header().Get("Content-Encoding") != "" {
			t.Fatalf("%s: identity view: %d, Content-Encoding %q", c.who, plain.Code, plain.Header().Get("Content-Encoding"))
		}
		want := plain.Body.Bytes()
		tags := map[string]compression.Encoding{plain.Header().Get("ETag"): compression.Identity}
		for _, e := range []compression.Encoding{compression.Gzip, compression.Zstd, compression.Brotli} {
			// Twice: the second finds the pieces and the whole kept.
			for round := range 2 {
				rec := c.cl.getEncoded(c.target, e.Token(), "")
				if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != e.Token() {
					t.Fatalf("%s, %v: %d, Content-Encoding %q", c.who, e, rec.Code, rec.Header().Get("Content-Encoding"))
				}
				if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(rec.Body.Len()) {
					t.Errorf("%s, %v: Content-Length %s for %d bytes", c.who, e, got, rec.Body.Len())
				}
				if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
					t.Errorf("%s, %v: Vary %q", c.who, e, rec.Header().Get("Vary"))
				}
				got, err := compression.Decompress(e, rec.Body.Bytes(), 1<<24)
				if err != nil {
					t.Fatalf("%s, %v (round %d): %v", c.who, e, round, err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("%s, %v (round %d): decodes to %d bytes that differ from the identity view's %d", c.who, e, round, len(got), len(want))
				}
				whole := len(compression.Compress(nil, e, want, compression.Kept))
				ratio := float64(rec.Body.Len()) / float64(whole)
				if round == 0 {
					t.Logf("%s, %v: %d bytes for %d, compressed whole %d: %.3f", c.who, e, rec.Body.Len(), len(want), whole, ratio)
				}
				// A logged-in reader's gzip pieces refer back into the text
				// before them (bridged): on their own they would be 12 % more.
				if c.who == "logged-in" && e == compression.Gzip && ratio > 1.05 {
					t.Errorf("%s, %v: spliced %d bytes, %.3f× the view compressed whole", c.who, e, rec.Body.Len(), ratio)
				}
				etag := rec.Header().Get("ETag")
				if prev, ok := tags[etag]; ok && prev != e {
					t.Errorf("%s: %v has the ETag of %v: %s", c.who, e, prev, etag)
				}
				tags[etag] = e
				if nm := c.cl.getEncoded(c.target, e.Token(), etag); nm.Code != http.StatusNotModified {
					t.Errorf("%s, %v: If-None-Match with its own ETag: %d", c.who, e, nm.Code)
				}
			}
		}
		if len(tags) != 4 {
			t.Errorf("%s: %d ETags for 4 encodings", c.who, len(tags))
		}
	}

	// A browser's header: Brotli for anonymous readers (kept whole), gzip
	// for logged-in ones (it splices, referring back); zstd when a
	// logged-in reader takes no gzip.
	for _, c := range []struct {
		cl       *client
		ae, want string
	}{
		{ada, "gzip, deflate, br, zstd", "gzip"},
		{ada, "br, zstd", "zstd"},
		{anon, "gzip, deflate, br, zstd", "br"},
		{anon, "gzip, zstd", "zstd"},
		{ada, "br", "br"},
		{ada, "gzip;q=0, zstd;q=0, br;q=0", ""},
		{anon, "identity", ""},
	} {
		if got := c.cl.getEncoded("/wiki/Suggested", c.ae, "").Header().Get("Content-Encoding"); got != c.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.ae, got, c.want)
		}
	}
}
