package server

import (
	"net/http"

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
	d := map[string]any{
		"Text":    rev.Text,
		"ViewURL": router.TitleURL(title),
		"RawURL":  s.Routes.Path("page.raw", "title", title),
		"Rows":    min(max(countLines(rev.Text)+1, 5), 30),
	}
	return s.view(w, r, m, http.StatusOK, "Source of "+router.DisplayTitle(title), "source", d)
}

// countLines returns the number of lines of text.
func countLines(text string) int {
	n := 1
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			n++
		}
	}
	return n
}
