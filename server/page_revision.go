package server

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// pageRevision shows one revision as it was, with a way to restore it for
// users who may edit.
func (s *Server) pageRevision(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, u := r.Context(), userOf(r)
	rev, err := s.visibleRevision(r, m.Params.Int("id"))
	if err != nil {
		return err
	}
	pi, err := s.Pages.Revision(ctx, rev.ID)
	if err != nil {
		return err
	}
	cur, err := s.Store.LatestRevision(ctx, rev.Title)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	d := map[string]any{
		"ID": rev.ID, "Title": router.DisplayTitle(rev.Title), "ViewURL": router.TitleURL(rev.Title),
		"Time": whenIn(s.lang(r, m), zoneOf(r), rev.Timestamp), "User": rev.UserName, "Summary": rev.Summary, "Body": template.HTML(pi.HTML),
		"EditAction": s.Routes.Path("page.edit", "title", rev.Title), "Base": cur.ID, "Text": rev.Text,
		"CanRevert": cur.ID != 0 && cur.ID != rev.ID && u.Can(router.RightEdit),
	}
	if d["CanRevert"] == true {
		d["CSRF"] = s.Users.CSRFToken(w, r, u)
	}
	if rev.ParentID != 0 {
		d["PrevURL"] = s.revisionURL(rev.ParentID)
	}
	if cur.ID != 0 && cur.ID != rev.ID {
		d["DiffURL"] = s.diffURL(rev.ID, cur.ID)
	}
	return s.view(w, r, m, http.StatusOK, s.lang(r, m).T("revision-title", "Title", router.DisplayTitle(rev.Title), "ID", rev.ID), "revision", d)
}
