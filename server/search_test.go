package server_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// blockingSearch is a store whose search runs until its context ends, as a
// search over a huge wiki would, and reports the context's error.
type blockingSearch struct {
	store.Store
	started chan struct{} // a search began
	ended   chan error    // the error a search returned
}

func (b *blockingSearch) SearchPages(ctx context.Context, _ string, _, _ int) ([]store.SearchHit, store.SearchTotal, error) {
	b.started <- struct{}{}
	<-ctx.Done()
	err := fmt.Errorf("blocking search: %w", ctx.Err())
	b.ended <- err
	return nil, store.SearchTotal{}, err
}

func newBlockingSearch(t *testing.T) (*blockingSearch, *server.Server) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b := &blockingSearch{Store: st, started: make(chan struct{}, 10), ended: make(chan error, 10)}
	return b, newServerOn(t, b, config.Default())
}

// TestSearchDeadline: a search that runs out of time is a 503 that says so,
// on the search page and in the API, never a 500; the store saw the
// deadline.
func TestSearchDeadline(t *testing.T) {
	b, srv := newBlockingSearch(t)
	server.SetSearchTimeout(t, 20*time.Millisecond)
	const msg = "the search took too long; try a more specific query"

	rec := newClient(t, srv).do("GET", "/-/search?q=lorem", nil)
	body := mustStatus(t, rec, http.StatusServiceUnavailable, "search past its deadline")
	mustContain(t, body, "The search took too long; try a more specific query", "search past its deadline")
	if err := <-b.ended; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("store's search ended with %v, want context.DeadlineExceeded", err)
	}

	rec, out := apiDo(t, srv, "GET", "/api/v1/search?q=lorem", "", "")
	if rec.Code != http.StatusServiceUnavailable || out["error"] != msg {
		t.Errorf("API search past its deadline = %d %v, want 503 %q", rec.Code, out, msg)
	}
	if err := <-b.ended; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("store's search ended with %v, want context.DeadlineExceeded", err)
	}
}

// TestSearchStopsWhenClientLeaves: the store's search runs with the
// request's context, so a client that disconnects stops it (the deadline is
// an hour here: only the client's leaving can end the search).
func TestSearchStopsWhenClientLeaves(t *testing.T) {
	b, srv := newBlockingSearch(t)
	server.SetSearchTimeout(t, time.Hour)
	for _, target := range []string{"/-/search?q=lorem", "/api/v1/search?q=lorem"} {
		ctx, cancel := context.WithCancel(context.Background())
		req := httptest.NewRequest("GET", target, nil).WithContext(ctx)
		done := make(chan int)
		go func() {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			done <- rec.Code
		}()
		<-b.started
		cancel() // the client leaves
		select {
		case err := <-b.ended:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s: store's search ended with %v, want context.Canceled", target, err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: the store's search went on after the client left", target)
		}
		if code := <-done; code == http.StatusInternalServerError {
			t.Errorf("%s: %d after the client left, want no 500", target, code)
		}
	}
}

// TestSearchManyMatches: pages holding the query's word tens of thousands
// of times are found, with a short snippet whose matches are marked.
func TestSearchManyMatches(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		ctx := context.Background()
		big := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 1_800_000/57)
		texts := map[string]string{"Lorem_Many": strings.Repeat("lorem ", 20000)}
		for i := range 5 {
			texts[fmt.Sprintf("Lorem_Big_%d", i+1)] = big
		}
		for title, text := range texts {
			if _, err := srv.Store.SaveRevision(ctx, store.SaveRequest{Title: title, Text: text, UserName: "Fixture"}); err != nil {
				t.Fatal(err)
			}
		}
		c := newClient(t, srv)
		body := mustStatus(t, c.do("GET", "/-/search?q=lorem&limit=1", nil), http.StatusOK, "search")
		mustContain(t, strings.ToLower(body), "<mark>lorem</mark>", "search snippet")
		if len(body) > 200_000 {
			t.Errorf("search page is %d bytes, want a short snippet", len(body))
		}
		rec, out := apiDo(t, srv, "GET", "/api/v1/search?q=lorem&limit=20", "", "")
		results, _ := out["results"].([]any)
		if rec.Code != http.StatusOK || out["total"] != float64(6) || len(results) != 6 || rec.Body.Len() > 10_000 {
			t.Errorf("API search = %d, total %v, %d results, %d bytes; want 200, all 6, short snippets", rec.Code, out["total"], len(results), rec.Body.Len())
		}
	})
}
