package server

import (
	"net/http"
	"strings"

	"github.com/foliowiki/folio/router"
)

// pageSource answers GET /-/source/T: the current Markdown in a read-only
// text area inside the skin, with the page's tabs — MediaWiki's "View
// source" for readers who may not edit. The bare text stays at /-/raw/T.
func (s *Server) pageSource(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	rev, err := s.Store.LatestRevision(r.Context(), title)
	if err != nil {
		return err
	}
	l := s.lang(r, m)
	d := map[string]any{
		"Text":     rev.Text,
		"PageLink": anchor(router.TitleURL(title), l.T("source-intro-page")),
		"RawLink":  anchor(s.Routes.Path("page.raw", "title", title), l.T("source-intro-raw")),
		"Rows":     min(max(strings.Count(rev.Text, "\n")+2, 5), 30),
	}
	return s.view(w, r, m, http.StatusOK, l.T("source-title", "Title", router.DisplayTitle(title)), "source", d)
}
