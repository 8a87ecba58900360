package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// propagation is how soon a change on one node must show on the other:
// events are asynchronous (LISTEN/NOTIFY), so the test polls for this long.
const propagation = time.Second

// TestTwoNodes runs two folio serve processes on one PostgreSQL schema:
//   - a session made on one node works on the other;
//   - an edit on one shows in the other's next views (the other had the
//     old revision cached) within a second, both ways;
//   - a group change and a block made with folio user against the same
//     database take effect on the other node's next requests, within a
//     second (its UserInfo cache is invalidated);
//   - SIGKILL of one node during saves on both: the other keeps serving and
//     saving, and no acknowledged save is lost.
func TestTwoNodes(t *testing.T) {
	t.Parallel()
	b := postgresBackend(t)
	alice := b.createUser(t, "Alice", "sysop")
	bob := b.createUser(t, "Bob")
	na := startNode(t, "node A", b.args...)
	nb := startNode(t, "node B", b.args...)
	apiA, apiB := newAPI(t, na, alice.token), newAPI(t, nb, alice.token)

	// A session made on A is good on B.
	bobA := newBrowser(t, na)
	bobA.login(bob)
	bobB := bobA.on(nb)
	if r := bobB.do("GET", "/-/preferences", nil); r.Status != http.StatusOK || !strings.Contains(r.Body, "Bob") {
		t.Fatalf("Bob's session from node A on node B: %s", r)
	}

	// Edits show on the other node's next view.
	anonA, anonB := newBrowser(t, na), newBrowser(t, nb)
	rev := apiA.mustPut(t, "Shared", "version one", 0)
	for _, c := range []struct {
		from     *api
		viewer   *browser
		text     string
		fromName string
	}{
		{apiA, anonB, "version two", "A"},
		{apiB, anonA, "version three", "B"},
		{apiA, bobB, "version four", "A"}, // a logged-in reader
	} {
		// The viewer's node caches the current revision first.
		if r := c.viewer.do("GET", "/wiki/Shared", nil); r.Status != 200 {
			t.Fatalf("view before the edit: %s", r)
		}
		rev = c.from.mustPut(t, "Shared", c.text, rev)
		took, ok := waitUntil(5*time.Second, func() bool {
			return strings.Contains(c.viewer.do("GET", "/wiki/Shared", nil).Body, c.text)
		})
		t.Logf("an edit on node %s showed on the other node after %v", c.fromName, took.Round(time.Millisecond))
		if !ok || took > propagation {
			t.Errorf("an edit on node %s (%q) showed on the other node after %v (shown: %v), want within %v",
				c.fromName, c.text, took, ok, propagation)
		}
		// The API and the history on the other node agree at once.
		other := apiB
		if c.from == apiB {
			other = apiA
		}
		if p, err := other.get(context.Background(), "Shared"); err != nil || p.Revision != rev {
			t.Errorf("API on the other node: revision %d (%v), want %d", p.Revision, err, rev)
		}
	}

	// A group change with folio user, against the database, reaches node
	// B's next request.
	canDelete := func() bool { return bobB.do("GET", "/-/delete/Shared", nil).Status == http.StatusOK }
	if canDelete() {
		t.Fatal("Bob may delete before being granted sysop")
	}
	for _, step := range []struct {
		args []string
		want bool
	}{
		{[]string{"user", "grant"}, true},
		{[]string{"user", "revoke"}, false},
	} {
		folio(t, append(append(step.args, b.args...), "Bob", "sysop")...)
		took, ok := waitUntil(5*time.Second, func() bool { return canDelete() == step.want })
		t.Logf("folio %s reached node B after %v", strings.Join(step.args, " "), took.Round(time.Millisecond))
		if !ok || took > propagation {
			t.Errorf("folio %s Bob sysop: node B saw it after %v (seen: %v), want within %v", strings.Join(step.args, " "), took, ok, propagation)
		}
	}
	// A block reaches a token's next request on node B.
	bobAPI := newAPI(t, nb, bob.token)
	p, err := bobAPI.get(context.Background(), "Shared")
	if err != nil {
		t.Fatal(err)
	}
	folio(t, append(append([]string{"user", "block"}, b.args...), "--reason", "e2e", "Bob")...)
	took, ok := waitUntil(5*time.Second, func() bool {
		res, err := bobAPI.put(context.Background(), "Shared", fmt.Sprintf("blocked? %v", time.Now()), p.Revision)
		if err == nil && res.Status == http.StatusOK {
			p.Revision = res.Revision
		}
		return err == nil && res.Status == http.StatusForbidden
	})
	t.Logf("folio user block reached node B after %v", took.Round(time.Millisecond))
	if !ok || took > propagation {
		t.Errorf("folio user block: node B refused Bob's saves after %v (refused: %v), want within %v", took, ok, propagation)
	}
	folio(t, append(append([]string{"user", "unblock"}, b.args...), "Bob")...)

	// SIGKILL node A during saves on both nodes, while node B reads a page
	// only node A writes. Short: once; FOLIO_SOAK=1: 10 times.
	var (
		mu    sync.Mutex
		saves []save
	)
	kills := 1
	if soak() {
		kills = 10
	}
	var stale []string
	for kill := range kills {
		if kill > 0 {
			na = na.restart()
			apiA = newAPI(t, na, alice.token)
		}
		stale = append(stale, killDuringSaves(t, kill, na, nb, apiA, apiB, &mu, &saves)...)
	}
	nb.stop()
	b.checkSaves(t, saves)
	b.checkConsistent(t)
	if len(stale) > 0 {
		// Saves publish their invalidation inside their transaction, so a
		// kill right after a commit still reaches node B.
		t.Errorf("after SIGKILL of node A, node B went on showing old revisions: %s", strings.Join(stale, "; "))
	}
}

// killDuringSaves runs writers on both nodes (two pages both write, one
// page only node A writes, in texts of some size so that each save takes a
// while after its commit) and a reader of node A's page on node B, kills
// node A with SIGKILL, lets node B go on alone, and checks that node B
// serves and has every save. It returns the pages node B still views in an
// older revision than stored, a second after.
func killDuringSaves(t *testing.T, kill int, na, nb *node, apiA, apiB *api, mu *sync.Mutex, saves *[]save) (stale []string) {
	ctxA, cancelA := context.WithCancel(context.Background())
	ctxB, cancelB := context.WithCancel(context.Background())
	defer cancelA()
	defer cancelB()
	var wg sync.WaitGroup
	writer := func(ctx context.Context, a *api, title string, id int, mayFail bool) {
		defer wg.Done()
		for k := 0; ctx.Err() == nil; k++ {
			cur, err := a.get(ctx, title)
			if err == nil {
				text := fmt.Sprintf("kill %d writer %d save %d\n\n", kill, id, k) + strings.Repeat("Some [[text]] to render.\n", 2000)
				var res putResult
				res, err = a.put(ctx, title, text, cur.Revision)
				if err == nil {
					switch res.Status {
					case http.StatusOK, http.StatusCreated:
						mu.Lock()
						*saves = append(*saves, save{title: title, rev: res.Revision, base: cur.Revision, text: text})
						mu.Unlock()
					case http.StatusConflict:
					default:
						t.Errorf("writer %d: PUT %s = %s", id, title, res.Body)
						return
					}
				}
			}
			if err != nil {
				if ctx.Err() == nil && !(mayFail && isConnError(err)) {
					t.Errorf("writer %d: %v", id, err)
				}
				return
			}
		}
	}
	for i := range 4 {
		title := fmt.Sprintf("Kill_%d", i%2) // both nodes write both pages
		wg.Add(1)
		if i < 2 {
			go writer(ctxA, apiA, title, i, true)
		} else {
			go writer(ctxB, apiB, title, i, false)
		}
	}
	wg.Add(1)
	go writer(ctxA, apiA, "Kill_A", 9, true)
	// Node B keeps Kill_A in its caches.
	reader := newBrowser(t, nb)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctxB.Err() == nil {
			if _, err := reader.try("GET", "/wiki/Kill_A", nil); err != nil {
				t.Errorf("node B reader: %v", err)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	time.Sleep(700 * time.Millisecond)
	na.kill()
	cancelA()
	time.Sleep(500 * time.Millisecond) // B goes on alone
	cancelB()
	wg.Wait()
	mu.Lock()
	acked := append([]save(nil), *saves...)
	mu.Unlock()
	t.Logf("kill %d: %d saves acknowledged so far", kill, len(acked))
	if h, err := rawGet(nb.addr, "GET", "/-/readyz"); err != nil || h.Status != 200 {
		t.Errorf("node B /-/readyz after node A was killed: %v %v", h.Status, err)
	}
	for _, title := range []string{"Kill_0", "Kill_1", "Kill_A"} {
		latest := int64(0)
		for _, s := range acked {
			if s.title == title {
				latest = max(latest, s.rev)
			}
		}
		p, err := apiB.get(context.Background(), title)
		if err != nil || p.Revision < latest {
			t.Errorf("%s on node B: revision %d (%v), want at least %d", title, p.Revision, err, latest)
			continue
		}
		// What node B shows is what is stored, once events had time.
		first, _, _ := strings.Cut(p.Text, "\n")
		took, ok := waitUntil(propagation, func() bool { return strings.Contains(reader.do("GET", "/wiki/"+title, nil).Body, first) })
		if !ok {
			stale = append(stale, fmt.Sprintf("kill %d: %s, stored %q, %v after", kill, title, first, took.Round(time.Millisecond)))
		}
	}
	return stale
}

// TestNodesStartTogether starts three folio serve processes at once on a
// fresh PostgreSQL schema: they race to migrate it and to seed the main
// page, and all of them must come up, with one main page of one revision.
// FOLIO_SOAK=1 repeats it on 5 fresh schemas.
func TestNodesStartTogether(t *testing.T) {
	t.Parallel()
	rounds := 1
	if soak() {
		rounds = 5
	}
	for range rounds {
		b := postgresBackend(t)
		var wg sync.WaitGroup
		nodes := make([]*node, 3)
		errs := make([]error, len(nodes))
		for i := range nodes {
			addr := freeAddr(t)
			wg.Add(1)
			go func() {
				defer wg.Done()
				nodes[i], errs[i] = tryStart(t, fmt.Sprintf("node %d", i), addr, b.args)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("node %d of 3 started together: %v", i, err)
			}
		}
		for _, n := range nodes {
			if r := newBrowser(t, n).do("GET", "/wiki/Main_Page", nil); r.Status != 200 {
				t.Errorf("%s: main page = %d", n.name, r.Status)
			}
		}
		if h := newAPI(t, nodes[0], "").history(t, "Main_Page"); len(h) != 1 {
			t.Errorf("the main page has %d revisions after 3 nodes seeded it together, want 1", len(h))
		}
		for _, n := range nodes {
			n.stop()
		}
		b.checkConsistent(t)
	}
}
