package server

import (
	"context"
	"net/http"
	"time"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// checkMoveTarget refuses a move onto a protected title: moving makes a
// page there, so the target's edit (create) protection applies as to a new
// page, and its move protection too (MediaWiki's "move-target" check; as
// there, the move right suffices without the create right).
func (s *Server) checkMoveTarget(ctx context.Context, to string, u *userinfo.UserInfo) error {
	p, err := s.Store.ProtectionOf(ctx, to, time.Now())
	if err != nil {
		return err
	}
	for _, level := range []string{p.Edit, p.Move} {
		if level != "" && !u.InGroup(level) {
			return errorMsg(http.StatusForbidden, "protected-create-move", "Title", router.DisplayTitle(to), "Group", level)
		}
	}
	return nil
}

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
		return s.view(w, r, m, http.StatusOK, s.lang(r, m).T("move-title", "Title", router.DisplayTitle(title)), "move", map[string]any{
			"Action": s.Routes.Path("page.move", "title", title), "CSRF": s.Users.CSRFToken(w, r, u), "Base": p.LatestRev,
			"To": router.DisplayTitle(title),
		})
	}
	base, err := formInt(r, "base")
	if err != nil {
		return err
	}
	to, err := router.NormalizeTitle(r.PostForm.Get("to"))
	if err != nil {
		return err
	}
	if err := s.checkMoveTarget(ctx, to, u); err != nil {
		return err
	}
	res, err := s.Saver.Move(ctx, title, to, r.PostForm.Get("redirect") != "",
		pageinfo.Action{BaseRevID: base, Reason: r.PostForm.Get("reason"), UserID: u.ID, UserName: editorName(r, u),
			Watch: !u.Anonymous && u.Preferences.WatchesEdits()})
	if err != nil {
		return err
	}
	http.Redirect(w, r, router.TitleURL(res.Page.Title), http.StatusSeeOther)
	return nil
}
