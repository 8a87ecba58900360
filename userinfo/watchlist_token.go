package userinfo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
)

// The preferences a user sets and the secrets kept beside them share the
// store's one preference map per account, which SetPreferences replaces
// whole: each writer here reads the map, changes its own keys and keeps
// the others. (Two writes of one account at the same instant may lose one
// of them; both come from that user's own forms.)

// storedPreferences reads the account's preference map as the store keeps
// it: the Preferences and the keys beside them.
func (m *Manager) storedPreferences(ctx context.Context, userID int64) (map[string]string, error) {
	state, err := m.st.UserState(ctx, userID, m.cfg.Now())
	if err != nil {
		return nil, err
	}
	return state.Preferences, nil
}

// Preferences reads the account's saved preferences from the store (a
// UserInfo carries those of when it was built).
func (m *Manager) Preferences(ctx context.Context, userID int64) (Preferences, error) {
	stored, err := m.storedPreferences(ctx, userID)
	if err != nil {
		return Preferences{}, fmt.Errorf("preferences: %w", err)
	}
	return preferencesFrom(stored), nil
}

// WatchlistToken returns the secret of the account's watchlist feed, ""
// when it has none yet (ResetWatchlistToken makes one).
func (m *Manager) WatchlistToken(ctx context.Context, userID int64) (string, error) {
	stored, err := m.storedPreferences(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("watchlist token: %w", err)
	}
	return stored[PrefWatchlistToken], nil
}

// ResetWatchlistToken gives the account a new watchlist token, 128 random
// bits in hex, keeping its preferences, and returns it: feed readers with
// the old one are refused from now on.
func (m *Manager) ResetWatchlistToken(ctx context.Context, userID int64) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("watchlist token: %w", err)
	}
	token := hex.EncodeToString(b[:])
	stored, err := m.storedPreferences(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("reset watchlist token: %w", err)
	}
	next := maps.Clone(stored)
	next[PrefWatchlistToken] = token
	if err := m.st.SetPreferences(ctx, userID, next); err != nil {
		return "", fmt.Errorf("reset watchlist token: %w", err)
	}
	// The UserInfo does not carry the token, but the account's version
	// moved: drop what was built from the old one.
	return token, m.Changed(ctx, userID)
}

// withPreferences is stored with the keys of Preferences replaced by p's
// (those p leaves empty removed) and every other key kept.
func withPreferences(stored map[string]string, p Preferences) map[string]string {
	next := maps.Clone(stored)
	if next == nil {
		next = map[string]string{}
	}
	for _, k := range preferenceKeys {
		delete(next, k)
	}
	maps.Copy(next, p.Map())
	return next
}

// preferenceKeys are the store keys the Preferences struct owns.
var preferenceKeys = []string{PrefSkin, PrefDarkMode, PrefTimezone, PrefWatchDefault, PrefNotifyWatched, PrefLanguage, PrefOfflinePages}
