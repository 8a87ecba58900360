package userinfo

import (
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Login throttling counts failed attempts within a window, in each node's
// memory (with N nodes an attacker gets N times the budget, still far too
// little to guess a password), under three keys:
//
//   - the pair of an account and an address: maxPairFailures failures of
//     one account from one address stop that address trying that account.
//     This is the limit a guesser meets; the account's owner, from another
//     address, is not affected.
//   - the address: maxAddrFailures failures from one address, on whatever
//     accounts, stop it trying any. Registrations spend this budget too.
//   - the account: maxAccountFailures failures of one account from all
//     addresses together is only a slow-down for guessing from many
//     addresses, never a lock-out: past it, an address that failed in the
//     window (on any account) may not try this account again, while an
//     address without a failure still may, so the owner's right password
//     from their usual address logs in while the account is under attack.
//     A distributed guesser gets one guess per fresh address instead of
//     maxPairFailures.
//
// A password change checks the current password of a logged-in session:
// its failures count under all three keys and under the session's own,
// but what limits it is the session (maxPairFailures) and the address, not
// the pair or the account. A session thief guesses no faster than a login
// would, while the owner, logged in, can still change her password when an
// attacker at her address (a NAT, an office) is failing on her account.
//
// An attempt is counted when it starts, before its password is hashed, so
// concurrent attempts cannot overrun a limit; a success gives its attempt
// back and clears its pair's failures. An attempt refused because the
// server was too busy to hash (ErrBusy) is given back too: nothing was
// checked.
//
// An address is the client's IP as the server sees it (behind trusted
// proxies, the one they name); an IPv6 address counts as its /64, which
// one client holds whole.
const (
	throttleWindow     = 10 * time.Minute
	maxPairFailures    = 5
	maxAddrFailures    = 30
	maxAccountFailures = 50
)

type throttle struct {
	mu      sync.Mutex
	entries map[string]*throttleEntry
	sweep   time.Time
}

type throttleEntry struct {
	failures int
	start    time.Time
}

func newThrottle() *throttle { return &throttle{entries: map[string]*throttleEntry{}} }

// attemptKeys are the throttle keys an attempt counts against; an empty
// key is not counted. With a session, the session's and the address's
// limits apply; without, the pair's, the address's and the account's.
type attemptKeys struct{ pair, addr, account, session string }

// loginKeys are the keys of a login (or password check) of the account
// name (normalized) from addr.
func loginKeys(name, addr string) attemptKeys {
	a, n := addrKey(addr), strings.ToLower(name)
	return attemptKeys{pair: "p:" + n + "\x00" + a, addr: "i:" + a, account: "a:" + n}
}

// addrKeys are the keys of an attempt that concerns no account
// (registration).
func addrKeys(addr string) attemptKeys { return attemptKeys{addr: "i:" + addrKey(addr)} }

// addrKey is the address an attempt counts against: an IPv6 address's
// /64, any other as given.
func addrKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		return netip.PrefixFrom(a, 64).Masked().String()
	}
	return a.String()
}

// live returns key's entry in the current window, nil when it has none.
func (t *throttle) live(key string, now time.Time) *throttleEntry {
	if key == "" {
		return nil
	}
	e := t.entries[key]
	if e == nil || now.Sub(e.start) >= throttleWindow {
		return nil
	}
	return e
}

func (e *throttleEntry) count() int {
	if e == nil {
		return 0
	}
	return e.failures
}

// until is how long e's window lasts.
func (e *throttleEntry) until(now time.Time) time.Duration {
	return e.start.Add(throttleWindow).Sub(now)
}

// reserve counts an attempt against k's keys and returns 0, or, when a
// limit refuses it, returns how long to wait and counts nothing.
func (t *throttle) reserve(now time.Time, k attemptKeys) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	pair, addr, acct, sess := t.live(k.pair, now), t.live(k.addr, now), t.live(k.account, now), t.live(k.session, now)
	var wait time.Duration
	if addr.count() >= maxAddrFailures {
		wait = max(wait, addr.until(now))
	}
	switch {
	case k.session != "":
		if sess.count() >= maxPairFailures {
			wait = max(wait, sess.until(now))
		}
	default:
		if pair.count() >= maxPairFailures {
			wait = max(wait, pair.until(now))
		}
		if acct.count() >= maxAccountFailures && addr.count() > 0 {
			// Whichever window ends first lifts the slow-down.
			wait = max(wait, min(acct.until(now), addr.until(now)))
		}
	}
	if wait > 0 {
		return wait
	}
	for _, key := range []string{k.pair, k.addr, k.account, k.session} {
		if key == "" {
			continue
		}
		e := t.live(key, now)
		if e == nil {
			e = &throttleEntry{start: now}
			t.entries[key] = e
		}
		e.failures++
	}
	if now.Sub(t.sweep) > throttleWindow {
		t.sweep = now
		for key, e := range t.entries {
			if now.Sub(e.start) >= throttleWindow {
				delete(t.entries, key)
			}
		}
	}
	return 0
}

// refund gives back an attempt reserve counted: it was not a failure.
func (t *throttle) refund(k attemptKeys) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refundLocked(k.pair, k.addr, k.account, k.session)
}

func (t *throttle) refundLocked(keys ...string) {
	for _, key := range keys {
		if e := t.entries[key]; key != "" && e != nil {
			if e.failures--; e.failures <= 0 {
				delete(t.entries, key)
			}
		}
	}
}

// succeeded ends a successful attempt: its pair's (and session's)
// failures are forgotten, and the attempt is given back to the address and
// the account.
func (t *throttle) succeeded(k attemptKeys) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, k.pair)
	delete(t.entries, k.session)
	t.refundLocked(k.addr, k.account)
}
