package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHealthAndMetrics(t *testing.T) {
	srv, st := newServer(t)
	c := newClient(t, srv)
	mustStatus(t, c.do("GET", "/-/healthz", nil), http.StatusOK, "healthz")
	mustStatus(t, c.do("GET", "/-/readyz", nil), http.StatusOK, "readyz")
	c.do("GET", "/wiki/Main_Page", nil)
	c.do("GET", "/wiki/Main_Page", nil)
	c.do("GET", "/", nil)
	c.do("GET", "/wiki/Bad%7C", nil)
	rec := httptest.NewRecorder()
	srv.DebugHandler(false, true).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := mustStatus(t, rec, http.StatusOK, "metrics")
	for _, want := range []string{
		`folio_requests_total{class="view",status="2xx"} 2`,
		`folio_requests_total{class="redirect",status="3xx"} 1`,
		`folio_requests_total{class="error",status="4xx"} 1`,
		`folio_request_duration_seconds_count{class="view"} 2`,
		`folio_cache_lookups_total{cache="pageinfo",result="hit"}`,
		`folio_request_duration_seconds_bucket{class="view",le="+Inf"} 2`,
		"folio_render_queue_pending 0\n",
		"folio_render_queue_leased 0\n",
		`folio_rerenders_total{result="done"} 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	st.Close() // the store goes away: not ready
	if rec := c.do("GET", "/-/readyz", nil); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a closed store = %d", rec.Code)
	}
	mustStatus(t, c.do("GET", "/-/healthz", nil), http.StatusOK, "healthz")
}

func TestViewTTL(t *testing.T) {
	cfg := defaultConfig()
	cfg.ViewTTL = 42 * time.Second
	srv := newServerOn(t, newServerStore(t), cfg)
	rec := newClient(t, srv).do("GET", "/wiki/Main_Page", nil)
	if cc := rec.Header().Get("Cache-Control"); cc != "public, s-maxage=42, max-age=0" {
		t.Fatalf("Cache-Control = %q", cc)
	}
	if cc := newClient(t, srv).do("GET", "/-/recent", nil).Header().Get("Cache-Control"); strings.Contains(cc, "s-maxage") {
		t.Fatalf("a dynamic view got %q", cc)
	}
}
