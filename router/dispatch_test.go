package router_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/router"
)

// handlersFor returns a handler per non-redirect route that writes the
// route name and its parameters.
func handlersFor(reg *router.Registry) map[string]router.HandlerFunc {
	hs := map[string]router.HandlerFunc{}
	for _, rt := range reg.Routes() {
		if rt.Class == router.ClassRedirect {
			continue
		}
		hs[rt.Name] = func(w http.ResponseWriter, r *http.Request, m router.Match) error {
			if m.Title() == "Broken" {
				return errors.New("store: get page Broken: disk on fire")
			}
			_, err := w.Write([]byte(m.Name + " " + m.Title()))
			return err
		}
	}
	return hs
}

func TestHandler(t *testing.T) {
	reg := router.Default()
	var seen []string
	mw := func(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
			seen = append(seen, rt.Name)
			w.Header().Set("Cache-Control", rt.CacheControl(r.Header.Get("Cookie") != ""))
			return next(w, r, m)
		}
	}
	h, err := reg.Handler(handlersFor(reg), router.HandlerOptions{Middleware: []router.Middleware{mw}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, url string
		status      int
		body        string
		header      map[string]string
	}{
		{"GET", "/wiki/Main_Page", 200, "page.view Main_Page", map[string]string{"Cache-Control": "public, s-maxage=300, max-age=0"}},
		{"GET", "/wiki/Caf%C3%A9", 200, "page.view Café", nil},
		{"GET", "/wiki/Foo_(bar)", 200, "page.view Foo_(bar)", nil},
		{"POST", "/-/edit/Foo", 200, "page.edit Foo", map[string]string{"Cache-Control": "private, no-store"}},
		{"GET", "/wiki/foo%20bar", 301, "", map[string]string{"Location": "/wiki/Foo_bar", "Cache-Control": "public, s-maxage=86400, max-age=3600"}},
		{"GET", "/index.php?title=Foo&action=edit", 301, "", map[string]string{"Location": "/-/edit/Foo", "Cache-Control": "public, s-maxage=86400, max-age=3600"}},
		{"GET", "/wiki/Foo%23bar", 301, "", map[string]string{"Location": "/wiki/Foo#bar"}},
		{"GET", "/wiki/A%5Bb%5D", 400, "bad title", nil},
		{"GET", "//wiki/Foo", 301, "", map[string]string{"Location": "/wiki/Foo", "Cache-Control": "public, s-maxage=86400, max-age=3600"}},
		{"GET", "/nope", 404, "no page", nil},
		{"POST", "/wiki/Foo", 405, "not allowed", map[string]string{"Allow": "GET, HEAD"}},
		{"GET", "/wiki/Broken", 500, "Internal Server Error", nil},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.url, nil))
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s %s: %d %q, want %d %q", tt.method, tt.url, rec.Code, rec.Body, tt.status, tt.body)
		}
		for k, v := range tt.header {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.url, k, got, v)
			}
		}
		if strings.Contains(rec.Body.String(), "disk on fire") {
			t.Errorf("%s %s: the default error handler leaks the error", tt.method, tt.url)
		}
	}
	if len(seen) != 5 {
		t.Errorf("middleware ran for %v, want the 5 handled requests only", seen)
	}
}

func TestHandlerCallbacks(t *testing.T) {
	reg := router.Default()
	var gotErr error
	var gotMatch router.Match
	h, err := reg.Handler(handlersFor(reg), router.HandlerOptions{
		OnError: func(w http.ResponseWriter, r *http.Request, m router.Match) {
			gotMatch = m
			w.WriteHeader(m.Status)
		},
		OnHandlerError: func(w http.ResponseWriter, r *http.Request, m router.Match, err error) {
			gotErr = err
			w.WriteHeader(503)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("DELETE", "/-/edit/Foo", nil))
	if gotMatch.Status != 405 || rec.Header().Get("Allow") != "GET, HEAD, POST" {
		t.Errorf("OnError got %+v, Allow %q", gotMatch, rec.Header().Get("Allow"))
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/-/history/Broken", nil))
	if rec.Code != 503 || gotErr == nil {
		t.Errorf("OnHandlerError: %d %v", rec.Code, gotErr)
	}
}

func TestHandlerChecksHandlers(t *testing.T) {
	reg := router.Default()
	hs := handlersFor(reg)
	delete(hs, "page.history")
	hs["page.nope"] = hs["page.view"]
	hs["mw.index"] = hs["page.view"]
	_, err := reg.Handler(hs, router.HandlerOptions{})
	for _, want := range []string{`"page.history" (/-/history/*title) has no handler`, `handler "page.nope" names no route`, `"mw.index" is a redirect`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to say %s", err, want)
		}
	}
}

// TestRegisterAfterFreezeAllPanics: a route registered once folio started is
// refused loudly. (Every point is checked in cmd/folio's TestRunFreezesHooks.)
func TestRegisterAfterFreezeAllPanics(t *testing.T) {
	router.Default()
	hooks.FreezeAll()
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "after Freeze") {
			t.Fatalf("panic %v", r)
		}
	}()
	router.Register(router.Route{Name: "late.route"})
}

func BenchmarkHandlerView(b *testing.B) {
	reg := router.Default()
	h, err := reg.Handler(handlersFor(reg), router.HandlerOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/wiki/Main_Page", nil)
	w := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		w.Body.Reset()
		h.ServeHTTP(w, r)
	}
}
