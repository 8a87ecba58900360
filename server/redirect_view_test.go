package server_test

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRedirectViews: the view of a redirect shows its target (MediaWiki's
// behaviour) in every case where that is sound, and the redirect page
// itself otherwise: a missing target, a loop, ?redirect=no. A double
// redirect is followed once. A section redirect carries the section for
// the skin's script to scroll to. The view stays a cacheable page view
// with its own ETag.
func TestRedirectViews(t *testing.T) {
	srv, _ := newServer(t)
	put(t, srv, "Target", "# Target\n\nThe real text.\n\n## Some section\n\nDeep.")
	put(t, srv, "Short", "#REDIRECT [[Target]]")
	put(t, srv, "To_section", "#REDIRECT [[Target#Some section]]")
	put(t, srv, "Double", "#REDIRECT [[Short]]")
	put(t, srv, "Loop_a", "#REDIRECT [[Loop b]]")
	put(t, srv, "Loop_b", "#REDIRECT [[Loop a]]")
	put(t, srv, "Self", "#REDIRECT [[Self]]")
	put(t, srv, "Dangling", "#REDIRECT [[Nowhere]]")
	anon := newClient(t, srv)
	get := func(path string) string { return mustStatus(t, anon.do("GET", path, nil), 200, path) }

	short := anon.do("GET", "/wiki/Short", nil)
	body := mustStatus(t, short, 200, "Short")
	mustContain(t, body, "The real text.", "a redirect shows its target")
	mustContain(t, body, `(Redirected from <a href="/wiki/Short?redirect=no">Short</a>)`, "redirected from")
	if cc := short.Header().Get("Cache-Control"); !strings.Contains(cc, "public") {
		t.Errorf("an anonymous view of a redirect is not cacheable: %q", cc)
	}
	target := anon.do("GET", "/wiki/Target", nil)
	if a, b := short.Header().Get("ETag"), target.Header().Get("ETag"); a == "" || a == b {
		t.Errorf("ETags of the redirect's view %q and of the target's %q must differ", a, b)
	}
	if strings.Contains(target.Body.String(), "Redirected from") {
		t.Error("the target's own view says it was redirected")
	}
	// 304 on the redirect's URL, then a new ETag when the target changes.
	req := httptest.NewRequest("GET", "/wiki/Short", nil)
	req.Header.Set("If-None-Match", short.Header().Get("ETag"))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	mustStatus(t, rec, 304, "revalidating the redirect's view")
	put(t, srv, "Target", "# Target\n\nThe new text.")
	mustContain(t, get("/wiki/Short"), "The new text.", "the redirect shows the target's current text")

	mustContain(t, get("/wiki/To_section"), `data-redirect-fragment="some-section"`, "the section a redirect names")

	double := get("/wiki/Double")
	mustContain(t, double, "Redirect page", "a double redirect shows the intermediate redirect")
	mustContain(t, double, `(Redirected from <a href="/wiki/Double?redirect=no">Double</a>)`, "double redirect")

	for _, p := range []string{"/wiki/Loop_a", "/wiki/Self", "/wiki/Dangling", "/wiki/Short?redirect=no"} {
		b := get(p)
		mustContain(t, b, "Redirect page", p+" shows the redirect itself")
		if strings.Contains(b, "Redirected from") {
			t.Errorf("%s was followed", p)
		}
		if loop := strings.Contains(b, "leads back to itself"); loop != (p == "/wiki/Loop_a" || p == "/wiki/Self") {
			t.Errorf("%s: loop warning shown = %v", p, loop)
		}
	}
}
