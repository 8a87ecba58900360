package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestPprof: the profiler answers only with --pprof, only to a loopback
// client no proxy forwarded; everyone else gets a 404.
func TestPprof(t *testing.T) {
	get := func(h http.Handler, target, remote string, header http.Header) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", target, nil)
		r.RemoteAddr = remote
		for k, v := range header {
			r.Header[k] = v
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec
	}
	off := newServerOn(t, newServerStore(t), defaultConfig())
	if rec := get(off, "/-/debug/pprof/", "127.0.0.1:4000", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("without --pprof: %d", rec.Code)
	}
	cfg := defaultConfig()
	cfg.Pprof = true
	on := newServerOn(t, newServerStore(t), cfg)
	rec := get(on, "/-/debug/pprof/", "127.0.0.1:4000", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "goroutine") {
		t.Fatalf("index from loopback: %d %.200s", rec.Code, rec.Body.String())
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("profiles may be stored: Cache-Control %q", cc)
	}
	rec = get(on, "/-/debug/pprof/goroutine?debug=1", "[::1]:4000", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "goroutine profile") {
		t.Fatalf("goroutine profile from ::1: %d %.200s", rec.Code, rec.Body.String())
	}
	if rec := get(on, "/-/debug/pprof/heap", "127.0.0.1:4000", nil); rec.Code != http.StatusOK || rec.Body.Len() == 0 {
		t.Fatalf("heap profile: %d", rec.Code)
	}
	for name, tc := range map[string]struct {
		remote string
		header http.Header
	}{
		"remote client":   {"192.0.2.7:4000", nil},
		"through varnish": {"127.0.0.1:4000", http.Header{"X-Forwarded-For": {"198.51.100.4"}}},
		"through a proxy": {"127.0.0.1:4000", http.Header{"Via": {"1.1 cdn"}}},
		"forwarded":       {"127.0.0.1:4000", http.Header{"Forwarded": {"for=198.51.100.4"}}},
	} {
		if rec := get(on, "/-/debug/pprof/", tc.remote, tc.header); rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "goroutine") {
			t.Errorf("%s: %d", name, rec.Code)
		}
	}
}
