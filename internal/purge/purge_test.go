package purge_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/purge"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fast are Options that keep the tests quick.
var fast = purge.Options{Attempts: 3, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Timeout: time.Second, DrainTimeout: 5 * time.Second}

// recorder is a proxy that records PURGEs and answers with status(n), n
// counting from 1.
type recorder struct {
	mu       sync.Mutex
	requests []string // "METHOD request-URI"
	status   func(n int) int
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.requests = append(r.requests, req.Method+" "+req.RequestURI)
	n := len(r.requests)
	r.mu.Unlock()
	w.WriteHeader(r.status(n))
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

func newRecorder(t *testing.T, status func(n int) int) (*recorder, string) {
	r := &recorder{status: status}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv.URL
}

func ok(int) int { return http.StatusOK }

func TestPurgeSends(t *testing.T) {
	a, urlA := newRecorder(t, ok)
	b, urlB := newRecorder(t, ok)
	p := purge.NewWithOptions([]string{urlA, urlB + "/"}, quiet, fast)
	p.Purge("/wiki/Caf%C3%A9", "/wiki/Foo_(bar)", "/wiki/Why%3F")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"PURGE /wiki/Caf%C3%A9", "PURGE /wiki/Foo_(bar)", "PURGE /wiki/Why%3F"}
	for name, r := range map[string]*recorder{"a": a, "b": b} {
		got := r.seen()
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("target %s saw %q, want %q", name, got, want)
		}
	}
	if s := p.Stats(); s.Sent != 6 || s.Failed != 0 || s.Dropped != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestPurgeRetries5xx(t *testing.T) {
	r, u := newRecorder(t, func(n int) int {
		if n < 3 {
			return http.StatusServiceUnavailable
		}
		return http.StatusOK
	})
	p := purge.NewWithOptions([]string{u}, quiet, fast)
	p.Purge("/wiki/Main_Page")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got := r.seen(); len(got) != 3 {
		t.Fatalf("requests %q, want 3 tries", got)
	}
	if s := p.Stats(); s.Sent != 1 || s.Failed != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestPurgeGivesUp(t *testing.T) {
	r, u := newRecorder(t, func(int) int { return http.StatusInternalServerError })
	p := purge.NewWithOptions([]string{u}, quiet, fast)
	p.Purge("/wiki/Main_Page")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got := r.seen(); len(got) != fast.Attempts {
		t.Fatalf("requests %q, want %d tries", got, fast.Attempts)
	}
	if s := p.Stats(); s.Sent != 0 || s.Failed != 1 {
		t.Errorf("stats %+v", s)
	}
}

// TestPurgeNoRetryWhenRefused: a 405 (not in the proxy's ACL) will not
// change; a 404 means nothing was cached, which is success.
func TestPurgeNoRetryWhenRefused(t *testing.T) {
	r, u := newRecorder(t, func(n int) int {
		if n == 1 {
			return http.StatusMethodNotAllowed
		}
		return http.StatusNotFound
	})
	p := purge.NewWithOptions([]string{u}, quiet, fast)
	p.Purge("/a")
	time.Sleep(50 * time.Millisecond)
	p.Purge("/b")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got := r.seen(); len(got) != 2 {
		t.Fatalf("requests %q, want one each", got)
	}
	if s := p.Stats(); s.Sent != 1 || s.Failed != 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestPurgeConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	p := purge.NewWithOptions([]string{"http://" + addr}, quiet, fast)
	p.Purge("/wiki/Main_Page")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Sent != 0 || s.Failed != 1 {
		t.Errorf("stats %+v", s)
	}
}

// TestPurgeNeverBlocks: with a stuck proxy and a full queue, Purge returns
// at once and drops what does not fit; Close gives up after its deadline.
func TestPurgeNeverBlocks(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	o := fast
	o.QueueSize, o.Workers, o.Timeout, o.DrainTimeout = 4, 1, time.Minute, 100*time.Millisecond
	p := purge.NewWithOptions([]string{srv.URL}, quiet, o)
	start := time.Now()
	for i := range 1000 {
		p.Purge("/wiki/Page_" + strings.Repeat("x", i%7))
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("1000 Purge calls took %s", d)
	}
	if s := p.Stats(); s.Dropped < int64(1000-o.QueueSize-o.Workers) {
		t.Errorf("stats %+v: want most paths dropped", s)
	}
	start = time.Now()
	if err := p.Close(); err == nil || !strings.Contains(err.Error(), "abandoned") {
		t.Errorf("Close = %v, want it to say it abandoned PURGEs", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Close took %s with a %s deadline", d, o.DrainTimeout)
	}
	p.Purge("/after/close") // dropped, no panic
	if err := p.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestPurgeConcurrent(t *testing.T) {
	r, u := newRecorder(t, ok)
	p := purge.NewWithOptions([]string{u}, quiet, fast)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 10 {
				p.Purge("/wiki/P" + string(rune('a'+i)) + string(rune('a'+j)))
			}
		}()
	}
	wg.Add(1)
	go func() { // Close racing Purge must not panic
		defer wg.Done()
		time.Sleep(time.Millisecond)
		_ = p.Close()
	}()
	wg.Wait()
	s := p.Stats()
	if int(s.Sent+s.Dropped) != 80 || len(r.seen()) != int(s.Sent) {
		t.Errorf("stats %+v, %d requests seen", s, len(r.seen()))
	}
}

func TestCheckTargets(t *testing.T) {
	if err := purge.CheckTargets([]string{"http://127.0.0.1:6081", "https://cache.example.org/"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"127.0.0.1:6081", "ftp://x", "http://", "http://x/path", "http://x/?q"} {
		if err := purge.CheckTargets([]string{bad}); err == nil {
			t.Errorf("CheckTargets(%q) = nil", bad)
		}
	}
	p := purge.New([]string{"nonsense"}, quiet) // ignored, logged
	p.Purge("/x")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestPurgeAgain: with Again, each path is purged a second time, that long
// after the first, and only twice; after Close the repeat is dropped
// quietly (not counted as dropped).
func TestPurgeAgain(t *testing.T) {
	r, u := newRecorder(t, ok)
	o := fast
	o.Again = 50 * time.Millisecond
	p := purge.NewWithOptions([]string{u}, quiet, o)
	start := time.Now()
	p.Purge("/wiki/A", "/wiki/B")
	for deadline := time.Now().Add(2 * time.Second); len(r.seen()) < 4; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("saw %q, want each path purged twice", r.seen())
		}
	}
	if d := time.Since(start); d < o.Again {
		t.Errorf("the repeat came after %s, want at least %s", d, o.Again)
	}
	time.Sleep(3 * o.Again)
	got := r.seen()
	slices.Sort(got)
	if want := []string{"PURGE /wiki/A", "PURGE /wiki/A", "PURGE /wiki/B", "PURGE /wiki/B"}; !slices.Equal(got, want) {
		t.Errorf("saw %q, want %q", got, want)
	}
	p.Purge("/wiki/C")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * o.Again)
	if s := p.Stats(); s.Dropped != 0 || s.Sent != 5 {
		t.Errorf("after Close: stats %+v, want 5 sent and the repeat of C dropped quietly", s)
	}
}
