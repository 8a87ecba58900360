package varnishtest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/foliowiki/folio/internal/varnishtest"
)

// TestStart: varnishd starts with a VCL, serves through it, caches, and
// stops with the test.
func TestStart(t *testing.T) {
	var hits atomic.Int32
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			hits.Add(1)
		}
		w.Header().Set("Cache-Control", "public, s-maxage=60")
		fmt.Fprint(w, "hello from the origin")
	}))
	defer origin.Close()
	host, port, _ := strings.Cut(strings.TrimPrefix(origin.URL, "http://"), ":")
	vcl := fmt.Sprintf("vcl 4.1;\nbackend origin { .host = %q; .port = %q; }\n", host, port)
	v := varnishtest.Start(t, []byte(vcl))
	for range 2 {
		resp, err := http.Get(v.URL + "/page")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != "hello from the origin" {
			t.Fatalf("GET through varnish = %d %q\n%s", resp.StatusCode, body, v.Log())
		}
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("the origin saw %d requests for /page, want 1 (the second is a cache hit)", n)
	}
}

func TestCompile(t *testing.T) {
	varnishtest.Compile(t, []byte("vcl 4.1;\nbackend b { .host = \"127.0.0.1\"; .port = \"9\"; }\n"))
}
