package server

import (
	"net/http"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// seen settles what a logged-in reader's view of title answers, as
// MediaWiki does: a watched page changed since they last saw it is seen
// now (its watchlist mark goes), and viewing their own talk page reads its
// "new messages". Both are known from the UserInfo, so any other view
// writes and reads nothing. It returns the UserInfo the view shows: the
// rebuilt one when something changed (the bar is gone on the talk page
// itself). A failure is logged and the view goes on.
func (s *Server) seen(r *http.Request, titles ...string) *userinfo.UserInfo {
	u := userOf(r)
	if u == nil || u.Anonymous || u.Session.Token {
		return u
	}
	var unseen []string
	for _, t := range titles {
		if u.Unseen.Has(t) {
			unseen = append(unseen, t)
		}
	}
	talk := false
	if u.Notifications.NewMessages {
		own, _ := router.TalkTitle(router.UserTitle(u.Name))
		for _, t := range titles {
			talk = talk || t == own
		}
	}
	if len(unseen) == 0 && !talk {
		return u
	}
	ctx := r.Context()
	if len(unseen) > 0 {
		if _, err := s.Store.MarkSeen(ctx, u.ID, unseen); err != nil {
			s.Log.Warn("marking a watched page seen failed", "user", u.Name, "err", err)
			return u
		}
	}
	if talk {
		if _, err := s.Store.MarkNotificationsRead(ctx, u.ID, store.NotifyTalk, nil); err != nil {
			s.Log.Warn("marking talk page notifications read failed", "user", u.Name, "err", err)
			return u
		}
	}
	if err := s.Users.Refresh(ctx, u.ID); err != nil {
		s.Log.Warn("refreshing a reader after a view failed", "user", u.Name, "err", err)
	}
	if v, err := s.Users.FromRequest(r); err == nil && !v.Anonymous {
		return v
	}
	return u
}
