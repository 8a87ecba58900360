package server

import (
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/router"
)

// static answers /static/<hash>/<file>: a fingerprinted skin asset, cached
// for a year by the route's policy; a wrong hash or file is a 404.
func (s *Server) static(w http.ResponseWriter, r *http.Request, m router.Match) error {
	set, err := s.skins()
	if err != nil {
		return err
	}
	a, ok := set.Asset(m.Params.Get("hash"), m.Params.Get("file"))
	if !ok {
		return errorf(http.StatusNotFound, "no such asset")
	}
	h := w.Header()
	h.Set("ETag", a.ETag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == a.ETag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		return nil
	}
	_, err = w.Write(a.Body)
	return err
}
