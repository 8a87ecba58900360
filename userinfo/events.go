package userinfo

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/store"
)

// EventKind is the kind of store events that carry account changes.
const EventKind = "userinfo"

// Changed drops every cached UserInfo of an account, sessions' and API
// tokens', here and (through a store event) on every other node, so the
// account's next request sees its new groups, block or preferences, and a
// revoked token is refused.
func (m *Manager) Changed(ctx context.Context, userID int64) error {
	m.forgetUser(userID)
	if err := m.st.Publish(context.WithoutCancel(ctx), store.Event{Kind: EventKind, Keys: []string{userKey(userID)}}); err != nil {
		return fmt.Errorf("userinfo: publish change of user %d: %w", userID, err)
	}
	return nil
}

// Listen applies other nodes' account changes until ctx is done; a reset
// (the subscription started or reconnected) drops every cached UserInfo.
func (m *Manager) Listen(ctx context.Context) error {
	err := m.st.Subscribe(ctx, func(ev store.Event) {
		switch ev.Kind {
		case store.EventReset:
			m.reset()
		case EventKind:
			if len(ev.Keys) > 0 && ev.Keys[0] == nodeKey+m.node {
				return // a Refresh of this node's, which rebuilt its sessions already
			}
			for _, k := range ev.Keys {
				if id, err := strconv.ParseInt(strings.TrimPrefix(k, "u:"), 10, 64); err == nil {
					m.forgetUser(id)
				}
			}
		}
	})
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("userinfo: listen: %w", err)
	}
	return nil
}

// reset drops every cached session; a cache nothing was put in yet is left
// as it is (see used).
func (m *Manager) reset() {
	m.mu.Lock()
	m.gen.Add(1)
	m.byUser = map[int64]map[string]struct{}{}
	m.mu.Unlock()
	if m.used.Load() {
		m.cache.Clear()
	}
}
