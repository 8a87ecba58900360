package pageinfo

import (
	"context"
	"fmt"
	"strings"

	"github.com/foliowiki/folio/store"
)

// EventKind is the kind of the store events that carry PageInfo
// invalidations between nodes.
const EventKind = "pageinfo"

// publish tells the other nodes to drop keys. The first key names this
// node, which skips its own events: it applied them already, and dropping
// what a save just cached would cost the first view a store read.
func (c *Cache) publish(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	keys = append([]string{nodeKey + c.node}, keys...)
	// The change committed: tell the other nodes even if the client went
	// away meanwhile.
	ctx = context.WithoutCancel(ctx)
	if err := c.st.Publish(ctx, store.Event{Kind: EventKind, Keys: keys}); err != nil {
		return fmt.Errorf("pageinfo: publish invalidation: %w", err)
	}
	return nil
}

// Listen applies the invalidations other nodes publish until ctx is done:
// a "reset" (the subscription started or reconnected, and events may have
// been missed) drops everything held in memory. After each invalidation
// applied, OnApplied hears the titles it named. Run it in its own goroutine
// next to the server.
func (c *Cache) Listen(ctx context.Context) error {
	err := c.st.Subscribe(ctx, func(ev store.Event) {
		switch ev.Kind {
		case store.EventReset:
			c.Reset()
		case EventKind:
			if len(ev.Keys) > 0 && ev.Keys[0] == nodeKey+c.node {
				return
			}
			c.Apply(ev.Keys)
			if c.OnApplied != nil {
				if titles := eventTitles(ev.Keys); len(titles) > 0 {
					c.OnApplied(titles)
				}
			}
		}
	})
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("pageinfo: listen: %w", err)
	}
	return nil
}

// eventTitles returns the titles an event's keys name ("t:Title").
func eventTitles(keys []string) []string {
	var titles []string
	for _, k := range keys {
		if t, ok := strings.CutPrefix(k, titleKey); ok {
			titles = append(titles, t)
		}
	}
	return titles
}
