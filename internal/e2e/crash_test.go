package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCrashSafety kills folio serve with SIGKILL in the middle of a burst of
// API saves, restarts it, and checks that every save that got a success
// response survived (its revision, text, parent and history entry), that the
// pages still view with their latest text, and that the store is consistent:
// SQLite's integrity and foreign-key checks, and cross-table queries on
// both backends. Short: 3 kill cycles per backend; FOLIO_SOAK=1: 15.
func TestCrashSafety(t *testing.T) {
	t.Parallel()
	cycles := 3
	if soak() {
		cycles = 15
	}
	eachBackend(t, func(t *testing.T, b backend) {
		alice := b.createUser(t, "Alice")
		titles := []string{"Crash_0", "Crash_1", "Crash_2", "Crash_3"}
		var (
			mu    sync.Mutex
			saves []save
		)
		n := startNode(t, "serve", b.args...)
		for cycle := range cycles {
			if cycle > 0 {
				n = n.restart()
			}
			a := newAPI(t, n, alice.token)
			ctx, cancel := context.WithCancel(context.Background())
			acked := make(chan struct{}, 1<<16)
			var wg sync.WaitGroup
			// Two writers per page: some saves conflict, and conflicts
			// write nothing either.
			for w := range 2 * len(titles) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					title := titles[w%len(titles)]
					rng := rand.New(rand.NewPCG(uint64(cycle), uint64(w)))
					for seq := 0; ctx.Err() == nil; seq++ {
						p, err := a.get(ctx, title)
						if err != nil {
							if ctx.Err() == nil && !isConnError(err) {
								t.Errorf("writer %d: %v", w, err)
							}
							return
						}
						// Texts of varied size, up to 256 KiB, so some
						// commits are big when the kill comes.
						text := fmt.Sprintf("cycle %d writer %d save %d\n\n", cycle, w, seq) +
							strings.Repeat(fmt.Sprintf("Line %d of [[Crash_%d]].\n", seq, rng.IntN(4)), rng.IntN(10000))
						res, err := a.put(ctx, title, text, p.Revision)
						if err != nil {
							if ctx.Err() == nil && !isConnError(err) {
								t.Errorf("writer %d: %v", w, err)
							}
							return
						}
						switch res.Status {
						case http.StatusOK, http.StatusCreated:
							mu.Lock()
							saves = append(saves, save{title: title, rev: res.Revision, base: p.Revision, text: text})
							mu.Unlock()
							acked <- struct{}{}
						case http.StatusConflict:
						default:
							t.Errorf("writer %d: PUT %s = %s", w, title, tail(res.Body, 300))
							return
						}
					}
				}()
			}
			// Kill after a few acknowledged saves and a random delay, so
			// the kill lands in the middle of commits.
			for range 8 {
				select {
				case <-acked:
				case <-time.After(20 * time.Second):
					t.Fatal("no save acknowledged within 20s")
				}
			}
			time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
			n.kill()
			cancel()
			wg.Wait()
			if t.Failed() {
				return
			}
		}
		// Restart once more: every page views with its latest text, and
		// the wiki still takes saves.
		n = n.restart()
		a := newAPI(t, n, alice.token)
		br := newBrowser(t, n)
		for _, title := range titles {
			p, err := a.get(context.Background(), title)
			if err != nil || p.Revision == 0 {
				t.Fatalf("after the crashes, GET %s: %v %+v", title, err, p)
			}
			first, _, _ := strings.Cut(p.Text, "\n")
			if v := br.do("GET", "/wiki/"+title, nil); v.Status != http.StatusOK || !strings.Contains(v.Body, first) {
				t.Errorf("after the crashes, /wiki/%s = %d without its latest text %q", title, v.Status, first)
			}
			a.mustPut(t, title, p.Text+"\nafter the crashes\n", p.Revision)
		}
		n.stop()
		t.Logf("%d cycles, %d acknowledged saves", cycles, len(saves))
		b.checkSaves(t, saves)
		b.checkConsistent(t)
	})
}
