package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/router"
)

// latencyBuckets are the upper bounds of the request latency histogram, in
// seconds.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}

// classes are the route classes metrics are kept by.
var classes = []router.Class{router.ClassView, router.ClassDynamic, router.ClassAction, router.ClassStatic, router.ClassFile,
	router.ClassAPI, router.ClassRedirect, router.ClassError}

// histogram is one class's request counts by status family and latency.
type histogram struct {
	byStatus [6]atomic.Uint64 // 1xx … 5xx by index status/100
	buckets  []atomic.Uint64  // cumulative per latencyBuckets, +Inf last
	sumNanos atomic.Uint64
	count    atomic.Uint64
}

// metrics counts requests; lock-free on the request path.
type metrics struct {
	byClass map[router.Class]*histogram
	start   time.Time
}

func newMetrics() *metrics {
	m := &metrics{byClass: map[router.Class]*histogram{}, start: time.Now()}
	for _, c := range classes {
		m.byClass[c] = &histogram{buckets: make([]atomic.Uint64, len(latencyBuckets)+1)}
	}
	return m
}

func (m *metrics) observe(class router.Class, status int, d time.Duration) {
	h := m.byClass[class]
	if h == nil {
		h = m.byClass[router.ClassError]
	}
	if i := status / 100; i >= 1 && i <= 5 {
		h.byStatus[i].Add(1)
	}
	sec := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec)
	h.buckets[i].Add(1)
	h.sumNanos.Add(uint64(d))
	h.count.Add(1)
}

// recorder captures the status of a response, and the route class the
// middleware saw (redirects and 4xx never reach the middleware).
type recorder struct {
	http.ResponseWriter
	status int
	class  router.Class
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

var recorders = sync.Pool{New: func() any { return new(recorder) }}

// measure wraps the whole server: every request is counted, by class,
// and its response compressed where it is worth it (compressWriter).
func (s *Server) measure(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	cw := beginCompress(w, r)
	rec := recorders.Get().(*recorder)
	*rec = recorder{ResponseWriter: cw}
	s.handler.ServeHTTP(rec, r)
	cw.end()
	class := rec.class
	switch {
	case class != "":
	case rec.status == http.StatusMovedPermanently:
		class = router.ClassRedirect
	default:
		class = router.ClassError
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	s.metrics.observe(class, rec.status, time.Since(start))
	*rec = recorder{}
	recorders.Put(rec)
}

// classOf is middleware that tells the recorder the route's class, and
// the compression the route (compressWriter.forRoute).
func (s *Server) classOf(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		if rec, ok := w.(*recorder); ok {
			rec.class = rt.Class
			if cw, ok := rec.ResponseWriter.(*compressWriter); ok {
				r = cw.forRoute(rt, r)
			}
		}
		return next(w, r, m)
	}
}

// metricsPage answers /metrics of the metrics listener (--metrics-addr) in
// the Prometheus text format.
func (s *Server) metricsPage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	s.writeMetrics(w)
}

func (s *Server) writeMetrics(w io.Writer) {
	fmt.Fprintln(w, "# HELP folio_requests_total Requests by route class and status family.\n# TYPE folio_requests_total counter")
	for _, c := range classes {
		h := s.metrics.byClass[c]
		for i := 1; i <= 5; i++ {
			if n := h.byStatus[i].Load(); n > 0 {
				fmt.Fprintf(w, "folio_requests_total{class=%q,status=\"%dxx\"} %d\n", c, i, n)
			}
		}
	}
	fmt.Fprintln(w, "# HELP folio_request_duration_seconds Request latency by route class.\n# TYPE folio_request_duration_seconds histogram")
	for _, c := range classes {
		h := s.metrics.byClass[c]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.buckets[i].Load()
			fmt.Fprintf(w, "folio_request_duration_seconds_bucket{class=%q,le=%q} %d\n", c, strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		cum += h.buckets[len(latencyBuckets)].Load()
		fmt.Fprintf(w, "folio_request_duration_seconds_bucket{class=%q,le=\"+Inf\"} %d\n", c, cum)
		fmt.Fprintf(w, "folio_request_duration_seconds_sum{class=%q} %g\n", c, float64(h.sumNanos.Load())/1e9)
		fmt.Fprintf(w, "folio_request_duration_seconds_count{class=%q} %d\n", c, h.count.Load())
	}
	pi := s.Pages.Stats()
	ui := s.Users.Stats()
	fmt.Fprintln(w, "# HELP folio_cache_lookups_total Cache lookups by cache and result.\n# TYPE folio_cache_lookups_total counter")
	for _, c := range []struct {
		name      string
		hit, miss uint64
	}{{"pageinfo", pi.Hits, pi.Misses}, {"userinfo", ui.Hits, ui.Misses}} {
		fmt.Fprintf(w, "folio_cache_lookups_total{cache=%q,result=\"hit\"} %d\n", c.name, c.hit)
		fmt.Fprintf(w, "folio_cache_lookups_total{cache=%q,result=\"miss\"} %d\n", c.name, c.miss)
	}
	fmt.Fprintln(w, "# HELP folio_store_seconds_total Time spent loading from the store on cache misses, by cache.\n# TYPE folio_store_seconds_total counter")
	fmt.Fprintf(w, "folio_store_seconds_total{cache=\"pageinfo\"} %g\nfolio_store_seconds_total{cache=\"userinfo\"} %g\n", pi.StoreTime.Seconds(), ui.StoreTime.Seconds())
	s.writeRenderMetrics(w)
	st := hooks.Stats()
	for _, m := range []struct{ name, help string }{
		{"folio_hook_seconds_total", "Time spent in each extension hook."},
		{"folio_hook_calls_total", "Calls of each extension hook."},
		{"folio_hook_failures_total", "Failed calls of each extension hook."},
	} {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", m.name, m.help, m.name)
		for _, h := range st {
			var v string
			switch m.name {
			case "folio_hook_seconds_total":
				v = strconv.FormatFloat(h.Total.Seconds(), 'g', -1, 64)
			case "folio_hook_calls_total":
				v = strconv.FormatUint(h.Calls, 10)
			default:
				v = strconv.FormatUint(h.Fails, 10)
			}
			fmt.Fprintf(w, "%s{point=%q,hook=%q} %s\n", m.name, h.Point, h.ID, v)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "# TYPE go_goroutines gauge\ngo_goroutines %d\n# TYPE go_memstats_heap_alloc_bytes gauge\ngo_memstats_heap_alloc_bytes %d\n",
		runtime.NumGoroutine(), ms.HeapAlloc)
	fmt.Fprintf(w, "# TYPE process_uptime_seconds gauge\nprocess_uptime_seconds %g\n", time.Since(s.metrics.start).Seconds())
}

// writeRenderMetrics writes the render queue's figures (read from the
// store: the queue is the cluster's) and what this node's re-render runner
// did.
func (s *Server) writeRenderMetrics(w io.Writer) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if qs, err := s.Store.RenderQueueStats(ctx); err == nil {
		oldest := 0.0
		if !qs.Oldest.IsZero() {
			oldest = time.Since(qs.Oldest).Seconds()
		}
		fmt.Fprintf(w, "# HELP folio_render_queue_pending Pages waiting to be rendered again (a template they use changed).\n# TYPE folio_render_queue_pending gauge\nfolio_render_queue_pending %d\n", qs.Pending)
		fmt.Fprintf(w, "# HELP folio_render_queue_leased Re-render jobs a node holds now.\n# TYPE folio_render_queue_leased gauge\nfolio_render_queue_leased %d\n", qs.Leased)
		fmt.Fprintf(w, "# HELP folio_render_queue_oldest_seconds Age of the oldest re-render job.\n# TYPE folio_render_queue_oldest_seconds gauge\nfolio_render_queue_oldest_seconds %g\n", oldest)
	}
	if s.Saver == nil {
		return
	}
	rs := s.Saver.RerenderStats()
	fmt.Fprintln(w, "# HELP folio_rerenders_total Pages rendered again by this node's runner, by result.\n# TYPE folio_rerenders_total counter")
	fmt.Fprintf(w, "folio_rerenders_total{result=\"done\"} %d\nfolio_rerenders_total{result=\"failed\"} %d\nfolio_rerenders_total{result=\"dropped\"} %d\n", rs.Done, rs.Failed, rs.Dropped)
}
