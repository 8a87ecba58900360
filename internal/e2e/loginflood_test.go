package e2e

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoginFlood: 500 clients at once send wrong passwords to /-/login,
// without pause, for a few seconds. Every login hashes with argon2id (19
// MiB each); the server must bound how many hashes run at once and turn
// the rest away (503, or 429 for a throttled address, both with
// Retry-After) instead of holding hundreds of hashes' memory: its peak
// resident memory stays under 300 MB. Page views keep answering 200 during
// the flood, and afterwards the attacked account's owner logs in from her
// own address.
//
// Half the clients come from one address (so the throttle answers them),
// half each from a fresh address behind a trusted proxy (so only the
// hashing limiter stands between them and argon2): the server runs with
// --trusted-proxies 127.0.0.1 and the test sends X-Forwarded-For.
func TestLoginFlood(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("TestLoginFlood measures the server's resident memory in /proc/PID/status, which only Linux has")
	}
	if raceBinary {
		t.Skip("TestLoginFlood measures resident memory, which a race-instrumented server (FOLIO_E2E_RACE=1) multiplies")
	}
	const (
		clients   = 500
		floodFor  = 3 * time.Second
		maxRSS    = 300 << 20 // bytes
		killAbove = 1 << 30
	)
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice")
	n := startNode(t, "serve", b.with("--trusted-proxies", "127.0.0.1")...)
	pid := n.cmd.Process.Pid
	before, err := procStatus(pid, "VmRSS")
	if err != nil {
		t.Fatal(err)
	}

	// One login form: its token and form cookie serve every POST.
	br := newBrowser(t, n)
	token := br.csrf("/-/login")
	formCookie := br.cookies["folio_form"]
	if formCookie == nil {
		t.Fatal("the login form set no folio_form cookie")
	}

	// Watch the server's memory; past killAbove, kill it rather than let
	// it take the machine down (the bug this test guards against).
	var peak atomic.Int64
	var killed atomic.Bool
	stopWatch := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			if rss, err := procStatus(pid, "VmRSS"); err == nil {
				if rss > peak.Load() {
					peak.Store(rss)
				}
				if rss > killAbove && !killed.Swap(true) {
					_ = n.cmd.Process.Kill()
				}
			}
			select {
			case <-stopWatch:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()

	tr := &http.Transport{Proxy: nil, MaxIdleConns: clients + 10, MaxIdleConnsPerHost: clients + 10,
		DialContext: (&net.Dialer{Timeout: 10 * time.Second}).DialContext}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(name, xff string) (int, string, error) {
		form := url.Values{"name": {name}, "password": {"wrong password " + name}, "csrf": {token}}
		req, err := http.NewRequest("POST", n.url("/-/login"), strings.NewReader(form.Encode()))
		if err != nil {
			return 0, "", err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", xff)
		req.AddCookie(formCookie)
		resp, err := hc.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, resp.Header.Get("Retry-After"), err
	}

	var (
		mu        sync.Mutex
		statuses  = map[int]int{}
		noRetry   int
		errs      []error
		next      atomic.Int64
		flooding  atomic.Bool
		wg        sync.WaitGroup
		start     = make(chan struct{})
		deadline  time.Time
		views     = map[int]int{}
		viewsDone = make(chan struct{})
	)
	flooding.Store(true)
	for i := range clients {
		wg.Go(func() {
			<-start
			for time.Now().Before(deadline) && !killed.Load() {
				name, xff := "Alice", "203.0.113.7" // one address: throttled
				if i%2 == 0 {
					c := next.Add(1) // a fresh address each time
					xff = fmt.Sprintf("10.%d.%d.%d", c>>16&255, c>>8&255, c&255)
					if c%2 == 0 {
						name = fmt.Sprintf("Nobody%d", c)
					}
				}
				status, retry, err := post(name, xff)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					statuses[status]++
					if (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) && retry == "" {
						noRetry++
					}
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	// A reader keeps reading the front page during the flood.
	rc := newHTTPClient(t, 60*time.Second)
	go func() {
		defer close(viewsDone)
		for flooding.Load() && !killed.Load() {
			resp, err := rc.Get(n.url("/wiki/Main_Page"))
			status := -1
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				status = resp.StatusCode
			}
			if flooding.Load() { // answered while the flood ran
				mu.Lock()
				views[status]++
				mu.Unlock()
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	deadline = time.Now().Add(floodFor)
	close(start)
	wg.Wait()
	flooding.Store(false)
	<-viewsDone
	close(stopWatch)
	<-watched
	if killed.Load() {
		t.Fatalf("the server's resident memory passed %d MB during the flood (it started at %d MB); killed it",
			killAbove>>20, before>>20)
	}
	hwm, err := procStatus(pid, "VmHWM")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("resident memory: %d MB before the flood, peak %d MB polled, VmHWM %d MB", before>>20, peak.Load()>>20, hwm>>20)
	t.Logf("login answers: %v; %d errors; page views during the flood: %v", statuses, len(errs), views)
	if hwm >= maxRSS || peak.Load() >= maxRSS {
		t.Errorf("peak resident memory %d MB (polled %d MB), want under %d MB", hwm>>20, peak.Load()>>20, maxRSS>>20)
	}
	if len(errs) > 0 {
		t.Errorf("%d logins failed without an answer, the first: %v", len(errs), errs[0])
	}
	for status, count := range statuses {
		switch status {
		case http.StatusForbidden, http.StatusTooManyRequests, http.StatusServiceUnavailable:
		default:
			t.Errorf("%d wrong logins answered %d", count, status)
		}
	}
	if statuses[http.StatusServiceUnavailable] == 0 || statuses[http.StatusTooManyRequests] == 0 {
		t.Errorf("want some 503s (too busy to hash) and some 429s (throttled), got %v", statuses)
	}
	if noRetry > 0 {
		t.Errorf("%d 429/503 answers without Retry-After", noRetry)
	}
	if len(views) != 1 || views[http.StatusOK] == 0 {
		t.Errorf("page views during the flood: %v, want only 200s", views)
	}

	// Alice's owner, from her own address, is not locked out.
	r := br.do("POST", "/-/login", url.Values{"name": {"Alice"}, "password": {alice.password}, "csrf": {token}},
		"X-Forwarded-For", "192.0.2.1")
	if r.Status != http.StatusSeeOther {
		t.Errorf("the owner's login after the flood = %s", r)
	}
}

// procStatus returns a "kB" field of /proc/PID/status (VmRSS, VmHWM) in
// bytes.
func procStatus(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), field+":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/status: %s: %v", pid, field, err)
		}
		return kb << 10, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, field)
}
