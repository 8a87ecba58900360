package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// slowPut is a PUT whose JSON body trickles in: it is in flight (headers
// read, body being read) for as long as the test wants.
type slowPut struct {
	w      *io.PipeWriter
	result chan putResult
	errc   chan error
}

func startSlowPut(t *testing.T, a *api, title, text string, base int64) *slowPut {
	pr, pw := io.Pipe()
	sp := &slowPut{w: pw, result: make(chan putResult, 1), errc: make(chan error, 1)}
	go func() {
		r, err := a.do(context.Background(), "PUT", "/api/v1/pages/"+title, pr)
		if err != nil {
			sp.errc <- err
			return
		}
		var v struct {
			Revision int64 `json:"revision"`
		}
		_ = json.Unmarshal([]byte(r.Body), &v)
		sp.result <- putResult{Status: r.Status, Revision: v.Revision, Body: r.Body}
	}()
	// The first bytes of the body are read by the transport only once the
	// headers are on the wire.
	head, _ := json.Marshal(text)
	if _, err := fmt.Fprintf(pw, `{"base": %d, "summary": "slow", "text": %s`, base, head); err != nil {
		t.Fatalf("slow PUT %s: %v", title, err)
	}
	return sp
}

// trickle writes n spaces, one every d, then ends the body.
func (sp *slowPut) trickle(n int, d time.Duration) {
	for range n {
		time.Sleep(d)
		if _, err := io.WriteString(sp.w, " "); err != nil {
			return
		}
	}
	_, _ = io.WriteString(sp.w, "}")
	sp.w.Close()
}

// TestGracefulShutdown sends SIGTERM while the server is busy: slow saves in
// flight, a page being read, an idle keep-alive connection and a stream of
// new connections. The listener must close at once (new connections are
// refused), the idle connection is closed, every in-flight request
// completes with its normal answer, no request gets a 5xx or a truncated
// body, and the process exits with status 0 within --shutdown-timeout.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	const drain = 6 * time.Second
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice")
	n := startNode(t, "serve", b.with("--shutdown-timeout", drain.String())...)
	a := newAPI(t, n, alice.token)
	bases := make([]int64, 3)
	for i := range bases {
		bases[i] = a.mustPut(t, fmt.Sprintf("Slow_%d", i), "before", 0)
	}
	big := strings.Repeat("A line of a big page that takes a while to send.\n", 25000)[:1<<20] // 1 MiB
	a.mustPut(t, "Big", big, 0)

	// Readers on fresh connections, all along.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	var (
		mu                         sync.Mutex
		sigTime                    time.Time // when SIGTERM was sent
		okBefore, okAfter, refused int
	)
	for i := range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			tr := &http.Transport{DisableKeepAlives: true}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: 20 * time.Second}
			for {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				resp, err := c.Get(n.url("/wiki/Main_Page"))
				if err == nil {
					_, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				// A connection the kernel completed before the listener
				// closed, but the server had not accepted yet, is reset:
				// a race no server can avoid. (A connection the server
				// accepted is served: Shutdown waits for it.) The second
				// allows for an accept loop slowed by a loaded machine.
				after := !sigTime.IsZero() && start.After(sigTime.Add(-time.Second))
				switch {
				case err != nil && isConnError(err) && after:
					refused++
				case err != nil:
					t.Errorf("reader %d: GET /wiki/Main_Page (started %v after SIGTERM: %v): %v", i, start.Sub(sigTime), after, err)
				case resp.StatusCode != http.StatusOK:
					t.Errorf("reader %d: GET /wiki/Main_Page = %d", i, resp.StatusCode)
				case after:
					okAfter++
				default:
					okBefore++
				}
				mu.Unlock()
				if err != nil {
					time.Sleep(5 * time.Millisecond)
				}
			}
		}()
	}

	// In flight: three slow saves and a big read, not read until SIGTERM.
	var termSent atomic.Bool
	puts := make([]*slowPut, len(bases))
	for i := range puts {
		puts[i] = startSlowPut(t, a, fmt.Sprintf("Slow_%d", i), fmt.Sprintf("saved during shutdown %d", i), bases[i])
	}
	bigConn, err := net.Dial("tcp", n.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer bigConn.Close()
	// A small receive buffer, not read from until SIGTERM, keeps the
	// server writing the page (or its last part in the kernel's buffers).
	_ = bigConn.(*net.TCPConn).SetReadBuffer(64 << 10)
	fmt.Fprintf(bigConn, "GET /-/raw/Big HTTP/1.1\r\nHost: %s\r\n\r\n", n.addr)
	bigDone := make(chan error, 1)
	go func() {
		for !termSent.Load() {
			time.Sleep(5 * time.Millisecond)
		}
		br := bufio.NewReaderSize(bigConn, 4096)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			bigDone <- err
			return
		}
		defer resp.Body.Close()
		var got int
		buf := make([]byte, 4096)
		for {
			k, err := resp.Body.Read(buf)
			got += k
			if err == io.EOF {
				break
			}
			if err != nil {
				bigDone <- fmt.Errorf("after %d bytes: %w", got, err)
				return
			}

		}
		if resp.StatusCode != http.StatusOK || got != 1<<20 {
			bigDone <- fmt.Errorf("status %d, %d bytes, want 200 and %d", resp.StatusCode, got, 1<<20)
			return
		}
		bigDone <- nil
	}()
	// An idle keep-alive connection.
	idle, err := net.Dial("tcp", n.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprintf(idle, "GET /-/healthz HTTP/1.1\r\nHost: %s\r\n\r\n", n.addr)
	idleReader := bufio.NewReader(idle)
	if resp, err := http.ReadResponse(idleReader, nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("keep-alive healthz: %v", err)
	} else {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}

	time.Sleep(300 * time.Millisecond) // let everything be in flight
	mu.Lock()
	sigTime = time.Now()
	mu.Unlock()
	n.signal(syscall.SIGTERM)
	termSent.Store(true)
	if !n.log.waitFor("shutting down", 5*time.Second) {
		t.Fatal(`no "shutting down" log line within 5s of SIGTERM`)
	}
	// New connections are refused once the listener is closed.
	if d, ok := waitUntil(2*time.Second, func() bool {
		c, err := net.DialTimeout("tcp", n.addr, time.Second)
		if err == nil {
			c.Close()
			return false
		}
		return isRefused(err)
	}); !ok {
		t.Errorf("new connections were still accepted %v after SIGTERM", d)
	} else {
		t.Logf("new connections refused %v after the shutdown began", d)
	}
	// The idle keep-alive connection is closed by the server.
	_ = idle.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := idleReader.ReadByte(); err == nil || !isConnError(err) {
		t.Errorf("idle keep-alive connection after SIGTERM: read = %v, want EOF (closed by the server)", err)
	}
	// The in-flight saves finish and succeed.
	for _, sp := range puts {
		go sp.trickle(10, 100*time.Millisecond)
	}
	for i, sp := range puts {
		select {
		case res := <-sp.result:
			if res.Status != http.StatusOK || res.Revision == 0 {
				t.Errorf("slow PUT %d in flight at SIGTERM = %d %s, want 200", i, res.Status, res.Body)
			}
		case err := <-sp.errc:
			t.Errorf("slow PUT %d in flight at SIGTERM failed: %v", i, err)
		case <-time.After(drain + 5*time.Second):
			t.Errorf("slow PUT %d: no answer", i)
		}
	}
	select {
	case err := <-bigDone:
		if err != nil {
			t.Errorf("GET /-/raw/Big in flight at SIGTERM: %v", err)
		}
	case <-time.After(drain + 5*time.Second):
		t.Error("GET /-/raw/Big in flight at SIGTERM: not done")
	}
	code, ok := n.wait(drain + 10*time.Second)
	mu.Lock()
	took := n.exitedAt.Sub(sigTime)
	mu.Unlock()
	close(stop)
	readers.Wait()
	switch {
	case !ok:
		t.Fatalf("still running %v after SIGTERM (--shutdown-timeout %v)", took, drain)
	case code != 0:
		t.Errorf("exit status %d after SIGTERM, want 0", code)
	case took > drain:
		t.Errorf("exited %v after SIGTERM, more than --shutdown-timeout %v", took, drain)
	}
	t.Logf("exit %d, %v after SIGTERM; readers: %d answers before, %d after, %d refused after", code, took.Round(time.Millisecond), okBefore, okAfter, refused)

	// The saves that were in flight are in the store.
	n = n.restart()
	a = newAPI(t, n, alice.token)
	for i := range puts {
		p, err := a.get(context.Background(), fmt.Sprintf("Slow_%d", i))
		if err != nil || p.Text != fmt.Sprintf("saved during shutdown %d", i) {
			t.Errorf("Slow_%d after the restart: %v %q", i, err, p.Text)
		}
	}
	n.stop()
}

// TestGracefulShutdownOverrun holds a request open past --shutdown-timeout:
// the process must still exit soon after the drain timeout, not wait for the
// request (nor for the 30 s read timeout).
func TestGracefulShutdownOverrun(t *testing.T) {
	t.Parallel()
	const drain = time.Second
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice")
	n := startNode(t, "serve", b.with("--shutdown-timeout", drain.String())...)
	a := newAPI(t, n, alice.token)
	base := a.mustPut(t, "Stuck", "before", 0)
	sp := startSlowPut(t, a, "Stuck", "never finished", base)
	defer sp.w.Close()
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	n.signal(syscall.SIGTERM)
	code, ok := n.wait(drain + 10*time.Second)
	took := time.Since(start)
	if !ok || took > drain+3*time.Second {
		t.Fatalf("exited %v (%v) after SIGTERM with a request held open; want within --shutdown-timeout %v + 3s", took, ok, drain)
	}
	t.Logf("a request held open: exit status %d %v after SIGTERM (--shutdown-timeout %v)", code, took.Round(time.Millisecond), drain)
	if code == 0 {
		t.Log("the exit status does not tell that a request was cut")
	}
}
