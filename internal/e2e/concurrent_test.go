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

// TestConcurrentEditors runs 20 API clients editing the same 5 pages, each
// save based on the revision the client last read. Every save must be
// acknowledged (200) or refused as a conflict (409 naming the current
// revision); nothing else, no 5xx. Afterwards every acknowledged save is in
// its page's history with its base as parent, the history holds nothing
// else (a refused save wrote nothing), no two acknowledged saves share a
// base (no lost update), and the store is consistent. Short: 3 s per
// backend; FOLIO_SOAK=1: 60 s.
func TestConcurrentEditors(t *testing.T) {
	t.Parallel()
	const clients = 20
	titles := []string{"Busy_0", "Busy_1", "Busy_2", "Busy_3", "Busy_4"}
	duration := 3 * time.Second
	if soak() {
		duration = 60 * time.Second
	}
	eachBackend(t, func(t *testing.T, b backend) {
		accounts := []account{b.createUser(t, "Alice"), b.createUser(t, "Bob")}
		n := startNode(t, "serve", b.args...)
		creator := newAPI(t, n, accounts[0].token)
		var (
			mu      sync.Mutex
			saves   []save
			created = map[string]int64{}
		)
		for _, title := range titles {
			created[title] = creator.mustPut(t, title, "Created by the test.", 0)
		}
		var acked, conflicts, reads int
		ctx, cancel := context.WithTimeout(context.Background(), duration)
		defer cancel()
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := newAPI(t, n, accounts[c%len(accounts)].token)
				rng := rand.New(rand.NewPCG(uint64(c), 1))
				for k := 0; ; k++ {
					title := titles[rng.IntN(len(titles))]
					p, err := a.get(context.Background(), title)
					if err != nil {
						t.Errorf("client %d: %v", c, err)
						return
					}
					if ctx.Err() != nil {
						return
					}
					text := fmt.Sprintf("%s\nclient %d edit %d", p.Text, c, k)
					if len(text) > 32<<10 { // keep pages small: start over
						text = fmt.Sprintf("client %d edit %d", c, k)
					}
					res, err := a.put(context.Background(), title, text, p.Revision)
					if err != nil {
						t.Errorf("client %d: PUT %s: %v", c, title, err)
						return
					}
					mu.Lock()
					reads++
					switch {
					case res.Status == http.StatusOK && res.Revision > p.Revision:
						acked++
						saves = append(saves, save{title: title, rev: res.Revision, base: p.Revision, text: text})
					case res.Status == http.StatusConflict && res.Current != 0 && res.Current != p.Revision:
						conflicts++
					default:
						t.Errorf("client %d: PUT %s on base %d = %d %s; want 200 with a new revision or 409 with the current one",
							c, title, p.Revision, res.Status, tail(res.Body, 300))
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		t.Logf("%d clients, %v: %d saves acknowledged, %d conflicts (%.0f saves/s)",
			clients, duration, acked, conflicts, float64(acked)/duration.Seconds())
		if acked == 0 {
			t.Fatal("no save acknowledged")
		}
		// History: exactly the creation and the acknowledged saves.
		byTitle := map[string]map[int64]save{}
		for _, s := range saves {
			if byTitle[s.title] == nil {
				byTitle[s.title] = map[int64]save{}
			}
			byTitle[s.title][s.rev] = s
		}
		for _, title := range titles {
			h := creator.history(t, title)
			bases := map[int64]int64{}
			for _, e := range h {
				if e.Revision == created[title] {
					continue
				}
				s, ok := byTitle[title][e.Revision]
				if !ok {
					t.Errorf("%s: revision %d is in history but no client got it acknowledged", title, e.Revision)
					continue
				}
				if e.Parent != s.base {
					t.Errorf("%s: revision %d has parent %d, but was saved on base %d", title, e.Revision, e.Parent, s.base)
				}
				if other, dup := bases[s.base]; dup {
					t.Errorf("%s: revisions %d and %d were both acknowledged on base %d: a lost update", title, other, e.Revision, s.base)
				}
				bases[s.base] = e.Revision
			}
			if want := len(byTitle[title]) + 1; len(h) != want {
				t.Errorf("%s: %d revisions in history, want %d (creation + acknowledged saves)", title, len(h), want)
			}
		}
		n.stop()
		if strings.Contains(n.log.String(), "level=ERROR") {
			t.Errorf("the server logged errors:\n%s", tail(n.log.String(), 4000))
		}
		b.checkSaves(t, saves)
		b.checkConsistent(t)
	})
}
