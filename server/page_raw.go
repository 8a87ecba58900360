package server

import (
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/router"
)

// pageRaw answers GET /-/raw/T with the current Markdown.
func (s *Server) pageRaw(w http.ResponseWriter, r *http.Request, m router.Match) error {
	rev, err := s.Store.LatestRevision(r.Context(), m.Title())
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/markdown; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(rev.Text)))
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		return nil
	}
	_, err = w.Write([]byte(rev.Text))
	return err
}
