package userinfo

import (
	"context"
	"errors"
	"fmt"

	"github.com/foliowiki/folio/store"
)

// ErrNameTaken is a registration for a name that already has an account.
// Errors that wrap it wrap store.ErrConflict too.
var ErrNameTaken = errors.New("that user name is already taken")

// Register creates an account for whoever asks (self-registration, with
// --registration open) and opens its first session exactly as Login does,
// returning the session id for the cookie. The name and password follow
// CreateUser's rules (ErrBadUserName, ErrWeakPassword); a taken name is
// ErrNameTaken. The account is in no group beyond everyone's.
//
// Every attempt, good or bad, counts against the client address's budget —
// the one failed logins spend (maxAddrFailures per throttleWindow) — so an
// address can neither create accounts in bulk nor probe names faster than
// it could guess passwords; past it, Register returns a *ThrottledError and
// creates nothing. When the server hashes too many passwords at once it
// returns a *BusyError (ErrBusy), creates nothing and counts nothing.
func (m *Manager) Register(ctx context.Context, c Credentials) (string, *UserInfo, error) {
	now := m.cfg.Now()
	k := addrKeys(c.Addr) // the address key Login counts failures under
	if wait := m.throttle.reserve(now, k); wait > 0 {
		return "", nil, &ThrottledError{RetryAfter: wait}
	}
	acct, err := m.CreateUser(ctx, c.Name, c.Password)
	switch {
	case errors.Is(err, ErrBusy):
		m.throttle.refund(k)
		return "", nil, err
	case errors.Is(err, store.ErrConflict):
		return "", nil, fmt.Errorf("%w: %w", ErrNameTaken, err)
	case err != nil:
		return "", nil, err
	}
	return m.openSession(ctx, acct.ID, now)
}
