package skin

import (
	"html"
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
// readers all get the same keys. Their texts are in lang.
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
	k.Personal = personalLinks(reg, k, lang)
	k.NotificationCount = u.Notifications.Unread
	k.LinkNotifications = routeURL(reg, "user.notifications")
	if k.NotificationCount > 0 {
		k.NotificationText = lang.T("notification-count", "Count", k.NotificationCount)
	}
	k.HasNewMessages = u.Notifications.NewMessages
	if k.HasNewMessages {
		k.HTMLNewMessages = string(lang.HTML("youhavenewmessages", "Link", link(k.LinkUserTalk, lang.T("newmessageslink"))))
	}
	if u.Blocked() {
		k.IsBlocked = true
		k.UserBlockReason = u.Block.Reason
		k.UserBlockBy = u.Block.By
		if !u.Block.Expires.IsZero() {
			k.UserBlockExpiry = formatTime(lang, u.Block.Expires, timezone(u))
		}
		k.HTMLBlockNotice = blockNotice(k, lang)
	}
	return k
}

// blockNotice is the notice of a block: that it is, why, by whom, until
// when, and that reading still works, each a sentence of its own.
func blockNotice(k UserKeys, lang *i18n.Lang) string {
	b := "<strong>" + html.EscapeString(lang.T("blocked-notice-title")) + "</strong>"
	add := func(s string) { b += " " + html.EscapeString(s) }
	if k.UserBlockReason != "" {
		add(lang.T("blocked-reason", "Reason", k.UserBlockReason))
	}
	if k.UserBlockBy != "" {
		add(lang.T("blocked-by", "By", k.UserBlockBy))
	}
	if k.UserBlockExpiry != "" {
		add(lang.T("blocked-expiry", "Expiry", k.UserBlockExpiry))
	} else {
		add(lang.T("blocked-no-expiry"))
	}
	add(lang.T("blocked-can-read"))
	return b
}

// personalLinks are a logged-in reader's links after their user page, in
// MediaWiki's order and with its access keys and tooltips (pt-mytalk,
// pt-preferences, pt-watchlist), in lang.
func personalLinks(reg *router.Registry, k UserKeys, lang *i18n.Lang) []Link {
	ls := []Link{{ID: "pt-mytalk", Text: lang.T("pt-mytalk"), Href: k.LinkUserTalk, AccessKey: "n", Tooltip: tooltip(lang, "tooltip-pt-mytalk", "n")}}
	if k.LinkPreferences != "" {
		ls = append(ls, Link{ID: "pt-preferences", Text: lang.T("pt-preferences"), Href: k.LinkPreferences, Tooltip: lang.T("tooltip-pt-preferences")})
	}
	if href := routeURL(reg, "user.watchlist"); href != "" {
		ls = append(ls, Link{ID: "pt-watchlist", Text: lang.T("pt-watchlist"), Href: href, AccessKey: "l",
			Tooltip: tooltip(lang, "tooltip-pt-watchlist", "l")})
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
