package server

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/internal/diff"
	"github.com/foliowiki/folio/router"
)

// pageDiff shows the changes from revision a to revision b, line by line
// with the changed words marked.
func (s *Server) pageDiff(w http.ResponseWriter, r *http.Request, m router.Match) error {
	a, err := s.visibleRevision(r, m.Params.Int("a"))
	if err != nil {
		return err
	}
	b, err := s.visibleRevision(r, m.Params.Int("b"))
	if err != nil {
		return err
	}
	lines := diff.Lines(a.Text, b.Text)
	added, removed := diff.Stats(lines)
	title := router.DisplayTitle(b.Title)
	if a.Title != b.Title {
		title = router.DisplayTitle(a.Title) + " → " + title
	}
	return s.view(w, r, m, http.StatusOK, "Changes to "+title, "diff", map[string]any{
		"Old": a.ID, "OldURL": s.revisionURL(a.ID), "OldTime": when(a.Timestamp), "OldUser": a.UserName,
		"New": b.ID, "NewURL": s.revisionURL(b.ID), "NewTime": when(b.Timestamp), "NewUser": b.UserName,
		"Added": added, "Removed": removed, "Same": a.Text == b.Text,
		"Table": template.HTML(diff.HTML(diff.Hunks(lines, 3))),
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
