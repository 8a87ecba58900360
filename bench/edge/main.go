// Command edge is "make bench-edge": logged-in page views at the edge
// (docs/cdn.md, "Views at the edge"). It builds folio, imports the corpus
// into a fresh SQLite wiki, starts "folio serve --esi" and a varnishd
// (/usr/sbin/varnishd) with the VCL of "folio cdn varnish --esi", logs in
// -users readers of one class, and runs -c closed-loop connections over
// three scenarios in turn, -rounds times for -phase each:
//
//	anon      anonymous views through Varnish (HITs)
//	esi       logged-in views through Varnish with ESI: the body a HIT,
//	          the reader's fragments from Folio
//	origin    the same logged-in views straight to Folio
//
// Each request is a page of -pages (the corpus's first ones, warmed in
// every scenario first) for one of the readers, with Accept-Encoding: gzip
// and no decompression, as a browser. It prints a table (requests per
// second, latency percentiles, bytes per answer). The load generator
// shares the machine with what it measures.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const password = "bench-edge password 42"

type runner struct {
	goBin, folioBin, corpus, out string
	conns, users, pages, rounds  int
	phase, warmup                time.Duration
}

func main() {
	r := &runner{}
	flag.StringVar(&r.goBin, "go", "go", "the go command")
	flag.StringVar(&r.corpus, "corpus", "testdata/corpus/silverbullet-docs/pages", "the Markdown tree the wiki is imported from")
	flag.StringVar(&r.out, "out", "bench/out/edge", "scratch directory (data, logs)")
	flag.IntVar(&r.conns, "c", 16, "connections")
	flag.IntVar(&r.users, "users", 8, "logged-in readers (one class)")
	flag.IntVar(&r.pages, "pages", 20, "pages viewed")
	flag.IntVar(&r.rounds, "rounds", 5, "rounds (each runs every scenario for -phase)")
	flag.DurationVar(&r.phase, "phase", 2*time.Second, "length of one scenario's phase")
	flag.DurationVar(&r.warmup, "warmup", time.Second, "warm-up per scenario")
	flag.Parse()
	if err := r.run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-edge:", err)
		os.Exit(1)
	}
}

func (r *runner) run() error {
	if err := os.RemoveAll(r.out); err != nil {
		return err
	}
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return err
	}
	r.folioBin = filepath.Join(r.out, "folio")
	if out, err := exec.Command(r.goBin, "build", "-o", r.folioBin, "./cmd/folio").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(r.out, "data")
	if _, err := r.folio("import", "--data", data, r.corpus); err != nil {
		return err
	}
	pw := filepath.Join(r.out, "password")
	if err := os.WriteFile(pw, []byte(password+"\n"), 0o600); err != nil {
		return err
	}
	var names []string
	for i := range r.users {
		names = append(names, fmt.Sprintf("Reader%d", i+1))
		if _, err := r.folio("user", "create", "--data", data, "--password-file", pw, names[i]); err != nil {
			return err
		}
	}
	originAddr, varnishAddr := freeAddr(), freeAddr()
	origin, err := r.start("folio", exec.Command(r.folioBin, "serve", "--data", data, "--addr", originAddr, "--esi",
		"--purge-url", "http://"+varnishAddr, "--log-level", "warn"))
	if err != nil {
		return err
	}
	defer stop(origin)
	if err := waitHTTP("http://"+originAddr+"/-/readyz", 30*time.Second); err != nil {
		return fmt.Errorf("folio serve: %w", err)
	}
	varnish, err := r.startVarnish(varnishAddr, originAddr)
	if err != nil {
		return err
	}
	defer stop(varnish)

	pages, err := r.pageList("http://" + originAddr)
	if err != nil {
		return err
	}
	var cookies []string
	for _, n := range names {
		c, err := login("http://"+varnishAddr, n, pages[0])
		if err != nil {
			return err
		}
		cookies = append(cookies, c)
	}
	scenarios := []*scenario{
		{name: "anon", label: "anonymous, through Varnish", base: "http://" + varnishAddr},
		{name: "esi", label: "logged in, through Varnish with ESI", base: "http://" + varnishAddr, cookies: cookies, esi: true},
		{name: "origin", label: "logged in, straight to Folio", base: "http://" + originAddr, cookies: cookies},
	}
	for _, s := range scenarios {
		s.pages = pages
		if err := s.check(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		s.load(r.conns, r.warmup) // warm: every page in the cache, every connection open
		s.reset()
	}
	for range r.rounds {
		for _, s := range scenarios {
			o, v := groupCPU(origin.Process.Pid), groupCPU(varnish.Process.Pid)
			s.load(r.conns, r.phase)
			s.originCPU += groupCPU(origin.Process.Pid) - o
			s.varnishCPU += groupCPU(varnish.Process.Pid) - v
		}
	}
	fmt.Printf("%d connections, %d readers of one class, %d pages, %d rounds of %s per scenario, on %d cores (load generator included)\n\n",
		r.conns, r.users, len(pages), r.rounds, r.phase, runtime.NumCPU())
	fmt.Println("| scenario | requests/s | p50 ms | p99 ms | bytes/answer | Folio CPU µs/view | Varnish CPU µs/view | errors |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, s := range scenarios {
		s.report(time.Duration(r.rounds) * r.phase)
	}
	return nil
}

// folio runs the built folio with args.
func (r *runner) folio(args ...string) ([]byte, error) {
	out, err := exec.Command(r.folioBin, args...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("folio %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out, nil
}

// start starts cmd with its output in OUT/name.log.
func (r *runner) start(name string, cmd *exec.Cmd) (*exec.Cmd, error) {
	log, err := os.Create(filepath.Join(r.out, name+".log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	return cmd, nil
}

// startVarnish starts varnishd on addr with the ESI VCL for origin.
func (r *runner) startVarnish(addr, origin string) (*exec.Cmd, error) {
	vcl, err := r.folio("cdn", "varnish", "--esi", "--backend", origin, "--purge-acl", "127.0.0.1")
	if err != nil {
		return nil, err
	}
	// varnishd reads the VCL as its own user when run as root.
	dir, err := os.MkdirTemp("", "folio-bench-edge-")
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "folio.vcl")
	if err := errors.Join(os.Chmod(dir, 0o755), os.WriteFile(file, vcl, 0o644)); err != nil {
		return nil, err
	}
	bin := os.Getenv("FOLIO_VARNISHD")
	if bin == "" {
		bin = "/usr/sbin/varnishd"
	}
	cmd, err := r.start("varnish", exec.Command(bin, "-F", "-a", addr, "-f", file, "-n", filepath.Join(dir, "work"),
		"-s", "malloc,256m", "-T", "none"))
	if err != nil {
		return nil, err
	}
	if err := waitHTTP("http://"+addr+"/wiki/Main_Page", 60*time.Second); err != nil {
		stop(cmd)
		return nil, fmt.Errorf("varnishd: %w", err)
	}
	return cmd, nil
}

var pageLink = regexp.MustCompile(`<li><a href="(/wiki/[^"#?]+)"`)

// pageList returns the first r.pages page URLs of the wiki's list of
// pages.
func (r *runner) pageList(base string) ([]string, error) {
	resp, err := http.Get(base + "/-/all")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out []string
	for _, m := range pageLink.FindAllSubmatch(body, -1) {
		if p := string(m[1]); !slices.Contains(out, p) && len(out) < r.pages {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no pages listed at /-/all (%d)", resp.StatusCode)
	}
	return out, nil
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login logs name in through base and views page once (which sets the
// reader class), and returns the Cookie header of the session.
func login(base, name, page string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/-/login")
	if err != nil {
		return "", err
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(form)
	if m == nil {
		return "", fmt.Errorf("GET /-/login = %d, no CSRF token", resp.StatusCode)
	}
	if resp, err = c.PostForm(base+"/-/login", url.Values{"name": {name}, "password": {password}, "csrf": {string(m[1])}}); err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp, err = c.Get(base + page); err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	u, _ := url.Parse(base)
	var parts []string
	for _, ck := range jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	h := strings.Join(parts, "; ")
	if !strings.Contains(h, "folio_session=") || !strings.Contains(h, "folio_class=") {
		return "", fmt.Errorf("%s: cookies %q: want the session and the class", name, h)
	}
	return h, nil
}

// scenario is one kind of request, with what it measured.
type scenario struct {
	name, label string
	base        string
	pages       []string
	cookies     []string // one per reader; none: anonymous
	esi         bool     // answers must say X-Folio-ESI: on

	// CPU time the origin's and Varnish's processes spent in the
	// measured phases.
	originCPU, varnishCPU time.Duration

	mu        sync.Mutex
	latencies []time.Duration
	bytes     int64
	errors    int
	lastErr   string
}

func (s *scenario) reset() {
	s.latencies, s.bytes, s.errors, s.lastErr = nil, 0, 0, ""
}

// check sends one request and says what is wrong with its answer.
func (s *scenario) check() error {
	_, _, err := s.do(newClient(), s.pages[0], s.cookie(0))
	return err
}

func (s *scenario) cookie(i int) string {
	if len(s.cookies) == 0 {
		return ""
	}
	return s.cookies[i%len(s.cookies)]
}

// do sends one view and reads the answer.
func (s *scenario) do(c *http.Client, page, cookie string) (int64, time.Duration, error) {
	req, _ := http.NewRequest("GET", s.base+page, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	switch {
	case err != nil:
		return 0, 0, err
	case resp.StatusCode != 200:
		return 0, 0, fmt.Errorf("GET %s = %d", page, resp.StatusCode)
	case s.esi && resp.Header.Get("X-Folio-ESI") != "on":
		return 0, 0, fmt.Errorf("GET %s: not put together by ESI (X-Cache %s)", page, resp.Header.Get("X-Cache"))
	}
	return n, took, nil
}

// load runs conns closed loops for d.
func (s *scenario) load(conns int, d time.Duration) {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := range conns {
		wg.Go(func() {
			c := newClient()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			var lat []time.Duration
			var bytes int64
			errs, last := 0, ""
			for time.Now().Before(deadline) {
				n, took, err := s.do(c, s.pages[rng.IntN(len(s.pages))], s.cookie(i))
				if err != nil {
					errs, last = errs+1, err.Error()
					continue
				}
				lat, bytes = append(lat, took), bytes+n
			}
			s.mu.Lock()
			s.latencies, s.bytes, s.errors = append(s.latencies, lat...), s.bytes+bytes, s.errors+errs
			if last != "" {
				s.lastErr = last
			}
			s.mu.Unlock()
		})
	}
	wg.Wait()
}

func (s *scenario) report(total time.Duration) {
	slices.Sort(s.latencies)
	n := len(s.latencies)
	if n == 0 {
		fmt.Printf("| %s | no answers (%d errors: %s) |\n", s.label, s.errors, s.lastErr)
		return
	}
	pct := func(p float64) float64 { return float64(s.latencies[int(p*float64(n-1))]) / 1e6 }
	perView := func(d time.Duration) float64 { return float64(d) / 1e3 / float64(n) }
	fmt.Printf("| %s | %.0f | %.2f | %.2f | %d | %.0f | %.0f | %d |\n", s.label, float64(n)/total.Seconds(), pct(0.5), pct(0.99),
		s.bytes/int64(n), perView(s.originCPU), perView(s.varnishCPU), s.errors)
	if s.errors > 0 {
		fmt.Fprintf(os.Stderr, "%s: last error: %s\n", s.name, s.lastErr)
	}
}

// newClient is one connection's client: keep-alive, no decompression.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
}

// groupCPU returns the CPU time (user and system) of the processes of
// process group pgid so far, from /proc (Linux; 0 elsewhere).
func groupCPU(pgid int) time.Duration {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks int64
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// After "pid (comm) ": state ppid pgrp … utime (14th field) stime (15th).
		fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(fields) < 13 || fields[2] != strconv.Itoa(pgid) {
			continue
		}
		u, _ := strconv.ParseInt(fields[11], 10, 64)
		s, _ := strconv.ParseInt(fields[12], 10, 64)
		ticks += u + s
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHTTP(u string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(u); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s: no 200 after %s", u, limit)
}

// stop ends cmd's process group, gently then not.
func stop(cmd *exec.Cmd) {
	pgid := -cmd.Process.Pid
	_ = syscall.Kill(pgid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(pgid, syscall.SIGKILL)
		<-done
	}
}
