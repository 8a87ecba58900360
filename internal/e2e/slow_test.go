package e2e

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// readHeaderTimeout is the server's ReadHeaderTimeout (server/run.go),
// used when the binary has no flag to shorten it.
const readHeaderTimeout = 10 * time.Second

// hasServeFlag reports whether folio serve has the flag name.
func hasServeFlag(name string) bool {
	out, errOut, _ := folioRun("serve", "-h")
	return strings.Contains(out+errOut, "-"+name+" ")
}

// TestSlowClients opens slow-loris connections that send their headers one
// byte at a time and never finish. The server must close each one once its
// ReadHeaderTimeout has passed, and keep answering other clients at once
// meanwhile. folio serve has no flag for the timeout (10 s, server/run.go),
// so this test takes ~11 s; it uses --read-header-timeout 1s when the
// binary has that flag.
func TestSlowClients(t *testing.T) {
	t.Parallel()
	timeout := readHeaderTimeout
	b := sqliteBackend(t)
	args := b.args
	if hasServeFlag("read-header-timeout") {
		timeout = time.Second
		args = b.with("--read-header-timeout", timeout.String())
	} else {
		t.Logf("folio serve has no --read-header-timeout: waiting out the built-in %v", timeout)
	}
	n := startNode(t, "serve", args...)
	const conns = 30
	type result struct {
		closedAfter time.Duration
		err         error
	}
	results := make(chan result, conns)
	start := time.Now()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", n.addr)
			if err != nil {
				results <- result{err: err}
				return
			}
			defer c.Close()
			opened := time.Now()
			// A request line and one header, then one byte every 200ms.
			if _, err := fmt.Fprintf(c, "GET /wiki/Main_Page HTTP/1.1\r\nHost: %s\r\nX-Slow-%d: ", n.addr, i); err != nil {
				results <- result{err: err}
				return
			}
			closed := make(chan time.Duration, 1)
			go func() {
				buf := make([]byte, 512)
				_ = c.SetReadDeadline(time.Now().Add(timeout + 20*time.Second))
				_, _ = c.Read(buf) // returns when the server closes the connection (or answers)
				closed <- time.Since(opened)
			}()
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case d := <-closed:
					results <- result{closedAfter: d}
					return
				case <-stop:
					results <- result{err: fmt.Errorf("still open when the test ended")}
					return
				case <-tick.C:
					_, _ = c.Write([]byte("x")) // fails once the server closed it
				}
			}
		}()
	}
	// Meanwhile, others are served at once.
	hc := newHTTPClient(t, 5*time.Second)
	for time.Since(start) < timeout {
		t0 := time.Now()
		resp, err := hc.Get(n.url("/wiki/Main_Page"))
		if err != nil {
			t.Fatalf("a normal reader during the slow-loris: %v", err)
		}
		resp.Body.Close()
		if d := time.Since(t0); resp.StatusCode != http.StatusOK || d > 2*time.Second {
			t.Errorf("a normal reader during the slow-loris: %d in %v", resp.StatusCode, d)
		}
		time.Sleep(250 * time.Millisecond)
	}
	deadline := time.After(timeout + 15*time.Second)
	for range conns {
		select {
		case r := <-results:
			switch {
			case r.err != nil:
				t.Errorf("slow client: %v", r.err)
			case r.closedAfter < timeout-100*time.Millisecond || r.closedAfter > timeout+3*time.Second:
				t.Errorf("slow client closed after %v, want about the read-header timeout %v", r.closedAfter, timeout)
			}
		case <-deadline:
			close(stop)
			wg.Wait()
			t.Fatalf("slow clients still connected %v after the read-header timeout", 15*time.Second)
		}
	}
	close(stop)
	wg.Wait()
	if h, err := rawGet(n.addr, "GET", "/-/healthz"); err != nil || h.Status != 200 {
		t.Fatalf("not serving after the slow clients: %v %v", h.Status, err)
	}
}
