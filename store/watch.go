package store

import (
	"context"
	"time"
)

// WatchEntry is one title on a user's watchlist (MediaWiki's watchlist
// row). A page and its talk page are two entries: watching or unwatching
// one does both (the caller passes both titles).
type WatchEntry struct {
	Title   string    // canonical title; the page may not exist (yet, or any more)
	Expires time.Time // zero: watched permanently
	// Notified is the time of the first change by someone else since the
	// user last saw the page (MediaWiki's wl_notificationtimestamp); zero
	// when there is none: the page is "seen".
	Notified time.Time
}

// WatchlistQuery selects the changes a user's watchlist shows.
type WatchlistQuery struct {
	UserID      int64
	Since       time.Time // changes at or after this time
	Limit       int
	HideOwn     bool // leave out the user's own changes
	HideMinor   bool
	HideImports bool // as RecentQuery.HideImports
}

// Watchlist keeps who watches which titles. Expired entries (Expires in
// the past) count as absent for every read; PurgeExpiredWatches deletes
// them.
//
// SaveRevision also writes it, in the save's transaction: it adds
// SaveRequest.WatchTitles for the saving user, and sets Notified (when
// zero) on every other user's entry for the saved title, returning those
// users in SaveResult.Notified. MovePage copies the entries of each title
// in MoveRequest.WatchMoves to its new title, as MediaWiki does: watchers
// follow the page (and its talk page) and keep watching the redirect.
// DeletePage leaves them: a re-creation shows on the watchlist.
type Watchlist interface {
	// Watch puts titles on the user's watchlist with expiry expires (zero:
	// permanently), replacing the expiry of entries already there and
	// keeping their Notified.
	Watch(ctx context.Context, userID int64, titles []string, expires time.Time) error
	// Unwatch takes titles off the user's watchlist; absent ones are not an
	// error.
	Unwatch(ctx context.Context, userID int64, titles []string) error
	// WatchedTitles returns up to limit of the user's unexpired entries
	// with titles after after ("" = from the first), in title order.
	WatchedTitles(ctx context.Context, userID int64, after string, limit int) ([]WatchEntry, error)
	// Watchers returns the ids of the users watching title (unexpired), in
	// id order, at most limit.
	Watchers(ctx context.Context, title string, limit int) ([]int64, error)
	// MarkSeen clears Notified on the user's entries for titles, or on all
	// of them for nil titles, and reports how many it cleared.
	MarkSeen(ctx context.Context, userID int64, titles []string) (int, error)
	// WatchlistChanges returns recent changes to the user's watched titles
	// (unexpired entries) at or after q.Since, newest first. A move is a
	// change of both its old and new title.
	WatchlistChanges(ctx context.Context, q WatchlistQuery) ([]Change, error)
	// PurgeExpiredWatches deletes the entries that expired before now and
	// reports the users who had some, in id order.
	PurgeExpiredWatches(ctx context.Context, now time.Time) ([]int64, error)
}

// Notification is one event a user is told about (MediaWiki's Echo
// notifications): someone else edited their talk page, mentioned them, or
// edited a page they watch or created.
type Notification struct {
	ID      int64
	UserID  int64  // who is notified
	Kind    string // NotifyTalk, NotifyMention, NotifyWatched or NotifyCreated
	Title   string // the page changed
	RevID   int64  // the revision that caused it
	Agent   string // the user name of who made the change
	Summary string // the change's summary
	Created time.Time
	Read    bool
}

// Kinds of Notification. A user is notified at most once per change: the
// first of these kinds that applies.
const (
	NotifyTalk    = "talk"    // an edit of the user's talk page by someone else
	NotifyMention = "mention" // a talk-page edit that adds a link to the user's user page
	NotifyCreated = "created" // an edit by someone else of a page the user created
	NotifyWatched = "watched" // an edit by someone else of a page the user watches (when they asked for it)
)

// NotificationCounts are what a UserInfo carries of a user's
// notifications.
type NotificationCounts struct {
	Unread     int // unread notifications of every kind
	UnreadTalk int // unread NotifyTalk ones: "You have new messages"
}

// Notifications keeps the users' notifications. SaveRevision writes
// SaveRequest.Notify in the save's transaction, filling in each one's
// Title, RevID, Agent, Summary and Created from the save.
type Notifications interface {
	// Notifications returns up to limit of the user's notifications with
	// ids below before (0 = from the newest), newest first.
	Notifications(ctx context.Context, userID, before int64, limit int) ([]Notification, error)
	// NotificationCounts counts the user's unread notifications.
	NotificationCounts(ctx context.Context, userID int64) (NotificationCounts, error)
	// MarkNotificationsRead marks the user's unread notifications read:
	// those with ids (nil: all) and of kind ("" = every kind). It reports
	// how many it marked.
	MarkNotificationsRead(ctx context.Context, userID int64, kind string, ids []int64) (int, error)
}
