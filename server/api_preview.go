package server

import (
	"net/http"
	"strings"

	"github.com/foliowiki/folio/router"
)

// apiPreviewRequest is the body of POST /api/v1/preview.
type apiPreviewRequest struct {
	Title   string  `json:"title"`
	Text    *string `json:"text"`
	Section any     `json:"section,omitempty"` // the section edited (a number or "new"): the text is rendered as it is
	// Watch is whether the page will be on the reader's watchlist once
	// saved (the form's "Watch this page"), for the star of the saved
	// view; absent: as it is now.
	Watch *bool `json:"watch,omitempty"`
}

// apiPreview answers the editor's live preview: the text rendered as the
// saved page would show it (Saver.Preview, as the form's "Show preview"),
// then the reader's skin's article region (skin.Set.Article): the HTML a
// view of the saved page has there, its table of contents and the
// stylesheets it needs. The route checks the CSRF token and the edit
// right; the body is bounded as the edit form's.
func (s *Server) apiPreview(w http.ResponseWriter, r *http.Request, m router.Match) error {
	var req apiPreviewRequest
	if err := s.readJSON(w, r, int64(s.Config.MaxPageBytes)+64<<10, &req); err != nil {
		return err
	}
	if req.Text == nil {
		return errorf(http.StatusBadRequest, `the body needs a "text"`)
	}
	title, err := router.NormalizeTitle(req.Title)
	if err != nil {
		return errorf(http.StatusBadRequest, "the title %q is not valid: %v", req.Title, err)
	}
	pi, err := s.Saver.Preview(r.Context(), title, strings.ReplaceAll(*req.Text, "\r\n", "\n"))
	if err != nil {
		return err
	}
	set, err := s.skins()
	if err != nil {
		return err
	}
	u := userOf(r)
	watched := u.Watched.Has(title)
	if req.Watch != nil {
		watched = *req.Watch
	}
	a, err := set.Article(pi, u, s.site, s.skinName(set, r, m, u), watched)
	if err != nil {
		return err
	}
	return writeJSON(w, r, http.StatusOK, map[string]any{"title": title, "html": a.HTML, "toc": a.TOC, "stylesheets": nonNil(a.Stylesheets)})
}
