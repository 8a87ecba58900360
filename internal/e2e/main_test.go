package e2e

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// folioBin is the folio binary TestMain built.
var folioBin string

// raceBinary: FOLIO_E2E_RACE=1 builds the folio binary with -race, so the
// server processes report data races (which fail the test that ran them).
// Off by default: a race-instrumented server is 5-20 times slower, which
// distorts the timings these tests check.
var raceBinary = os.Getenv("FOLIO_E2E_RACE") == "1"

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	dir, err := os.MkdirTemp("", "folio-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	folioBin = filepath.Join(dir, "folio")
	goTool, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: no go tool on PATH:", err)
		return 1
	}
	args := []string{"build", "-o", folioBin}
	if raceBinary {
		args = append(args, "-race")
	}
	args = append(args, "github.com/foliowiki/folio/cmd/folio")
	cmd := exec.Command(goTool, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if !raceBinary {
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build
	}
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: go build of the folio binary failed:", err)
		return 1
	}
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "e2e: built %s in %v (race=%v)\n", folioBin, time.Since(start).Round(time.Millisecond), raceBinary)
	}
	return m.Run()
}

// soak reports whether the long variants run (FOLIO_SOAK=1).
func soak() bool { return os.Getenv("FOLIO_SOAK") == "1" }

// childEnv is the environment of folio processes: the test's, without any
// FOLIO_ variable, so a developer's settings cannot change what is tested.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FOLIO_") {
			env = append(env, kv)
		}
	}
	return env
}

// folio runs a folio command to completion and returns its stdout; it
// fails the test when the command fails.
func folio(t testing.TB, args ...string) string {
	t.Helper()
	out, errOut, err := folioRun(args...)
	if err != nil {
		t.Fatalf("folio %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// folioRun runs a folio command and returns its outputs.
func folioRun(args ...string) (stdout, stderr string, err error) {
	return folioStdin("", args...)
}

// folioStdin runs a folio command with stdin as its standard input.
func folioStdin(stdin string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, folioBin, args...)
	cmd.Env = childEnv()
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// logBuffer collects a process's output; safe for concurrent use.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits up to d for s to appear in the log.
func (b *logBuffer) waitFor(s string, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for {
		if strings.Contains(b.String(), s) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// node is one running "folio serve" process.
type node struct {
	t    testing.TB
	name string
	args []string
	addr string // 127.0.0.1:port
	base string // http://127.0.0.1:port
	cmd  *exec.Cmd
	log  *logBuffer // stdout and stderr

	done     chan struct{} // closed when the process has exited
	state    *os.ProcessState
	exitedAt time.Time // set before done is closed
}

// freeAddr returns a 127.0.0.1 address nobody listens on (at the time).
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// startNode starts "folio serve ARGS" on a free port and waits until
// /-/healthz answers. The process is killed when the test ends, if it still
// runs, and its log is shown when the test failed.
func startNode(t testing.TB, name string, args ...string) *node {
	t.Helper()
	for attempt := 0; ; attempt++ {
		n, err := tryStart(t, name, freeAddr(t), args)
		if err == nil {
			return n
		}
		if attempt < 3 && strings.Contains(err.Error(), "address already in use") {
			continue
		}
		t.Fatal(err)
	}
}

// restart starts the same node again on the same address.
func (n *node) restart() *node {
	n.t.Helper()
	if !n.exited() {
		n.t.Fatalf("%s: restart of a running node", n.name)
	}
	var err error
	for attempt := 0; attempt < 50; attempt++ {
		var m *node
		m, err = tryStart(n.t, n.name, n.addr, n.args)
		if err == nil {
			return m
		}
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	n.t.Fatal(err)
	return nil
}

func tryStart(t testing.TB, name, addr string, args []string) (*node, error) {
	n := &node{t: t, name: name, args: args, addr: addr, base: "http://" + addr, log: &logBuffer{}, done: make(chan struct{})}
	n.cmd = exec.Command(folioBin, append([]string{"serve", "--addr", addr}, args...)...)
	n.cmd.Env = childEnv()
	n.cmd.Stdout, n.cmd.Stderr = n.log, n.log
	dieWithTest(n.cmd)
	if err := n.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = n.cmd.Wait()
		n.exitedAt = time.Now()
		n.state = n.cmd.ProcessState
		close(n.done)
	}()
	t.Cleanup(func() {
		if !n.exited() {
			_ = n.cmd.Process.Kill()
			<-n.done
		}
		n.checkLog()
		if t.Failed() {
			t.Logf("log of %s (%s):\n%s", n.name, n.addr, tail(n.log.String(), 8000))
		}
	})
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-n.done:
			return nil, fmt.Errorf("%s exited at start (%v):\n%s", name, n.state, n.log.String())
		default:
		}
		resp, err := c.Get(n.base + "/-/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return n, nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = n.cmd.Process.Kill()
	<-n.done
	return nil, fmt.Errorf("%s did not answer /-/healthz within 30s:\n%s", name, n.log.String())
}

// checkLog fails the test when the process reported a data race or a panic.
func (n *node) checkLog() {
	log := n.log.String()
	for _, bad := range []string{"WARNING: DATA RACE", "panic:", "fatal error:"} {
		if strings.Contains(log, bad) {
			n.t.Errorf("%s reported %q:\n%s", n.name, bad, tail(log, 8000))
		}
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// url returns the node's URL for path.
func (n *node) url(path string) string { return n.base + path }

func (n *node) exited() bool {
	select {
	case <-n.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (n *node) kill() {
	n.t.Helper()
	_ = n.cmd.Process.Signal(syscall.SIGKILL)
	<-n.done
}

// signal sends sig to the process.
func (n *node) signal(sig os.Signal) {
	n.t.Helper()
	if err := n.cmd.Process.Signal(sig); err != nil {
		n.t.Fatalf("%s: signal %v: %v", n.name, sig, err)
	}
}

// wait waits up to d for the process to exit and returns its exit code, or
// -1 and false when it did not exit in time.
func (n *node) wait(d time.Duration) (int, bool) {
	select {
	case <-n.done:
		return n.state.ExitCode(), true
	case <-time.After(d):
		return -1, false
	}
}

// stop sends SIGTERM and requires a clean exit (status 0) within 30s.
func (n *node) stop() {
	n.t.Helper()
	n.signal(syscall.SIGTERM)
	code, ok := n.wait(30 * time.Second)
	if !ok {
		n.t.Fatalf("%s did not exit within 30s of SIGTERM", n.name)
	}
	if code != 0 {
		n.t.Errorf("%s exited with status %d after SIGTERM, want 0", n.name, code)
	}
}

// isRefused reports whether err is a refused connection.
func isRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// isConnError reports whether err is a connection that was refused, reset
// or closed before a response: what a client of a dead server sees.
func isConnError(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, net.ErrClosed) ||
		strings.Contains(err.Error(), "use of closed network connection") ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.EPIPE) ||
		strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "EOF") ||
		strings.Contains(err.Error(), "broken pipe") || strings.Contains(err.Error(), "server closed")
}

// skipBug skips a test that fails because of a known bug, unless
// FOLIO_E2E_BUGS=1 (to check a fix).
func skipBug(t testing.TB, bug string) {
	t.Helper()
	if os.Getenv("FOLIO_E2E_BUGS") != "1" {
		t.Skip("BUG: " + bug + " (FOLIO_E2E_BUGS=1 runs it)")
	}
}
