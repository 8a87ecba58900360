package userinfo_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/foliowiki/folio/userinfo"
)

var hexToken = regexp.MustCompile(`^[0-9a-f]{32}$`)

// TestWatchlistTokenAndPreferences: the watchlist token lives with the
// preferences but outside the Preferences struct: saving preferences keeps
// it, resetting it keeps the preferences, and a reset changes it.
func TestWatchlistTokenAndPreferences(t *testing.T) {
	ctx := context.Background()
	m := newManager(t, &clock{now: time.Now()})
	acct, err := m.CreateUser(ctx, "Alice", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := m.WatchlistToken(ctx, acct.ID); err != nil || tok != "" {
		t.Fatalf("a new account's token = %q, %v; want none", tok, err)
	}
	if err := m.SetPreferences(ctx, acct.ID, userinfo.Preferences{Skin: "minimal", WatchDefault: "0"}); err != nil {
		t.Fatal(err)
	}
	first, err := m.ResetWatchlistToken(ctx, acct.ID)
	if err != nil || !hexToken.MatchString(first) {
		t.Fatalf("ResetWatchlistToken = %q, %v; want 32 hex digits", first, err)
	}
	if tok, err := m.WatchlistToken(ctx, acct.ID); err != nil || tok != first {
		t.Fatalf("WatchlistToken = %q, %v; want %q", tok, err, first)
	}
	prefs, err := m.Preferences(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	if prefs.Skin != "minimal" || prefs.WatchDefault != "0" {
		t.Fatalf("the reset lost the preferences: %+v", prefs)
	}

	// A save of the preferences keeps the token.
	if err := m.SetPreferences(ctx, acct.ID, userinfo.Preferences{Timezone: "Europe/Paris", NotifyWatched: "1"}); err != nil {
		t.Fatal(err)
	}
	if tok, err := m.WatchlistToken(ctx, acct.ID); err != nil || tok != first {
		t.Fatalf("the token after a save of the preferences = %q, %v; want %q", tok, err, first)
	}
	prefs, err = m.Preferences(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	if prefs != (userinfo.Preferences{Timezone: "Europe/Paris", NotifyWatched: "1"}) {
		t.Fatalf("the saved preferences = %+v", prefs)
	}

	second, err := m.ResetWatchlistToken(ctx, acct.ID)
	if err != nil || second == first || !hexToken.MatchString(second) {
		t.Fatalf("a second reset = %q, %v (the first was %q)", second, err, first)
	}
}
