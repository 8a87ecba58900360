package userinfo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/store"
)

// MaxWatched bounds the watchlist entries a UserInfo carries (8 bytes each
// in Watched): a user watching more sees no star on the pages beyond the
// first MaxWatched titles in title order (their changes still show on
// the watchlist page, which reads the store). 20,000 entries are 160 KB
// of the cache per session.
const MaxWatched = 20000

// watchPage is how many watchlist entries one store read returns.
const watchPage = 2000

// readWatches sets u's Watched, Unseen and WatchedUntil from the store.
// An entry expired by the Manager's clock is left out even if the store
// still lists it, so WatchedUntil is always ahead and a rebuild happens
// once per expiry.
func (m *Manager) readWatches(ctx context.Context, u *UserInfo) error {
	var titles, unseen []string
	var until time.Time
	now := m.cfg.Now()
	after := ""
	for len(titles) < MaxWatched {
		page, err := m.st.WatchedTitles(ctx, u.ID, after, min(watchPage, MaxWatched-len(titles)))
		if err != nil {
			return fmt.Errorf("userinfo: watchlist of user %d: %w", u.ID, err)
		}
		for _, e := range page {
			if !e.Expires.IsZero() && !now.Before(e.Expires) {
				continue
			}
			titles = append(titles, e.Title)
			if !e.Notified.IsZero() {
				unseen = append(unseen, e.Title)
			}
			if !e.Expires.IsZero() && (until.IsZero() || e.Expires.Before(until)) {
				until = e.Expires
			}
		}
		if len(page) < watchPage {
			break
		}
		after = page[len(page)-1].Title
	}
	u.Watched, u.Unseen, u.WatchedUntil = blob.NewWatchSet(titles), blob.NewWatchSet(unseen), until
	return nil
}

// watchExpired reports whether a watchlist entry of u has expired since u
// was built: u must be built again.
func watchExpired(u *UserInfo, now time.Time) bool {
	return !u.WatchedUntil.IsZero() && !now.Before(u.WatchedUntil)
}

// rebuild builds old's account again for the same session (or token),
// and caches it unless the account was dropped meanwhile. It returns nil
// when the account is gone.
func (m *Manager) rebuild(ctx context.Context, old *UserInfo) (*UserInfo, error) {
	gen := m.gen.Load()
	u, err := m.read(ctx, old.ID)
	if errors.Is(err, store.ErrNotFound) {
		m.forget(old)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v := again(u, old)
	m.rememberSince(v, gen)
	return v, nil
}

// again returns a started copy of u, read anew, for the session (or
// token) of old.
func again(u, old *UserInfo) *UserInfo {
	v := started(u)
	v.CSRF, v.Session = old.CSRF, old.Session
	return v
}

// cost is what a cached UserInfo weighs in the cache: its fixed part, name,
// groups and watch sets.
func cost(u *UserInfo) int64 {
	return int64(512 + len(u.Name) + 64*len(u.Groups) + 8*(len(u.Watched)+len(u.Unseen)))
}

// nodeKey, first in the keys of a Refresh event, names the node that sent
// it: that node's Listen skips it.
const nodeKey = "n:"

// refreshBatch bounds the users of one Refresh event (PostgreSQL's
// payloads stay under 8000 bytes).
const refreshBatch = 400

// Refresh is Changed for what changes often and on behalf of others — a
// user's watchlist, unseen pages or notifications: every node drops the
// users' cached UserInfos (through a store event), but this one rebuilds
// at once those of the sessions and tokens it caches, keeping their CSRF
// token and session bookkeeping, so that the users' next request here is
// a warm hit that reads nothing. Users without a cached session here cost
// no store read.
func (m *Manager) Refresh(ctx context.Context, userIDs ...int64) error {
	ids := slices.Clone(userIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var errs []error
	for _, id := range ids {
		if err := m.refresh(ctx, id); err != nil {
			errs = append(errs, err)
		}
	}
	for batch := range slices.Chunk(ids, refreshBatch) {
		keys := []string{nodeKey + m.node}
		for _, id := range batch {
			keys = append(keys, userKey(id))
		}
		if err := m.st.Publish(context.WithoutCancel(ctx), store.Event{Kind: EventKind, Keys: keys}); err != nil {
			errs = append(errs, fmt.Errorf("userinfo: publish refresh of %d users: %w", len(batch), err))
		}
	}
	return errors.Join(errs...)
}

// refresh rebuilds the cached sessions of one account. On a failure they
// stay dropped: their next request builds them.
func (m *Manager) refresh(ctx context.Context, userID int64) error {
	m.mu.Lock()
	var olds []*UserInfo
	for h := range m.byUser[userID] {
		if u, ok := m.cache.Get(h); ok {
			olds = append(olds, u)
		}
	}
	m.mu.Unlock()
	m.forgetUser(userID)
	if len(olds) == 0 {
		return nil
	}
	gen := m.gen.Load()
	u, err := m.read(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("userinfo: refresh user %d: %w", userID, err)
	}
	for _, old := range olds {
		m.rememberSince(again(u, old), gen)
	}
	return nil
}
