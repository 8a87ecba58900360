package main

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestReadmeTour runs the commands of README.md's "A short tour" as
// written, with the binary built here, the data in a temporary directory
// and the server on a free port, and checks every result the tour quotes
// in a comment ("0 changes"). The tour's serve must answer / with the front
// page after its redirect, and say how to make the first administrator.
// Two lines are adapted, and only these: user create reads its password
// from a file (the tour types it), and serve listens on a free port.
func TestReadmeTour(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	lines := tourLines(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "folio")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	pwFile := filepath.Join(dir, "password")
	if err := os.WriteFile(pwFile, []byte("a tour password 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work") // the tour's current directory
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "testdata"), filepath.Join(work, "testdata")); err != nil {
		t.Fatal(err)
	}
	var stopServer func()
	defer func() {
		if stopServer != nil {
			stopServer()
		}
	}()
	ran := 0
	for _, l := range lines {
		if l.cmd == "make build" {
			continue
		}
		cmd := strings.ReplaceAll(l.cmd, "bin/folio", bin)
		switch {
		case strings.Contains(cmd, " user create "):
			cmd = strings.Replace(cmd, " user create ", " user create --password-file "+pwFile+" ", 1)
		case strings.Contains(cmd, " serve "):
			if stopServer != nil {
				t.Fatal("the tour starts two servers")
			}
			stopServer = tourServe(t, work, l, strings.Replace(cmd, " serve ", " serve --addr "+freeAddr(t)+" ", 1))
			ran++
			continue
		}
		c := exec.Command("bash", "-c", cmd)
		c.Dir = work
		c.Env = tourEnv()
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", l.cmd, err, out)
		}
		for _, want := range l.quoted {
			if !strings.Contains(string(out), want) {
				t.Errorf("%s: the README says %q, the output does not:\n%s", l.cmd, want, clip(string(out)))
			}
		}
		ran++
	}
	if stopServer == nil {
		t.Error("the tour never starts the server")
	}
	if ran < 6 {
		t.Errorf("ran %d lines of the tour; README.md's tour block is not where the test looks", ran)
	}
}

// tourLine is one command of the tour and the results its comment quotes.
type tourLine struct {
	cmd    string
	quoted []string
}

// tourLines reads the first sh block after "## A short tour" in README.md.
func tourLines(t *testing.T) []tourLine {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "## A short tour")
	if !ok {
		t.Fatal(`README.md has no "## A short tour"`)
	}
	_, block, ok := strings.Cut(after, "```sh\n")
	if !ok {
		t.Fatal("the tour has no sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	quote := regexp.MustCompile(`"([^"]+)"`)
	var out []tourLine
	sc := bufio.NewScanner(strings.NewReader(block))
	for sc.Scan() {
		cmd, comment, _ := strings.Cut(sc.Text(), "  # ")
		cmd = strings.TrimSpace(cmd)
		if cmd == "" {
			continue
		}
		l := tourLine{cmd: cmd}
		for _, m := range quote.FindAllStringSubmatch(comment, -1) {
			l.quoted = append(l.quoted, m[1])
		}
		out = append(out, l)
	}
	return out
}

// tourServe starts the tour's folio serve, checks that / leads to a page
// and that the server said how to make the first administrator, and
// returns what stops it.
func tourServe(t *testing.T, work string, l tourLine, cmd string) func() {
	t.Helper()
	addr := regexp.MustCompile(`--addr (\S+)`).FindStringSubmatch(cmd)[1]
	c := exec.Command("bash", "-c", "exec "+cmd)
	c.Dir = work
	c.Env = tourEnv()
	logs := &lockedBuffer{}
	c.Stdout, c.Stderr = logs, logs
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	stop := func() {
		_ = c.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = c.Process.Kill()
			<-done
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var resp *http.Response
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/", nil)
		r, err := http.DefaultClient.Do(req) // follows the redirect to the front page
		if err == nil {
			resp = r
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if resp == nil {
		stop()
		t.Fatalf("%s: no answer on %s:\n%s", l.cmd, addr, logs.String())
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/wiki/Main_Page" {
		t.Errorf("GET / ended at %s with %d, want 200 at /wiki/Main_Page", resp.Request.URL, resp.StatusCode)
	}
	// The tour made an account before serving: the server must not ask for
	// one, but it must say where it serves.
	if !strings.Contains(logs.String(), "Folio is serving http://"+addr+"/wiki/Main_Page") {
		t.Errorf("serve did not say where the wiki is:\n%s", logs.String())
	}
	return stop
}

// tourEnv is the environment of the tour's commands: no FOLIO_ variable
// of the person running the tests leaks in.
func tourEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "FOLIO_") {
			env = append(env, kv)
		}
	}
	return env
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// lockedBuffer is a bytes.Buffer the server process writes to while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
