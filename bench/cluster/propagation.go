package main

import (
	"bytes"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// propagation is one edit, watched: how long after its commit (the
// answer to its save) each node and Varnish served it.
type propagation struct {
	page string
	mark string // the edit's marker, in the page's text
	node int    // the node it was made through, from 1
	rev  int64
	// after, by target ("node1", …, "varnish"): the time from the commit
	// to the first answer showing the edit; missing when none did within
	// the run's -poll-limit.
	mu    sync.Mutex
	after map[string]time.Duration
}

// watch polls the page's anonymous view on every node and through Varnish
// (each on its own, every -poll-every) until it shows the edit's marker,
// or -poll-limit after the commit.
func (pr *propagation) watch(l *load, committed time.Time) {
	pr.after = map[string]time.Duration{}
	var wg sync.WaitGroup
	for _, t := range l.c.targets() {
		wg.Go(func() {
			deadline := committed.Add(l.r.pollLimit)
			for time.Now().Before(deadline) {
				status, body, err := get(t.url(pr.page))
				at := time.Since(committed)
				if err == nil && status == http.StatusOK && bytes.Contains(body, []byte(pr.mark)) {
					pr.mu.Lock()
					pr.after[t.name] = at
					pr.mu.Unlock()
					return
				}
				time.Sleep(l.r.pollEvery)
			}
		})
	}
	wg.Wait()
}

// targets are where a page is read: every node, then Varnish.
func (c *cluster) targets() []*proc {
	return append(append([]*proc(nil), c.nodes...), c.varnish)
}

// Stale is one page that, after the run, a target served without its last
// edit.
type Stale struct {
	Page   string `json:"page"`
	Target string `json:"target"`
	Reader string `json:"reader"` // "anonymous", "anonymous, gzip", "logged-in"
	Want   string `json:"want"`   // the last edit's marker
	Got    string `json:"got"`    // status, and the marker the page showed if any
}

// finalCheck fetches every page edited during the run from every node and
// through Varnish — anonymous, anonymous asking for gzip (Varnish keeps a
// variant per encoding), and logged in on the nodes — and returns those
// that do not show their last edit.
func (l *load) finalCheck() (checked int, stale []Stale) {
	stale = []Stale{} // [] in the JSON when none
	type reader struct {
		name   string
		header []string
		nodes  bool // only the nodes (Varnish passes the session anyway)
	}
	readers := []reader{
		{name: "anonymous"},
		{name: "anonymous, gzip", header: []string{"Accept-Encoding", "gzip"}},
		{name: "logged-in", header: []string{"Cookie", sessionCookie + "=" + l.c.session}, nodes: true},
	}
	for _, p := range l.edited() {
		for _, t := range l.c.targets() {
			for _, rd := range readers {
				if rd.nodes && t == l.c.varnish {
					continue
				}
				checked++
				status, body, err := get(t.url(p.path), rd.header...)
				if err == nil && status == http.StatusOK && bytes.Contains(body, []byte(p.mark)) {
					continue
				}
				got := fmt.Sprintf("status %d", status)
				if err != nil {
					got = err.Error()
				} else if m := markRE.Find(body); m != nil {
					got += ", shows " + string(m)
				} else {
					got += ", shows no edit of this run"
				}
				stale = append(stale, Stale{Page: p.path, Target: t.name, Reader: rd.name, Want: p.mark, Got: got})
			}
		}
	}
	return checked, stale
}
