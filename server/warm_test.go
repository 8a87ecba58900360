package server_test

import (
	"context"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// counting counts every store call a request could make for its user or
// its page.
type counting struct {
	store.Store
	calls atomic.Int64
}

func (c *counting) SessionByHash(ctx context.Context, h string) (store.Session, error) {
	c.calls.Add(1)
	return c.Store.SessionByHash(ctx, h)
}
func (c *counting) TouchSession(ctx context.Context, h string, at time.Time) error {
	c.calls.Add(1)
	return c.Store.TouchSession(ctx, h, at)
}
func (c *counting) UserByID(ctx context.Context, id int64) (store.User, error) {
	c.calls.Add(1)
	return c.Store.UserByID(ctx, id)
}
func (c *counting) UserGroups(ctx context.Context, id int64) ([]string, error) {
	c.calls.Add(1)
	return c.Store.UserGroups(ctx, id)
}
func (c *counting) UserState(ctx context.Context, id int64, now time.Time) (store.UserState, error) {
	c.calls.Add(1)
	return c.Store.UserState(ctx, id, now)
}
func (c *counting) PageByTitle(ctx context.Context, t string) (store.Page, error) {
	c.calls.Add(1)
	return c.Store.PageByTitle(ctx, t)
}
func (c *counting) RevisionByID(ctx context.Context, id int64) (store.Revision, error) {
	c.calls.Add(1)
	return c.Store.RevisionByID(ctx, id)
}
func (c *counting) LatestRevision(ctx context.Context, t string) (store.Revision, error) {
	c.calls.Add(1)
	return c.Store.LatestRevision(ctx, t)
}
func (c *counting) GetParse(ctx context.Context, id int64, v string) ([]byte, error) {
	c.calls.Add(1)
	return c.Store.GetParse(ctx, id, v)
}

func (c *counting) WatchedTitles(ctx context.Context, id int64, after string, limit int) ([]store.WatchEntry, error) {
	c.calls.Add(1)
	return c.Store.WatchedTitles(ctx, id, after, limit)
}
func (c *counting) NotificationCounts(ctx context.Context, id int64) (store.NotificationCounts, error) {
	c.calls.Add(1)
	return c.Store.NotificationCounts(ctx, id)
}
func (c *counting) MarkSeen(ctx context.Context, id int64, titles []string) (int, error) {
	c.calls.Add(1)
	return c.Store.MarkSeen(ctx, id, titles)
}
func (c *counting) MarkNotificationsRead(ctx context.Context, id int64, kind string, ids []int64) (int, error) {
	c.calls.Add(1)
	return c.Store.MarkNotificationsRead(ctx, id, kind, ids)
}

// TestWarmViewsQueryNothing: once caches are warm, a page view makes no
// store call, for an anonymous reader and for a logged-in one alike.
func TestWarmViewsQueryNothing(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := &counting{Store: st}
	srv := newServerOn(t, cs, config.Default())
	createUser(t, srv, "Alice")
	anon, alice := newClient(t, srv), newClient(t, srv)
	alice.mustLogin("Alice")
	for _, c := range []*client{anon, alice} {
		c.do("GET", "/wiki/Main_Page", nil) // warm
	}
	for name, c := range map[string]*client{"anonymous": anon, "logged in": alice} {
		cs.calls.Store(0)
		for range 3 {
			if rec := c.do("GET", "/wiki/Main_Page", nil); rec.Code != http.StatusOK {
				t.Fatalf("%s view = %d", name, rec.Code)
			}
		}
		if n := cs.calls.Load(); n != 0 {
			t.Errorf("%s: 3 warm views made %d store calls, want 0", name, n)
		}
	}
	// The logged-in view really is the user's: it is private.
	if cc := alice.do("GET", "/wiki/Main_Page", nil).Header().Get("Cache-Control"); cc != "private, no-cache" {
		t.Fatalf("logged-in Cache-Control = %q", cc)
	}
}
