package server

import (
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/router"
)

// minCompressed is the smallest body worth compressing: a response
// shorter than this goes out as it is (the coding's framing and the
// work outweigh the bytes saved). The writer buffers this much before it
// decides.
const minCompressed = 1024

// varyAE is the Vary value of a compressible response without one of its
// own; shared, never modified (Header.Add copies a full slice).
var varyAE = []string{"Accept-Encoding"}

// compressWriter compresses a response in the encoding its request
// negotiated (compression.Preferred) when its Content-Type is
// compressible and its body is at least minCompressed bytes, at
// compression.Fast, streaming. It leaves alone a response whose handler
// set Content-Encoding itself or whose route encodes itself (page views,
// static assets: router.Route.SelfEncoded), 1xx, 204, 206 and 304, and the
// body of a HEAD. Every compressible response it sees
// gets Vary: Accept-Encoding; a compressed one the encoding's ETag
// (compression.Encoding.ETag). Pooled: see beginCompress.
type compressWriter struct {
	w    http.ResponseWriter
	enc  compression.Encoding // Identity: never compress (but still Vary)
	head bool                 // HEAD: headers as for GET, no body

	// ae is the request's Accept-Encoding, negotiated once the route is
	// known (forRoute), or when the response starts for a request that
	// matched none (a 404, a redirect).
	ae         string
	negotiated bool
	// self marks a route that encodes its responses itself
	// (router.Route.SelfEncoded): left alone.
	self bool

	// rewrote is set when the request's If-None-Match carried enc's
	// suffix, taken off for the handler: its 304 carries the suffixed tag.
	rewrote bool

	status     int  // the handler's status; 0 until WriteHeader or Write
	decided    bool // the headers went out: compressing or passing through
	compressed bool // … compressing (zw; nil for a HEAD, whose body is dropped)
	zw         io.WriteCloser
	release    func()
	n          int // bytes in buf
	buf        [minCompressed]byte
}

var compressWriters = sync.Pool{New: func() any { return new(compressWriter) }}

// beginCompress wraps w for r. The caller calls end once the handler
// returns.
func beginCompress(w http.ResponseWriter, r *http.Request) *compressWriter {
	c := compressWriters.Get().(*compressWriter)
	c.w = w
	c.head = r.Method == http.MethodHead
	// A range is of the identity representation (files served with
	// Range): never compressed.
	if r.Header.Get("Range") == "" {
		c.ae = r.Header.Get("Accept-Encoding")
	}
	return c
}

// negotiate picks the response's encoding from the request's
// Accept-Encoding, once.
func (c *compressWriter) negotiate() {
	if c.negotiated {
		return
	}
	c.negotiated = true
	c.enc = compression.Identity
	if c.ae != "" && !c.self {
		c.enc = compression.Negotiate(c.ae, compression.Preferred...)
	}
}

// forRoute is called once the request matched rt, before its handler: a
// route that encodes itself is left alone; for the others the encoding is
// negotiated now, and the request the handler sees is r, or a copy whose
// If-None-Match no longer carries the encoding's suffix ("v1-gzip" →
// "v1"), so that a handler comparing tags answers 304.
func (c *compressWriter) forRoute(rt *router.Route, r *http.Request) *http.Request {
	c.self = rt.SelfEncoded
	c.negotiate()
	if c.enc == compression.Identity {
		return r
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if base, ok := unsuffixTags(inm, c.enc); ok {
			r = r.Clone(r.Context())
			r.Header.Set("If-None-Match", base)
			c.rewrote = true
		}
	}
	return r
}

// unsuffixTags returns the If-None-Match value inm with each entity tag
// that ends with e's suffix ("-gzip") turned back into its base tag, and
// whether any did.
func unsuffixTags(inm string, e compression.Encoding) (string, bool) {
	suffix := "-" + e.Token() + `"`
	if !strings.Contains(inm, suffix) {
		return inm, false
	}
	var b strings.Builder
	for i, tag := range strings.Split(inm, ",") {
		if i > 0 {
			b.WriteString(", ")
		}
		tag = strings.TrimSpace(tag)
		if base, ok := strings.CutSuffix(tag, suffix); ok {
			tag = base + `"`
		}
		b.WriteString(tag)
	}
	return b.String(), true
}

// end finishes the response (the buffered body, the compressor's last
// block) and returns c to its pool.
func (c *compressWriter) end() {
	if !c.decided {
		if c.status == 0 && c.n == 0 {
			// The handler wrote nothing: net/http sends its 200 as it is.
			c.decided = true
		} else {
			c.decide(true)
		}
	}
	_ = c.flushBuf() // the body decided on at the end: through the compressor when compressing
	if c.zw != nil {
		_ = c.zw.Close() // a failed write is the client's gone: nothing to answer
		c.release()
	}
	*c = compressWriter{}
	compressWriters.Put(c)
}

// Header implements http.ResponseWriter.
func (c *compressWriter) Header() http.Header { return c.w.Header() }

// WriteHeader implements http.ResponseWriter: informational responses
// (103 Early Hints) go out at once; the final status waits for the
// decision (the first minCompressed bytes of the body, or the end).
func (c *compressWriter) WriteHeader(code int) {
	if code < 200 && code != http.StatusSwitchingProtocols {
		c.w.WriteHeader(code)
		return
	}
	if c.status != 0 {
		return // superfluous: net/http would log it; the first wins
	}
	c.status = code
	if code == http.StatusNoContent || code == http.StatusNotModified || code == http.StatusPartialContent || code < 200 {
		c.decide(true)
	}
}

// Write implements http.ResponseWriter.
func (c *compressWriter) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if !c.decided {
		if c.n+len(p) <= len(c.buf) {
			c.n += copy(c.buf[c.n:], p)
			return len(p), nil
		}
		c.decide(false)
		if err := c.flushBuf(); err != nil {
			return 0, err
		}
	}
	switch {
	case c.zw != nil:
		return c.zw.Write(p)
	case c.compressed: // a HEAD's
		return len(p), nil
	}
	return c.w.Write(p)
}

// flushBuf writes the buffered start of the body through the decision.
func (c *compressWriter) flushBuf() error {
	if c.n == 0 {
		return nil
	}
	b := c.buf[:c.n]
	c.n = 0
	var err error
	switch {
	case c.zw != nil:
		_, err = c.zw.Write(b)
	case c.compressed: // a HEAD's: dropped
	default:
		_, err = c.w.Write(b)
	}
	return err
}

// Flush implements http.Flusher: what was written goes to the client,
// compressed so far (a streaming response is compressed whatever its
// length).
func (c *compressWriter) Flush() {
	if !c.decided {
		if c.status == 0 {
			c.status = http.StatusOK
		}
		c.decide(false)
	}
	if c.flushBuf() != nil {
		return
	}
	if f, ok := c.zw.(interface{ Flush() error }); ok {
		if f.Flush() != nil {
			return
		}
	}
	_ = http.NewResponseController(c.w).Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (c *compressWriter) Unwrap() http.ResponseWriter { return c.w }

// decide sends the headers: compressed or as they are. final says the
// whole body is in buf (or, for a HEAD, known from Content-Length).
func (c *compressWriter) decide(final bool) {
	c.decided = true
	c.negotiate()
	h := c.w.Header()
	if c.compressed = c.compress(h, final); c.compressed {
		h["Content-Encoding"] = encodingValues[c.enc]
		h.Del("Content-Length")
		h.Del("Accept-Ranges") // ranges are of the identity representation
		if etag := h.Get("ETag"); etag != "" {
			h.Set("ETag", c.enc.ETag(etag))
		}
		if !c.head {
			c.zw, c.release = compression.NewWriter(c.w, c.enc, compression.Fast)
		}
	}
	c.w.WriteHeader(c.status)
}

// compress decides whether the response is compressed, and sets Vary
// on a compressible one and the suffixed ETag on a 304 whose request
// carried it.
func (c *compressWriter) compress(h http.Header, final bool) bool {
	if _, set := h["Content-Encoding"]; set || c.self {
		return false // the handler's own coding (page views, static assets)
	}
	switch c.status {
	case http.StatusNotModified:
		if c.rewrote {
			addVary(h)
			if etag := h.Get("ETag"); etag != "" && !encodedTag(etag) {
				h.Set("ETag", c.enc.ETag(etag))
			}
		}
		return false
	case http.StatusNoContent, http.StatusPartialContent:
		return false
	}
	if c.status < 200 || !compression.Compressible(h.Get("Content-Type")) {
		return false
	}
	addVary(h)
	if c.enc == compression.Identity || h.Get("Cache-Control") != "" && strings.Contains(h.Get("Cache-Control"), "no-transform") {
		return false
	}
	size := c.n
	if c.head && c.n == 0 {
		size = contentLength(h)
	}
	return !final || size >= minCompressed
}

// encodedTag reports whether the entity tag etag is already an
// encoding's (a handler that encodes its own responses set it).
func encodedTag(etag string) bool {
	for _, e := range compression.Preferred {
		if strings.HasSuffix(etag, "-"+e.Token()+`"`) {
			return true
		}
	}
	return false
}

// encodingValues are the Content-Encoding header values, shared.
var encodingValues = func() [4][]string {
	var v [4][]string
	for _, e := range compression.Preferred {
		v[e] = []string{e.Token()}
	}
	return v
}()

// contentLength is the response's Content-Length, or 0.
func contentLength(h http.Header) int {
	n := 0
	for _, c := range h.Get("Content-Length") {
		if c < '0' || c > '9' || n > 1<<40 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// addVary adds Accept-Encoding to the response's Vary, unless it is
// there (or Vary is "*"). A shared value is never modified in place.
func addVary(h http.Header) {
	vs := h["Vary"]
	if len(vs) == 0 {
		h["Vary"] = varyAE
		return
	}
	for _, v := range vs {
		for f := range strings.SplitSeq(v, ",") {
			f = strings.TrimSpace(f)
			if f == "*" || strings.EqualFold(f, "Accept-Encoding") {
				return
			}
		}
	}
	h["Vary"] = []string{strings.Join(vs, ", ") + ", Accept-Encoding"}
}
