package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// healthLive answers /-/healthz: the process serves.
func (s *Server) healthLive(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	return writeBytes(w, r, http.StatusOK, "text/plain; charset=utf-8", []byte("ok\n"))
}

// healthReady answers /-/readyz: the store answers a query and would take a
// write (a read-only store serves reads but loses every edit: not ready).
func (s *Server) healthReady(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.Store.PageByTitle(ctx, s.Routes.Config().MainPage); err != nil && !errors.Is(err, store.ErrNotFound) {
		s.Log.Warn("readiness check failed", "err", err)
		return writeBytes(w, r, http.StatusServiceUnavailable, "text/plain; charset=utf-8", []byte("store unavailable\n"))
	}
	if err := s.Store.CheckWritable(ctx); err != nil {
		s.Log.Warn("readiness check failed: the store takes no writes", "err", err)
		return writeBytes(w, r, http.StatusServiceUnavailable, "text/plain; charset=utf-8", []byte("store read-only\n"))
	}
	return writeBytes(w, r, http.StatusOK, "text/plain; charset=utf-8", []byte("ready\n"))
}
