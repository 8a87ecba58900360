package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"sync"
	"time"
)

// The load generator: a fixed number of keep-alive HTTP/1.1 connections,
// each a closed loop (send a request, read the whole answer, send the next),
// as wrk does. It writes pre-encoded requests and parses only the status
// line and Content-Length, to keep its own share of a machine it shares with
// the server small. Every latency is kept and sorted: the percentiles are
// exact, not estimated.

// target is one scenario: a pre-encoded request to one address, and the
// answer expected.
type target struct {
	Name     string // short key: "a", "b", "c", …
	Label    string // for people
	addr     string // host:port
	req      []byte
	wantBody int // expected body size in bytes
}

func newTarget(name, label, addr, path string, header ...string) *target {
	var b bytes.Buffer
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: folio-bench\r\n", path, addr)
	for i := 0; i+1 < len(header); i += 2 {
		fmt.Fprintf(&b, "%s: %s\r\n", header[i], header[i+1])
	}
	b.WriteString("\r\n")
	return &target{Name: name, Label: label, addr: addr, req: b.Bytes()}
}

// conn is one persistent connection.
type conn struct {
	c net.Conn
	r *bufio.Reader
}

// do sends req and reads the answer: its status and body size.
func (cn *conn) do(req []byte) (status, size int, keep bool, err error) {
	if _, err = cn.c.Write(req); err != nil {
		return 0, 0, false, err
	}
	line, err := cn.r.ReadSlice('\n')
	if err != nil {
		return 0, 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, 0, false, fmt.Errorf("bad status line %q", line)
	}
	if status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return 0, 0, false, fmt.Errorf("bad status line %q", line)
	}
	size, keep = -1, true
	for {
		line, err = cn.r.ReadSlice('\n')
		if err != nil {
			return status, 0, false, err
		}
		if len(line) <= 2 { // the blank line ending the header
			break
		}
		name, value, _ := bytes.Cut(bytes.TrimSpace(line), []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if size, err = strconv.Atoi(string(value)); err != nil {
				return status, 0, false, fmt.Errorf("bad Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			return status, 0, false, fmt.Errorf("Transfer-Encoding %q: the load generator wants Content-Length", value)
		case bytes.EqualFold(name, []byte("Connection")) && bytes.EqualFold(value, []byte("close")):
			keep = false
		}
	}
	if size < 0 {
		return status, 0, false, errors.New("an answer without Content-Length")
	}
	if _, err = cn.r.Discard(size); err != nil {
		return status, 0, false, err
	}
	return status, size, keep, nil
}

// worker is one connection slot: a connection per address, and what it
// measured, by scenario.
type worker struct {
	conns map[string]*conn
	stats map[string]*tally
}

// tally is what one worker measured for one scenario.
type tally struct {
	latencies []time.Duration
	errors    int // transport errors, non-200 answers, wrong body sizes
	lastErr   string
}

func (w *worker) conn(addr string) (*conn, error) {
	if c := w.conns[addr]; c != nil {
		return c, nil
	}
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	w.conns[addr] = &conn{c: c, r: bufio.NewReaderSize(c, 64<<10)}
	return w.conns[addr], nil
}

func (w *worker) drop(addr string) {
	if c := w.conns[addr]; c != nil {
		c.c.Close()
		delete(w.conns, addr)
	}
}

// run sends t's request in a loop until deadline.
func (w *worker) run(t *target, deadline time.Time) {
	st := w.stats[t.Name]
	if st == nil {
		st = &tally{latencies: make([]time.Duration, 0, 1<<14)}
		w.stats[t.Name] = st
	}
	fail := func(err error) {
		st.errors++
		st.lastErr = err.Error()
		w.drop(t.addr)
	}
	for time.Now().Before(deadline) {
		c, err := w.conn(t.addr)
		if err != nil {
			fail(err)
			time.Sleep(time.Millisecond)
			continue
		}
		start := time.Now()
		status, size, keep, err := c.do(t.req)
		d := time.Since(start)
		switch {
		case err != nil:
			fail(err)
			continue
		case status != 200:
			fail(fmt.Errorf("status %d", status))
			continue
		case t.wantBody > 0 && size != t.wantBody:
			fail(fmt.Errorf("body of %d bytes, want %d", size, t.wantBody))
			continue
		}
		st.latencies = append(st.latencies, d)
		if !keep {
			w.drop(t.addr)
		}
	}
}

// load runs scenarios over a fixed set of connections.
type load struct {
	workers []*worker
}

func newLoad(conns int) *load {
	l := &load{}
	for range conns {
		l.workers = append(l.workers, &worker{conns: map[string]*conn{}, stats: map[string]*tally{}})
	}
	return l
}

// phase runs every connection on t for d and returns the requests that
// succeeded and the time they took (until the last connection's last
// answer).
func (l *load) phase(t *target, d time.Duration) (int, time.Duration) {
	before := l.count(t.Name)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for _, w := range l.workers {
		wg.Go(func() { w.run(t, deadline) })
	}
	wg.Wait()
	return l.count(t.Name) - before, time.Since(start)
}

func (l *load) count(name string) int {
	n := 0
	for _, w := range l.workers {
		if st := w.stats[name]; st != nil {
			n += len(st.latencies)
		}
	}
	return n
}

// reset forgets what was measured (after a warm-up) but keeps the
// connections.
func (l *load) reset() {
	for _, w := range l.workers {
		clear(w.stats)
	}
}

func (l *load) close() {
	for _, w := range l.workers {
		for addr := range w.conns {
			w.drop(addr)
		}
	}
}

// ScenarioResult is one scenario of a load run.
type ScenarioResult struct {
	Label      string    `json:"label"`
	URL        string    `json:"url"`
	BodyBytes  int       `json:"body_bytes"`
	Requests   int       `json:"requests"`
	Errors     int       `json:"errors"`
	LastError  string    `json:"last_error,omitempty"`
	Seconds    float64   `json:"seconds"`
	RPS        float64   `json:"rps"`
	RoundsRPS  []float64 `json:"rounds_rps"` // one figure per phase, in run order
	P50Ms      float64   `json:"p50_ms"`
	P90Ms      float64   `json:"p90_ms"`
	P99Ms      float64   `json:"p99_ms"`
	P999Ms     float64   `json:"p99_9_ms"`
	MaxMs      float64   `json:"max_ms"`
	phaseTotal time.Duration
}

// interleave runs rounds of one phase per target, in an order that rotates
// each round, after a warm-up phase per target that is not counted. Host
// noise thus falls on every scenario alike.
func (l *load) interleave(targets []*target, phase, warmup time.Duration, rounds int) map[string]*ScenarioResult {
	for _, t := range targets {
		l.phase(t, warmup)
	}
	l.reset()
	res := map[string]*ScenarioResult{}
	for _, t := range targets {
		res[t.Name] = &ScenarioResult{Label: t.Label, BodyBytes: t.wantBody}
	}
	for r := range rounds {
		for i := range targets {
			t := targets[(i+r)%len(targets)]
			n, d := l.phase(t, phase)
			sr := res[t.Name]
			sr.phaseTotal += d
			sr.RoundsRPS = append(sr.RoundsRPS, round(float64(n)/d.Seconds(), 0))
		}
	}
	for _, t := range targets {
		sr := l.summary(t)
		sr.phaseTotal, sr.RoundsRPS = res[t.Name].phaseTotal, res[t.Name].RoundsRPS
		sr.Seconds = round(sr.phaseTotal.Seconds(), 2)
		sr.RPS = round(float64(sr.Requests)/sr.phaseTotal.Seconds(), 0)
		res[t.Name] = sr
	}
	return res
}

// summary returns what was measured of t since the last reset: its
// requests, errors and latency percentiles.
func (l *load) summary(t *target) *ScenarioResult {
	sr := &ScenarioResult{Label: t.Label, BodyBytes: t.wantBody}
	var all []time.Duration
	for _, w := range l.workers {
		if st := w.stats[t.Name]; st != nil {
			all = append(all, st.latencies...)
			sr.Errors += st.errors
			if st.lastErr != "" {
				sr.LastError = st.lastErr
			}
		}
	}
	slices.Sort(all)
	sr.Requests = len(all)
	sr.P50Ms = ms(percentile(all, 0.50))
	sr.P90Ms = ms(percentile(all, 0.90))
	sr.P99Ms = ms(percentile(all, 0.99))
	sr.P999Ms = ms(percentile(all, 0.999))
	if len(all) > 0 {
		sr.MaxMs = ms(all[len(all)-1])
	}
	return sr
}

// percentile is the nearest-rank percentile of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return round(float64(d)/1e6, 3) }
