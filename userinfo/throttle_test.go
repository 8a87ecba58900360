package userinfo_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/userinfo"
)

const goodPassword = "correct horse battery"

// throttleFixture is a Manager with the accounts Alice and Bob, on a clock
// the test moves.
func throttleFixture(t *testing.T) (*userinfo.Manager, *clock) {
	t.Helper()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	m := newManager(t, clk)
	for _, name := range []string{"Alice", "Bob"} {
		if _, err := m.CreateUser(context.Background(), name, goodPassword); err != nil {
			t.Fatal(err)
		}
	}
	return m, clk
}

func login(m *userinfo.Manager, name, password, addr string) error {
	_, _, err := m.Login(context.Background(), userinfo.Credentials{Name: name, Password: password, Addr: addr})
	return err
}

func isThrottled(err error) bool {
	var te *userinfo.ThrottledError
	return errors.As(err, &te) && te.RetryAfter > 0
}

// TestLoginOwnerNotLockedOut: an attacker's failures from one address do
// not lock the account's owner out: the right password from the owner's
// address logs in.
func TestLoginOwnerNotLockedOut(t *testing.T) {
	m, _ := throttleFixture(t)
	for i := range 50 {
		err := login(m, "Alice", fmt.Sprintf("wrong password %d", i), "198.51.100.66")
		if i < 5 && !errors.Is(err, userinfo.ErrBadCredentials) || i >= 5 && !isThrottled(err) {
			t.Fatalf("attacker's attempt %d = %v", i+1, err)
		}
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); err != nil {
		t.Fatalf("the owner from her own address after 50 attempts from another: %v", err)
	}
}

// TestLoginDistributedGuessing: failures from many addresses together
// (past the account's slow-down limit) stop every address that failed on
// the account from trying it again, but not the owner from a clean
// address, nor the failed addresses on other accounts.
func TestLoginDistributedGuessing(t *testing.T) {
	m, clk := throttleFixture(t)
	for i := range 60 {
		if err := login(m, "Alice", "wrong password", fmt.Sprintf("198.51.100.%d", i)); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatalf("first attempt from address %d = %v", i, err)
		}
	}
	// One failure each, far below the pair limit; but the account is
	// under attack, so an address that failed on it waits.
	if err := login(m, "Alice", "wrong password", "198.51.100.7"); !isThrottled(err) {
		t.Fatalf("a second guess from an attacking address = %v, want throttled", err)
	}
	if err := login(m, "Bob", goodPassword, "198.51.100.7"); err != nil {
		t.Fatalf("an attacking address on another account: %v", err)
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); err != nil {
		t.Fatalf("the owner from a clean address: %v", err)
	}
	clk.add(11 * time.Minute)
	if err := login(m, "Alice", "wrong password", "198.51.100.7"); !errors.Is(err, userinfo.ErrBadCredentials) {
		t.Fatalf("after the window = %v", err)
	}
}

// TestLoginAddressThrottle: an address that failed too often, on whatever
// accounts, is throttled for every account, even with a right password;
// other addresses are not.
func TestLoginAddressThrottle(t *testing.T) {
	m, clk := throttleFixture(t)
	for i := range 30 {
		if err := login(m, fmt.Sprintf("Nobody%d", i), "wrong password", "192.0.2.9"); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatalf("attempt %d = %v", i+1, err)
		}
	}
	for _, name := range []string{"Alice", "Bob", "Nobody0"} {
		if err := login(m, name, goodPassword, "192.0.2.9"); !isThrottled(err) {
			t.Errorf("%s from the throttled address = %v, want throttled", name, err)
		}
	}
	if err := login(m, "Bob", goodPassword, "192.0.2.10"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	clk.add(11 * time.Minute)
	if err := login(m, "Bob", goodPassword, "192.0.2.9"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// TestLoginPairLimit: five failures of one account from one address stop
// that pair, the right password too, and only that pair.
func TestLoginPairLimit(t *testing.T) {
	m, clk := throttleFixture(t)
	for i := range 5 {
		if err := login(m, "Alice", "wrong password", "192.0.2.1"); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatalf("attempt %d = %v", i+1, err)
		}
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); !isThrottled(err) {
		t.Fatalf("6th attempt of the pair = %v, want throttled", err)
	}
	if err := login(m, "Bob", goodPassword, "192.0.2.1"); err != nil {
		t.Fatalf("another account from the address: %v", err)
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.2"); err != nil {
		t.Fatalf("the account from another address: %v", err)
	}
	clk.add(11 * time.Minute)
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// TestLoginSuccessClearsPair: a successful login forgets its pair's
// failures, and its own attempt does not count against the address.
func TestLoginSuccessClearsPair(t *testing.T) {
	m, _ := throttleFixture(t)
	for range 4 {
		if err := login(m, "Alice", "wrong password", "192.0.2.1"); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatal(err)
		}
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := login(m, "Alice", "wrong password", "192.0.2.1"); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatalf("failure %d after a success = %v", i+1, err)
		}
	}
	// Many successful logins from one address (an office, a NAT) never
	// throttle it.
	for i := range 31 {
		if err := login(m, "Bob", goodPassword, "192.0.2.50"); err != nil {
			t.Fatalf("successful login %d from one address: %v", i+1, err)
		}
	}
}

// TestLoginIPv6Prefix: an IPv6 client is counted by its /64, which it
// controls whole.
func TestLoginIPv6Prefix(t *testing.T) {
	m, _ := throttleFixture(t)
	for i := range 5 {
		if err := login(m, "Alice", "wrong password", fmt.Sprintf("2001:db8:1:2::%x", i+1)); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatalf("attempt %d = %v", i+1, err)
		}
	}
	if err := login(m, "Alice", goodPassword, "2001:db8:1:2:ffff::1"); !isThrottled(err) {
		t.Fatalf("another address of the same /64 = %v, want throttled", err)
	}
	if err := login(m, "Alice", goodPassword, "2001:db8:1:3::1"); err != nil {
		t.Fatalf("another /64: %v", err)
	}
}

// TestLoginConcurrentAttempts: attempts are counted before their password
// is hashed, so a burst of concurrent wrong passwords for one account from
// one address checks no more of them than the pair's limit.
func TestLoginConcurrentAttempts(t *testing.T) {
	m, _ := throttleFixture(t)
	const n = 48
	var (
		wg                              sync.WaitGroup
		mu                              sync.Mutex
		checked, throttled, busy, other int
		start                           = make(chan struct{})
	)
	for i := range n {
		wg.Go(func() {
			<-start
			err := login(m, "Alice", fmt.Sprintf("wrong password %d", i), "192.0.2.1")
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, userinfo.ErrBadCredentials):
				checked++
			case isThrottled(err):
				throttled++
			case errors.Is(err, userinfo.ErrBusy): // a slow machine: not checked, not counted
				busy++
			default:
				other++
				t.Errorf("attempt = %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	if checked > 5 || checked+throttled+busy != n {
		t.Fatalf("%d concurrent wrong passwords: %d checked, %d throttled, %d busy, %d other; want at most 5 checked", n, checked, throttled, busy, other)
	}
}

// TestChangePasswordThrottle: a wrong current password in a password
// change counts against the pair and the address, as a failed login does,
// and the session may try no more often than a pair.
func TestChangePasswordThrottle(t *testing.T) {
	m, _ := throttleFixture(t)
	ctx := context.Background()
	_, u, err := m.Login(ctx, userinfo.Credentials{Name: "Alice", Password: goodPassword, Addr: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if _, _, err := m.ChangePassword(ctx, u, "192.0.2.1", "wrong password", "new password 1"); !errors.Is(err, userinfo.ErrBadCredentials) {
			t.Fatalf("wrong current password %d = %v", i+1, err)
		}
	}
	if _, _, err := m.ChangePassword(ctx, u, "192.0.2.1", goodPassword, "new password 1"); !isThrottled(err) {
		t.Fatalf("6th attempt = %v, want throttled", err)
	}
	if _, _, err := m.ChangePassword(ctx, u, "192.0.2.2", goodPassword, "new password 1"); !isThrottled(err) {
		t.Fatalf("the session from another address = %v, want throttled", err)
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); !isThrottled(err) {
		t.Fatalf("login of the pair the changes failed from = %v, want throttled", err)
	}
	// The owner, in another session, changes it.
	_, u2, err := m.Login(ctx, userinfo.Credentials{Name: "Alice", Password: goodPassword, Addr: "192.0.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	if _, nu, err := m.ChangePassword(ctx, u2, "192.0.2.3", goodPassword, "new password 1"); err != nil || nu == nil {
		t.Fatalf("a change in another session: %v", err)
	}
	if err := login(m, "Alice", "new password 1", "192.0.2.4"); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
}

// TestChangePasswordDuringAttack: failed logins on her account from her
// own address (a NAT, an office) do not stop the logged-in owner changing
// her password.
func TestChangePasswordDuringAttack(t *testing.T) {
	m, _ := throttleFixture(t)
	ctx := context.Background()
	_, u, err := m.Login(ctx, userinfo.Credentials{Name: "Alice", Password: goodPassword, Addr: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		login(m, "Alice", "wrong password", "192.0.2.1")
	}
	if err := login(m, "Alice", goodPassword, "192.0.2.1"); !isThrottled(err) {
		t.Fatalf("the pair after 8 failures = %v, want throttled", err)
	}
	if _, _, err := m.ChangePassword(ctx, u, "192.0.2.1", goodPassword, "new password 1"); err != nil {
		t.Fatalf("the owner's change from her session: %v", err)
	}
}
