// Package notifications is an example extension: a logged-in user's
// UserInfo carries how many times others changed their user page (User:Name)
// in the last week — MediaWiki's "you have new messages" — computed when the
// UserInfo is built (at login, or after the account changed), never on a
// page view.
package notifications

import (
	"context"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// ID is the hook id, and the key of Info in UserInfo.Ext.
const ID = "notifications.info"

// Window is how far back changes count.
const Window = 7 * 24 * time.Hour

// Info is what the extension stores in UserInfo.Ext.
type Info struct {
	Count int    `json:"count"`
	URL   string `json:"url"` // where to read them: the user page's history
}

func init() {
	hooks.RegisterExtension(hooks.Extension{ID: "notifications", Doc: "count of others' changes to your user page (UserInfo hook; a nav item in the skin)"})
	userinfo.InfoHook.Register(ID, 100, info)
	registerSkinData()
}

// maxScan bounds how many recent changes one build reads.
const maxScan = 500

func info(ctx context.Context, ro userinfo.ReadOnly, u userinfo.UserInfo) (any, error) {
	page := router.UserTitle(u.Name)
	changes, err := ro.Recent(ctx, store.RecentQuery{Limit: maxScan, Namespace: router.UserNamespace})
	if err != nil {
		return nil, err
	}
	since := time.Now().Add(-Window)
	n := 0
	for _, c := range changes {
		if c.Timestamp.Before(since) {
			break
		}
		if c.Title == page && c.UserName != u.Name {
			n++
		}
	}
	return Info{Count: n, URL: router.Default().Path("page.history", "title", page)}, nil
}
