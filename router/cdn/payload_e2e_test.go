package cdn_test

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
)

// TestVarnishPayloads: behind the generated VCL, the public skin payloads
// are cached for everyone — a logged-in reader's PageInfo and skin bundle
// are the cache's, shared with anonymous readers — the article alone
// (/-/render/T) is cached like a view, and the reader's UserInfo never is.
func TestVarnishPayloads(t *testing.T) {
	w := newWiki(t, config.Default())
	v := varnishFor(t, w)
	anon := newBrowser(v.URL)
	alice := newBrowser(v.URL)
	alice.login(t)

	first := alice.get(t, "/api/v1/pageinfo/Main_Page", 200, "MISS")
	if got := anon.get(t, "/api/v1/pageinfo/Main_Page", 200, "HIT"); got != first || strings.Contains(first, "Alice") {
		t.Errorf("the anonymous reader's pageinfo differs from Alice's, or names her")
	}
	alice.get(t, "/api/v1/pageinfo/Main_Page?utm=x", 200, "HIT")
	if n, _ := w.reached("GET /api/v1/pageinfo/Main_Page"); n != 1 {
		t.Errorf("Folio saw the pageinfo %d times, want 1", n)
	}
	anon.get(t, "/api/v1/skins/desktop", 200, "MISS")
	alice.get(t, "/api/v1/skins/desktop", 200, "HIT")

	for range 2 {
		if body := alice.get(t, "/api/v1/userinfo", 200, "PASS"); !strings.Contains(body, `"name":"Alice"`) {
			t.Errorf("Alice's userinfo: %s", body)
		}
		if body := anon.get(t, "/api/v1/userinfo", 200, "PASS"); strings.Contains(body, "Alice") {
			t.Errorf("the anonymous userinfo names Alice: %s", body)
		}
	}

	anon.get(t, "/-/render/Main_Page", 200, "MISS")
	anon.get(t, "/-/render/Main_Page", 200, "HIT")
	alice.get(t, "/-/render/Main_Page", 200, "PASS")
}

// TestVarnishPayloadsPrivateWiki: on a private wiki the PageInfo is
// private: a logged-in reader's is never kept for anyone.
func TestVarnishPayloadsPrivateWiki(t *testing.T) {
	cfg := config.Default()
	cfg.Private = true
	w := newWiki(t, cfg)
	v := varnishFor(t, w)
	alice := newBrowser(v.URL)
	alice.login(t)
	for range 2 {
		if _, cache, _ := alice.do(t, "GET", "/api/v1/pageinfo/Main_Page", nil); cache == "HIT" {
			t.Error("a private wiki's pageinfo was served from the cache")
		}
	}
	anon := newBrowser(v.URL)
	if status, cache, body := anon.do(t, "GET", "/api/v1/pageinfo/Main_Page", nil); status == 200 || cache == "HIT" || strings.Contains(body, "Welcome") {
		t.Errorf("anonymous pageinfo of a private wiki = %d, X-Cache %q", status, cache)
	}
}
