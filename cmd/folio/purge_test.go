package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServePurgesChangedViews: with --purge-url, an edit through the API
// sends a PURGE for the page's view; creating a page purges the pages that
// link to it (their red link turned blue).
func TestServePurgesChangedViews(t *testing.T) {
	var mu sync.Mutex
	var purged []string
	cache := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "PURGE" {
			mu.Lock()
			purged = append(purged, r.URL.Path)
			mu.Unlock()
		}
	}))
	defer cache.Close()

	data := t.TempDir()
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("correct horse battery\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := folio(t, "", nil, "user", "create", "--data", data, "--password-file", pw, "Bot"); err != nil {
		t.Fatal(err)
	}
	token, _, err := folio(t, "", nil, "token", "create", "--data", data, "Bot")
	if err != nil {
		t.Fatal(err)
	}
	token = strings.TrimSpace(token)
	if _, _, err := folio(t, "Links to [[Target]].", nil, "page", "put", "--data", data, "Linker"); err != nil {
		t.Fatal(err)
	}

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := folioCtx(ctx, "", nil, "serve", "--addr", addr, "--data", data, "--log-level", "warn", "--purge-url", cache.URL)
		done <- err
	}()
	defer func() { cancel(); <-done }()
	c := &http.Client{}
	waitUp(t, c, "http://"+addr+"/wiki/Main_Page", done)

	req, _ := http.NewRequest("PUT", "http://"+addr+"/api/v1/pages/Target", strings.NewReader(`{"text":"here"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("PUT = %v, %v", resp, err)
	}
	resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		got := strings.Join(purged, " ")
		mu.Unlock()
		// The view, the PageInfo payload and the article alone of each.
		if strings.Contains(got, "/wiki/Target") && strings.Contains(got, "/wiki/Linker") && strings.Contains(got, "/sitemap.xml") &&
			strings.Contains(got, "/api/v1/pageinfo/Target") && strings.Contains(got, "/-/render/Linker") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("purged %q, want /wiki/Target and /wiki/Linker, their pageinfo and render", got)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
