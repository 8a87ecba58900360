package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/store/sqlite"
)

// folio runs a folio subcommand to completion, with stdin from in, and
// returns its stdout, how long it took and its peak RSS.
func (b *bencher) folio(in io.Reader, args ...string) (out []byte, took time.Duration, maxRSSKB int64, err error) {
	cmd := exec.Command(b.folioBin, args...)
	cmd.Stdin = in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err = cmd.Output()
	took = time.Since(start)
	if err != nil {
		return out, took, 0, fmt.Errorf("folio %s: %w\n%s%s", strings.Join(args, " "), err, out, stderr.Bytes())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		maxRSSKB = ru.Maxrss
	}
	return out, took, maxRSSKB, nil
}

// importCorpus imports src into a fresh data directory and returns the
// pages imported and how long the import took.
func (b *bencher) importCorpus(data, src string) (ImportResult, error) {
	if err := os.RemoveAll(data); err != nil {
		return ImportResult{}, err
	}
	out, took, rss, err := b.folio(nil, "import", "--data", data, src)
	if err != nil {
		return ImportResult{}, err
	}
	m := regexp.MustCompile(`(\d+) created`).FindSubmatch(out)
	if m == nil {
		return ImportResult{}, fmt.Errorf("folio import: unexpected output %q", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	r := ImportResult{Pages: n, Seconds: round(took.Seconds(), 3), PagesPerSec: round(float64(n)/took.Seconds(), 0), MaxRSSMB: round(float64(rss)/1024, 1)}
	b.logf("imported %d pages into %s in %s (%.0f pages/s)", n, data, took.Round(time.Millisecond), r.PagesPerSec)
	return r, nil
}

// prepare gives a data directory its Main Page (an import into an empty
// store has none: serve seeds only empty stores), the benchmark's user and
// an API token for it.
func (b *bencher) prepare(data string) (token string, err error) {
	seed, err := os.ReadFile(filepath.Join("server", "seed", "Main_Page.md"))
	if err != nil {
		return "", err
	}
	if _, _, _, err := b.folio(bytes.NewReader(seed), "page", "put", "--data", data, "--summary", "seed", "Main_Page"); err != nil {
		return "", err
	}
	pw := filepath.Join(b.out, "password")
	if err := os.WriteFile(pw, []byte(benchPassword+"\n"), 0o600); err != nil {
		return "", err
	}
	if _, _, _, err := b.folio(nil, "user", "create", "--data", data, "--password-file", pw, benchUser); err != nil {
		return "", err
	}
	if err := b.prepareWatcher(data, pw); err != nil {
		return "", err
	}
	if err := b.prepareGerman(data, pw); err != nil {
		return "", err
	}
	out, _, _, err := b.folio(nil, "token", "create", "--data", data, "--name", "bench", benchUser)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// The accounts the benchmark logs in with: benchWatcher watches
// benchWatched titles (and their talk pages), the page viewed among them;
// benchGerman reads the wiki in German (preference language=de, the wiki's
// --lang being en).
const (
	benchUser     = "BenchUser"
	benchWatcher  = "BenchWatcher"
	benchGerman   = "BenchGerman"
	benchPassword = "correct horse battery staple"
	benchWatched  = 5000
)

// prepareWatcher creates benchWatcher with a watchlist of benchWatched
// pages: the viewed page and others, most of them missing (a watchlist
// holds titles, whether their pages exist or not).
func (b *bencher) prepareWatcher(data, passwordFile string) error {
	if _, _, _, err := b.folio(nil, "user", "create", "--data", data, "--password-file", passwordFile, benchWatcher); err != nil {
		return err
	}
	var titles bytes.Buffer
	titles.WriteString(b.page + "\n")
	for i := 1; i < benchWatched; i++ {
		fmt.Fprintf(&titles, "Watched page %d\n", i)
	}
	_, _, _, err := b.folio(&titles, "user", "watch", "--data", data, benchWatcher)
	return err
}

// prepareGerman creates benchGerman with the interface language preference
// "de". No folio command sets a preference, so it is written through the
// store, as the preferences form does, while no server runs on data.
func (b *bencher) prepareGerman(data, passwordFile string) error {
	if _, _, _, err := b.folio(nil, "user", "create", "--data", data, "--password-file", passwordFile, benchGerman); err != nil {
		return err
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(data, "folio.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByName(ctx, benchGerman)
	if err != nil {
		return fmt.Errorf("%s: %w", benchGerman, err)
	}
	if err := st.SetPreferences(ctx, u.ID, map[string]string{blob.PrefLanguage: "de"}); err != nil {
		return fmt.Errorf("%s: set the language preference: %w", benchGerman, err)
	}
	return nil
}

// copies writes n copies of the corpus src under dst: the first at the top,
// the others under Copy_2/ … Copy_n/, so a wiki of n× the pages holds the
// same pages and links (copies link to the originals).
func copies(src, dst string, n int) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			to := filepath.Join(dst, rel)
			if i > 1 {
				to = filepath.Join(dst, fmt.Sprintf("Copy_%d", i), rel)
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(to, body, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

// serveProc is a running "folio serve".
type serveProc struct {
	cmd     *exec.Cmd
	addr    string
	refAddr string // the reference handler's address, if any
	started time.Time
	ready   time.Duration // exec to the first 200 on the Main Page
	log     *os.File
}

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// serve starts "folio serve" on data and waits for its first 200 on the
// Main Page. With reference, the benchmark build also serves the
// reference handler on another port. extra are more flags of serve.
func (b *bencher) serve(data, logName string, reference bool, extra ...string) (*serveProc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	p := &serveProc{addr: addr}
	env := os.Environ()
	if reference {
		if p.refAddr, err = freeAddr(); err != nil {
			return nil, err
		}
		env = append(env, "FOLIO_BENCH_REFERENCE_ADDR="+p.refAddr)
	}
	if p.log, err = os.Create(filepath.Join(b.out, logName)); err != nil {
		return nil, err
	}
	p.cmd = exec.Command(b.folioBin, append([]string{"serve", "--data", data, "--addr", addr}, extra...)...)
	p.cmd.Env = env
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		p.log.Close()
		return nil, err
	}
	if err := p.waitReady(10 * time.Second); err != nil {
		p.stop()
		return nil, fmt.Errorf("folio serve on %s: %w (log in %s)", data, err, p.log.Name())
	}
	return p, nil
}

// waitReady polls the Main Page until it answers 200: first a TCP connect
// every 100 µs, then the request on that connection.
func (p *serveProc) waitReady(limit time.Duration) error {
	req := []byte("GET /wiki/Main_Page HTTP/1.1\r\nHost: " + p.addr + "\r\nConnection: close\r\n\r\n")
	deadline := p.started.Add(limit)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", p.addr)
		if err != nil {
			time.Sleep(100 * time.Microsecond)
			continue
		}
		cn := &conn{c: c, r: bufio.NewReader(c)}
		status, _, _, err := cn.do(req)
		c.Close()
		if err == nil && status == http.StatusOK {
			p.ready = time.Since(p.started)
			return nil
		}
		if err == nil {
			return fmt.Errorf("GET /wiki/Main_Page = %d", status)
		}
		time.Sleep(100 * time.Microsecond)
	}
	return errors.New("no answer from /wiki/Main_Page in time")
}

// rssKB reads VmRSS of the process from /proc.
func (p *serveProc) rssKB() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, errors.New("no VmRSS in /proc status")
}

// stop ends the server with SIGTERM (a graceful shutdown) and waits.
func (p *serveProc) stop() error {
	defer p.log.Close()
	if p.cmd.ProcessState != nil {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		return <-done
	}
}

func (p *serveProc) url(path string) string { return "http://" + p.addr + path }

// client is a plain HTTP client for the set-up requests (not the load).
var client = &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

// get fetches a URL with optional header pairs and returns status and body.
func get(u string, header ...string) (int, []byte, error) {
	return do("GET", u, nil, header...)
}

func do(method, u string, body io.Reader, header ...string) (int, []byte, error) {
	status, b, _, err := doHeader(method, u, body, header...)
	return status, b, err
}

// doHeader is do that also returns the answer's header. A request that
// names an Accept-Encoding gets the body as sent (Go's client decodes
// only what it asked for itself).
func doHeader(method, u string, body io.Reader, header ...string) (int, []byte, http.Header, error) {
	req, err := http.NewRequestWithContext(context.Background(), method, u, body)
	if err != nil {
		return 0, nil, nil, err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header, err
}

// login logs in through the login form, as a browser does: GET /-/login
// for the form's CSRF token (and its cookie), POST the form, keep the
// session cookie. It returns the cookie's value.
func (p *serveProc) login(name, password string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: client.CheckRedirect}
	resp, err := c.Get(p.url("/-/login"))
	if err != nil {
		return "", err
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(form)
	if resp.StatusCode != http.StatusOK || m == nil {
		return "", fmt.Errorf("GET /-/login = %d, no CSRF token in the form", resp.StatusCode)
	}
	resp, err = c.PostForm(p.url("/-/login"), url.Values{"name": {name}, "password": {password}, "csrf": {string(m[1])}})
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST /-/login = %d, want 303", resp.StatusCode)
	}
	u, _ := url.Parse(p.url("/"))
	for _, ck := range jar.Cookies(u) {
		if ck.Name == sessionCookie {
			return ck.Value, nil
		}
	}
	return "", errors.New("POST /-/login set no session cookie")
}

const sessionCookie = "folio_session"

// titles lists the URL path of every page, from the sitemap files that
// the sitemap index lists.
func (p *serveProc) titles() ([]string, error) {
	files, err := p.sitemapLocs("/sitemap.xml")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range files {
		locs, err := p.sitemapLocs(f)
		if err != nil {
			return nil, err
		}
		paths = append(paths, locs...)
	}
	return paths, nil
}

// sitemapLocs returns the URL path of each <loc> of a sitemap document.
func (p *serveProc) sitemapLocs(path string) ([]string, error) {
	status, body, err := get(p.url(path))
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("GET %s = %d, %v", path, status, err)
	}
	var paths []string
	for _, m := range locRE.FindAllSubmatch(body, -1) {
		u, err := url.Parse(string(m[1]))
		if err != nil {
			return nil, err
		}
		paths = append(paths, u.EscapedPath())
	}
	return paths, nil
}

var locRE = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// viewAll views every page once and returns how long each view took.
func (p *serveProc) viewAll() (n int, mean, p99 time.Duration, err error) {
	paths, err := p.titles()
	if err != nil {
		return 0, 0, 0, err
	}
	var all []time.Duration
	for _, path := range paths {
		start := time.Now()
		status, _, err := get(p.url(path))
		if err != nil || status != http.StatusOK {
			return 0, 0, 0, fmt.Errorf("GET %s = %d, %v", path, status, err)
		}
		all = append(all, time.Since(start))
	}
	var sum time.Duration
	for _, d := range all {
		sum += d
	}
	slices.Sort(all)
	return len(all), sum / time.Duration(max(len(all), 1)), percentile(all, 0.99), nil
}

// apiPage reads a page's text and revision through the API.
func (p *serveProc) apiPage(token, title string) (text string, rev int64, err error) {
	status, body, err := get(p.url("/api/v1/pages/"+title), "Authorization", "Bearer "+token)
	if err != nil || status != http.StatusOK {
		return "", 0, fmt.Errorf("GET /api/v1/pages/%s = %d, %v: %s", title, status, err, body)
	}
	var v struct {
		Text     string `json:"text"`
		Revision int64  `json:"revision"`
	}
	err = json.Unmarshal(body, &v)
	return v.Text, v.Revision, err
}

// apiPut saves a page through the API on top of base.
func (p *serveProc) apiPut(token, title, text string, base int64) error {
	body, _ := json.Marshal(map[string]any{"text": text, "base": base, "summary": "bench edit"})
	status, resp, err := do("PUT", p.url("/api/v1/pages/"+title), bytes.NewReader(body),
		"Authorization", "Bearer "+token, "Content-Type", "application/json")
	if err != nil || (status != http.StatusOK && status != http.StatusCreated) {
		return fmt.Errorf("PUT /api/v1/pages/%s = %d, %v: %s", title, status, err, resp)
	}
	return nil
}
