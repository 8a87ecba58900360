package userinfo_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// countingStore counts the store reads a UserInfo is built from.
type countingStore struct {
	*sqlite.Store
	reads atomic.Int64
}

func (c *countingStore) SessionByHash(ctx context.Context, h string) (store.Session, error) {
	c.reads.Add(1)
	return c.Store.SessionByHash(ctx, h)
}
func (c *countingStore) UserByID(ctx context.Context, id int64) (store.User, error) {
	c.reads.Add(1)
	return c.Store.UserByID(ctx, id)
}
func (c *countingStore) WatchedTitles(ctx context.Context, id int64, after string, limit int) ([]store.WatchEntry, error) {
	c.reads.Add(1)
	return c.Store.WatchedTitles(ctx, id, after, limit)
}
func (c *countingStore) NotificationCounts(ctx context.Context, id int64) (store.NotificationCounts, error) {
	c.reads.Add(1)
	return c.Store.NotificationCounts(ctx, id)
}

// watchFixture is a Manager on a counting store, with Alice logged in
// twice (two sessions) and Bob, who edits.
type watchFixture struct {
	st         *countingStore
	m          *userinfo.Manager
	clk        *clock
	alice, bob store.User
	sessions   []string
}

func newWatchFixture(t *testing.T) *watchFixture {
	t.Helper()
	ctx := context.Background()
	sq, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sq.Close() })
	f := &watchFixture{st: &countingStore{Store: sq}, clk: &clock{now: time.Now()}}
	if f.m, err = userinfo.New(f.st, userinfo.Config{Now: f.clk.Now}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.m.Close)
	if f.alice, err = f.m.CreateUser(ctx, "Alice", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	if f.bob, err = f.m.CreateUser(ctx, "Bob", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		id, _, err := f.m.Login(ctx, userinfo.Credentials{Name: "Alice", Password: "correct horse battery", Addr: "x"})
		if err != nil {
			t.Fatal(err)
		}
		f.sessions = append(f.sessions, id)
	}
	return f
}

// user returns the UserInfo of session i and the store reads it took.
func (f *watchFixture) user(t *testing.T, i int) (*userinfo.UserInfo, int64) {
	t.Helper()
	f.st.reads.Store(0)
	u, err := f.m.FromRequest(request(f.m, f.sessions[i]))
	if err != nil || u.Anonymous {
		t.Fatalf("FromRequest = %v, %v", u, err)
	}
	return u, f.st.reads.Load()
}

// TestWatchSetsAndRefresh: the UserInfo carries the watched titles, the
// unseen ones and the notification counts, and Refresh rebuilds every
// cached session of the user at once, so their next request reads nothing.
func TestWatchSetsAndRefresh(t *testing.T) {
	ctx := context.Background()
	f := newWatchFixture(t)
	until := f.clk.Now().Add(time.Hour).Truncate(time.Second)
	if err := f.st.Watch(ctx, f.alice.ID, []string{"Page", "Talk:Page"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Watch(ctx, f.alice.ID, []string{"Later"}, until); err != nil {
		t.Fatal(err)
	}
	before, _ := f.user(t, 0)
	if err := f.m.Refresh(ctx, f.alice.ID); err != nil {
		t.Fatal(err)
	}
	for i := range f.sessions {
		u, reads := f.user(t, i)
		if reads != 0 {
			t.Errorf("session %d: the first request after Refresh made %d store reads, want 0", i, reads)
		}
		if !u.Watched.Has("Page") || !u.Watched.Has("Talk:Page") || !u.Watched.Has("Later") || u.Watched.Has("Other") {
			t.Errorf("session %d: Watched = %v", i, u.Watched)
		}
		if !u.WatchedUntil.Equal(until) {
			t.Errorf("session %d: WatchedUntil = %v, want %v", i, u.WatchedUntil, until)
		}
		if u.CSRF == "" || u.CSRF == before.CSRF && i == 1 {
			t.Errorf("session %d: CSRF token %q not the session's own", i, u.CSRF)
		}
	}
	if u, _ := f.user(t, 0); u.CSRF != before.CSRF {
		t.Error("Refresh changed the session's CSRF token")
	}

	// Bob edits Page and Alice's talk page: Page is unseen, and she has
	// new messages.
	for _, title := range []string{"Page", "User_talk:Alice"} {
		req := store.SaveRequest{Title: title, Text: "Hello", UserID: f.bob.ID, UserName: "Bob"}
		if title == "User_talk:Alice" {
			req.Notify = []store.Notification{{UserID: f.alice.ID, Kind: store.NotifyTalk}}
		}
		res, err := f.st.SaveRevision(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.m.Refresh(ctx, res.Notified...); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.m.Refresh(ctx, f.alice.ID); err != nil {
		t.Fatal(err)
	}
	u, reads := f.user(t, 1)
	if reads != 0 {
		t.Errorf("after Refresh: %d store reads, want 0", reads)
	}
	if !u.Unseen.Has("Page") || u.Unseen.Has("Talk:Page") {
		t.Errorf("Unseen = %v, want Page only", u.Unseen)
	}
	if u.Notifications.Unread != 1 || !u.Notifications.NewMessages {
		t.Errorf("Notifications = %+v, want 1 unread, new messages", u.Notifications)
	}
}

// TestWatchExpiryRebuilds: a cached UserInfo is built again once the
// earliest expiry of its watchlist has passed.
func TestWatchExpiryRebuilds(t *testing.T) {
	ctx := context.Background()
	f := newWatchFixture(t)
	if err := f.st.Watch(ctx, f.alice.ID, []string{"Soon"}, f.clk.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := f.m.Refresh(ctx, f.alice.ID); err != nil {
		t.Fatal(err)
	}
	if _, reads := f.user(t, 0); reads != 0 {
		t.Fatalf("warm request: %d reads", reads)
	}
	f.clk.add(30 * time.Minute)
	if _, reads := f.user(t, 0); reads != 0 {
		t.Fatalf("before the expiry: %d reads", reads)
	}
	f.clk.add(31 * time.Minute)
	u, reads := f.user(t, 0)
	if reads == 0 {
		t.Fatal("after the expiry, the UserInfo was not built again")
	}
	if u.Watched.Has("Soon") || !u.WatchedUntil.IsZero() {
		t.Fatalf("after the expiry: watches Soon %v, WatchedUntil %v", u.Watched.Has("Soon"), u.WatchedUntil)
	}
	if _, reads := f.user(t, 0); reads != 0 {
		t.Fatalf("the request after the rebuild made %d reads, want 0", reads)
	}
}

// TestRefreshWithoutSessions reads nothing for users not cached here.
func TestRefreshWithoutSessions(t *testing.T) {
	f := newWatchFixture(t)
	f.st.reads.Store(0)
	if err := f.m.Refresh(context.Background(), f.bob.ID, 12345); err != nil {
		t.Fatal(err)
	}
	if n := f.st.reads.Load(); n != 0 {
		t.Fatalf("Refresh of users without cached sessions made %d reads", n)
	}
}
