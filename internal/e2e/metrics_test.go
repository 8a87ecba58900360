package e2e

import (
	"bufio"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// metricLine is one sample of the Prometheus text format (no timestamps).
var metricLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? (\S+)$`)

// TestHealthAndMetrics checks the operator endpoints of a running server:
// /-/healthz and /-/readyz answer 200 and are never cached (also on a
// --private wiki, for anonymous probes), and /-/metrics is well-formed
// Prometheus text whose request counters and latency histograms follow the
// traffic, by route class.
func TestHealthAndMetrics(t *testing.T) {
	t.Parallel()
	b := sqliteBackend(t)
	debug := freeAddr(t)
	n := startNode(t, "serve", b.with("--private", "--metrics-addr", debug, "--pprof-addr", debug)...)
	br := newBrowser(t, n)
	for _, p := range []string{"/-/healthz", "/-/readyz"} {
		r := br.do("GET", p, nil)
		if r.Status != http.StatusOK || sharedCacheable(r.Header) {
			t.Errorf("GET %s on a private wiki = %d, Cache-Control %q; want 200, never cached", p, r.Status, r.Header.Get("Cache-Control"))
		}
	}
	for range 5 {
		br.do("GET", "/wiki/Main_Page", nil) // 403: private
		br.do("GET", "/static/x/y.css", nil)
		br.do("GET", "/", nil)
	}
	// The public listener serves neither the metrics nor the profiler.
	for _, p := range []string{"/-/metrics", "/metrics", "/-/debug/pprof/", "/debug/pprof/"} {
		if r := br.do("GET", p, nil); r.Status != http.StatusNotFound {
			t.Errorf("public GET %s = %d, want 404", p, r.Status)
		}
	}
	if r, err := http.Get("http://" + debug + "/debug/pprof/cmdline"); err != nil || r.StatusCode != http.StatusOK {
		t.Errorf("profiler on --pprof-addr: %v", err)
	} else {
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if !strings.Contains(string(body), "serve") {
			t.Errorf("cmdline = %q", body)
		}
	}
	resp, err := http.Get("http://" + debug + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics on --metrics-addr = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	samples := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(body)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "# HELP ") || strings.HasPrefix(line, "# TYPE ") {
			continue
		}
		m := metricLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("not a Prometheus sample: %q", line)
			continue
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Errorf("bad value in %q", line)
		}
		if _, dup := samples[m[1]+m[2]]; dup {
			t.Errorf("duplicate sample %s%s", m[1], m[2])
		}
		samples[m[1]+m[2]] = v
	}
	for key, min := range map[string]float64{
		`folio_requests_total{class="view",status="4xx"}`:               5,
		`folio_requests_total{class="redirect",status="3xx"}`:           5,
		`folio_requests_total{class="static",status="4xx"}`:             5,
		`folio_requests_total{class="dynamic",status="2xx"}`:            2,
		`folio_request_duration_seconds_count{class="view"}`:            5,
		`folio_request_duration_seconds_bucket{class="view",le="+Inf"}`: 5,
		`folio_cache_lookups_total{cache="userinfo",result="hit"}`:      0,
		`folio_cache_lookups_total{cache="pageinfo",result="miss"}`:     0,
		`folio_store_seconds_total{cache="pageinfo"}`:                   0,
		`go_goroutines`:          1,
		`process_uptime_seconds`: 0,
		`folio_request_duration_seconds_bucket{class="dynamic",le="+Inf"}`: 2,
	} {
		v, ok := samples[key]
		if !ok || v < min {
			t.Errorf("%s = %v (present: %v), want at least %v", key, v, ok, min)
		}
	}
	// Histogram buckets are cumulative.
	for _, class := range []string{"view", "dynamic", "static", "redirect", "api", "action", "error"} {
		prev := -1.0
		for _, le := range []string{"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"} {
			v, ok := samples[`folio_request_duration_seconds_bucket{class="`+class+`",le="`+le+`"}`]
			if !ok {
				continue
			}
			if v < prev {
				t.Errorf("class %s: bucket le=%s = %v < the one before, %v", class, le, v, prev)
			}
			prev = v
		}
	}
}
