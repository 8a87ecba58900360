package main

import (
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/varnishtest"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/cdn"
)

// TestRoundRobin: the VCL "folio cdn varnish" generates, spread over three
// nodes, has a backend per node with the generated timeouts, picks one
// per request before the generated vcl_recv runs, and compiles.
func TestRoundRobin(t *testing.T) {
	s, err := cdn.FromRegistry(router.Default())
	if err != nil {
		t.Fatal(err)
	}
	vcl, err := cdn.Varnish(s, cdn.VarnishOptions{Backend: "127.0.0.1:8001"})
	if err != nil {
		t.Fatal(err)
	}
	nodes := []string{"127.0.0.1:8001", "127.0.0.1:8002", "[::1]:8003"}
	out, err := roundRobin(vcl, nodes)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"vcl 4.1;\n\nimport directors;\n",
		"backend node1 {\n    .host = \"127.0.0.1\";\n    .port = \"8001\";\n",
		"backend node3 {\n    .host = \"::1\";\n    .port = \"8003\";\n",
		"nodes.add_backend(node2);",
		".first_byte_timeout = 60s;",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the VCL lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "backend folio ") {
		t.Errorf("the single backend is still there:\n%s", got)
	}
	if pick, gen := strings.Index(got, "set req.backend_hint = nodes.backend();"), strings.Index(got, "if (req.method == \"PURGE\")"); pick < 0 || pick > gen {
		t.Errorf("the backend is not picked before the generated vcl_recv (at %d, generated at %d)", pick, gen)
	}
	varnishtest.Compile(t, out)
}

// TestRoundRobinRefusesOtherVCL: a VCL without the generated backend is an
// error, not a VCL balancing nothing.
func TestRoundRobinRefusesOtherVCL(t *testing.T) {
	if _, err := roundRobin([]byte("vcl 4.1;\nbackend other { .host = \"x\"; }\n"), []string{"127.0.0.1:1"}); err == nil {
		t.Fatal("roundRobin accepted a VCL without \"backend folio\"")
	}
}

// TestPercentile: nearest rank, so a p99 of 100 samples is the 99th.
func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond} {
		if got := percentile(d, p); got != want {
			t.Errorf("percentile(%v) = %v, want %v", p, got, want)
		}
	}
	if percentile(nil, 0.5) != 0 {
		t.Error("percentile of nothing is not 0")
	}
}
