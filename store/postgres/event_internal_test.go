package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store"
)

func TestPayloadsSplit(t *testing.T) {
	var keys []string
	for i := range 3000 {
		keys = append(keys, fmt.Sprintf("%d-%s", i, strings.Repeat("\"é\x01", i%40)))
	}
	keys = append(keys, strings.Repeat("\x00", store.MaxEventKeyBytes)) // 6 bytes each in JSON
	parts, err := payloads(store.Event{Kind: "pageinfo", Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	seen := map[string]bool{}
	for _, p := range parts {
		if len(p) > maxPayload {
			t.Errorf("payload of %d bytes, over %d", len(p), maxPayload)
		}
		if seen[p] {
			t.Errorf("two equal payloads: NOTIFY would fold them")
		}
		seen[p] = true
		ev, ok := decode(p)
		if !ok || ev.Kind != "pageinfo" {
			t.Fatalf("decode(%.60q) = %+v, %v", p, ev, ok)
		}
		got = append(got, ev.Keys...)
	}
	if len(parts) < 2 || !slices.Equal(got, keys) {
		t.Fatalf("%d parts carry %d keys, want all %d in order", len(parts), len(got), len(keys))
	}
	if parts, err := payloads(store.Event{Kind: "reset"}); err != nil || len(parts) != 1 {
		t.Fatalf("payloads of a keyless event = %q, %v; want one", parts, err)
	}
	if _, err := payloads(store.Event{Kind: "x", Keys: []string{"\xff"}}); err == nil {
		t.Fatal("payloads of invalid UTF-8: no error")
	}
}

func TestChannelName(t *testing.T) {
	if got := channelName("wiki"); got != "wiki.folio_events" {
		t.Errorf("channelName(wiki) = %q", got)
	}
	long := strings.Repeat("s", 60)
	got := channelName(long)
	if len(got) > maxChannel || got == channelName(long+"t") {
		t.Errorf("channelName(60 bytes) = %q, want at most %d bytes, distinct per schema", got, maxChannel)
	}
}

func TestDecodeForeign(t *testing.T) {
	if _, ok := decode("not json"); ok {
		t.Error("decode accepted a payload that is not ours")
	}
	b, _ := json.Marshal(payload{Kind: "k"})
	if ev, ok := decode(string(b)); !ok || ev.Kind != "k" || ev.Keys != nil {
		t.Errorf("decode = %+v, %v; want kind k without keys", ev, ok)
	}
}

// TestListenerPings: a listener that waits past pingEvery pings its
// connection and keeps listening on it, without a reset.
func TestListenerPings(t *testing.T) {
	old := pingEvery
	pingEvery = 20 * time.Millisecond
	t.Cleanup(func() { pingEvery = old })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	events := make(chan store.Event, 16)
	done := make(chan error, 1)
	subCtx, stop := context.WithCancel(ctx)
	go func() { done <- s.Subscribe(subCtx, func(ev store.Event) { events <- ev }) }()
	defer func() { stop(); <-done }()
	next := func() store.Event {
		select {
		case ev := <-events:
			return ev
		case <-ctx.Done():
			t.Fatal("no event in time")
			return store.Event{}
		}
	}
	if ev := next(); ev.Kind != store.EventReset {
		t.Fatalf("first event = %+v, want a reset", ev)
	}
	for i := range 3 {
		// Let several ping rounds pass: a round trip on the pool, then publish.
		for range 5 {
			if err := s.pool.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(pingEvery) // pacing only: the assertion is the event below
		}
		if err := s.Publish(ctx, store.Event{Kind: fmt.Sprint("round", i)}); err != nil {
			t.Fatal(err)
		}
		if ev := next(); ev.Kind != fmt.Sprint("round", i) {
			t.Fatalf("event = %+v, want round%d on the same connection (no reset)", ev, i)
		}
	}
}
