package server

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// notificationsPerPage is how many notifications one page lists (the
// route's limit).
const notificationsPerPage = 50

type notificationRow struct {
	ID                                  int64
	Text                                template.HTML // who did what to which page, linked
	Time, DiffURL, RevisionURL, Summary string
	Unread                              bool
}

// userNotifications lists (GET) the logged-in user's notifications newest
// first, a page at a time (before= the last id shown), as MediaWiki's
// Special:Notifications: who did what to which page, when (in the
// reader's time zone), with links to the page and the change, unread ones
// marked. POST marks read the id= ones, or all without, and comes back.
func (s *Server) userNotifications(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u := userOf(r)
	if u.Anonymous {
		return errorf(http.StatusForbidden, "you need to log in to see your notifications")
	}
	if r.Method == http.MethodPost {
		return s.markNotificationsRead(w, r, u)
	}
	ctx := r.Context()
	before := m.Params.Int("before")
	ns, err := s.Store.Notifications(ctx, u.ID, before, notificationsPerPage+1)
	if err != nil {
		return err
	}
	var next string
	if len(ns) > notificationsPerPage {
		ns = ns[:notificationsPerPage]
		next = s.Routes.Path("user.notifications") + "?" + url.Values{"before": {itoa(ns[len(ns)-1].ID)}}.Encode()
	}
	rows, loc, l, unread := make([]notificationRow, len(ns)), zoneOf(r), s.lang(r, m), false
	for i, n := range ns {
		rows[i] = notificationRow{Text: notificationText(l, n), ID: n.ID,
			Time: whenIn(l, loc, n.Created), RevisionURL: s.revisionURL(n.RevID), Summary: n.Summary, Unread: !n.Read}
		if rev, err := s.Store.RevisionByID(ctx, n.RevID); err == nil && rev.ParentID != 0 {
			rows[i].DiffURL = s.diffURL(rev.ParentID, rev.ID)
		}
		unread = unread || !n.Read
	}
	return s.view(w, r, m, http.StatusOK, l.T("notifications-title"), "notifications", map[string]any{
		"Rows": rows, "Next": next, "Newest": before > 0, "NewestURL": s.Routes.Path("user.notifications"),
		"Action": s.Routes.Path("user.notifications"), "CSRF": u.CSRF, "Unread": unread,
	})
}

// notificationKinds are the message keys of the kinds of notification:
// its agent, and the page, linked.
var notificationKinds = map[string]string{
	store.NotifyTalk: "notification-talk", store.NotifyMention: "notification-mention",
	store.NotifyCreated: "notification-created", store.NotifyWatched: "notification-watched",
}

// notificationText says in l what a notification is about: who did what
// to which page, the agent's user page and the page linked.
func notificationText(l *i18n.Lang, n store.Notification) template.HTML {
	agent := anchor(router.TitleURL(router.UserTitle(n.Agent)), n.Agent)
	text := router.DisplayTitle(n.Title)
	if n.Kind == store.NotifyTalk {
		text = l.T("notification-your-talk")
	}
	key, ok := notificationKinds[n.Kind]
	if !ok {
		key = "notification-other"
	}
	return l.HTML(key, "Agent", agent, "Title", anchor(router.TitleURL(n.Title), text))
}

// markNotificationsRead marks the id= notifications read, or all of them,
// rebuilds the user's UserInfo (the bell) and goes back to the list.
func (s *Server) markNotificationsRead(w http.ResponseWriter, r *http.Request, u *userinfo.UserInfo) error {
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			return errorf(http.StatusBadRequest, "bad notification id %q", v)
		}
		ids = append(ids, id)
	}
	ctx := r.Context()
	if _, err := s.Store.MarkNotificationsRead(ctx, u.ID, "", ids); err != nil {
		return err
	}
	if err := s.Users.Refresh(ctx, u.ID); err != nil {
		s.Log.Warn("refreshing a user after marking notifications read failed", "user", u.Name, "err", err)
	}
	http.Redirect(w, r, s.Routes.Path("user.notifications"), http.StatusSeeOther)
	return nil
}
