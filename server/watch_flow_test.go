package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// userInfo returns the UserInfo the client's session has now.
func (c *client) userInfo(srv *server.Server) *userinfo.UserInfo {
	c.t.Helper()
	req := httptest.NewRequest("GET", "/wiki/Main_Page", nil)
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	u, err := srv.Users.FromRequest(req)
	if err != nil || u.Anonymous {
		c.t.Fatalf("FromRequest = %v, %v", u, err)
	}
	return u
}

// edit saves text on title through the edit form, with its watch fields
// when watch is not nil.
func (c *client) edit(title, text string, watch url.Values) {
	c.t.Helper()
	page := "/-/edit/" + title
	rec := c.do("GET", page, nil)
	body := rec.Body.String()
	token := csrfField.FindStringSubmatch(body)
	base := baseField.FindStringSubmatch(body)
	if token == nil || base == nil {
		c.t.Fatalf("GET %s (%d): no form\n%s", page, rec.Code, body)
	}
	form := url.Values{"csrf": {token[1]}, "base": {base[1]}, "text": {text}, "summary": {"test"}}
	for k, v := range watch {
		form[k] = v
	}
	if rec := c.do("POST", page, form); rec.Code != http.StatusSeeOther {
		c.t.Fatalf("POST %s = %d\n%s", page, rec.Code, rec.Body.String())
	}
}

// TestWatchFlow is issue 23's "done when": A watches P; B edits P; A's
// watchlist lists the edit, unseen until A views P; B writes on A's talk
// page; A's next (warm) view knows of the new messages with no store
// read, and viewing the talk page clears them, on that view and after.
// Then a mention and an edit of a page A created show on
// /-/notifications, and marking them read clears the count.
func TestWatchFlow(t *testing.T) {
	ctx := context.Background()
	sq, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	cs := &counting{Store: sq}
	srv := newServerOn(t, cs, config.Default())
	ua := createUser(t, srv, "Ann")
	createUser(t, srv, "Ben")
	a, b := newClient(t, srv), newClient(t, srv)
	a.mustLogin("Ann")
	b.mustLogin("Ben")

	// A watches P (and its talk page).
	if err := sq.Watch(ctx, ua.ID, []string{"P", "Talk:P"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Users.Refresh(ctx, ua.ID); err != nil {
		t.Fatal(err)
	}
	if u := a.userInfo(srv); !u.Watched.Has("P") || u.Unseen.Has("P") {
		t.Fatalf("after watching: Watched has P %v, Unseen has P %v", u.Watched.Has("P"), u.Unseen.Has("P"))
	}

	// B creates P: A's watchlist lists it, unseen.
	b.edit("P", "Hello from Ben.", nil)
	changes, err := sq.WatchlistChanges(ctx, store.WatchlistQuery{UserID: ua.ID, Since: time.Now().Add(-time.Hour), Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].Title != "P" || changes[0].UserName != "Ben" {
		t.Fatalf("A's watchlist = %+v, want Ben's edit of P", changes)
	}
	if !notified(t, sq, ua.ID, "P") || !a.userInfo(srv).Unseen.Has("P") {
		t.Fatal("B's edit of P is not unseen for A")
	}
	// A views P: seen.
	if rec := a.do("GET", "/wiki/P", nil); rec.Code != http.StatusOK {
		t.Fatalf("view P = %d", rec.Code)
	}
	if notified(t, sq, ua.ID, "P") || a.userInfo(srv).Unseen.Has("P") {
		t.Fatal("A viewed P, and it is still unseen")
	}

	// B writes on A's talk page; A's next warm view reads nothing and
	// knows of the new messages.
	a.do("GET", "/wiki/Main_Page", nil) // warm
	b.edit("User_talk:Ann", "Hi Ann.", nil)
	cs.calls.Store(0)
	if rec := a.do("GET", "/wiki/Main_Page", nil); rec.Code != http.StatusOK {
		t.Fatalf("view = %d", rec.Code)
	}
	if n := cs.calls.Load(); n != 0 {
		t.Errorf("A's warm view after B's message made %d store calls, want 0", n)
	}
	if u := a.userInfo(srv); !u.Notifications.NewMessages || u.Notifications.Unread != 1 {
		t.Fatalf("A's notifications = %+v, want new messages", u.Notifications)
	}
	// (The "You have new messages" bar, class usermessage, is the skin's:
	// its HTML is asserted once the skin's markup is merged.)

	// A views their talk page: the notice is gone there and after.
	if rec := a.do("GET", "/wiki/User_talk:Ann", nil); rec.Code != http.StatusOK {
		t.Fatalf("view of the talk page = %d", rec.Code)
	}
	if u := a.userInfo(srv); u.Notifications.NewMessages || u.Notifications.Unread != 0 {
		t.Fatalf("after viewing the talk page: %+v", u.Notifications)
	}
	cs.calls.Store(0)
	a.do("GET", "/wiki/Main_Page", nil)
	if n := cs.calls.Load(); n != 0 {
		t.Errorf("A's warm view after reading the talk page made %d store calls, want 0", n)
	}

	// A mention, and an edit of a page A created.
	a.edit("Q", "Ann's page.", url.Values{"watchform": {"1"}}) // unchecked: A does not watch Q
	if a.userInfo(srv).Watched.Has("Q") {
		t.Fatal("A unchecked 'Watch this page' and watches Q")
	}
	b.edit("Q", "Ann's page, edited by Ben.", nil)
	b.edit("Talk:Q", "Asking [[User:Ann]].", nil)
	rec := a.do("GET", "/-/notifications", nil)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "mentioned you on") || !strings.Contains(body, "edited a page you created") ||
		!strings.Contains(body, `your talk page</a>`) || strings.Count(body, "notification-unread") != 2 {
		t.Fatalf("notifications page = %d\n%s", rec.Code, body)
	}
	if u := a.userInfo(srv); u.Notifications.Unread != 2 || u.Notifications.NewMessages {
		t.Fatalf("A's notifications = %+v, want 2 unread", u.Notifications)
	}
	token := csrfField.FindStringSubmatch(body)[1]
	if rec := a.do("POST", "/-/notifications", url.Values{"csrf": {token}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("mark all read = %d", rec.Code)
	}
	if u := a.userInfo(srv); u.Notifications.Unread != 0 {
		t.Fatalf("after marking all read: %+v", u.Notifications)
	}
	if body := a.do("GET", "/-/notifications", nil).Body.String(); strings.Contains(body, "notification-unread") {
		t.Fatal("read notifications still marked unread")
	}
	// B watches what B edits (the default preference).
	if u := b.userInfo(srv); !u.Watched.Has("Q") || !u.Watched.Has("Talk:Q") {
		t.Fatal("B's edits did not put Q on B's watchlist")
	}
}

// TestNotificationsNeedLogin: anonymous readers are told to log in, bad
// ids are a 400.
func TestNotificationsNeedLogin(t *testing.T) {
	srv, _ := newServer(t)
	if rec := newClient(t, srv).do("GET", "/-/notifications", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("anonymous = %d", rec.Code)
	}
	createUser(t, srv, "Ann")
	a := newClient(t, srv)
	a.mustLogin("Ann")
	token := a.csrf("/-/preferences")
	if rec := a.do("POST", "/-/notifications", url.Values{"csrf": {token}, "id": {"x"}}); rec.Code != http.StatusBadRequest {
		t.Fatalf("bad id = %d", rec.Code)
	}
}

// TestEditFormWatch: the form's checkbox is checked by the preference,
// an unknown period is a 400, and a period watches for that long.
func TestEditFormWatch(t *testing.T) {
	srv, st := newServer(t)
	u := createUser(t, srv, "Ann")
	a := newClient(t, srv)
	a.mustLogin("Ann")
	if body := a.do("GET", "/-/edit/W", nil).Body.String(); !strings.Contains(body, `name="watch" value="1" checked`) {
		t.Fatalf("the form's Watch this page is not checked by default:\n%s", body)
	}
	token := a.csrf("/-/edit/W")
	rec := a.do("POST", "/-/edit/W", url.Values{"csrf": {token}, "base": {"0"}, "text": {"x"}, "watchform": {"1"}, "watch": {"1"}, "watchexpiry": {"forever and ever"}})
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("unknown period = %d", rec.Code)
	}
	a.edit("W", "x", url.Values{"watchform": {"1"}, "watch": {"1"}, "watchexpiry": {"1 week"}})
	es, err := st.WatchedTitles(context.Background(), u.ID, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Title != "Talk:W" && es[0].Title != "W" || es[0].Expires.IsZero() ||
		es[0].Expires.Sub(time.Now()) > 8*24*time.Hour {
		t.Fatalf("watchlist = %+v, want W and Talk:W for a week", es)
	}
	if ui := a.userInfo(srv); ui.WatchedUntil.IsZero() || !ui.Watched.Has("W") {
		t.Fatalf("UserInfo: WatchedUntil %v, watches W %v", ui.WatchedUntil, ui.Watched.Has("W"))
	}
}

// notified reports whether user's watchlist entry for title is unseen.
func notified(t *testing.T, st store.Store, user int64, title string) bool {
	t.Helper()
	es, err := st.WatchedTitles(context.Background(), user, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Title == title {
			return !e.Notified.IsZero()
		}
	}
	t.Fatalf("%s is not on the watchlist", title)
	return false
}

// TestAPIPutWatchesByPreference: an API save watches the page and its
// talk page for an editor whose preference says so, not for one whose
// preference says no.
func TestAPIPutWatchesByPreference(t *testing.T) {
	ctx := context.Background()
	srv, st := newServer(t)
	for _, c := range []struct {
		name, pref string
		want       int
	}{{"Ann", "", 2}, {"Ben", "0", 0}} {
		u := createUser(t, srv, c.name)
		if c.pref != "" {
			if err := srv.Users.SetPreferences(ctx, u.ID, userinfo.Preferences{WatchDefault: c.pref}); err != nil {
				t.Fatal(err)
			}
		}
		secret, err := srv.Users.CreateToken(ctx, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("PUT", "/api/v1/pages/By_"+c.name, strings.NewReader(`{"text":"hello"}`))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusCreated {
			t.Fatalf("%s: PUT = %d %s", c.name, rec.Code, rec.Body.String())
		}
		es, err := st.WatchedTitles(ctx, u.ID, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != c.want {
			t.Errorf("%s (preference %q) watches %+v, want %d entries", c.name, c.pref, es, c.want)
		}
	}
}

// TestMoveWatch: a page's watchers follow it when it moves, and the mover
// watches the new title (their preference), each seeing it at once.
func TestMoveWatch(t *testing.T) {
	ctx := context.Background()
	srv, st := newServer(t)
	ann := createUser(t, srv, "Ann")
	createUser(t, srv, "Sam", "sysop")
	a, s := newClient(t, srv), newClient(t, srv)
	a.mustLogin("Ann")
	s.mustLogin("Sam")
	a.edit("Old", "text", nil) // Ann watches what she creates
	if u := a.userInfo(srv); !u.Watched.Has("Old") || !u.Watched.Has("Talk:Old") {
		t.Fatal("Ann does not watch the page she created")
	}
	token := s.csrf("/-/move/Old")
	base := baseField.FindStringSubmatch(s.do("GET", "/-/move/Old", nil).Body.String())[1]
	if rec := s.do("POST", "/-/move/Old", url.Values{"csrf": {token}, "base": {base}, "to": {"New"}, "redirect": {"1"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("move = %d\n%s", rec.Code, rec.Body.String())
	}
	for name, c := range map[string]*client{"Ann": a, "Sam": s} {
		if u := c.userInfo(srv); !u.Watched.Has("New") || !u.Watched.Has("Talk:New") {
			t.Errorf("%s does not watch New and Talk:New after the move", name)
		}
	}
	if u := a.userInfo(srv); !u.Watched.Has("Old") {
		t.Error("Ann stopped watching the old title (the redirect)")
	}
	if es, err := st.WatchedTitles(ctx, ann.ID, "", 10); err != nil || len(es) != 4 {
		t.Fatalf("Ann's watchlist = %+v, %v", es, err)
	}
}

// TestNotificationsPaging: 50 a page, newest first, before= the next.
func TestNotificationsPaging(t *testing.T) {
	ctx := context.Background()
	srv, st := newServer(t)
	ann, ben := createUser(t, srv, "Ann"), createUser(t, srv, "Ben")
	var base int64
	for i := range 51 {
		res, err := st.SaveRevision(ctx, store.SaveRequest{Title: "User_talk:Ann", Text: "message " + strconv.Itoa(i), BaseRevID: base,
			UserID: ben.ID, UserName: "Ben", Notify: []store.Notification{{UserID: ann.ID, Kind: store.NotifyTalk}}})
		if err != nil {
			t.Fatal(err)
		}
		base = res.Revision.ID
	}
	a := newClient(t, srv)
	a.mustLogin("Ann")
	body := a.do("GET", "/-/notifications", nil).Body.String()
	if n := strings.Count(body, `class="notification `); n != 50 {
		t.Fatalf("first page lists %d notifications, want 50", n)
	}
	next := regexp.MustCompile(`href="(/-/notifications\?before=\d+)">Older notifications`).FindStringSubmatch(body)
	if next == nil {
		t.Fatalf("no link to older notifications:\n%s", body)
	}
	body = a.do("GET", strings.ReplaceAll(next[1], "&amp;", "&"), nil).Body.String()
	if n := strings.Count(body, `class="notification `); n != 1 || !strings.Contains(body, ">Newest</a>") {
		t.Fatalf("second page lists %d notifications\n%s", n, body)
	}
}
