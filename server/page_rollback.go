package server

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// pageRollback reverts the latest edits of one user to a page, all those
// since the last revision by someone else, in one save, as MediaWiki's
// action=rollback. GET asks (from= the user); POST (from, csrf) does it.
// The edits to revert are named by their author, from, which the link
// carried: when the latest edit is by someone else now, nothing is done
// (someone edited or rolled back meanwhile). A page whose every revision is
// by from cannot be rolled back.
func (s *Server) pageRollback(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	from := m.Params.Get("from")
	if f := strings.TrimSpace(r.PostForm.Get("from")); r.Method == http.MethodPost && f != "" {
		from = f // the form's field, else the link's query
	}
	if from == "" {
		return errorMsg(http.StatusBadRequest, "rollback-no-user")
	}
	if !u.Can(router.RightEdit) {
		return forbidden(u, router.RightEdit)
	}
	if err := s.checkProtection(ctx, title, u, protectEdit); err != nil {
		return err
	}
	cur, err := s.Store.LatestRevision(ctx, title)
	if err != nil {
		return err
	}
	if cur.UserName != from {
		return errorMsg(http.StatusConflict, "rollback-changed", "User", from, "Title", router.DisplayTitle(title), "Current", cur.UserName)
	}
	target, err := s.rollbackTarget(ctx, cur)
	if err != nil {
		return err
	}
	if r.Method != http.MethodPost {
		return s.view(w, r, m, http.StatusOK, s.lang(r, m).T("rollback-title", "Title", router.DisplayTitle(title)), "rollback", map[string]any{
			"Action": s.Routes.Path("page.rollback", "title", title), "CSRF": s.Users.CSRFToken(w, r, u),
			"From": from, "To": target.UserName, "DiffURL": s.diffURL(target.ID, cur.ID),
		})
	}
	edit := pageinfo.Edit{Title: title, Text: target.Text, BaseRevID: cur.ID, UserID: u.ID, UserName: editorName(r, u), Minor: true,
		Summary: "Reverted edits by " + from + " (talk) to last revision by " + target.UserName}
	if _, err := s.Saver.Save(ctx, edit); err != nil {
		var ce *store.ConflictError
		if errors.As(err, &ce) {
			return errorMsg(http.StatusConflict, "rollback-edited", "Title", router.DisplayTitle(title))
		}
		return err
	}
	http.Redirect(w, r, router.TitleURL(title), http.StatusSeeOther)
	return nil
}

// rollbackTarget returns the latest revision of cur's page by someone other
// than cur's author: the text a rollback restores. It looks at the nextScan
// latest revisions at most.
func (s *Server) rollbackTarget(ctx context.Context, cur store.Revision) (store.Revision, error) {
	const chunk = 100
	for before, seen := int64(0), 0; seen < nextScan; {
		revs, err := s.Store.History(ctx, cur.PageID, before, chunk)
		if err != nil {
			return store.Revision{}, err
		}
		for _, rev := range revs {
			if rev.UserName != cur.UserName {
				return rev, nil
			}
		}
		if len(revs) < chunk {
			return store.Revision{}, errorMsg(http.StatusConflict, "rollback-only-author", "User", cur.UserName)
		}
		seen += len(revs)
		before = revs[len(revs)-1].ID
	}
	return store.Revision{}, errorMsg(http.StatusConflict, "rollback-too-many", "Count", nextScan, "User", cur.UserName)
}
