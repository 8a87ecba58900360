package skin

import (
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// anonymous stands in for a nil UserInfo: a reader who may read.
var anonymous = &blob.UserInfo{Anonymous: true, Rights: []router.Right{router.RightRead}}

// userKeys describes u, before the UserDataHook filters. Anonymous
// readers all get the same keys.
func userKeys(u *blob.UserInfo, site Site, darkMode bool, lang *i18n.Lang) UserKeys {
	if u == nil {
		u = anonymous
	}
	reg := site.registry()
	k := UserKeys{
		IsAnon:     u.Anonymous,
		UserRights: rightNames(u),
		UserTheme:  theme(u.Preferences.DarkMode),
		LinkLogout: routeURL(reg, "user.logout"),
	}
	switch {
	case !darkMode:
		k.UserTheme = "light"
	case u.Anonymous:
		k.UserTheme = "auto"
	}
	if u.Anonymous {
		return k
	}
	k.UserName = u.Name
	k.LinkUserPage = userPageURL(u.Name)
	k.UserGroups = slices.Clone(u.Groups)
	k.UserEditCount = u.EditCount
	k.CSRFToken = u.CSRF
	k.LinkUserTalk = userTalkURL(u.Name)
	k.LinkPreferences = routeURL(reg, "user.preferences")
	k.Personal = personalLinks(reg, k)
	k.NotificationCount = u.Notifications.Unread
	k.LinkNotifications = routeURL(reg, "user.notifications")
	k.HasNewMessages = u.Notifications.NewMessages
	if u.Blocked() {
		k.IsBlocked = true
		k.UserBlockReason = u.Block.Reason
		k.UserBlockBy = u.Block.By
		if !u.Block.Expires.IsZero() {
			k.UserBlockExpiry = formatTime(u.Block.Expires, timezone(u))
		}
	}
	return k
}

// personalLinks are a logged-in reader's links after their user page, in
// MediaWiki's order and with its access keys and tooltips (pt-mytalk,
// pt-preferences, pt-watchlist).
func personalLinks(reg *router.Registry, k UserKeys) []Link {
	ls := []Link{{ID: "pt-mytalk", Text: "Talk", Href: k.LinkUserTalk, AccessKey: "n", Tooltip: tooltip("Your talk page", "n")}}
	if k.LinkPreferences != "" {
		ls = append(ls, Link{ID: "pt-preferences", Text: "Preferences", Href: k.LinkPreferences, Tooltip: "Your preferences"})
	}
	if href := routeURL(reg, "user.watchlist"); href != "" {
		ls = append(ls, Link{ID: "pt-watchlist", Text: "Watchlist", Href: href, AccessKey: "l",
			Tooltip: tooltip("A list of pages you are monitoring for changes", "l")})
	}
	return ls
}

// may reports whether u has right r now, as UserInfo.Can does, for a nil
// u too (an anonymous reader).
func may(u *blob.UserInfo, r router.Right) bool {
	if u == nil {
		u = anonymous
	}
	return u.Can(r)
}

func rightNames(u *blob.UserInfo) []string {
	var out []string
	for _, r := range u.Rights {
		if may(u, r) {
			out = append(out, string(r))
		}
	}
	return out
}

// theme returns a valid colour preference: "auto" unless "light" or "dark".
func theme(pref string) string {
	switch pref {
	case "light", "dark":
		return pref
	}
	return "auto"
}

// loginURL returns the login form's URL, returning to page when there is one.
func loginURL(reg *router.Registry, page string) string {
	return returnURL(reg, "user.login", page)
}

// returnURL returns the URL of the named form route (login, account
// creation), returning to page when there is one, or "" when the registry
// has no such route.
func returnURL(reg *router.Registry, route, page string) string {
	u := routeURL(reg, route)
	if u == "" || page == "" {
		return u
	}
	return u + "?returnto=" + url.QueryEscape(page)
}

// userPageURL returns the URL of the page User:name.
func userPageURL(name string) string {
	return router.TitleURL(router.UserTitle(name))
}

// userTalkURL returns the URL of the page User_talk:name.
func userTalkURL(name string) string {
	talk, _ := router.TalkTitle(router.UserTitle(name))
	return router.TitleURL(talk)
}

// timeFormat is how times read: "2 January 2006, at 15:04 (UTC)".
const timeFormat = "2 January 2006, at 15:04 (MST)"

func formatTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(timeFormat)
}

// zones caches time zones by name: time.LoadLocation reads the zone
// database on every call.
var zones sync.Map // string → *time.Location

// Timezone returns the reader's time zone (its *time.Location loaded once
// per name): UTC for anonymous readers and unknown names. The server's
// pages show their times in it, as the skin's footer does.
func Timezone(u *blob.UserInfo) *time.Location { return timezone(u) }

// timezone returns the reader's time zone: UTC for anonymous readers and
// unknown names.
func timezone(u *blob.UserInfo) *time.Location {
	if u == nil || u.Anonymous || u.Preferences.Timezone == "" {
		return time.UTC
	}
	name := u.Preferences.Timezone
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC // the server validates preferences: not worth caching
	}
	zones.Store(name, loc)
	return loc
}
