package server

import (
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
)

// pageDelete shows the delete form (GET) and deletes the page (POST: reason,
// base, csrf). With undelete=1 it restores a deleted page instead; both
// need the delete right, as sysops have.
func (s *Server) pageDelete(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	action := s.Routes.Path("page.delete", "title", title)
	p, err := s.Store.PageByTitle(ctx, title)
	undelete := err != nil // no live page: the form restores the deleted one
	if r.Method != http.MethodPost {
		heading := s.lang(r, m).T("delete-title", "Title", router.DisplayTitle(title))
		if undelete {
			heading = s.lang(r, m).T("undelete-title", "Title", router.DisplayTitle(title))
		}
		return s.view(w, r, m, http.StatusOK, heading, "delete", map[string]any{
			"Action": action, "CSRF": s.Users.CSRFToken(w, r, u), "Base": p.LatestRev, "Undelete": undelete,
		})
	}
	act := pageinfo.Action{Reason: r.PostForm.Get("reason"), UserID: u.ID, UserName: editorName(r, u)}
	if r.PostForm.Get("undelete") != "" {
		if _, err := s.Saver.Undelete(ctx, title, act); err != nil {
			return err
		}
	} else {
		if act.BaseRevID, err = formInt(r, "base"); err != nil {
			return err
		}
		if _, err := s.Saver.Delete(ctx, title, act); err != nil {
			return err
		}
	}
	http.Redirect(w, r, router.TitleURL(title), http.StatusSeeOther)
	return nil
}

// formInt reads a non-negative integer form field; absent is 0.
func formInt(r *http.Request, name string) (int64, error) {
	v := r.PostForm.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, errorMsg(http.StatusBadRequest, "form-not-a-number", "Field", name)
	}
	return n, nil
}
