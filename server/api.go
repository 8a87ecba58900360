package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/foliowiki/folio/router"
)

// apiPage answers GET /api/v1/page/T with the current revision as JSON.
func (s *Server) apiPage(w http.ResponseWriter, r *http.Request, m router.Match) error {
	rev, err := s.Store.LatestRevision(r.Context(), m.Title())
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, struct {
		Title     string    `json:"title"`
		Revision  int64     `json:"revision"`
		Timestamp time.Time `json:"timestamp"`
		User      string    `json:"user"`
		Text      string    `json:"text"`
	}{rev.Title, rev.ID, rev.Timestamp, rev.UserName, rev.Text})
}

// apiRoutes answers GET /api/v1/routes with routes.json.
func (s *Server) apiRoutes(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	b, err := s.Routes.ExportJSON()
	if err != nil {
		return err
	}
	return writeBytes(w, r, http.StatusOK, "application/json", b)
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeBytes(w, r, status, "application/json", append(b, '\n'))
}

func writeBytes(w http.ResponseWriter, r *http.Request, status int, contentType string, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return nil
	}
	_, err := w.Write(b)
	return err
}
