package userinfo

import (
	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
)

// UserInfo is everything a page view needs to know about the reader; see
// blob.UserInfo. This package builds and caches it per session; readers
// that need only the data (the skin) import package blob.
type UserInfo = blob.UserInfo

// Preferences are a user's display settings; see blob.Preferences.
type Preferences = blob.Preferences

// Preference keys in the store.
const (
	PrefSkin     = blob.PrefSkin
	PrefDarkMode = blob.PrefDarkMode
	PrefTimezone = blob.PrefTimezone
	// PrefWatchDefault, PrefNotifyWatched: see Preferences.
	PrefWatchDefault  = blob.PrefWatchDefault
	PrefNotifyWatched = blob.PrefNotifyWatched
	// PrefLanguage: see Preferences.Language.
	PrefLanguage = blob.PrefLanguage
	// PrefOfflinePages: see Preferences.OfflinePages.
	PrefOfflinePages = blob.PrefOfflinePages
	// PrefWatchlistToken is the watchlist feed's secret, kept beside the
	// preferences (WatchlistToken, ResetWatchlistToken).
	PrefWatchlistToken = blob.PrefWatchlistToken
)

func preferencesFrom(m map[string]string) Preferences { return blob.PreferencesFrom(m) }

// withRights sets the rights of a newly built UserInfo, and starts its
// memo, before u is shared or copied.
func withRights(u *UserInfo, rs []router.Right) *UserInfo {
	u.Derived()
	u.Rights = rs
	return u
}
