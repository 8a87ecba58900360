package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// The cluster: a schema of its own on the PostgreSQL server, seeded with
// the corpus by the folio commands, n "folio serve" nodes on it, each
// purging one varnishd, which balances the anonymous reads over the nodes.

// cluster is one running set-up.
type cluster struct {
	schema  string // the schema's DSN (search_path set)
	nodes   []*proc
	varnish *proc
	token   string // BenchUser's API token
	session string // BenchUser's session cookie value
	titles  []string
	dropDB  func()
}

// proc is a child process serving HTTP on addr.
type proc struct {
	name string
	addr string
	cmd  *exec.Cmd
	log  *os.File
	dir  string // removed at stop, if set
}

func (p *proc) url(path string) string { return "http://" + p.addr + path }

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// newSchema creates a fresh schema on the server of dsn and returns a DSN
// whose search_path is that schema, and a function that drops it.
func newSchema(ctx context.Context, dsn string) (string, func(), error) {
	b := make([]byte, 6)
	rand.Read(b)
	name := "bench_cluster_" + hex.EncodeToString(b)
	exec := func(sql string) error {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return fmt.Errorf("connect to PostgreSQL: %w", err)
		}
		defer c.Close(ctx)
		_, err = c.Exec(ctx, sql)
		return err
	}
	ident := pgx.Identifier{name}.Sanitize()
	if err := exec("CREATE SCHEMA " + ident); err != nil {
		return "", nil, fmt.Errorf("create schema %s: %w", name, err)
	}
	drop := func() { _ = exec("DROP SCHEMA IF EXISTS " + ident + " CASCADE") }
	u, err := url.Parse(dsn)
	if err != nil {
		drop()
		return "", nil, fmt.Errorf("parse the DSN: %w", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// folio runs a folio subcommand to completion with stdin from in and
// returns its stdout.
func (r *runner) folio(in io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command(r.folioBin, args...)
	cmd.Stdin = in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("folio %s: %w\n%s%s", args[0], err, out, stderr.Bytes())
	}
	return out, nil
}

// The account the benchmark reads and edits with.
const (
	benchUser     = "BenchUser"
	benchPassword = "correct horse battery staple"
	sessionCookie = "folio_session"
)

// seed imports the corpus into the schema, as bench does into SQLite, and
// gives it its Main Page, the benchmark's user and an API token.
func (r *runner) seed(dsn string) (token string, err error) {
	start := time.Now()
	out, err := r.folio(nil, "import", "--db", dsn, r.corpus)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(\d+) created`).FindSubmatch(out)
	if m == nil {
		return "", fmt.Errorf("folio import: unexpected output %q", out)
	}
	r.logf("imported %s pages into PostgreSQL in %s", m[1], time.Since(start).Round(time.Millisecond))
	seed, err := os.ReadFile(filepath.Join("server", "seed", "Main_Page.md"))
	if err != nil {
		return "", err
	}
	if _, err := r.folio(bytes.NewReader(seed), "page", "put", "--db", dsn, "--summary", "seed", "Main_Page"); err != nil {
		return "", err
	}
	pw := filepath.Join(r.out, "password")
	if err := os.WriteFile(pw, []byte(benchPassword+"\n"), 0o600); err != nil {
		return "", err
	}
	if _, err := r.folio(nil, "user", "create", "--db", dsn, "--password-file", pw, benchUser); err != nil {
		return "", err
	}
	out, err = r.folio(nil, "token", "create", "--db", dsn, "--name", "bench-cluster", benchUser)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// startNode starts "folio serve" on the schema, purging varnish, and
// waits until it is ready.
func (r *runner) startNode(i int, dsn, addr, varnish string) (*proc, error) {
	p := &proc{name: fmt.Sprintf("node%d", i), addr: addr}
	var err error
	if p.log, err = os.Create(filepath.Join(r.out, p.name+".log")); err != nil {
		return nil, err
	}
	p.cmd = exec.Command(r.folioBin, "serve", "--db", dsn, "--addr", addr, "--purge-url", "http://"+varnish,
		"--trusted-proxies", "127.0.0.1", "--log-level", "warn")
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		p.log.Close()
		return nil, fmt.Errorf("start %s: %w", p.name, err)
	}
	if err := waitHTTP(p.url("/-/readyz"), 30*time.Second, http.StatusOK); err != nil {
		p.stop()
		return nil, fmt.Errorf("%s: %w (log in %s)", p.name, err, p.log.Name())
	}
	return p, nil
}

// varnishd is where Debian's varnish package puts it (FOLIO_VARNISHD
// overrides, as for internal/varnishtest).
func varnishd() string {
	if p := os.Getenv("FOLIO_VARNISHD"); p != "" {
		return p
	}
	return "/usr/sbin/varnishd"
}

// startVarnish generates the VCL with "folio cdn varnish" (its backend the
// first node), spreads it over every node (roundRobin) and starts
// varnishd on addr.
func (r *runner) startVarnish(addr string, nodes []string) (*proc, error) {
	vcl, err := r.folio(nil, "cdn", "varnish", "--backend", nodes[0], "--purge-acl", "127.0.0.1")
	if err != nil {
		return nil, err
	}
	if vcl, err = roundRobin(vcl, nodes); err != nil {
		return nil, err
	}
	// varnishd reads the VCL as its own user when run as root.
	dir, err := os.MkdirTemp("", "folio-bench-varnish-")
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "folio.vcl")
	if err := errors.Join(os.Chmod(dir, 0o755), os.WriteFile(file, vcl, 0o644),
		os.WriteFile(filepath.Join(r.out, "cluster.vcl"), vcl, 0o644)); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	p := &proc{name: "varnish", addr: addr, dir: dir}
	if p.log, err = os.Create(filepath.Join(r.out, "varnish.log")); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	p.cmd = exec.Command(varnishd(), "-F", "-a", addr, "-f", file, "-n", filepath.Join(dir, "work"),
		"-s", "malloc,256m", "-T", "none")
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its cache child in its group, to stop both
	if err := p.cmd.Start(); err != nil {
		p.log.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start varnishd (%s): %w", varnishd(), err)
	}
	if err := waitHTTP(p.url("/wiki/Main_Page"), 60*time.Second, http.StatusOK); err != nil {
		p.stop()
		return nil, fmt.Errorf("varnishd: %w (log in %s)", err, p.log.Name())
	}
	return p, nil
}

// backendBlock is the one backend "folio cdn varnish" writes.
var backendBlock = regexp.MustCompile(`(?s)\nbackend folio \{\n(.*?)\n\}\n`)

// roundRobin rewrites the generated VCL, which has one backend, to spread
// requests over every node with a round-robin director: one backend per
// node with the generated settings, and a vcl_recv, placed before the
// generated one (VCL runs same-named subroutines in order), that picks the
// next node.
func roundRobin(vcl []byte, nodes []string) ([]byte, error) {
	m := backendBlock.FindSubmatchIndex(vcl)
	if m == nil {
		return nil, errors.New("the generated VCL has no \"backend folio\" block")
	}
	settings := string(vcl[m[2]:m[3]])
	hostPort := regexp.MustCompile(`(?m)^\s*\.(host|port) = "[^"]*";\n?`)
	settings = hostPort.ReplaceAllString(settings, "")
	var b strings.Builder
	b.WriteString("\n# bench-cluster: one backend per node, balanced round-robin.\n")
	for i, n := range nodes {
		host, port, err := net.SplitHostPort(n)
		if err != nil {
			return nil, fmt.Errorf("node address %q: %w", n, err)
		}
		fmt.Fprintf(&b, "backend node%d {\n    .host = %q;\n    .port = %q;\n%s\n}\n\n", i+1, host, port, settings)
	}
	b.WriteString("sub vcl_init {\n    new nodes = directors.round_robin();\n")
	for i := range nodes {
		fmt.Fprintf(&b, "    nodes.add_backend(node%d);\n", i+1)
	}
	b.WriteString("}\n\nsub vcl_recv {\n    set req.backend_hint = nodes.backend();\n}\n")
	out := concat(vcl[:m[0]], []byte(b.String()), vcl[m[1]:])
	header := []byte("vcl 4.1;\n")
	if !bytes.HasPrefix(out, header) {
		return nil, errors.New("the generated VCL does not start with \"vcl 4.1;\"")
	}
	return concat(header, []byte("\nimport directors;\n"), out[len(header):]), nil
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// waitHTTP polls u until it answers want.
func waitHTTP(u string, limit time.Duration, want int) error {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(limit)
	var last string
	for time.Now().Before(deadline) {
		resp, err := c.Get(u)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == want {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("GET %s: no %d in %s (last: %s)", u, want, limit, last)
}

// stop ends the process (and, for varnishd, its child) with SIGTERM, then
// SIGKILL after 15 s.
func (p *proc) stop() {
	defer p.log.Close()
	if p.dir != "" {
		defer os.RemoveAll(p.dir)
	}
	if p.cmd.ProcessState != nil {
		return
	}
	target := p.cmd.Process.Pid
	if p.cmd.SysProcAttr != nil && p.cmd.SysProcAttr.Setpgid {
		target = -target
	}
	_ = syscall.Kill(target, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(target, syscall.SIGKILL)
		<-done
	}
}
