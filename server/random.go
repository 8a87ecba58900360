package server

import (
	"errors"
	"math/rand/v2"
	"net/http"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// randomPage answers Special:Random: a 302 to a random page that is not a
// redirect. The route's PrivateCache makes it "private, no-store", so that
// neither a CDN nor the browser keeps one answer for every click. The store
// picks in a few primary-key reads (store.Pages.RandomPage), not by sorting
// every page. A wiki without pages gets a page that says so.
func (s *Server) randomPage(w http.ResponseWriter, r *http.Request, m router.Match) error {
	p, err := s.Store.RandomPage(r.Context(), func(lo, hi int64) int64 { return lo + rand.Int64N(hi-lo+1) })
	if errors.Is(err, store.ErrNotFound) {
		return s.render(w, r, m, page{Status: http.StatusNotFound, Title: s.lang(r, m).T("randompage-title"),
			Message: s.lang(r, m).T("randompage-nopages")})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, router.TitleURL(p.Title), http.StatusFound)
	return nil
}
