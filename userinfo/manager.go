package userinfo

import (
	"context"
	"errors"
	"fmt"
	"github.com/foliowiki/folio/internal/cookie"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/ristretto/v2"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/store"
)

// Store is what accounts and sessions are kept in.
type Store interface {
	store.Users
	store.Groups
	store.Sessions
	store.AccountState
	store.Events
	store.Tokens
	store.RecentChanges
	store.Watchlist
	store.Notifications
}

// Config configures a Manager.
type Config struct {
	Rights       GroupRights   // nil means DefaultGroupRights
	CookieName   string        // the session cookie; "" means "folio_session"
	SecureCookie bool          // always mark cookies Secure (else only over https)
	IdleTimeout  time.Duration // a session unused this long ends; 0 means 7 days
	MaxAge       time.Duration // a session ends this long after login; 0 means 30 days
	CacheBytes   int64         // memory for UserInfo blobs; 0 means 16 MiB
	Log          *slog.Logger
	Now          func() time.Time // nil means time.Now; tests move time
}

// farFuture is the expiry of a cached token that never expires.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// touchEvery is how often a session's last activity is written: idle expiry
// is accurate to this, and a warm view writes nothing in between.
const touchEvery = time.Hour

// Manager owns sessions and the UserInfo cache.
type Manager struct {
	st       Store
	cfg      Config
	anon     *UserInfo
	cache    *ristretto.Cache[string, *UserInfo] // by session hash
	throttle *throttle

	mu     sync.Mutex
	byUser map[int64]map[string]struct{} // user id → cached session hashes
	n      counters
	// gen counts the drops of cached accounts (forgetUser, reset), under
	// mu: a token read from the store before a drop is not cached after
	// it, so a revocation or block racing a cache miss is not undone.
	gen atomic.Uint64
	// used is set before anything is put in the cache: until then a reset
	// (the subscription's first, at start) has nothing to clear, and
	// clearing ristretto's counters costs milliseconds of page faults.
	used atomic.Bool
	// node names this Manager in the events of Refresh, so that Listen
	// skips its own (it rebuilt those sessions already).
	node string
}

// New builds a Manager.
func New(st Store, cfg Config) (*Manager, error) {
	if cfg.Rights == nil {
		cfg.Rights = DefaultGroupRights()
	}
	if cfg.CookieName == "" {
		cfg.CookieName = "folio_session"
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 7 * 24 * time.Hour
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = 30 * 24 * time.Hour
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = 16 << 20
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cache, err := ristretto.NewCache(&ristretto.Config[string, *UserInfo]{
		NumCounters: max(cfg.CacheBytes/100, 1000), MaxCost: cfg.CacheBytes, BufferItems: 64,
	})
	if err != nil {
		return nil, fmt.Errorf("userinfo: new cache: %w", err)
	}
	m := &Manager{st: st, cfg: cfg, cache: cache, throttle: newThrottle(), byUser: map[int64]map[string]struct{}{},
		node: newSessionID()[:12]}
	m.anon = withRights(&UserInfo{Name: "", Anonymous: true, Groups: []string{}}, cfg.Rights.rightsOf(false, nil))
	return m, nil
}

// Close releases the cache.
func (m *Manager) Close() { m.cache.Close() }

// Anonymous returns the one constant UserInfo of every reader without a
// session.
func (m *Manager) Anonymous() *UserInfo { return m.anon }

// CookieName is the session cookie's name.
func (m *Manager) CookieName() string { return m.cfg.CookieName }

// FromRequest returns the UserInfo of the request's session, or the
// anonymous one when it has none, or an unknown or expired one. On a warm
// cache it reads nothing from the store. The error is only ever a store
// failure.
//
// A request with "Authorization: Bearer <token>" (the API) is its token's
// user; an invalid token is ErrBadToken, never a silent anonymous.
func (m *Manager) FromRequest(r *http.Request) (*UserInfo, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		secret, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return m.anon, ErrBadToken
		}
		return m.fromToken(r.Context(), strings.TrimSpace(secret))
	}
	id, ok := cookie.Value(r.Header, m.cfg.CookieName)
	if !ok || !validSessionID(id) {
		return m.anon, nil
	}
	return m.session(r.Context(), id)
}

func (m *Manager) session(ctx context.Context, id string) (*UserInfo, error) {
	hash := hashSessionID(id)
	now := m.cfg.Now()
	u, ok := m.cache.Get(hash)
	if ok {
		m.n.hits.Add(1)
	} else {
		m.n.misses.Add(1)
		start := time.Now()
		var err error
		u, err = m.load(ctx, id, hash)
		m.n.storeNanos.Add(uint64(time.Since(start)))
		if err != nil || u == nil {
			return m.anon, err
		}
	}
	if u.Session.Token { // a token's hash cannot be a session's, but be sure
		return m.anon, nil
	}
	if !now.Before(u.Session.Expires) || now.Sub(u.Session.LastSeen) > m.cfg.IdleTimeout {
		m.end(ctx, u)
		return m.anon, nil
	}
	if watchExpired(u, now) {
		var err error
		if u, err = m.rebuild(ctx, u); err != nil || u == nil {
			return m.anon, err
		}
	}
	if now.Sub(u.Session.LastSeen) > touchEvery {
		return m.touch(ctx, u, now)
	}
	return u, nil
}

// load builds the UserInfo of a session from the store; nil when the
// session does not exist.
func (m *Manager) load(ctx context.Context, id, hash string) (*UserInfo, error) {
	se, err := m.st.SessionByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("userinfo: session: %w", err)
	}
	u, err := m.build(ctx, se.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil // the account is gone
	}
	if err != nil {
		return nil, err
	}
	u.CSRF, u.Session.Hash, u.Session.Expires, u.Session.LastSeen = csrfToken(id), hash, se.Expires, se.LastSeen
	m.remember(u)
	return u, nil
}

// build reads an account's name, groups, state, watchlist and
// notification counts and runs the UserInfo hooks. The UserInfo's memo is
// started: it may be shared.
func (m *Manager) build(ctx context.Context, userID int64) (*UserInfo, error) {
	u, err := m.read(ctx, userID)
	if err != nil {
		return nil, err
	}
	return started(u), nil
}

// started returns a copy of u, built by read, with its own memo started,
// ready to be shared.
func started(u *UserInfo) *UserInfo {
	v := *u
	v.Derived()
	return &v
}

// read is build without starting the memo: its result may be copied for
// several sessions (started), each getting its own.
func (m *Manager) read(ctx context.Context, userID int64) (*UserInfo, error) {
	acct, err := m.st.UserByID(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("userinfo: %w", err)
	}
	groups, err := m.st.UserGroups(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("userinfo: %w", err)
	}
	state, err := m.st.UserState(ctx, userID, m.cfg.Now())
	if err != nil {
		return nil, fmt.Errorf("userinfo: %w", err)
	}
	u := &UserInfo{
		ID: acct.ID, Name: acct.Name, Groups: groups, Preferences: preferencesFrom(state.Preferences),
		EditCount: state.EditCount, Block: state.Block, Version: state.Version,
		Rights: m.cfg.Rights.rightsOf(true, groups),
	}
	if err := m.readWatches(ctx, u); err != nil {
		return nil, err
	}
	counts, err := m.st.NotificationCounts(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("userinfo: notifications of user %d: %w", userID, err)
	}
	u.Notifications = blob.Notifications{Unread: counts.Unread, NewMessages: counts.UnreadTalk > 0}
	u.Ext = m.extensionData(ctx, u)
	return u, nil
}

// touch records activity at most once per touchEvery.
func (m *Manager) touch(ctx context.Context, u *UserInfo, now time.Time) (*UserInfo, error) {
	if err := m.st.TouchSession(ctx, u.Session.Hash, now); err != nil {
		if errors.Is(err, store.ErrNotFound) { // logged out on another node
			m.forget(u)
			return m.anon, nil
		}
		return m.anon, fmt.Errorf("userinfo: touch session: %w", err)
	}
	v := *u
	v.Session.LastSeen = now
	m.remember(&v)
	return &v, nil
}

// end deletes an expired session.
func (m *Manager) end(ctx context.Context, u *UserInfo) {
	m.forget(u)
	if err := m.st.DeleteSession(ctx, u.Session.Hash); err != nil {
		m.cfg.Log.Warn("userinfo: deleting an expired session failed", "user", u.Name, "err", err)
	}
}

func (m *Manager) remember(u *UserInfo) {
	m.used.Store(true) // before the Set: see reset
	m.cache.Set(u.Session.Hash, u, cost(u))
	m.cache.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byUser[u.ID] == nil {
		m.byUser[u.ID] = map[string]struct{}{}
	}
	m.byUser[u.ID][u.Session.Hash] = struct{}{}
}

func (m *Manager) forget(u *UserInfo) {
	m.cache.Del(u.Session.Hash)
	m.cache.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.byUser[u.ID], u.Session.Hash)
}

// forgetUser drops every cached session of an account.
func (m *Manager) forgetUser(userID int64) {
	m.mu.Lock()
	m.gen.Add(1)
	hashes := m.byUser[userID]
	delete(m.byUser, userID)
	m.mu.Unlock()
	for h := range hashes {
		m.cache.Del(h)
	}
	m.cache.Wait()
}

// userKey is the event key of an account.
func userKey(id int64) string { return "u:" + strconv.FormatInt(id, 10) }
