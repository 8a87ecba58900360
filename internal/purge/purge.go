// Package purge tells caching proxies (Varnish) that URLs changed, by
// sending them HTTP PURGE requests in the background.
//
//	p := purge.New([]string{"http://127.0.0.1:6081"}, log)
//	defer p.Close()
//	p.Purge("/wiki/Main_Page", "/wiki/Linking_page") // returns at once
//
// Purge never blocks and never fails: each target has a bounded queue, and
// a path that does not fit is dropped and logged (the proxy then serves the
// old page until its s-maxage runs out). Workers send each PURGE with a
// short timeout and retry connection errors and 5xx answers with
// exponential back-off, a bounded number of times. Close stops taking
// paths and waits, up to a deadline, for the queued ones.
package purge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options tune a Purger; zero fields take the defaults in brackets.
type Options struct {
	QueueSize    int           // paths waiting per target [1024]
	Workers      int           // concurrent PURGEs per target [2]
	Attempts     int           // tries per PURGE, the first included [5]
	Backoff      time.Duration // wait before the second try, doubling after [100ms]
	MaxBackoff   time.Duration // longest wait between tries [5s]
	Timeout      time.Duration // per PURGE request, connecting included [2s]
	DrainTimeout time.Duration // how long Close waits for queued PURGEs [5s]
	Client       *http.Client  // [a client of its own, without proxies]
	// Again, when set, purges each path once more that long after the
	// first time [0: once]. A proxy's fetch under way when a PURGE arrives
	// stores what it fetched after the PURGE: when that was rendered from
	// the old page (on a node that had not heard of the change yet), only
	// a later PURGE removes it.
	Again time.Duration
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.QueueSize, 1024)
	def(&o.Workers, 2)
	def(&o.Attempts, 5)
	defDur(&o.Backoff, 100*time.Millisecond)
	defDur(&o.MaxBackoff, 5*time.Second)
	defDur(&o.Timeout, 2*time.Second)
	defDur(&o.DrainTimeout, 5*time.Second)
	if o.Client == nil {
		o.Client = newClient(o.Timeout)
	}
	return o
}

// newClient is an HTTP client for nearby proxies: no proxy of its own (a
// PURGE to 127.0.0.1 must not go through HTTP_PROXY), a short dial timeout,
// a short overall timeout, and a few idle connections kept.
func newClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: min(timeout, time.Second)}).DialContext,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     30 * time.Second,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Stats count what a Purger did.
type Stats struct {
	Sent    int64 // PURGEs a target acknowledged
	Failed  int64 // PURGEs given up after their attempts, or refused
	Dropped int64 // paths not queued: a full queue, or after Close
}

// Purger sends PURGE requests to a fixed set of targets. Its methods are
// safe for concurrent use.
type Purger struct {
	log     *slog.Logger
	opts    Options
	targets []*target
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	mu     sync.RWMutex // guards closed against the queues' close
	closed bool

	sent, failed, dropped atomic.Int64
}

type target struct {
	base  string // scheme://host[:port], no trailing slash
	queue chan string
}

// New returns a Purger for the targets, base URLs such as
// http://127.0.0.1:6081, with the default Options. Targets that are not
// http or https URLs are logged and ignored (CheckTargets reports them).
func New(targets []string, log *slog.Logger) *Purger {
	return NewWithOptions(targets, log, Options{})
}

// NewWithOptions is New with Options.
func NewWithOptions(targets []string, log *slog.Logger, o Options) *Purger {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Purger{log: log, opts: o.withDefaults(), ctx: ctx, cancel: cancel}
	for _, raw := range targets {
		base, err := parseTarget(raw)
		if err != nil {
			log.Error("purge: ignoring a target", "target", raw, "err", err)
			continue
		}
		t := &target{base: base, queue: make(chan string, p.opts.QueueSize)}
		p.targets = append(p.targets, t)
		for range p.opts.Workers {
			p.wg.Add(1)
			go p.work(t)
		}
	}
	return p
}

// CheckTargets reports the first target that is not an http or https base
// URL, for checking a --purge-url flag before the server starts.
func CheckTargets(targets []string) error {
	for _, t := range targets {
		if _, err := parseTarget(t); err != nil {
			return err
		}
	}
	return nil
}

func parseTarget(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("purge: target %q: want an http or https base URL such as http://127.0.0.1:6081", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.Trim(u.Path, "/") != "" {
		return "", fmt.Errorf("purge: target %q: want a base URL without path or query", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// Purge queues a PURGE of each path (escaped, with its query if any, such
// as "/wiki/Caf%C3%A9") for every target, and returns at once. Paths that
// do not fit in a queue, or come after Close, are dropped and logged. With
// Options.Again they are queued once more that long after.
func (p *Purger) Purge(paths ...string) {
	p.queue(paths, false)
}

// queue queues paths for every target; unless again (the repeat of
// Options.Again, dropped silently after Close), it schedules the repeat.
func (p *Purger) queue(paths []string, again bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if again && p.closed {
		return
	}
	if !again && p.opts.Again > 0 && !p.closed && len(paths) > 0 {
		paths := slices.Clone(paths)
		time.AfterFunc(p.opts.Again, func() { p.queue(paths, true) })
	}
	dropped := 0
	for _, path := range paths {
		if !strings.HasPrefix(path, "/") {
			p.log.Error("purge: not a path", "path", path)
			continue
		}
		for _, t := range p.targets {
			if p.closed {
				dropped++
				continue
			}
			select {
			case t.queue <- path:
			default:
				dropped++
			}
		}
	}
	if dropped > 0 {
		p.dropped.Add(int64(dropped))
		p.log.Warn("purge: queue full or closed, PURGEs dropped; the proxy serves old pages until they expire", "dropped", dropped)
	}
}

// Stats returns the counts so far.
func (p *Purger) Stats() Stats {
	return Stats{Sent: p.sent.Load(), Failed: p.failed.Load(), Dropped: p.dropped.Load()}
}

// Close stops taking paths and waits for the queued PURGEs to be sent, at
// most Options.DrainTimeout; after that it abandons them and says so.
func (p *Purger) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	for _, t := range p.targets {
		close(t.queue)
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	defer p.cancel()
	select {
	case <-done:
		return nil
	case <-time.After(p.opts.DrainTimeout):
	}
	p.cancel()
	<-done
	return fmt.Errorf("purge: close: PURGEs still pending after %s were abandoned", p.opts.DrainTimeout)
}

// work sends the PURGEs queued for t until the queue is closed and empty.
func (p *Purger) work(t *target) {
	defer p.wg.Done()
	for path := range t.queue {
		if p.ctx.Err() != nil {
			p.failed.Add(1)
			continue
		}
		p.send(t, path)
	}
}

// send PURGEs path at t, retrying what may pass.
func (p *Purger) send(t *target, path string) {
	wait := p.opts.Backoff
	for attempt := 1; ; attempt++ {
		err := p.purgeOnce(t, path)
		if err == nil {
			p.sent.Add(1)
			return
		}
		var perm *permanentError
		if errors.As(err, &perm) || attempt == p.opts.Attempts || p.ctx.Err() != nil {
			p.failed.Add(1)
			p.log.Warn("purge: giving up", "target", t.base, "path", path, "attempts", attempt, "err", err)
			return
		}
		p.log.Debug("purge: retrying", "target", t.base, "path", path, "attempt", attempt, "err", err)
		select {
		case <-time.After(wait):
		case <-p.ctx.Done():
		}
		wait = min(2*wait, p.opts.MaxBackoff)
	}
}

// permanentError is an answer a retry will not change (405 from an ACL).
type permanentError struct{ status int }

func (e *permanentError) Error() string { return fmt.Sprintf("answered %d", e.status) }

// purgeOnce sends one PURGE. 2xx and 404 (nothing cached there) are
// success; 5xx, 408 and 429 may pass; other answers will not.
func (p *Purger) purgeOnce(t *target, path string) error {
	u, err := url.Parse(t.base + path)
	if err != nil {
		return &permanentError{status: 0}
	}
	req, err := http.NewRequestWithContext(p.ctx, "PURGE", u.String(), nil)
	if err != nil {
		return fmt.Errorf("purge %s: %w", path, err)
	}
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return fmt.Errorf("purge %s: %w", path, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch s := resp.StatusCode; {
	case s < 300 || s == http.StatusNotFound:
		return nil
	case s >= 500 || s == http.StatusRequestTimeout || s == http.StatusTooManyRequests:
		return fmt.Errorf("purge %s: answered %d", path, s)
	default:
		return &permanentError{status: s}
	}
}
