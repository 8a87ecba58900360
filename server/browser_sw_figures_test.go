package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/browsertest"
)

// countingHandler counts the requests it answers and the body bytes it
// writes (compressed, as on the wire, headers aside).
type countingHandler struct {
	h               http.Handler
	requests, bytes atomic.Int64
}

func (c *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.requests.Add(1)
	if os.Getenv("FOLIO_SW_FIGURES_PATHS") == "1" {
		fmt.Println(r.Method, r.URL.String(), r.Header.Get("If-None-Match"))
	}
	c.h.ServeHTTP(&countingWriter{ResponseWriter: w, n: &c.bytes}, r)
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// TestBrowserServiceWorkerFigures measures, in Chromium, what a logged-in
// reader's in-wiki link click costs: bytes from the origin and time from
// the click's navigation start to the load event, with the service worker
// (the PageInfo and UserInfo fetched, the view rendered in the browser)
// and without it (the whole page from the server). It asserts nothing
// but that each path was taken; the figures are logged for BENCHMARKS.md.
// It runs with FOLIO_SW_FIGURES=1; FOLIO_SW_FIGURES_PATHS=1 also prints
// each request the origin answers and each click's navigation timing.
func TestBrowserServiceWorkerFigures(t *testing.T) {
	if os.Getenv("FOLIO_SW_FIGURES") != "1" {
		t.Skip("FOLIO_SW_FIGURES=1 measures the service worker's navigations")
	}
	st := newServerStore(t)
	with := newServerOn(t, st, defaultConfig())
	cfg := defaultConfig()
	cfg.NoServiceWorker = true
	without := newServerOn(t, st, cfg)
	names := []string{"Space Lua", "Runtime API", "TLS", "HTTP API", "Install", "SilverBullet", "CLI", "Development", "Object Index", "Space Style"}
	const hops = 9
	for i, name := range names {
		text, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", "silverbullet-docs", "pages", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		put(t, with, fmt.Sprintf("P%d", i), string(text)+fmt.Sprintf("\n\nNext: [[P%d]]\n", (i+1)%len(names)))
	}
	alice := createUser(t, with, "Alice")
	session, err := with.Users.OpenSession(t.Context(), alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	for _, run := range []struct {
		name   string
		srv    http.Handler
		worker bool
		slow   bool
	}{{"full page (no worker)", without, false, false}, {"service worker", with, true, false},
		{"full page, Slow 4G", without, false, true}, {"service worker, Slow 4G", with, true, true}} {
		counted := &countingHandler{h: run.srv}
		hs := httptest.NewServer(counted)
		b.SetCookie(hs.URL, "folio_session", session)
		b.Navigate(hs.URL + "/wiki/P0")
		if run.worker {
			waitWorker(t, b, hs.URL+"/wiki/P0") // keeps the UserInfo and bundle
			waitKept(t, b, "P0")
		}
		if run.slow {
			// DevTools' "Slow 4G": 150 ms, 1.6 Mb/s down, 750 kb/s up.
			b.Throttle(150*time.Millisecond, 1.6e6/8*0.9, 750e3/8*0.9)
		}
		var stats struct {
			Rendered          int
			FetchMS, RenderMS float64
		}
		ask(b, `ask({type: "stats"}).catch(() => ({rendered: 0, fetchMS: 0, renderMS: 0}))`, &stats)
		before := stats
		var loads, responses []float64
		totalBytes, totalReqs := int64(0), int64(0)
		for i := range hops {
			b.Eval(`(async () => { for (let i = 0; i < 50 && !document.querySelector('.page-body a[href="/wiki/P`+fmt.Sprint(i+1)+`"]'); i++) await new Promise((r) => setTimeout(r, 20)); return true; })()`, nil)
			bytes0, reqs0 := counted.bytes.Load(), counted.requests.Load()
			b.Eval(`(document.querySelector('.page-body a[href="/wiki/P`+fmt.Sprint(i+1)+`"]').click(), true)`, nil)
			b.WaitFor(`location.pathname === "/wiki/P` + fmt.Sprint(i+1) + `" && document.readyState === "complete" && performance.getEntriesByType("navigation")[0].loadEventEnd > 0`)
			var ms [2]float64
			b.Eval(`(() => { const n = performance.getEntriesByType("navigation")[0]; return [n.responseEnd - n.startTime, n.loadEventEnd - n.startTime]; })()`, &ms)
			responses, loads = append(responses, ms[0]), append(loads, ms[1])
			if os.Getenv("FOLIO_SW_FIGURES_PATHS") == "1" {
				var timing map[string]float64
				b.Eval(`(() => { const n = performance.getEntriesByType("navigation")[0]; const o = {}; for (const k of ["workerStart", "fetchStart", "requestStart", "responseStart", "responseEnd", "domInteractive", "domContentLoadedEventEnd", "loadEventStart", "loadEventEnd"]) o[k] = Math.round(n[k] - n.startTime); return o; })()`, &timing)
				fmt.Println(run.name, timing)
			}
			totalBytes += counted.bytes.Load() - bytes0
			totalReqs += counted.requests.Load() - reqs0
		}
		detail := ""
		if run.worker {
			ask(b, `ask({type: "stats"})`, &stats)
			if stats.Rendered-before.Rendered < hops {
				t.Errorf("the worker rendered %d of %d link clicks", stats.Rendered-before.Rendered, hops)
			}
			detail = fmt.Sprintf(" (worker: %.1f ms fetching PageInfo and UserInfo, %.1f ms rendering)",
				(stats.FetchMS-before.FetchMS)/hops, (stats.RenderMS-before.RenderMS)/hops)
		}
		t.Logf("%-26s %6.0f bytes and %4.1f requests per navigation; median %5.1f ms to the response's end, %5.1f ms to load%s (%d link clicks, logged in)",
			run.name, float64(totalBytes)/hops, float64(totalReqs)/hops, median(responses), median(loads), detail, hops)
		if run.slow {
			b.Throttle(0, -1, -1)
		}
		hs.Close()
	}
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	return s[len(s)/2]
}
