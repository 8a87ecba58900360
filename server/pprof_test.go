package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDebugOffThePublicListener: the public handler serves neither the
// profiler nor the metrics, from any client, with or without forwarding
// headers (a same-host proxy that adds none looks like loopback); the debug
// handler serves each only when asked for.
func TestDebugOffThePublicListener(t *testing.T) {
	srv := newServerOn(t, newServerStore(t), defaultConfig())
	for _, p := range []string{"/-/debug/pprof/", "/-/debug/pprof/cmdline", "/-/metrics", "/debug/pprof/", "/metrics"} {
		for _, remote := range []string{"127.0.0.1:4000", "[::1]:4000", "192.0.2.7:4000"} {
			r := httptest.NewRequest("GET", p, nil)
			r.RemoteAddr = remote
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, r)
			if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "goroutine") || strings.Contains(rec.Body.String(), "folio_requests_total") {
				t.Errorf("public GET %s from %s = %d", p, remote, rec.Code)
			}
		}
	}
	get := func(h http.Handler, target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		return rec
	}
	both := srv.DebugHandler(true, true)
	if rec := get(both, "/debug/pprof/"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("profiler index: %d", rec.Code)
	}
	if rec := get(both, "/debug/pprof/heap"); rec.Code != http.StatusOK || rec.Body.Len() == 0 {
		t.Errorf("heap profile: %d", rec.Code)
	}
	if rec := get(both, "/metrics"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "folio_requests_total") {
		t.Errorf("metrics: %d", rec.Code)
	}
	if rec := get(srv.DebugHandler(false, true), "/debug/pprof/"); rec.Code != http.StatusNotFound {
		t.Errorf("profiler without --pprof-addr: %d", rec.Code)
	}
	if rec := get(srv.DebugHandler(true, false), "/metrics"); rec.Code != http.StatusNotFound {
		t.Errorf("metrics without --metrics-addr: %d", rec.Code)
	}
}
