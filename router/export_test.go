package router_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/router"
)

var update = flag.Bool("update", false, "rewrite golden files (routes.json)")

var routesJSON = filepath.Join("..", "routes.json")

// TestRoutesJSON: the checked-in routes.json is the export of the default
// registry, and it never changes without a new router.Version.
func TestRoutesJSON(t *testing.T) {
	b, err := router.Default().ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	got := append(b, '\n')
	old, err := os.ReadFile(routesJSON)
	if err == nil && bytes.Equal(old, got) {
		return
	}
	if err == nil {
		var prev struct{ Version string }
		if json.Unmarshal(old, &prev) == nil && prev.Version == router.Version {
			t.Fatalf("routes.json changed but router.Version did not (still %q): bump Version in router/export.go, then run make routes", router.Version)
		}
	}
	if *update {
		if err := os.WriteFile(routesJSON, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("routes.json is stale: run make routes")
}

// TestExportSchema checks the documented shape of routes.json.
func TestExportSchema(t *testing.T) {
	b, err := router.Default().ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version       string
		SessionCookie string `json:"session_cookie"`
		Routes        []struct {
			Name, Class, Pattern string
			CDNPath              string `json:"cdn_path_pattern"`
			Methods              []string
			Cache                struct{ Shared, Immutable bool }
			CacheKey             *struct{ Query, Cookies []string } `json:"cache_key"`
			CSRF                 bool
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != router.Version || doc.SessionCookie != "folio_session" || len(doc.Routes) != len(router.Default().Routes()) {
		t.Fatalf("header: %q %q %d routes", doc.Version, doc.SessionCookie, len(doc.Routes))
	}
	for _, r := range doc.Routes {
		if r.Cache.Shared != (r.CacheKey != nil) {
			t.Errorf("%s: cache_key must be present exactly when shared", r.Name)
		}
		if r.Class == "view" && (r.CacheKey == nil || len(r.CacheKey.Cookies) != 1 || r.CacheKey.Cookies[0] != "folio_session") {
			t.Errorf("%s: a view's cache key needs the session cookie", r.Name)
		}
		if r.Class == "action" && !r.CSRF {
			t.Errorf("%s: action without csrf", r.Name)
		}
	}
}

// TestPrivateQueryExported: the query parameters that show a page
// otherwise (another skin, another language) are declared private, and
// routes.json says so for CDN configurations.
func TestPrivateQueryExported(t *testing.T) {
	b, err := router.Default().ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Routes []struct {
			Name  string
			Query []struct {
				Name    string
				Private bool
			}
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	private := map[string]bool{}
	for _, rt := range doc.Routes {
		if rt.Name != "page.view" {
			continue
		}
		for _, q := range rt.Query {
			private[q.Name] = q.Private
		}
	}
	if !private["useskin"] || !private["uselang"] || private["redirect"] {
		t.Fatalf("page.view's private query parameters: %v, want useskin and uselang only", private)
	}
}
