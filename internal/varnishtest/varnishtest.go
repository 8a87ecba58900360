// Package varnishtest runs a real varnishd for tests: Debian's varnish
// package, on a free loopback port, with the test's VCL, stopped when the
// test ends.
//
//	v := varnishtest.Start(t, vcl) // skips when varnishd is missing
//	resp, err := http.Get(v.URL + "/wiki/Main_Page")
//
// Without varnishd the test skips with a message saying so, unless
// FOLIO_REQUIRE_VARNISH=1, which makes it fail (CI sets it). FOLIO_VARNISHD
// names another varnishd binary. Run as root, varnishd drops privileges to
// its own users, so the VCL and its folder are made world-readable.
package varnishtest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// DefaultVarnishd is where Debian's varnish package puts varnishd.
const DefaultVarnishd = "/usr/sbin/varnishd"

// StartTimeout bounds how long varnishd may take to compile the VCL and
// answer.
const StartTimeout = 60 * time.Second

// Varnish is one running varnishd.
type Varnish struct {
	URL  string // http://127.0.0.1:port
	Addr string // 127.0.0.1:port

	cmd  *exec.Cmd
	dir  string
	out  *syncBuffer
	done chan struct{}
}

// Varnishd returns the varnishd binary to run: FOLIO_VARNISHD, else
// DefaultVarnishd, else varnishd on PATH, else "".
func Varnishd() string {
	if p := os.Getenv("FOLIO_VARNISHD"); p != "" {
		return p
	}
	if _, err := os.Stat(DefaultVarnishd); err == nil {
		return DefaultVarnishd
	}
	p, _ := exec.LookPath("varnishd")
	return p
}

// need returns varnishd, or skips t (fails it when FOLIO_REQUIRE_VARNISH=1).
func need(t testing.TB) string {
	t.Helper()
	bin := Varnishd()
	if bin == "" {
		msg := "SKIP: this test needs varnishd (apt-get install varnish, or set FOLIO_VARNISHD)"
		if os.Getenv("FOLIO_REQUIRE_VARNISH") == "1" {
			t.Fatal(msg + ", and FOLIO_REQUIRE_VARNISH=1")
		}
		t.Skip(msg + "; set FOLIO_REQUIRE_VARNISH=1 to make this a failure")
	}
	return bin
}

// Compile compiles vcl with varnishd -C and fails t with varnishd's message
// when it does not compile. It skips t like Start.
func Compile(t testing.TB, vcl []byte) {
	t.Helper()
	bin := need(t)
	dir, file := writeVCL(t, vcl)
	defer os.RemoveAll(dir)
	out, err := exec.Command(bin, "-C", "-f", file, "-n", filepath.Join(dir, "work")).CombinedOutput()
	if err != nil {
		t.Fatalf("varnishd -C: %v\n%s", err, lastLines(out, 30))
	}
}

// Start runs varnishd with vcl on a free loopback port, waits until it
// answers, and stops it when t ends.
func Start(t testing.TB, vcl []byte) *Varnish {
	t.Helper()
	bin := need(t)
	dir, file := writeVCL(t, vcl)
	addr := freeAddr(t)
	v := &Varnish{URL: "http://" + addr, Addr: addr, dir: dir, out: &syncBuffer{}, done: make(chan struct{})}
	v.cmd = exec.Command(bin, "-F", "-a", addr, "-f", file, "-n", filepath.Join(dir, "work"), "-s", "malloc,32m", "-T", "none")
	v.cmd.Stdout, v.cmd.Stderr = v.out, v.out
	v.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its cache child in its group, to stop both
	if err := v.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		t.Fatalf("varnishd: %v", err)
	}
	go func() {
		v.cmd.Wait()
		close(v.done)
	}()
	t.Cleanup(v.stop)
	if err := v.wait(); err != nil {
		t.Fatalf("varnishd: %v\n%s", err, lastLines(v.out.Bytes(), 30))
	}
	return v
}

// Log returns what varnishd printed so far.
func (v *Varnish) Log() string { return v.out.String() }

// ReadyPath is what Start asks for until varnishd answers (with anything):
// a HEAD the backend may see, not to be confused with the test's requests.
const ReadyPath = "/.well-known/varnishtest-ready"

// wait polls until varnishd answers HTTP, or exits, or StartTimeout passes.
func (v *Varnish) wait() error {
	client := &http.Client{Timeout: time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	deadline := time.Now().Add(StartTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-v.done:
			return errors.New("exited before answering")
		default:
		}
		if resp, err := client.Head(v.URL + ReadyPath); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("no answer on %s after %s", v.Addr, StartTimeout)
}

// stop ends varnishd and its child, gently then not, and removes its files.
func (v *Varnish) stop() {
	defer os.RemoveAll(v.dir)
	pgid := -v.cmd.Process.Pid
	_ = syscall.Kill(pgid, syscall.SIGTERM)
	select {
	case <-v.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(pgid, syscall.SIGKILL)
		<-v.done
	}
}

// writeVCL writes vcl in a new world-readable folder: varnishd reads it
// as its own user.
func writeVCL(t testing.TB, vcl []byte) (dir, file string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "folio-varnish-")
	if err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, "folio.vcl")
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, vcl, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

// freeAddr returns a loopback address no one listens on, for now.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func lastLines(b []byte, n int) string {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// syncBuffer is a bytes.Buffer safe for the writes of a child process and
// the reads of the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.b.Bytes())
}

func (s *syncBuffer) String() string { return string(s.Bytes()) }
