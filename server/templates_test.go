package server_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
)

// withRunner builds a server on st whose Saver's re-render runner runs
// (as folio serve starts it) until the test ends.
func withRunner(t *testing.T, st store.Store) (*server.Server, *pageinfo.Saver) {
	t.Helper()
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	srv, saver := newServerAndSaver(t, st, config.Default(), set)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- saver.RunRerenders(ctx, 2) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunRerenders: %v", err)
		}
	})
	return srv, saver
}

// onBackendsWithRunner is onBackends with the re-render runner running.
func onBackendsWithRunner(t *testing.T, fn func(t *testing.T, srv *server.Server, st store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		srv, _ := withRunner(t, st)
		fn(t, srv, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		srv, _ := withRunner(t, st)
		fn(t, srv, st)
	})
}

// eventually polls cond every 10 ms for up to limit and returns how long
// it took, failing the test when it never holds.
func eventually(t *testing.T, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %s", what, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// TestTemplateEditReachesEveryView is issue 24's "done when" at the
// origin: Template:Notice takes a parameter; three pages use it, one
// through Template:Box; editing Template:Notice changes the three views
// within 2 seconds, the re-render runner running; a self-transcluding
// template shows a loop error, and a 1,000-deep chain stops at the depth
// limit with the error box.
func TestTemplateEditReachesEveryView(t *testing.T) {
	onBackendsWithRunner(t, func(t *testing.T, srv *server.Server, st store.Store) {
		createUser(t, srv, "Alice")
		c := newClient(t, srv)
		c.mustLogin("Alice")
		anon := newClient(t, srv)
		view := func(title string) string { return anon.do("GET", "/wiki/"+title, nil).Body.String() }

		c.edit("Template:Notice", "**Notice:** {{{1|nothing}}}", nil)
		c.edit("Template:Box", "Boxed — {{Notice|text=x|{{{1}}}}}", nil)
		pages := map[string]string{"Alpha": "alpha", "Beta": "beta", "Gamma": "gamma"}
		c.edit("Alpha", "{{Notice|alpha}}", nil)
		c.edit("Beta", "Intro.\n\n{{Notice|1=beta}}", nil)
		c.edit("Gamma", "{{Box|gamma}}", nil)
		for title, arg := range pages {
			mustContain(t, view(title), "<strong>Notice:</strong> "+arg, title+" before the template's edit")
		}
		mustContain(t, view("Gamma"), "Boxed — ", "Gamma through Template:Box")

		c.edit("Template:Notice", "**Warning:** {{{1|nothing}}}", nil)
		took := eventually(t, 2*time.Second, "the three views show the edited template", func() bool {
			for title, arg := range pages {
				if !strings.Contains(view(title), "<strong>Warning:</strong> "+arg) {
					return false
				}
			}
			return true
		})
		t.Logf("the three views changed %s after the template's edit", took.Round(time.Millisecond))
		eventually(t, 2*time.Second, "the metrics count the re-renders (Alpha, Beta, Gamma, Template:Box)", func() bool {
			rec := httptest.NewRecorder()
			srv.DebugHandler(false, true).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
			return strings.Contains(rec.Body.String(), `folio_rerenders_total{result="done"} 4`+"\n") &&
				strings.Contains(rec.Body.String(), "folio_render_queue_pending 0\n")
		})

		c.edit("Template:Loop", "Loop {{Loop}}", nil)
		c.edit("Looping", "Here: {{Loop}}", nil)
		mustContain(t, view("Looping"), `<strong class="error">Template loop detected: `, "a self-transcluding template")

		// C1 → C2 → … → C1000, written straight to the store: only the
		// first 41 are ever read.
		for i := 1; i <= 1000; i++ {
			if _, err := st.SaveRevision(context.Background(), store.SaveRequest{Title: fmt.Sprintf("Template:C%d", i),
				Text: fmt.Sprintf("c%d {{C%d}}", i, i+1), UserName: "Alice"}); err != nil {
				t.Fatal(err)
			}
		}
		c.edit("Deep", "Deep: {{C1}}", nil)
		deep := view("Deep")
		mustContain(t, deep, `<strong class="error">Template depth limit exceeded (40)</strong>`, "a 1,000-deep chain")
		mustContain(t, deep, "c1 c2 ", "the chain's first levels")
		if strings.Contains(deep, "c41 ") {
			t.Errorf("the chain expanded past the depth limit")
		}
	})
}
