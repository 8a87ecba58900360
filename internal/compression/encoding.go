package compression

import (
	"strconv"
	"strings"
)

// Encoding is a content coding of HTTP (RFC 9110 §8.4.1).
type Encoding uint8

// The encodings Folio knows. Identity is no coding at all.
const (
	Identity Encoding = iota
	Gzip
	Brotli
	Zstd
	numEncodings
)

// Preferred is the server's order of preference among the encodings it
// offers for a body compressed whole: the smallest for the same text
// first (Brotli is 7–8 % smaller than zstd and gzip on a page view).
var Preferred = []Encoding{Brotli, Zstd, Gzip}

// Spliceable is the order of preference among the encodings whose pieces
// splice (Splicer): what a page view with a reader's own parts offers.
// Gzip first: its pieces may refer back into the text before them (a
// dictionary), zstd's frames may not, and a spliced gzip view is 10–15 %
// smaller than a spliced zstd one.
var Spliceable = []Encoding{Gzip, Zstd}

var (
	tokens   = [numEncodings]string{"", "gzip", "br", "zstd"}
	suffixes = [numEncodings]string{"", ".gz", ".br", ".zst"}
)

// Token returns e's name in Content-Encoding and Accept-Encoding ("" for
// identity).
func (e Encoding) Token() string { return tokens[e] }

// String returns e's token, or "identity".
func (e Encoding) String() string {
	if e == Identity {
		return "identity"
	}
	return tokens[e]
}

// Ext returns the file name extension of a file precompressed in e
// (".gz", ".br", ".zst"; "" for identity).
func (e Encoding) Ext() string { return suffixes[e] }

// ETag returns the strong entity tag etag (quoted, as a handler sets it)
// of the representation in e: a different tag per encoding, as the
// representations differ byte for byte ("\"v1\"" in gzip is
// "\"v1-gzip\""). A weak or unquoted tag is returned as it is.
func (e Encoding) ETag(etag string) string {
	if e == Identity || len(etag) < 2 || etag[0] != '"' || etag[len(etag)-1] != '"' {
		return etag
	}
	return etag[:len(etag)-1] + "-" + tokens[e] + `"`
}

// Parse returns the encoding named by an Accept-Encoding or
// Content-Encoding token (case-insensitive; "x-gzip" is gzip), and
// whether Folio knows it.
func Parse(token string) (Encoding, bool) {
	switch strings.ToLower(token) {
	case "gzip", "x-gzip":
		return Gzip, true
	case "br":
		return Brotli, true
	case "zstd":
		return Zstd, true
	case "identity":
		return Identity, true
	}
	return Identity, false
}

// Negotiate returns the encoding of the response to a request with the
// Accept-Encoding value header, among offers (in the server's order of
// preference): the one with the highest q-value the client gives it,
// the server's order breaking ties; Identity when none is acceptable or
// the header is absent. "*" stands for the encodings not named; q=0
// refuses. A malformed element is ignored, as if absent. (Identity is
// returned even when the client refuses it: the caller sends what it
// has, as RFC 9110 allows.)
func Negotiate(header string, offers ...Encoding) Encoding {
	if header == "" {
		return Identity
	}
	var q [numEncodings]int // thousandths; -1: not named
	for i := range q {
		q[i] = -1
	}
	star := -1
	for elem := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(elem, ";")
		name = strings.TrimSpace(name)
		qv, ok := qvalue(params)
		if !ok {
			continue
		}
		if name == "*" {
			star = qv
			continue
		}
		if e, known := Parse(name); known && qv > q[e] {
			q[e] = qv
		}
	}
	best, bestQ := Identity, 0
	for _, e := range offers {
		v := q[e]
		if v < 0 {
			v = max(star, 0)
		}
		if v > bestQ {
			best, bestQ = e, v
		}
	}
	return best
}

// qvalue reads the q parameter of an Accept-Encoding element's
// parameters (";q=0.5"), in thousandths: 1000 when absent; false when
// malformed.
func qvalue(params string) (int, bool) {
	params = strings.TrimSpace(params)
	if params == "" {
		return 1000, true
	}
	k, v, ok := strings.Cut(params, "=")
	if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 0 || f > 1 {
		return 0, false
	}
	return int(f*1000 + 0.5), true
}

// Compressible reports whether a response of the media type contentType
// (a Content-Type value) is worth compressing: text, and the structured
// formats that are text (JSON, XML, JavaScript, SVG). Images, archives,
// fonts in WOFF2 and video are compressed already.
func Compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	switch {
	case strings.HasPrefix(mt, "text/"):
		return true
	case strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	switch mt {
	case "application/json", "application/xml", "application/javascript", "application/x-javascript",
		"application/manifest+json", "image/svg+xml", "application/wasm", "image/x-icon", "image/vnd.microsoft.icon":
		return true
	}
	return false
}
