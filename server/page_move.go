package server

import (
	"net/http"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
)

// pageMove shows the move form (GET) and renames the page (POST: to,
// redirect, reason, base, csrf), leaving a redirect when asked.
func (s *Server) pageMove(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	p, err := s.Store.PageByTitle(ctx, title)
	if err != nil {
		return err
	}
	if err := s.checkProtection(ctx, title, u, protectMove); err != nil {
		return err
	}
	if r.Method != http.MethodPost {
		return s.view(w, r, m, http.StatusOK, "Move "+router.DisplayTitle(title), "move", map[string]any{
			"Action": "/-/move/" + router.EscapeTitle(title), "CSRF": s.Users.CSRFToken(w, r, u), "Base": p.LatestRev,
			"To": router.DisplayTitle(title),
		})
	}
	base, err := formInt(r, "base")
	if err != nil {
		return err
	}
	res, err := s.Saver.Move(ctx, title, r.PostForm.Get("to"), r.PostForm.Get("redirect") != "",
		pageinfo.Action{BaseRevID: base, Reason: r.PostForm.Get("reason"), UserID: u.ID, UserName: editorName(r, u)})
	if err != nil {
		return err
	}
	http.Redirect(w, r, router.TitleURL(res.Page.Title), http.StatusSeeOther)
	return nil
}
