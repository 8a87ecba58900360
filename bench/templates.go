package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// TemplateResult is the template fan-out run: one template used by many
// pages is edited, and the background re-render brings every page up to
// date while readers keep viewing pages.
type TemplateResult struct {
	Pages       int     `json:"pages"`         // pages transcluding the template
	Seconds     float64 `json:"seconds"`       // from the template's save to the last page showing the change
	PagesPerSec float64 `json:"pages_per_sec"` // Pages / Seconds
	SaveMs      float64 `json:"save_ms"`       // the template's save (PUT), which enqueues the work
	ViewRPS     float64 `json:"view_rps"`      // anonymous views of another page served meanwhile, per second
	ViewP99Ms   float64 `json:"view_p99_ms"`   // their 99th percentile latency
	ViewErrors  int     `json:"view_errors"`
}

// templatePages is how many pages the fan-out run makes use the template.
const templatePages = 2000

// templateFanOut imports templatePages pages that use Template:Bench
// notice (beside the running server, through folio import), edits the
// template through the API, and measures how long until every page shows
// the new text, with anonymous views of the page under test running on
// half the connections meanwhile.
func (b *bencher) templateFanOut(p *serveProc, data, token string) (*TemplateResult, error) {
	if err := p.apiPut(token, "Template:Bench_notice", "**Notice v1: {{{1}}}**", 0); err != nil {
		return nil, err
	}
	dir := filepath.Join(b.out, "template-users")
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	titles := make([]string, templatePages)
	for i := range titles {
		titles[i] = fmt.Sprintf("Template_user_%04d", i+1)
		text := fmt.Sprintf("# Template user %d\n\n{{Bench notice|page %d}}\n\nA page that uses the notice.\n", i+1, i+1)
		if err := os.WriteFile(filepath.Join(dir, titles[i]+".md"), []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	if _, _, _, err := b.folio(nil, "import", "--data", data, dir); err != nil {
		return nil, err
	}
	if err := waitShowing(p, titles, "Notice v1: page", time.Minute); err != nil {
		return nil, fmt.Errorf("before the template edit: %w", err)
	}
	_, rev, err := p.apiPage(token, "Template:Bench_notice")
	if err != nil {
		return nil, err
	}

	// Readers meanwhile: anonymous views of the page under test.
	view := newTarget("tv", "anonymous view during the re-render", p.addr, "/wiki/"+b.page)
	l := newLoad(max(b.conns/2, 1))
	defer l.close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var viewTime time.Duration
	wg.Go(func() {
		start := time.Now()
		for {
			select {
			case <-stop:
				viewTime = time.Since(start)
				return
			default:
				l.phase(view, 200*time.Millisecond)
			}
		}
	})

	start := time.Now()
	err = p.apiPut(token, "Template:Bench_notice", "**Notice v2: {{{1}}}**", rev)
	save := time.Since(start)
	if err == nil {
		err = waitShowing(p, titles, "Notice v2: page", 5*time.Minute)
	}
	took := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	sr := l.summary(view)
	r := &TemplateResult{Pages: templatePages, Seconds: round(took.Seconds(), 2), PagesPerSec: round(float64(templatePages)/took.Seconds(), 0),
		SaveMs: ms(save), ViewRPS: round(float64(sr.Requests)/viewTime.Seconds(), 0), ViewP99Ms: sr.P99Ms, ViewErrors: sr.Errors}
	b.logf("templates: %d pages re-rendered in %.2f s (%.0f pages/s) after a %.1f ms save; views meanwhile %.0f/s, p99 %.2f ms",
		r.Pages, r.Seconds, r.PagesPerSec, r.SaveMs, r.ViewRPS, r.ViewP99Ms)
	return r, nil
}

// waitShowing polls the pages titles (anonymous views) until every one
// shows want, or fails after limit.
func waitShowing(p *serveProc, titles []string, want string, limit time.Duration) error {
	left := titles
	deadline := time.Now().Add(limit)
	for len(left) > 0 {
		var next []string
		for _, t := range left {
			status, body, err := get(p.url("/wiki/" + t))
			if err != nil || status != http.StatusOK {
				return fmt.Errorf("GET /wiki/%s = %d, %v", t, status, err)
			}
			if !bytes.Contains(body, []byte(want)) {
				next = append(next, t)
			}
		}
		left = next
		if len(left) > 0 {
			if time.Now().After(deadline) {
				return fmt.Errorf("after %s, %d of %d pages still do not show %q (the first: %s)", limit, len(left), len(titles), want, left[0])
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return nil
}
