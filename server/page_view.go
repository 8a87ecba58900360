package server

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// pageView answers GET /wiki/T with the page's current revision. A missing
// page is a 404 that says so (as MediaWiki), cacheable like the view.
func (s *Server) pageView(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	rev, err := s.Store.LatestRevision(r.Context(), title)
	if errors.Is(err, store.ErrNotFound) {
		return writeHTML(w, r, http.StatusNotFound, plainData{
			Site: s.Config.SiteName, Heading: router.DisplayTitle(title), Canonical: m.CanonicalURL(),
			Message: "There is currently no text in this page.",
		})
	}
	if err != nil {
		return err
	}
	etag := fmt.Sprintf(`"r%d"`, rev.ID)
	w.Header().Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	return writeHTML(w, r, http.StatusOK, plainData{
		Site: s.Config.SiteName, Heading: router.DisplayTitle(title), Canonical: m.CanonicalURL(),
		Body:   template.HTML("<pre class=\"source\">" + template.HTMLEscapeString(rev.Text) + "</pre>"),
		Footer: fmt.Sprintf("Revision %d, %s, by %s.", rev.ID, rev.Timestamp.Format("2 January 2006 15:04 MST"), rev.UserName),
	})
}
