package userinfo_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// listeningStore tells when a Manager's Listen is subscribed: the first
// event of a subscription, a reset, arrives once it listens.
type listeningStore struct {
	userinfo.Store
	once      sync.Once
	listening chan struct{}
}

func (s *listeningStore) Subscribe(ctx context.Context, fn func(store.Event)) error {
	return s.Store.Subscribe(ctx, func(ev store.Event) {
		fn(ev)
		if ev.Kind == store.EventReset {
			s.once.Do(func() { close(s.listening) })
		}
	})
}

// node is one server's Manager, listening to the others.
type node struct {
	*userinfo.Manager
}

// twoNodes runs fn with two Managers, as on two servers, over one store:
// for SQLite two Stores on one file (two processes: events go through the
// event_log table), for PostgreSQL two Stores on one schema (LISTEN/NOTIFY).
// Both listen before fn runs.
func twoNodes(t *testing.T, clk *clock, fn func(t *testing.T, a, b node)) {
	run := func(t *testing.T, open func() userinfo.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		var nodes [2]node
		var wg sync.WaitGroup
		for i := range nodes {
			ls := &listeningStore{Store: open(), listening: make(chan struct{})}
			m, err := userinfo.New(ls, userinfo.Config{Now: clk.Now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(m.Close)
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := m.Listen(ctx); err != nil {
					t.Errorf("node %d: Listen: %v", i, err)
				}
			}()
			select {
			case <-ls.listening:
			case <-time.After(10 * time.Second):
				t.Fatalf("node %d does not listen", i)
			}
			nodes[i] = node{m}
		}
		t.Cleanup(func() { cancel(); wg.Wait() }) // runs before the stores close
		fn(t, nodes[0], nodes[1])
	}
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "folio.db")
		run(t, func() userinfo.Store {
			st, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.Schema(t)
		run(t, func() userinfo.Store {
			st, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		})
	})
}

// use sends a bearer token to n, as an API request does.
func (n node) use(token string) (*userinfo.UserInfo, error) {
	r := httptest.NewRequest("PUT", "/api/v1/pages/X", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	return n.FromRequest(r)
}

// within polls cond until it holds or d passes since start, and reports
// how long it took.
func within(t *testing.T, start time.Time, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	for !cond() {
		if time.Since(start) > d {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

func TestTokenRevokedOnEveryNode(t *testing.T) {
	clk := &clock{now: time.Now()}
	twoNodes(t, clk, func(t *testing.T, a, b node) {
		ctx := context.Background()
		bot, err := a.CreateUser(ctx, "Bot", "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		secret, info, err := a.IssueToken(ctx, bot.ID, "ci", 0)
		if err != nil {
			t.Fatal(err)
		}
		other, _, err := a.IssueToken(ctx, bot.ID, "other", 0)
		if err != nil {
			t.Fatal(err)
		}
		// Node B knows the token, and keeps it in its cache.
		for range 3 {
			u, err := b.use(secret)
			if err != nil || u.Name != "Bot" || !u.Can(router.RightEdit) {
				t.Fatalf("token on node B = %+v, %v", u, err)
			}
		}
		start := time.Now()
		if _, err := a.RevokeToken(ctx, info.ID, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := a.use(secret); !errors.Is(err, userinfo.ErrBadToken) {
			t.Fatalf("revoked token on node A = %v, want ErrBadToken", err)
		}
		took := within(t, start, time.Second, "node B refuses the revoked token", func() bool {
			_, err := b.use(secret)
			return errors.Is(err, userinfo.ErrBadToken)
		})
		t.Logf("node B refused the revoked token after %v", took)
		// Stays refused, and the account's other token still works.
		if _, err := b.use(secret); !errors.Is(err, userinfo.ErrBadToken) {
			t.Fatalf("revoked token on node B again = %v", err)
		}
		if u, err := b.use(other); err != nil || u.Name != "Bot" {
			t.Fatalf("the other token on node B = %+v, %v", u, err)
		}

		// Revoking all of the account's tokens reaches B too.
		start = time.Now()
		if n, err := a.RevokeUserTokens(ctx, bot.ID); err != nil || n != 1 {
			t.Fatalf("RevokeUserTokens = %d, %v; want 1", n, err)
		}
		within(t, start, time.Second, "node B refuses the account's tokens", func() bool {
			_, err := b.use(other)
			return errors.Is(err, userinfo.ErrBadToken)
		})
	})
}

func TestTokenBlockedOnEveryNode(t *testing.T) {
	clk := &clock{now: time.Now()}
	twoNodes(t, clk, func(t *testing.T, a, b node) {
		ctx := context.Background()
		bot, err := a.CreateUser(ctx, "Bot", "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := a.IssueToken(ctx, bot.ID, "ci", 0)
		if err != nil {
			t.Fatal(err)
		}
		if u, err := b.use(secret); err != nil || !u.Can(router.RightEdit) {
			t.Fatalf("token on node B = %+v, %v", u, err)
		}
		start := time.Now()
		if err := a.Block(ctx, bot.ID, "spam", "Admin", time.Time{}); err != nil {
			t.Fatal(err)
		}
		within(t, start, time.Second, "node B refuses the blocked account's token for edits", func() bool {
			u, err := b.use(secret)
			if err != nil {
				t.Fatalf("a blocked account's token = %v, want its user (who may read)", err)
			}
			return !u.Can(router.RightEdit) && !u.Can(router.RightCreate) && u.Can(router.RightRead) && u.Blocked()
		})
		start = time.Now()
		if err := a.Unblock(ctx, bot.ID); err != nil {
			t.Fatal(err)
		}
		within(t, start, time.Second, "node B lets the unblocked account's token edit", func() bool {
			u, err := b.use(secret)
			return err == nil && u.Can(router.RightEdit)
		})
	})
}

func TestTokenExpiresOnEveryNode(t *testing.T) {
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	twoNodes(t, clk, func(t *testing.T, a, b node) {
		ctx := context.Background()
		bot, err := a.CreateUser(ctx, "Bot", "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		secret, info, err := a.IssueToken(ctx, bot.ID, "ci", 30*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if want := clk.Now().Add(30 * 24 * time.Hour); !info.Expires.Equal(want) {
			t.Fatalf("expires %v, want %v", info.Expires, want)
		}
		for _, n := range []node{a, b} {
			if _, err := n.use(secret); err != nil {
				t.Fatal(err)
			}
		}
		clk.add(30*24*time.Hour - time.Second)
		for _, n := range []node{a, b} { // cached, and a second before the end
			if _, err := n.use(secret); err != nil {
				t.Fatalf("a token a second before it expires: %v", err)
			}
		}
		clk.add(time.Second)
		for i, n := range []node{a, b} { // cached, but expired: no event needed
			if _, err := n.use(secret); !errors.Is(err, userinfo.ErrBadToken) {
				t.Fatalf("node %d: an expired token = %v, want ErrBadToken", i, err)
			}
		}
		// Listed as expired until revoked.
		toks, err := a.Tokens(ctx, bot.ID)
		if err != nil || len(toks) != 1 || !toks[0].Expired(clk.Now()) || toks[0].Owner != "Bot" {
			t.Fatalf("Tokens = %+v, %v; want the one expired token", toks, err)
		}
	})
}

// TestTokenLifecycle: names, limits, listing, owner checks, last use, and
// what a password change does (nothing: tokens are revoked on their own).
func TestTokenLifecycle(t *testing.T) {
	ctx := context.Background()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	m := newManager(t, clk)
	bot, err := m.CreateUser(ctx, "Bot", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	ann, err := m.CreateUser(ctx, "Ann", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{strings.Repeat("x", userinfo.MaxTokenNameRunes+1), "a\nb", "\x00", "\xff"} {
		if _, _, err := m.IssueToken(ctx, bot.ID, bad, 0); !errors.Is(err, userinfo.ErrTokenName) {
			t.Errorf("name %q: %v, want ErrTokenName", bad, err)
		}
	}
	if _, _, err := m.IssueToken(ctx, bot.ID, "x", -time.Hour); err == nil {
		t.Error("a negative lifetime was accepted")
	}
	if _, _, err := m.IssueToken(ctx, 999999, "x", 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("token of a missing user: %v, want ErrNotFound", err)
	}
	secret, info, err := m.IssueToken(ctx, bot.ID, "  deploy  ", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "folio_") || info.Name != "deploy" || info.Owner != "Bot" || !info.Expires.IsZero() ||
		!info.Created.Equal(clk.Now()) || !info.LastUsed.IsZero() || info.Expired(clk.Now().Add(100*365*24*time.Hour)) {
		t.Fatalf("IssueToken = %q, %+v", secret, info)
	}
	annSecret, annInfo, err := m.IssueToken(ctx, ann.ID, "", 0)
	if err != nil {
		t.Fatal(err)
	}

	// Last use is recorded on first use, then at most hourly.
	lastUsed := func() time.Time {
		t.Helper()
		toks, err := m.Tokens(ctx, bot.ID)
		if err != nil || len(toks) != 1 {
			t.Fatalf("Tokens = %+v, %v", toks, err)
		}
		return toks[0].LastUsed
	}
	use := func(s string) error {
		r := httptest.NewRequest("GET", "/api/v1/pages/X", nil)
		r.Header.Set("Authorization", "Bearer "+s)
		_, err := m.FromRequest(r)
		return err
	}
	first := clk.Now()
	if err := use(secret); err != nil {
		t.Fatal(err)
	}
	if got := lastUsed(); !got.Equal(first) {
		t.Fatalf("last used %v after the first use at %v", got, first)
	}
	clk.add(30 * time.Minute)
	if err := use(secret); err != nil {
		t.Fatal(err)
	}
	if got := lastUsed(); !got.Equal(first) {
		t.Fatalf("last used %v after a use within the hour, want still %v", got, first)
	}
	clk.add(2 * time.Hour)
	if err := use(secret); err != nil {
		t.Fatal(err)
	}
	if got := lastUsed(); !got.Equal(clk.Now()) {
		t.Fatalf("last used %v, want %v", got, clk.Now())
	}

	// Lists: per account, or everyone's with owners.
	all, err := m.Tokens(ctx, 0)
	if err != nil || len(all) != 2 || all[0].Owner != "Bot" || all[1].Owner != "Ann" || all[1].ID != annInfo.ID {
		t.Fatalf("Tokens(all) = %+v, %v", all, err)
	}

	// A password change leaves tokens alone (docs/api.md, "What ends a token").
	if err := m.SetPassword(ctx, bot.ID, "another good password", ""); err != nil {
		t.Fatal(err)
	}
	if err := use(secret); err != nil {
		t.Fatalf("token after a password change: %v", err)
	}

	// Only the owner (or an administrator, owner 0) revokes.
	if _, err := m.RevokeToken(ctx, info.ID, ann.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("revoking another's token = %v, want ErrNotFound", err)
	}
	if err := use(secret); err != nil {
		t.Fatalf("token after a refused revocation: %v", err)
	}
	got, err := m.RevokeToken(ctx, info.ID, bot.ID)
	if err != nil || got.ID != info.ID || got.Owner != "Bot" {
		t.Fatalf("RevokeToken = %+v, %v", got, err)
	}
	if err := use(secret); !errors.Is(err, userinfo.ErrBadToken) {
		t.Fatalf("revoked token = %v, want ErrBadToken", err)
	}
	if err := use(annSecret); err != nil {
		t.Fatalf("another account's token after a revocation: %v", err)
	}
	// Junk is refused before any lookup.
	for _, junk := range []string{"", "folio_", "folio_short", "nope_" + strings.Repeat("A", 43), secret + "A"} {
		if err := use(junk); !errors.Is(err, userinfo.ErrBadToken) {
			t.Errorf("token %q = %v, want ErrBadToken", junk, err)
		}
	}
	// A session cookie is not a token, nor a token a session.
	r := httptest.NewRequest("GET", "/wiki/X", nil)
	r.AddCookie(&http.Cookie{Name: m.CookieName(), Value: strings.TrimPrefix(annSecret, "folio_")})
	if u, err := m.FromRequest(r); err != nil || !u.Anonymous {
		t.Fatalf("a token's secret as a session cookie = %+v, %v; want anonymous", u, err)
	}
}

func TestTokenLimit(t *testing.T) {
	ctx := context.Background()
	m := newManager(t, &clock{now: time.Now()})
	bot, err := m.CreateUser(ctx, "Bot", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	for i := range userinfo.MaxTokens {
		if _, _, err := m.IssueToken(ctx, bot.ID, "t", 0); err != nil {
			t.Fatalf("token %d: %v", i, err)
		}
	}
	if _, _, err := m.IssueToken(ctx, bot.ID, "t", 0); !errors.Is(err, userinfo.ErrTooManyTokens) {
		t.Fatalf("token %d = %v, want ErrTooManyTokens", userinfo.MaxTokens+1, err)
	}
}
