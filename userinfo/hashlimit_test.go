package userinfo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/foliowiki/folio/store/sqlite"
)

func newTestManager(t *testing.T) *Manager {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m, err := New(st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m
}

// withHashLimiter makes l the process's hashing limiter for the test.
func withHashLimiter(t *testing.T, l *hashLimiter) *hashLimiter {
	old := hashing.Swap(l)
	t.Cleanup(func() { hashing.Store(old) })
	return l
}

// TestHashLimiter: no more hashes run at once than the limiter's units, at
// most queue more wait, and the rest are refused at once with ErrBusy.
func TestHashLimiter(t *testing.T) {
	l := newHashLimiter(2, 3, 10*time.Second)
	const n = 20
	var (
		running, maxRunning, granted, busy atomic.Int64
		hold                               = make(chan struct{})
		start                              = make(chan struct{})
		wg                                 sync.WaitGroup
	)
	for range n {
		wg.Go(func() {
			<-start
			release, err := l.acquire(context.Background(), 1)
			if err != nil {
				var be *BusyError
				if !errors.As(err, &be) || !errors.Is(err, ErrBusy) || be.RetryAfter <= 0 {
					t.Errorf("refusal = %v, want a BusyError with RetryAfter", err)
				}
				busy.Add(1)
				return
			}
			granted.Add(1)
			r := running.Add(1)
			for {
				m := maxRunning.Load()
				if r <= m || maxRunning.CompareAndSwap(m, r) {
					break
				}
			}
			<-hold
			running.Add(-1)
			release()
		})
	}
	close(start)
	deadline := time.Now().Add(10 * time.Second)
	for busy.Load() < n-5 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	close(hold)
	wg.Wait()
	if granted.Load() != 5 || busy.Load() != n-5 || maxRunning.Load() != 2 {
		t.Fatalf("granted %d, busy %d, at most %d at once; want 5 (2 running + 3 waiting), %d, 2",
			granted.Load(), busy.Load(), maxRunning.Load(), n-5)
	}

	// A waiter that waits too long gives up with ErrBusy.
	l = newHashLimiter(1, 1, 20*time.Millisecond)
	release, err := l.acquire(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.acquire(context.Background(), 1); !errors.Is(err, ErrBusy) {
		t.Fatalf("a waiter past the wait = %v, want ErrBusy", err)
	}
	release()
	release, err = l.acquire(context.Background(), 1)
	if err != nil {
		t.Fatalf("after a release: %v", err)
	}
	release()
}

// TestHashWeight: a hash costs one unit per argonMemoryKiB of memory (or
// per thread), at most the limiter's all: an old 64 MiB hash takes several.
func TestHashWeight(t *testing.T) {
	l := newHashLimiter(8, 0, 0)
	for _, c := range []struct {
		p    argonParams
		want int64
	}{
		{productionParams, 1},
		{argonParams{memory: 64 * 1024, time: 1, threads: 2}, 4},
		{argonParams{memory: 1 << 21, time: 1, threads: 1}, 8},
		{argonParams{memory: 1024, time: 1, threads: 4}, 4},
	} {
		if got := l.weight(c.p); got != c.want {
			t.Errorf("weight(%+v) = %d, want %d", c.p, got, c.want)
		}
	}
}

// TestLoginBusy: when no hash can start, a login is refused with a
// BusyError, not checked, and not counted against the throttle.
func TestLoginBusy(t *testing.T) {
	ctx := context.Background()
	m := newTestManager(t)
	if _, err := m.CreateUser(ctx, "Alice", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	l := withHashLimiter(t, newHashLimiter(1, 0, 0))
	release, err := l.acquire(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"wrong password 1", "wrong password 2", "wrong password 3", "wrong password 4", "wrong password 5", "wrong password 6", "correct horse battery"} {
		_, u, err := m.Login(ctx, Credentials{Name: "Alice", Password: pw, Addr: "192.0.2.1"})
		var be *BusyError
		if !errors.As(err, &be) || be.RetryAfter <= 0 || u != nil {
			t.Fatalf("login while every hash slot is taken = %v, %v; want a BusyError", u, err)
		}
	}
	if _, _, err := m.Register(ctx, Credentials{Name: "Bob", Password: "correct horse battery", Addr: "192.0.2.1"}); !errors.Is(err, ErrBusy) {
		t.Fatalf("registration while busy = %v, want ErrBusy", err)
	}
	if _, err := m.User(ctx, "Bob"); err == nil {
		t.Fatal("a busy registration created the account")
	}
	release()
	// The refused attempts did not count: the pair still has its five.
	for i := range 5 {
		if _, _, err := m.Login(ctx, Credentials{Name: "Alice", Password: "wrong password", Addr: "192.0.2.1"}); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("failure %d after the busy spell = %v", i+1, err)
		}
	}
	var te *ThrottledError
	if _, _, err := m.Login(ctx, Credentials{Name: "Alice", Password: "wrong password", Addr: "192.0.2.1"}); !errors.As(err, &te) {
		t.Fatalf("6th failure = %v, want throttled", err)
	}
}

// oldHash is a hash with the parameters Folio used before: 64 MiB, one
// pass, two lanes.
func oldHash(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, 1, 64*1024, 2, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=19$m=65536,t=1,p=2$%s$%s", b64.EncodeToString(salt), b64.EncodeToString(key))
}

// TestPasswordUpgrade: a hash with older parameters still verifies, and a
// successful login stores a hash with the current ones.
func TestPasswordUpgrade(t *testing.T) {
	withProductionParams(t)
	ctx := context.Background()
	m := newTestManager(t)
	acct, err := m.CreateUser(ctx, "Alice", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	old := oldHash("correct horse battery")
	if err := m.st.SetPasswordHash(ctx, acct.ID, old); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Login(ctx, Credentials{Name: "Alice", Password: "wrong password", Addr: "192.0.2.1"}); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("a wrong password against the old hash = %v", err)
	}
	if got, _ := m.st.UserByID(ctx, acct.ID); got.PasswordHash != old {
		t.Fatal("a failed login changed the hash")
	}
	if _, _, err := m.Login(ctx, Credentials{Name: "Alice", Password: "correct horse battery", Addr: "192.0.2.1"}); err != nil {
		t.Fatalf("the right password against the old hash: %v", err)
	}
	got, err := m.st.UserByID(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$", argonMemoryKiB, argonTime, argonThreads)
	if !strings.HasPrefix(got.PasswordHash, want) {
		t.Fatalf("hash after the login = %q, want upgraded to %s…", got.PasswordHash, want)
	}
	if _, _, err := m.Login(ctx, Credentials{Name: "Alice", Password: "correct horse battery", Addr: "192.0.2.1"}); err != nil {
		t.Fatalf("login with the upgraded hash: %v", err)
	}
	if _, _, err := m.Login(ctx, Credentials{Name: "Alice", Password: "correct horse batterY", Addr: "192.0.2.1"}); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("a wrong password against the upgraded hash = %v", err)
	}
}
