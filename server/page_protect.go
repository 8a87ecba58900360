package server

import (
	"net/http"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

type level struct{ Value, Label string }

// protectionLevels are the levels offered, their labels message keys.
var protectionLevels = []level{{"", "protect-level-all"}, {userinfo.GroupUser, "protect-level-user"}, {userinfo.GroupSysop, "protect-level-sysop"}}

// protectionLevelsIn are protectionLevels labelled in l.
func protectionLevelsIn(l *i18n.Lang) []level {
	out := make([]level, len(protectionLevels))
	for i, lv := range protectionLevels {
		out[i] = level{lv.Value, l.T(lv.Label)}
	}
	return out
}

// pageProtect shows (GET) and sets (POST: edit, move, expiry, reason, csrf)
// who may edit and move a page. Both levels empty unprotects it.
func (s *Server) pageProtect(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	cur, err := s.Store.ProtectionOf(ctx, title, time.Now())
	if err != nil {
		return err
	}
	if r.Method != http.MethodPost {
		l := s.lang(r, m)
		return s.view(w, r, m, http.StatusOK, l.T("protect-title", "Title", router.DisplayTitle(title)), "protect", map[string]any{
			"Action": s.Routes.Path("page.protect", "title", title), "CSRF": s.Users.CSRFToken(w, r, u),
			"Levels": protectionLevelsIn(l), "Edit": cur.Edit, "Move": cur.Move,
		})
	}
	p := store.Protection{Title: title, Edit: r.PostForm.Get("edit"), Move: r.PostForm.Get("move"),
		Reason: r.PostForm.Get("reason"), UserID: u.ID, UserName: u.Name}
	for _, l := range []string{p.Edit, p.Move} {
		if l != "" && l != userinfo.GroupUser && l != userinfo.GroupSysop {
			return errorMsg(http.StatusBadRequest, "protect-bad-level", "Level", l)
		}
	}
	if e := r.PostForm.Get("expiry"); e != "" && e != "never" {
		d, err := time.ParseDuration(e)
		if err != nil || d <= 0 {
			return errorMsg(http.StatusBadRequest, "protect-bad-expiry", "Expiry", e)
		}
		p.Expires = time.Now().Add(d)
	}
	if err := s.Store.SetProtection(ctx, p); err != nil {
		return err
	}
	http.Redirect(w, r, router.TitleURL(title), http.StatusSeeOther)
	return nil
}
