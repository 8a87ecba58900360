package userinfo

import (
	"context"
	"encoding/json"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/store"
)

// InfoHook adds extension data to the UserInfo of a logged-in user, when
// the blob is built (at login, and after the account changed): never on a
// page view. The value returned is stored, JSON-encoded, in UserInfo.Ext
// under the hook's id. A failing hook is logged and skipped.
var InfoHook hooks.Point[InfoFilter]

// InfoFilter computes extension data for a user. It may read the store
// through ro and must not change u.
type InfoFilter func(ctx context.Context, ro ReadOnly, u UserInfo) (any, error)

// ReadOnly is the part of the store a UserInfo hook may read.
type ReadOnly interface {
	store.Users
	store.Groups
	store.RecentChanges
}

func init() {
	hooks.Describe(hooks.Doc{Name: "userinfo.info", When: "when a logged-in user's UserInfo is built: at login, and after the account changed",
		Receives: "the UserInfo (a copy) and a read-only store", Touches: "its own entry of UserInfo.Ext, via its return value"}, &InfoHook)
}

func (m *Manager) extensionData(ctx context.Context, u *UserInfo) map[string]json.RawMessage {
	var ext map[string]json.RawMessage
	for _, e := range InfoHook.Entries() {
		start := time.Now()
		v, err := e.Fn(ctx, m.st, *u)
		hooks.Observe("userinfo.info", e.ID, time.Since(start), err != nil)
		if err == nil && v != nil {
			var raw []byte
			if raw, err = json.Marshal(v); err == nil {
				if ext == nil {
					ext = map[string]json.RawMessage{}
				}
				ext[e.ID] = raw
			}
		}
		if err != nil {
			m.cfg.Log.Warn("userinfo hook failed", "hook", e.ID, "user", u.Name, "err", err)
		}
	}
	return ext
}
