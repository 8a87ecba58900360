package notifications_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/extensions/notifications"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// TestCountAndNavItem: others' changes to Alice's user page show as a
// count in her UserInfo and a nav item in the skin data; her own do not.
func TestCountAndNavItem(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, err := userinfo.New(st, userinfo.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	acct, err := m.CreateUser(ctx, "Alice", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	var base int64
	for _, who := range []string{"Bob", "Alice", "Carol"} {
		res, err := st.SaveRevision(ctx, store.SaveRequest{Title: "User:Alice", Text: "hi from " + who, BaseRevID: base, UserName: who})
		if err != nil {
			t.Fatal(err)
		}
		base = res.Revision.ID
	}
	id, err := m.OpenSession(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(m.SessionCookie(req, id))
	u, err := m.FromRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	if string(u.Ext[notifications.ID]) != `{"count":2,"url":"/-/history/User:Alice"}` {
		t.Fatalf("Ext = %s", u.Ext[notifications.ID])
	}
	var d skin.UserKeys
	for _, f := range skin.UserDataHook.All() {
		d = f(d, u.Ext)
	}
	if d.NotificationCount != 2 || d.LinkNotifications != "/-/history/User:Alice" {
		t.Fatalf("notification keys = %d, %q", d.NotificationCount, d.LinkNotifications)
	}
}
