package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The load: closed-loop workers (send a request, read the whole answer,
// send the next, as bench's generator and wrk do). Of their requests 95 %
// are page views of random pages — alternately anonymous through Varnish
// and logged in (the session cookie, which Varnish passes) straight to the
// nodes in turn — and 5 % edits of random pages, logged in (BenchUser's
// API token), through the nodes in turn. After every edit, pollers watch
// the page on every node and through Varnish until it shows the edit.

// Request kinds, as reported.
const (
	kindAnon = "anonymous view via Varnish"
	kindUser = "logged-in view, node %d"
	kindEdit = "edit, node %d"
)

// tally is what one worker measured for one kind.
type tally struct {
	latencies []time.Duration
	errors    int
	lastErr   string
}

// page is what the benchmark knows of one page: it alone edits, so the
// revision and text of its last edit are the page's current ones.
type page struct {
	path  string // /wiki/Title
	title string // Title, for the API
	mu    sync.Mutex
	busy  bool  // an edit's propagation is being watched
	rev   int64 // 0: not read yet
	text  string
	mark  string // the marker of the last edit, "" when never edited
	edits int
}

// load is one run of the load on a cluster.
type load struct {
	c       *cluster
	r       *runner
	pages   []*page
	edits   atomic.Int64 // edits made (their number names their marker)
	prop    []*propagation
	propMu  sync.Mutex
	pollers sync.WaitGroup
}

func newLoad(r *runner, c *cluster) *load {
	l := &load{c: c, r: r}
	for _, p := range c.titles {
		l.pages = append(l.pages, &page{path: p, title: strings.TrimPrefix(p, "/wiki/")})
	}
	return l
}

// worker is one closed loop.
type worker struct {
	l     *load
	rng   *rand.Rand
	n     int // requests sent, to alternate
	stats map[string]*tally
}

// run runs conns workers for d; with edits, 1 request in editShare is an
// edit. It returns what every worker measured, by kind, and how long the
// run took.
func (l *load) run(conns int, d time.Duration, edits bool) (map[string][]*tally, time.Duration) {
	deadline := time.Now().Add(d)
	workers := make([]*worker, conns)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{l: l, rng: rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano()))), n: i, stats: map[string]*tally{}}
		workers[i] = w
		wg.Go(func() {
			for time.Now().Before(deadline) {
				w.step(edits)
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	out := map[string][]*tally{}
	for _, w := range workers {
		for k, t := range w.stats {
			out[k] = append(out[k], t)
		}
	}
	return out, took
}

func (w *worker) tally(kind string) *tally {
	t := w.stats[kind]
	if t == nil {
		t = &tally{latencies: make([]time.Duration, 0, 4096)}
		w.stats[kind] = t
	}
	return t
}

// step sends one request.
func (w *worker) step(edits bool) {
	nodes := w.l.c.nodes
	if edits && w.rng.Float64() < w.l.r.editShare {
		i := int(w.l.edits.Load() % int64(len(nodes)))
		w.edit(i)
		return
	}
	w.n++
	p := w.l.pages[w.rng.IntN(len(w.l.pages))]
	var kind, u string
	header := []string{"Accept-Encoding", "gzip"}
	if w.n%2 == 0 {
		kind, u = kindAnon, w.l.c.varnish.url(p.path)
	} else {
		i := (w.n / 2) % len(nodes)
		kind, u = fmt.Sprintf(kindUser, i+1), nodes[i].url(p.path)
		header = append(header, "Cookie", sessionCookie+"="+w.l.c.session)
	}
	t := w.tally(kind)
	start := time.Now()
	status, err := discard(u, header...)
	d := time.Since(start)
	switch {
	case err != nil:
		t.fail(err)
	case status != http.StatusOK:
		t.fail(fmt.Errorf("GET %s = %d", u, status))
	default:
		t.latencies = append(t.latencies, d)
	}
}

func (t *tally) fail(err error) {
	t.errors++
	t.lastErr = err.Error()
}

// edit saves a random page that no poller is watching through node i,
// then starts the pollers of its propagation.
func (w *worker) edit(i int) {
	l := w.l
	p := l.claim(w.rng)
	if p == nil {
		return // every page is being watched: rare, and not an edit
	}
	node := l.c.nodes[i]
	t := w.tally(fmt.Sprintf(kindEdit, i+1))
	if p.rev == 0 {
		// The first edit of a page reads it first (not measured).
		text, rev, err := apiPage(node.url(""), l.c.token, p.title)
		if err != nil {
			t.fail(err)
			l.release(p)
			return
		}
		p.text, p.rev = text, rev
	}
	n := l.edits.Add(1)
	mark := fmt.Sprintf("bcedit%06dx%x", n, w.rng.Uint32())
	text := strings.TrimRight(p.text, "\n") + "\n\n" + mark + "\n"
	start := time.Now()
	rev, err := apiPut(node.url(""), l.c.token, p.title, text, p.rev)
	committed := time.Now()
	if err != nil {
		t.fail(err)
		if err == errConflict {
			p.rev = 0 // read it again next time
		}
		l.release(p)
		return
	}
	t.latencies = append(t.latencies, committed.Sub(start))
	p.rev, p.mark = rev, mark
	p.edits++
	pr := &propagation{page: p.path, mark: mark, node: i + 1, rev: rev}
	l.propMu.Lock()
	l.prop = append(l.prop, pr)
	l.propMu.Unlock()
	l.pollers.Go(func() {
		pr.watch(l, committed)
		l.release(p)
	})
}

// claim picks a random page no poller watches and marks it busy.
func (l *load) claim(rng *rand.Rand) *page {
	for range 32 {
		p := l.pages[rng.IntN(len(l.pages))]
		p.mu.Lock()
		if !p.busy {
			p.busy = true
			p.mu.Unlock()
			return p
		}
		p.mu.Unlock()
	}
	return nil
}

func (l *load) release(p *page) {
	p.mu.Lock()
	p.busy = false
	p.mu.Unlock()
}

// edited returns the pages edited, in a stable order.
func (l *load) edited() []*page {
	var out []*page
	for _, p := range l.pages {
		if p.mark != "" {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *page) int { return strings.Compare(a.path, b.path) })
	return out
}
