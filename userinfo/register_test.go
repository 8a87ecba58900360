package userinfo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// TestRegister: self-registration creates the account with CreateUser's
// rules and opens a session as Login does.
func TestRegister(t *testing.T) {
	ctx := context.Background()
	m := newManager(t, &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})

	id, u, err := m.Register(ctx, userinfo.Credentials{Name: "carol_smith", Password: "correct horse battery", Addr: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Anonymous || u.Name != "Carol smith" || !u.Can(router.RightEdit) || u.CSRF == "" {
		t.Fatalf("registered UserInfo = %+v", u)
	}
	got, err := m.FromRequest(request(m, id))
	if err != nil || got.Anonymous || got.Name != "Carol smith" {
		t.Fatalf("the new session = %+v, %v", got, err)
	}
	if _, _, err := m.Login(ctx, userinfo.Credentials{Name: "Carol smith", Password: "correct horse battery", Addr: "192.0.2.1"}); err != nil {
		t.Fatalf("login with the registered password: %v", err)
	}

	for _, c := range []struct {
		name, password string
		want           error
	}{
		{"carol smith", "another good password", userinfo.ErrNameTaken},
		{"Dave", "short", userinfo.ErrWeakPassword},
		{"a/b", "correct horse battery", userinfo.ErrBadUserName},
		{"   ", "correct horse battery", userinfo.ErrBadUserName},
	} {
		_, u, err := m.Register(ctx, userinfo.Credentials{Name: c.name, Password: c.password, Addr: "192.0.2.1"})
		if !errors.Is(err, c.want) || u != nil {
			t.Errorf("Register(%q, %q) = %v, %v; want %v", c.name, c.password, u, err, c.want)
		}
	}
	if _, _, err := m.Register(ctx, userinfo.Credentials{Name: "Carol smith", Password: "correct horse battery", Addr: "x"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a taken name = %v, want store.ErrConflict too", err)
	}
	if _, err := m.User(ctx, "Dave"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused registration created the account: %v", err)
	}
}

// TestRegisterThrottle: every attempt counts against the address's budget,
// the one failed logins use; other addresses are not affected, and the
// budget comes back after the window.
func TestRegisterThrottle(t *testing.T) {
	ctx := context.Background()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	m := newManager(t, clk)
	good := func(name, addr string) error {
		_, _, err := m.Register(ctx, userinfo.Credentials{Name: name, Password: "correct horse battery", Addr: addr})
		return err
	}
	if err := good("Alice", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	for range 29 {
		if _, _, err := m.Register(ctx, userinfo.Credentials{Name: "Bob", Password: "short", Addr: "192.0.2.1"}); !errors.Is(err, userinfo.ErrWeakPassword) {
			t.Fatalf("attempt = %v", err)
		}
	}
	var te *userinfo.ThrottledError
	if err := good("Bob", "192.0.2.1"); !errors.As(err, &te) || te.RetryAfter <= 0 {
		t.Fatalf("31st attempt from one address = %v, want a ThrottledError", err)
	}
	if _, err := m.User(ctx, "Bob"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a throttled registration created the account: %v", err)
	}
	// Failed logins and registrations share the address's budget.
	if _, _, err := m.Login(ctx, userinfo.Credentials{Name: "Alice", Password: "correct horse battery", Addr: "192.0.2.1"}); !errors.As(err, &te) {
		t.Fatalf("login from the throttled address = %v", err)
	}
	if err := good("Bob", "192.0.2.2"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	clk.add(11 * time.Minute)
	if err := good("Carol", "192.0.2.1"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}
