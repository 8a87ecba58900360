package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foliowiki/folio/extensions/webhook"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store/sqlite"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newSaver(t *testing.T) *pageinfo.Saver {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	s := pageinfo.NewSaver(st, c, 1<<20)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Close(ctx)
	})
	return s
}

// TestRetriesUntilDelivered: the receiver fails twice, then takes the event.
func TestRetriesUntilDelivered(t *testing.T) {
	webhook.Backoff = 10 * time.Millisecond
	var calls atomic.Int32
	got := make(chan webhook.Event, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		var ev webhook.Event
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			t.Errorf("bad body: %v", err)
		}
		got <- ev
	}))
	defer srv.Close()
	webhook.Configure([]string{srv.URL}, quiet)
	defer webhook.Configure(nil, quiet)

	s := newSaver(t)
	if _, err := s.Save(context.Background(), pageinfo.Edit{Title: "Hooked", Text: "x", Summary: "hello", UserName: "Alice"}); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-got:
		if ev.Kind != "new" || ev.Title != "Hooked" || ev.User != "Alice" || ev.Summary != "hello" || ev.Revision == 0 {
			t.Fatalf("event = %+v", ev)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event delivered")
	}
	if n := calls.Load(); n != 3 {
		t.Fatalf("%d attempts, want 3", n)
	}
}

// TestNeverBlocksTheSave: a receiver that hangs does not hold up saves.
func TestNeverBlocksTheSave(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	webhook.Configure([]string{srv.URL}, quiet)
	defer webhook.Configure(nil, quiet)

	s := newSaver(t)
	done := make(chan error, 1)
	go func() {
		_, err := s.Save(context.Background(), pageinfo.Edit{Title: "Busy", Text: "x"})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a hanging webhook receiver blocked the save")
	}
}
