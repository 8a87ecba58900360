package userinfo

import (
	"context"
	"encoding/json"

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
	return hooks.CollectExt("userinfo.info", &InfoHook, m.cfg.Log, func(fn InfoFilter) (any, error) {
		return fn(ctx, m.st, *u)
	}, "user", u.Name)
}
