package userinfo

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/foliowiki/folio/internal/memo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// UserInfo is everything a page view needs to know about the reader, built
// once per session (and once, as a constant, for anonymous readers) and
// cached: a warm view asks the store nothing about its user. It is
// immutable; a change to the account builds a new one.
type UserInfo struct {
	ID          int64                      `json:"id"`
	Name        string                     `json:"name"`
	Anonymous   bool                       `json:"anonymous"`
	Groups      []string                   `json:"groups"`
	Rights      []router.Right             `json:"rights"` // effective rights, sorted
	Preferences Preferences                `json:"preferences"`
	EditCount   int                        `json:"edit_count"`
	Block       *store.Block               `json:"block,omitempty"` // the block in force when built
	CSRF        string                     `json:"-"`               // this session's CSRF token
	Version     int64                      `json:"version"`         // the account's version when built
	Ext         map[string]json.RawMessage `json:"ext,omitempty"`   // data of UserInfo hooks, by hook id

	sessionHash string    // store key of the session (or token); "" for anonymous
	token       bool      // an API token's user, not a session's
	expires     time.Time // the session's (or token's) absolute expiry
	lastSeen    time.Time // last recorded activity, for idle expiry (a token's last recorded use)
	rights      rightSet
	derived     memo.Slot // see Derived
}

// Derived returns the memo of values derived from u by its readers (the
// skin keeps the reader's template keys there), dropped with u. A Manager
// creates it when it builds u, so the copies it makes of u (a session's
// activity time) share it.
func (u *UserInfo) Derived() *memo.Memo { return u.derived.Get() }

// Preferences are a user's display settings.
type Preferences struct {
	Skin     string `json:"skin,omitempty"`      // skin name; "" for the site's default
	DarkMode string `json:"dark_mode,omitempty"` // "auto" (default), "light" or "dark"
	Timezone string `json:"timezone,omitempty"`  // IANA name; "" for UTC
}

// Preference keys in the store.
const (
	PrefSkin     = "skin"
	PrefDarkMode = "dark_mode"
	PrefTimezone = "timezone"
)

func preferencesFrom(m map[string]string) Preferences {
	return Preferences{Skin: m[PrefSkin], DarkMode: m[PrefDarkMode], Timezone: m[PrefTimezone]}
}

// Map returns the preferences as the store keeps them.
func (p Preferences) Map() map[string]string {
	m := map[string]string{}
	for k, v := range map[string]string{PrefSkin: p.Skin, PrefDarkMode: p.DarkMode, PrefTimezone: p.Timezone} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

// rightSet is the effective rights as bits, for checks without allocation.
type rightSet uint16

func rightBit(r router.Right) rightSet {
	i := slices.Index(knownRights, r)
	if i < 0 {
		return 0
	}
	return 1 << i
}

// Can reports whether the user has right r now. RightNone is everyone's.
// A blocked user loses every right but read.
func (u *UserInfo) Can(r router.Right) bool {
	if r == router.RightNone {
		return true
	}
	if u.Blocked() && r != router.RightRead {
		return false
	}
	return u.rights&rightBit(r) != 0
}

// Blocked reports whether a block is in force.
func (u *UserInfo) Blocked() bool {
	return u.Block != nil && (u.Block.Expires.IsZero() || time.Now().Before(u.Block.Expires))
}

// InGroup reports membership of group.
func (u *UserInfo) InGroup(group string) bool {
	return group == "" || group == GroupAll || (!u.Anonymous && group == GroupUser) || slices.Contains(u.Groups, group)
}

// withRights sets the rights and their bit set, and starts the memo of a
// newly built UserInfo.
func (u *UserInfo) withRights(rs []router.Right) *UserInfo {
	u.derived.Get() // now, before u is shared or copied
	u.Rights = rs
	u.rights = 0
	for _, r := range rs {
		u.rights |= rightBit(r)
	}
	return u
}
