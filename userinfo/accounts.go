package userinfo

import (
	"context"
	"fmt"
	"time"

	"github.com/foliowiki/folio/store"
)

// CreateUser makes an account with a password and groups. The name is
// normalized; a taken name is store.ErrConflict.
func (m *Manager) CreateUser(ctx context.Context, name, password string, groups ...string) (store.User, error) {
	name, err := NormalizeUserName(name)
	if err != nil {
		return store.User{}, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return store.User{}, err
	}
	u, err := m.st.CreateUser(ctx, store.User{Name: name, PasswordHash: hash})
	if err != nil {
		return u, fmt.Errorf("create user %q: %w", name, err)
	}
	for _, g := range groups {
		if err := m.st.AddUserToGroup(ctx, u.ID, g); err != nil {
			return u, fmt.Errorf("create user %q: %w", name, err)
		}
	}
	return u, nil
}

// User returns the account of a (not necessarily normalized) name.
func (m *Manager) User(ctx context.Context, name string) (store.User, error) {
	n, err := NormalizeUserName(name)
	if err != nil {
		return store.User{}, err
	}
	u, err := m.st.UserByName(ctx, n)
	if err != nil {
		return u, fmt.Errorf("user %q: %w", n, err)
	}
	return u, nil
}

// Grant adds the account to group; its next request has the group's rights.
func (m *Manager) Grant(ctx context.Context, userID int64, group string) error {
	if err := checkGroup(group); err != nil {
		return err
	}
	if err := m.st.AddUserToGroup(ctx, userID, group); err != nil {
		return fmt.Errorf("grant %q: %w", group, err)
	}
	return m.Changed(ctx, userID)
}

// Revoke removes the account from group.
func (m *Manager) Revoke(ctx context.Context, userID int64, group string) error {
	if err := m.st.RemoveUserFromGroup(ctx, userID, group); err != nil {
		return fmt.Errorf("revoke %q: %w", group, err)
	}
	return m.Changed(ctx, userID)
}

// Block stops the account from editing until expires (zero: indefinitely).
func (m *Manager) Block(ctx context.Context, userID int64, reason, by string, expires time.Time) error {
	err := m.st.BlockUser(ctx, store.Block{UserID: userID, Reason: reason, By: by, Created: m.cfg.Now(), Expires: expires})
	if err != nil {
		return fmt.Errorf("block user %d: %w", userID, err)
	}
	return m.Changed(ctx, userID)
}

// Unblock lifts the account's block.
func (m *Manager) Unblock(ctx context.Context, userID int64) error {
	if err := m.st.UnblockUser(ctx, userID); err != nil {
		return fmt.Errorf("unblock user %d: %w", userID, err)
	}
	return m.Changed(ctx, userID)
}

// SetPreferences saves u's preferences, keeping what the store keeps
// beside them (the watchlist token).
func (m *Manager) SetPreferences(ctx context.Context, userID int64, p Preferences) error {
	stored, err := m.storedPreferences(ctx, userID)
	if err != nil {
		return fmt.Errorf("set preferences: %w", err)
	}
	if err := m.st.SetPreferences(ctx, userID, withPreferences(stored, p)); err != nil {
		return fmt.Errorf("set preferences: %w", err)
	}
	return m.Changed(ctx, userID)
}

// ChangePassword re-checks the current password, sets the new one and ends
// every other session of the account.
//
// Every session of the account ends, the one that made the change too, and
// a new session opens in its place: ChangePassword returns its id for the
// cookie, and the new session's UserInfo, so a session id seen before the
// change is worth nothing after it.
//
// The check of the current password is an attempt of the session from the
// client address addr: its failures count as a login's, it is throttled
// per session and address (a *ThrottledError past the limits), and like
// every hash it may be refused with a *BusyError.
func (m *Manager) ChangePassword(ctx context.Context, u *UserInfo, addr, current, next string) (string, *UserInfo, error) {
	acct, err := m.st.UserByID(ctx, u.ID)
	if err != nil {
		return "", nil, fmt.Errorf("change password: %w", err)
	}
	if err := m.checkCurrentPassword(ctx, acct, u.Session.Hash, addr, current); err != nil {
		return "", nil, err
	}
	if err := m.SetPassword(ctx, u.ID, next, ""); err != nil {
		return "", nil, err
	}
	m.forget(u)
	id, nu, err := m.openSession(ctx, u.ID, m.cfg.Now())
	if err != nil {
		return "", nil, fmt.Errorf("change password: %w", err)
	}
	return id, nu, nil
}

// SetPassword replaces an account's password and ends its sessions but
// keep (a session hash; "" ends all).
func (m *Manager) SetPassword(ctx context.Context, userID int64, password, keep string) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if err := m.st.SetPasswordHash(ctx, userID, hash); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if _, err := m.st.DeleteUserSessions(ctx, userID, keep); err != nil {
		return fmt.Errorf("set password: end sessions: %w", err)
	}
	return m.Changed(ctx, userID)
}

func checkGroup(g string) error {
	if g == "" || g == GroupAll || g == GroupUser || len(g) > 64 {
		return fmt.Errorf("group %q cannot be granted (every account is in %q and %q)", g, GroupAll, GroupUser)
	}
	return nil
}
