package blob

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/foliowiki/folio/internal/memo"
)

// UserInfo is everything a page view needs to know about the reader, built
// once per session (and once, as a constant, for anonymous readers) and
// cached by package userinfo: a warm view asks the store nothing about its
// user. It is immutable; a change to the account builds a new one.
type UserInfo struct {
	ID          int64                      `json:"id"`
	Name        string                     `json:"name"`
	Anonymous   bool                       `json:"anonymous"`
	Groups      []string                   `json:"groups"`
	Rights      []Right                    `json:"rights"` // effective rights, sorted
	Preferences Preferences                `json:"preferences"`
	EditCount   int                        `json:"edit_count"`
	Block       *Block                     `json:"block,omitempty"` // the block in force when built
	CSRF        string                     `json:"-"`               // this session's CSRF token
	Version     int64                      `json:"version"`         // the account's version when built
	Ext         map[string]json.RawMessage `json:"ext,omitempty"`   // data of UserInfo hooks, by hook id

	// Watched are the titles on the user's watchlist (unexpired), and
	// Unseen those of them changed by someone else since the user last
	// viewed them: the page view's watch star and its "mark as seen" need
	// no store read. WatchedUntil is the earliest expiry among them (zero:
	// none expires): the UserInfo is rebuilt after it.
	Watched      WatchSet  `json:"-"`
	Unseen       WatchSet  `json:"-"`
	WatchedUntil time.Time `json:"-"`
	// Notifications counts the user's unread notifications when built:
	// the bell, and "You have new messages" for the talk page.
	Notifications Notifications `json:"notifications"`

	// Session is the bookkeeping of the userinfo.Manager that built u:
	// readers have no use for it.
	Session Session `json:"-"`

	derived memo.Slot // see Derived
}

// Session is what a userinfo.Manager keeps with a cached UserInfo to
// expire it and find it again. It is zero for the anonymous reader and
// for a UserInfo decoded from JSON.
type Session struct {
	Hash     string    // store key of the session (or token)
	Token    bool      // an API token's user, not a session's
	Expires  time.Time // the session's (or token's) absolute expiry
	LastSeen time.Time // last recorded activity, for idle expiry (a token's last recorded use)
}

// Derived returns the memo of values derived from u by its readers (the
// skin keeps the reader's template keys there), dropped with u. Its
// builder creates it before sharing u, so the copies it makes of u (a
// session's activity time) share it.
func (u *UserInfo) Derived() *memo.Memo { return u.derived.Get() }

// Can reports whether the user has right r now. RightNone is everyone's.
// A blocked user loses every right but read.
func (u *UserInfo) Can(r Right) bool {
	if r == RightNone {
		return true
	}
	if u.Blocked() && r != RightRead {
		return false
	}
	return slices.Contains(u.Rights, r)
}

// Blocked reports whether a block is in force.
func (u *UserInfo) Blocked() bool {
	return u.Block != nil && (u.Block.Expires.IsZero() || time.Now().Before(u.Block.Expires))
}

// InGroup reports membership of group.
func (u *UserInfo) InGroup(group string) bool {
	return group == "" || group == GroupAll || (!u.Anonymous && group == GroupUser) || slices.Contains(u.Groups, group)
}

// Group names with a meaning of their own.
const (
	GroupAll   = "*"     // everyone, logged in or not
	GroupUser  = "user"  // every logged-in account
	GroupSysop = "sysop" // administrators
)

// Right is a permission: a route needs one (router.Right is this type),
// a user has some.
type Right string

// The rights there are. RightNone, which a route declares when anyone may
// call it, is everyone's.
const (
	RightNone     Right = ""
	RightRead     Right = "read"
	RightEdit     Right = "edit"
	RightCreate   Right = "create"
	RightMove     Right = "move"
	RightDelete   Right = "delete"
	RightProtect  Right = "protect"
	RightRollback Right = "rollback"
	RightBlock    Right = "block"
	RightAdmin    Right = "admin"
	RightUpload   Right = "upload"   // upload a file, a new one or a new version of one's own
	RightReupload Right = "reupload" // upload a new version of a file someone else uploaded, or revert one
)

// Notifications are what a UserInfo carries of the user's unread
// notifications.
type Notifications struct {
	Unread      int  `json:"unread"`       // unread notifications of every kind
	NewMessages bool `json:"new_messages"` // someone else edited the user's talk page since they last viewed it
}

// Preferences are a user's display settings.
type Preferences struct {
	Skin     string `json:"skin,omitempty"`      // skin name; "" for the site's default
	DarkMode string `json:"dark_mode,omitempty"` // "auto" (default), "light" or "dark"
	Timezone string `json:"timezone,omitempty"`  // IANA name; "" for UTC
	// WatchDefault is "0" for a user who does not want the pages they
	// edit, create or move added to their watchlist; "" (the default, as
	// MediaWiki's) or "1" adds them.
	WatchDefault string `json:"watch_default,omitempty"`
	// NotifyWatched is "1" for a user who wants a notification for every
	// edit someone else makes to a page they watch; "" (default) for none.
	NotifyWatched string `json:"notify_watched,omitempty"`
	// Language is the user's interface language, a BCP 47 code the wiki
	// ships ("de"); "" for the wiki's (--lang).
	Language string `json:"language,omitempty"`
	// OfflinePages is how many pages the browser's service worker keeps
	// for offline reading, least recently read dropped first, as a
	// decimal ("0": none); "" for DefaultOfflinePages.
	OfflinePages string `json:"offline_pages,omitempty"`
}

// DefaultOfflinePages is how many pages the service worker keeps for a
// reader who did not choose (and for anonymous readers).
const DefaultOfflinePages = 100

// OfflineChoices are the numbers of offline pages a reader may choose.
var OfflineChoices = []int{0, 20, DefaultOfflinePages, 500}

// OfflineLimit returns how many pages the service worker keeps for the
// user: OfflinePages, or DefaultOfflinePages when it is unset or not one
// of OfflineChoices.
func (p Preferences) OfflineLimit() int {
	for _, n := range OfflineChoices {
		if p.OfflinePages == strconv.Itoa(n) {
			return n
		}
	}
	return DefaultOfflinePages
}

// WatchesEdits reports whether the pages the user edits, creates or moves
// go on their watchlist.
func (p Preferences) WatchesEdits() bool { return p.WatchDefault != "0" }

// NotifiesWatched reports whether the user is notified of others' edits to
// the pages they watch.
func (p Preferences) NotifiesWatched() bool { return p.NotifyWatched == "1" }

// Preference keys in the store.
const (
	PrefSkin     = "skin"
	PrefDarkMode = "dark_mode"
	PrefTimezone = "timezone"
	// PrefWatchDefault and PrefNotifyWatched: see Preferences.
	PrefWatchDefault  = "watchdefault"
	PrefNotifyWatched = "notify_watched"
	// PrefLanguage: see Preferences.Language.
	PrefLanguage = "language"
	// PrefOfflinePages: see Preferences.OfflinePages.
	PrefOfflinePages = "offline_pages"
	// PrefWatchlistToken is the secret of the user's watchlist feed
	// (MediaWiki's watchlisttoken). It is kept with the preferences but
	// never carried in a UserInfo.
	PrefWatchlistToken = "watchlist_token"
)

// PreferencesFrom reads preferences as the store keeps them.
func PreferencesFrom(m map[string]string) Preferences {
	return Preferences{Skin: m[PrefSkin], DarkMode: m[PrefDarkMode], Timezone: m[PrefTimezone],
		WatchDefault: m[PrefWatchDefault], NotifyWatched: m[PrefNotifyWatched], Language: m[PrefLanguage],
		OfflinePages: m[PrefOfflinePages]}
}

// Map returns the preferences as the store keeps them.
func (p Preferences) Map() map[string]string {
	m := map[string]string{}
	for k, v := range map[string]string{PrefSkin: p.Skin, PrefDarkMode: p.DarkMode, PrefTimezone: p.Timezone,
		PrefWatchDefault: p.WatchDefault, PrefNotifyWatched: p.NotifyWatched, PrefLanguage: p.Language,
		PrefOfflinePages: p.OfflinePages} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

// Block stops an account from editing until Expires (zero: indefinitely).
type Block struct {
	UserID  int64
	Reason  string
	By      string // name of the blocking user
	Created time.Time
	Expires time.Time
}
