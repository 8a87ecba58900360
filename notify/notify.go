// Package notify decides whom a save notifies — the owner of an edited
// user talk page, the users a talk-page edit mentions, the creator of an
// edited page, the watchers who asked for it — and, after the commit,
// rebuilds the UserInfo of the users whose watchlist, unseen pages or
// notifications changed. It is pageinfo.Saver's Notifier (the server sets
// it), so that pageinfo knows nothing of users' preferences.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Store is what the Notifier reads (and writes, for a mover's watchlist).
type Store interface {
	store.Users
	store.Pages
	store.Links
	store.Revisions
	store.AccountState
	store.Watchlist
}

// Refresher rebuilds the cached UserInfos of users (userinfo.Manager).
type Refresher interface {
	Refresh(ctx context.Context, userIDs ...int64) error
}

// Limits of one save's reads.
const (
	// MaxWatchers bounds the watchers of a page read for NotifyWatched (and
	// refreshed after a move): beyond, the first ones by id.
	MaxWatchers = 1000
	// MaxMentions bounds the users one edit mentions, as MediaWiki's
	// $wgEchoMaxMentionsCount (50).
	MaxMentions = 50
)

// userTalkNamespace is the namespace of users' talk pages.
const userTalkNamespace = router.UserNamespace + "_talk"

// Notifier is a pageinfo.Notifier.
type Notifier struct {
	st    Store
	users Refresher
	log   *slog.Logger
	now   func() time.Time
}

var _ pageinfo.Notifier = (*Notifier)(nil)

// New returns a Notifier reading st and refreshing users; log may be nil.
func New(st Store, users Refresher, log *slog.Logger) *Notifier {
	if log == nil {
		log = slog.Default()
	}
	return &Notifier{st: st, users: users, log: log, now: time.Now}
}

// recipients collects one notification per user, the first kind offered.
type recipients struct {
	editor int64
	name   string
	out    []store.Notification
}

func (r *recipients) add(userID int64, kind string) {
	if userID == 0 || userID == r.editor {
		return
	}
	if slices.ContainsFunc(r.out, func(n store.Notification) bool { return n.UserID == userID }) {
		return
	}
	r.out = append(r.out, store.Notification{UserID: userID, Kind: kind})
}

// Notify returns the notifications of a save, at most one per user (the
// first kind that applies, in the order of store's Notify* kinds), never
// to the editor, only to existing accounts.
func (n *Notifier) Notify(ctx context.Context, s pageinfo.SaveNotice) ([]store.Notification, error) {
	r := &recipients{editor: s.UserID, name: s.UserName}
	if err := n.talkOwner(ctx, r, s.Title); err != nil {
		return nil, err
	}
	page, err := n.page(ctx, s)
	if err != nil {
		return nil, err
	}
	if err := n.mentions(ctx, r, s, page); err != nil {
		return nil, err
	}
	if page.ID != 0 {
		stats, err := n.st.RevisionStats(ctx, page.ID)
		if err != nil {
			return nil, fmt.Errorf("notify: creator of %q: %w", s.Title, err)
		}
		if stats.First.UserName != s.UserName {
			r.add(stats.First.UserID, store.NotifyCreated)
		}
	}
	if err := n.watchers(ctx, r, s.Title); err != nil {
		return nil, err
	}
	return r.out, nil
}

// page returns the page an edit changes, zero for a creation.
func (n *Notifier) page(ctx context.Context, s pageinfo.SaveNotice) (store.Page, error) {
	if s.Created {
		return store.Page{}, nil
	}
	p, err := n.st.PageByTitle(ctx, s.Title)
	if err != nil && !isNotFound(err) {
		return p, fmt.Errorf("notify: page %q: %w", s.Title, err)
	}
	return p, nil
}

// talkOwner notifies the owner of the user talk page title (not of its
// subpages).
func (n *Notifier) talkOwner(ctx context.Context, r *recipients, title string) error {
	name, ok := router.CutNamespace(title, userTalkNamespace)
	if !ok {
		return nil
	}
	id, err := n.account(ctx, name)
	if err != nil {
		return err
	}
	if id != 0 && !sameName(name, r.name) {
		r.add(id, store.NotifyTalk)
	}
	return nil
}

// mentions notifies the users whose user pages a talk-page edit links to
// and its previous revision did not.
func (n *Notifier) mentions(ctx context.Context, r *recipients, s pageinfo.SaveNotice, page store.Page) error {
	if !router.IsTalk(s.Title) {
		return nil
	}
	var old []string
	if page.ID != 0 {
		var err error
		if old, err = n.st.OutgoingLinks(ctx, page.ID); err != nil {
			return fmt.Errorf("notify: links of %q: %w", s.Title, err)
		}
	}
	count := 0
	for _, l := range s.Links {
		name, ok := router.CutNamespace(l, router.UserNamespace)
		if !ok || slices.Contains(old, l) || sameName(name, s.UserName) {
			continue
		}
		if count++; count > MaxMentions {
			break
		}
		id, err := n.account(ctx, name)
		if err != nil {
			return err
		}
		r.add(id, store.NotifyMention)
	}
	return nil
}

// watchers notifies the watchers of title who asked for it.
func (n *Notifier) watchers(ctx context.Context, r *recipients, title string) error {
	ids, err := n.st.Watchers(ctx, title, MaxWatchers)
	if err != nil {
		return fmt.Errorf("notify: watchers of %q: %w", title, err)
	}
	now := n.now()
	for _, id := range ids {
		if id == r.editor || slices.ContainsFunc(r.out, func(x store.Notification) bool { return x.UserID == id }) {
			continue
		}
		st, err := n.st.UserState(ctx, id, now)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("notify: preferences of user %d: %w", id, err)
		}
		if blob.PreferencesFrom(st.Preferences).NotifiesWatched() {
			r.add(id, store.NotifyWatched)
		}
	}
	return nil
}

// account returns the id of the account a user page's name (underscores
// for spaces) names, 0 when there is none (or it names a subpage).
func (n *Notifier) account(ctx context.Context, name string) (int64, error) {
	if strings.Contains(name, "/") || name == "" {
		return 0, nil
	}
	u, err := n.st.UserByName(ctx, strings.ReplaceAll(name, "_", " "))
	if isNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("notify: user %q: %w", name, err)
	}
	return u.ID, nil
}

// sameName reports whether a user page's name is the user name.
func sameName(pageName, userName string) bool {
	return userName != "" && strings.ReplaceAll(pageName, "_", " ") == userName
}

// Saved rebuilds the UserInfo of the users the save notified, of those
// whose watchlist entry it marked unseen, and of the editor when it
// watched (as a refresh of a user without a cached session here reads
// nothing, the editor's watchlist need not have changed). A failure is
// logged.
func (n *Notifier) Saved(ctx context.Context, s pageinfo.SaveNotice, sent []store.Notification, res store.SaveResult) {
	if res.Unchanged { // a null edit writes nothing: but "Watch this page" still watches, as MediaWiki's
		if len(s.Watch) > 0 && s.UserID != 0 {
			if err := n.st.Watch(ctx, s.UserID, s.Watch, time.Time{}); err != nil {
				n.log.Warn("notify: watching on a null edit failed", "title", s.Title, "user", s.UserName, "err", err)
				return
			}
			n.refresh(ctx, "save", s.Title, []int64{s.UserID})
		}
		return
	}
	ids := slices.Clone(res.Notified)
	for _, x := range sent {
		ids = append(ids, x.UserID)
	}
	if len(s.Watch) > 0 && s.UserID != 0 {
		ids = append(ids, s.UserID)
	}
	n.refresh(ctx, "save", s.Title, ids)
}

// Moved puts the new title and its talk page on the mover's watchlist when
// a.Watch, and rebuilds the UserInfo of the mover and of the watchers of
// the new title (who followed the page). A failure is logged.
func (n *Notifier) Moved(ctx context.Context, from, to string, a pageinfo.Action) {
	var ids []int64
	if a.Watch && a.UserID != 0 {
		if err := n.st.Watch(ctx, a.UserID, router.PairTitles(to), time.Time{}); err != nil {
			n.log.Warn("notify: watching a moved page failed", "title", to, "user", a.UserName, "err", err)
		}
		ids = append(ids, a.UserID)
	}
	watchers, err := n.st.Watchers(ctx, to, MaxWatchers)
	if err != nil {
		n.log.Warn("notify: reading the watchers of a moved page failed", "title", to, "err", err)
	}
	n.refresh(ctx, "move", from, append(ids, watchers...))
}

func (n *Notifier) refresh(ctx context.Context, what, title string, ids []int64) {
	if len(ids) == 0 || n.users == nil {
		return
	}
	if err := n.users.Refresh(ctx, ids...); err != nil {
		n.log.Warn("notify: refreshing users after a "+what+" failed", "title", title, "users", len(ids), "err", err)
	}
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
