//go:build folio_bench

package server

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// This file exists only in benchmark builds (go build -tags folio_bench);
// bench/ and BENCHMARKS.md describe its use.

// Reference returns the reference handler of the end-to-end benchmark:
// GET /bytes/N answers N precomputed bytes (made once per size) with the
// headers of an anonymous page view, so that it sends as many bytes as the
// view it is compared with. It does nothing else: no registry, no
// middleware, no UserInfo, no skin. It is the floor a page view's
// throughput is measured against.
//
// PUT /bytes/NAME (NAME not a number) keeps the request's body and its
// Content-Encoding, and GET /bytes/NAME then answers them the same way:
// the floor of a compressed view, the same bytes with the same headers.
func Reference() http.Handler {
	var bodies sync.Map // int or string → *referenceBody
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/bytes/")
		n, err := strconv.Atoi(name)
		var key any = n
		switch {
		case err != nil && r.Method == http.MethodPut:
			b, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			bodies.Store(name, &referenceBody{bytes: b, length: strconv.Itoa(len(b)), etag: `"vref-` + name + `"`, encoding: r.Header.Get("Content-Encoding")})
			w.WriteHeader(http.StatusNoContent)
			return
		case err != nil:
			key = name
		case n < 0 || n > 16<<20:
			http.Error(w, "want GET /bytes/N, N ≤ 16 MiB", http.StatusNotFound)
			return
		}
		b, ok := bodies.Load(key)
		if !ok && err != nil {
			http.Error(w, "no such reference: PUT it first", http.StatusNotFound)
			return
		}
		if !ok {
			b, _ = bodies.LoadOrStore(n, newReferenceBody(n))
		}
		body := b.(*referenceBody)
		h := w.Header()
		if body.encoding != "" {
			h.Set("Content-Encoding", body.encoding)
		}
		h.Set("Cache-Control", "public, s-maxage=300, max-age=0")
		h.Set("Vary", "Accept-Encoding")
		h.Set("ETag", body.etag)
		h.Set("Link", "</static/0123456789abcdef/desktop/desktop.css>; rel=preload; as=style")
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", body.length)
		setSecurityHeaders(h)
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body.bytes)
		}
	})
}

type referenceBody struct {
	bytes                  []byte
	length, etag, encoding string
}

func newReferenceBody(n int) *referenceBody {
	const line = "<p>Reference body: precomputed bytes of the size of a page view.</p>\n"
	b := []byte(strings.Repeat(line, n/len(line)+1)[:n])
	return &referenceBody{bytes: b, length: strconv.Itoa(n), etag: `"vref` + strconv.Itoa(n) + `"`}
}
