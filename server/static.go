package server

import (
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/router"
)

// static answers /static/<hash>/<file>: a fingerprinted skin asset, cached
// for a year by the route's policy; a wrong hash or file is a 404. A
// compressible asset goes out in the encoding the request negotiates
// among the ones it has, precompressed at build time (skin.Asset.Encode),
// with that encoding's ETag; never compressed per request.
func (s *Server) static(w http.ResponseWriter, r *http.Request, m router.Match) error {
	set, err := s.skins()
	if err != nil {
		return err
	}
	a, ok := set.Asset(m.Params.Get("hash"), m.Params.Get("file"))
	if !ok {
		return errorf(http.StatusNotFound, "no such asset")
	}
	enc, body := a.Encode(r.Header.Get("Accept-Encoding"))
	etag := enc.ETag(a.ETag)
	// The base tag matches too: every encoding of a fingerprinted asset
	// is the same content (the route is SelfEncoded: If-None-Match arrives
	// as the client sent it).
	if notModified(w, r, etag, a.ETag) {
		return nil
	}
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	if enc != compression.Identity {
		h.Set("Content-Encoding", enc.Token())
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		return nil
	}
	_, err = w.Write(body)
	return err
}
