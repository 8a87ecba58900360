package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/foliowiki/folio/router"
)

const (
	scaleColdRuns  = 3
	scaleRepeats   = 10 // of each request after its first
	scaleWarmConns = 4
	scaleWarmFor   = 5 * time.Second
)

// scaleMeasure starts folio serve on the built wiki and measures it: cold
// starts, first and warm views of random pages, warm-view throughput, the
// list and search requests, the sitemap, RSS and the store's size.
func (b *bencher) scaleMeasure(c *synthCorpus, w scaleWiki, run *ScaleRun) error {
	extra := []string{"--cache-mb", strconv.Itoa(*scaleCacheMB)}
	if w.store == "postgres" {
		extra = append(extra, w.flags[2:]...) // --db
	}
	var p *serveProc
	for i := range scaleColdRuns {
		var err error
		if p, err = b.serve(w.dir, fmt.Sprintf("scale-%s-%d.log", w.store, w.pages), false, extra...); err != nil {
			return err
		}
		run.ColdMs = append(run.ColdMs, ms(p.ready))
		if i < scaleColdRuns-1 {
			if err := p.stop(); err != nil {
				return fmt.Errorf("folio serve: %w", err)
			}
		}
	}
	defer p.stop()
	run.ColdMedMs = median(run.ColdMs)
	paths := c.samplePaths(w.pages, *scaleSamples)
	var err error
	if run.First, err = viewEach(p, paths); err != nil {
		return fmt.Errorf("first views: %w", err)
	}
	if run.Warm, err = viewEach(p, paths); err != nil {
		return fmt.Errorf("warm views: %w", err)
	}
	b.logf("%d pages on %s: cold start %.1f ms; views of %d random pages: first p50 %.2f ms p99 %.2f ms, warm p50 %.2f ms p99 %.2f ms",
		w.pages, w.store, run.ColdMedMs, len(paths), run.First.P50Ms, run.First.P99Ms, run.Warm.P50Ms, run.Warm.P99Ms)
	run.WarmConns = scaleWarmConns
	if run.WarmRPS, err = warmThroughput(p.addr, paths, scaleWarmConns, scaleWarmFor); err != nil {
		return fmt.Errorf("warm throughput: %w", err)
	}
	for _, q := range c.scaleQueries(w.pages) {
		r, err := measureQueryBody(p, q[0], q[1])
		if err != nil {
			return err
		}
		run.Requests = append(run.Requests, r.ScaleQuery)
		if q[0] == "sitemap index" { // the last full file (the one before the last), from the index
			files := locRE.FindAllStringSubmatch(r.body, -1)
			u, _ := url.Parse(files[max(len(files)-2, 0)][1])
			r, err := measureQuery(p, "sitemap file "+strings.TrimSuffix(strings.TrimPrefix(u.Path, "/sitemap-"), ".xml")+" of "+strconv.Itoa(len(files)), u.Path)
			if err != nil {
				return err
			}
			run.Requests = append(run.Requests, r)
		}
	}
	rss, err := p.rssKB()
	if err != nil {
		return err
	}
	run.RSSMB = round(float64(rss)/1024, 1)
	run.StoreMB = dirMB(w.dir)
	if w.store == "postgres" {
		mb, err := schemaMB(*scalePG, fmt.Sprintf("folio_scale_%d", w.pages))
		if err != nil {
			return err
		}
		run.StoreMB = round(run.StoreMB+mb, 1)
	}
	b.logf("%d pages on %s: %.0f warm views/s, RSS %.1f MB, store %.1f MB", w.pages, w.store, run.WarmRPS, run.RSSMB, run.StoreMB)
	return nil
}

// samplePaths returns the view URLs of count random pages of an n-page
// wiki (a fixed seed: the same pages on every store).
func (c *synthCorpus) samplePaths(n, count int) []string {
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	seen := map[int]bool{}
	var paths []string
	for len(paths) < min(count, n) {
		k := rng.IntN(n)
		if seen[k] {
			continue
		}
		seen[k] = true
		paths = append(paths, c.viewPath(k))
	}
	return paths
}

func (c *synthCorpus) viewPath(k int) string {
	t, err := router.NormalizeTitle(c.title(k))
	if err != nil {
		t = strings.ReplaceAll(c.title(k), " ", "_")
	}
	return router.TitleURL(t)
}

// scaleQueries are the list and search requests measured: name and path.
func (c *synthCorpus) scaleQueries(n int) [][2]string {
	last := slices.Max(c.rels) // a late page in title order
	lateFrom := url.QueryEscape(strings.ReplaceAll(last, " ", "_"))
	hub := strings.TrimPrefix(c.viewPath(0), "/wiki/")
	return [][2]string{
		{"search, common word", "/-/search?q=" + scaleCommonWord + "&fulltext=1"},
		{"search, rare word", "/-/search?q=" + scaleRareWord + "&fulltext=1"},
		{"recent changes", "/-/recent"},
		{"all pages, late page", "/-/all?from=" + lateFrom},
		{"backlinks of the hub", "/-/backlinks/" + hub},
		{"sitemap index", "/sitemap.xml"},
	}
}

// measured is a ScaleQuery and the body of its first answer.
type measured struct {
	ScaleQuery
	body string
}

// measureQuery GETs path once, then scaleRepeats times.
func measureQuery(p *serveProc, name, path string) (ScaleQuery, error) {
	r, err := measureQueryBody(p, name, path)
	return r.ScaleQuery, err
}

func measureQueryBody(p *serveProc, name, path string) (measured, error) {
	var all []time.Duration
	var m measured
	for i := range scaleRepeats + 1 {
		start := time.Now()
		status, body, err := get(p.url(path))
		d := time.Since(start)
		if err != nil {
			return m, fmt.Errorf("GET %s: %w", path, err)
		}
		if status != 200 { // an answer too (a search past its timeout is a 503): counted, timed
			m.Failures, m.FailStatus = m.Failures+1, status
		}
		if i == 0 {
			m.FirstMs, m.Bytes, m.body = ms(d), len(body), string(body)
			continue
		}
		all = append(all, d)
	}
	m.Name, m.Path, m.Latency = name, path, latency(all)
	return m, nil
}

// viewEach GETs each path once, in order.
func viewEach(p *serveProc, paths []string) (Latency, error) {
	var all []time.Duration
	for _, path := range paths {
		start := time.Now()
		status, _, err := get(p.url(path))
		if err != nil || status != 200 {
			return Latency{}, fmt.Errorf("GET %s = %d, %v", path, status, err)
		}
		all = append(all, time.Since(start))
	}
	return latency(all), nil
}

func latency(all []time.Duration) Latency {
	slices.Sort(all)
	if len(all) == 0 {
		return Latency{}
	}
	return Latency{N: len(all), P50Ms: ms(percentile(all, 0.5)), P99Ms: ms(percentile(all, 0.99)), MaxMs: ms(all[len(all)-1])}
}

// warmThroughput runs conns closed-loop keep-alive connections over the
// (warm) paths for d and returns the answers per second.
func warmThroughput(addr string, paths []string, conns int, d time.Duration) (float64, error) {
	reqs := make([][]byte, len(paths))
	for i, p := range paths {
		reqs[i] = []byte("GET " + p + " HTTP/1.1\r\nHost: " + addr + "\r\nUser-Agent: folio-bench\r\n\r\n")
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
		fail  error
	)
	start := time.Now()
	deadline := start.Add(d)
	for i := range conns {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				mu.Lock()
				fail = err
				mu.Unlock()
				return
			}
			defer c.Close()
			cn := &conn{c: c, r: bufio.NewReaderSize(c, 64<<10)}
			n := 0
			for j := i; time.Now().Before(deadline); j++ {
				status, _, _, err := cn.do(reqs[j%len(reqs)])
				if err != nil || status != 200 {
					mu.Lock()
					fail = fmt.Errorf("status %d, %v", status, err)
					mu.Unlock()
					return
				}
				n++
			}
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	if fail != nil {
		return 0, fail
	}
	return round(float64(total)/time.Since(start).Seconds(), 0), nil
}
