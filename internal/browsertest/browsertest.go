// Package browsertest runs browser tests with Debian's chromium, driven by
// chromedp: headless, sandbox off, a fresh profile per test, and traffic to
// 127.0.0.1 only. A Browser records what a page must never do — console
// errors (CSP violations and failed loads included), uncaught exceptions and
// requests to other hosts — so a test can check a page stays clean:
//
//	b := browsertest.New(t) // skips when chromium is missing
//	b.Navigate(srv.URL + "/wiki/Main_Page")
//	var theme string
//	b.Eval(`document.documentElement.dataset.theme`, &theme)
//	b.Screenshot(filepath.Join(t.TempDir(), "main.png"))
//	b.CheckClean()
//
// Without chromium the test skips with a message saying so, unless
// FOLIO_REQUIRE_BROWSER=1, which makes it fail (CI sets it). FOLIO_CHROMIUM
// names another browser binary. The methods fail the test (t.Fatal) on
// error, so call them from the test's goroutine.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// DefaultChromium is where Debian's chromium package puts the browser.
const DefaultChromium = "/usr/bin/chromium"

// Timeout bounds each step (a navigation, a click, a script).
const Timeout = 30 * time.Second

// Browser is one headless chromium with one tab.
type Browser struct {
	t   testing.TB
	ctx context.Context

	mu       sync.Mutex
	problems []string
	visited  map[string]bool            // URLs given to Navigate
	workers  map[string]context.Context // service workers attached by Offline, by target id
}

// New starts chromium for t and stops it when t ends. It skips t when
// there is no chromium, unless FOLIO_REQUIRE_BROWSER=1.
func New(t testing.TB) *Browser {
	t.Helper()
	path := Chromium()
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("browser test needs chromium at %s (apt-get install chromium, or set FOLIO_CHROMIUM): %v", path, err)
		if os.Getenv("FOLIO_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + " — FOLIO_REQUIRE_BROWSER=1 makes this a failure")
		}
		t.Skip("SKIP: " + msg)
	}
	ctx, err := start(t, path)
	if err != nil {
		t.Fatalf("browsertest: start %s: %v", path, err)
	}
	b := &Browser{t: t, ctx: ctx, visited: map[string]bool{}}
	b.watch()
	return b
}

// startAttempts is how often New tries to start chromium. A browser that
// dies before it prints its DevTools address (seen once in CI, with two
// packages starting browsers at the same moment on a loaded machine) is
// infrastructure, not the page under test: try again with a fresh profile.
const startAttempts = 3

// start launches chromium, retrying a browser that fails to come up, and
// returns a context for its first tab, stopped when t ends.
func start(t testing.TB, path string) (context.Context, error) {
	var err error
	for attempt := 1; attempt <= startAttempts; attempt++ {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path, t.TempDir())...)
		ctx, cancel := chromedp.NewContext(actx)
		if err = chromedp.Do(ctx); err == nil { // starts the browser, with no timeout
			t.Cleanup(func() {
				cancel()
				cancelAlloc()
			})
			return ctx, nil
		}
		cancel()
		cancelAlloc()
		t.Logf("browsertest: attempt %d of %d to start %s failed: %v", attempt, startAttempts, path, err)
		time.Sleep(time.Duration(attempt) * 500 * time.Millisecond)
	}
	return nil, fmt.Errorf("%d attempts: %w", startAttempts, err)
}

// Chromium returns the browser binary: $FOLIO_CHROMIUM or DefaultChromium.
func Chromium() string {
	if p := os.Getenv("FOLIO_CHROMIUM"); p != "" {
		return p
	}
	return DefaultChromium
}

// allocatorOptions: chromedp's defaults plus a quiet, offline profile.
func allocatorOptions(path, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		// Containers give /dev/shm 64 MiB; chromium then crashes on start
		// or on big pages. Shared memory goes to /tmp instead.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-crash-reporter", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("no-proxy-server", true),
		// Names other than 127.0.0.1 do not resolve: pages reach nothing else.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
}

// watch records console errors, exceptions and requests to other hosts.
func (b *Browser) watch() {
	console := chromedp.Console(b.ctx)
	requests := chromedp.Events(b.ctx, network.RequestWillBeSent)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			// A page's own status is the test's business (a 404 page is
			// fine); a failed subresource is not.
			if m.Source == "network" && b.visitedURL(m.URL) {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.problem(fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			}
		}
	}()
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			if !Local(ev.Request.URL) {
				b.problem("request to another host: " + ev.Request.URL)
			}
		}
	}()
}

// Local reports whether a page may load rawURL: 127.0.0.1, or a URL that
// needs no network (data:, blob:, about:).
func Local(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		return u.Hostname() == "127.0.0.1"
	}
	return false
}

func (b *Browser) visitedURL(u string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.visited[u]
}

func (b *Browser) problem(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// Problems returns the console errors, exceptions and outside requests
// recorded since the last call, and forgets them.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// CheckClean reports every problem recorded since the last check as a test
// error. Console messages arrive asynchronously: it waits a moment first.
func (b *Browser) CheckClean() {
	b.t.Helper()
	time.Sleep(100 * time.Millisecond)
	for _, p := range b.Problems() {
		b.t.Errorf("browser: %s", p)
	}
}

// Context returns the tab's chromedp context, for chromedp.Run and Do.
func (b *Browser) Context() context.Context { return b.ctx }

// do runs steps with Timeout, failing the test on error.
func (b *Browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("browser: %s: %v", what, err)
	}
}

// Navigate loads rawURL and waits for its load event. The page's own HTTP
// status is not a problem (a test may load a 404 page on purpose); the
// failure of anything it loads is.
func (b *Browser) Navigate(rawURL string) {
	b.t.Helper()
	b.mu.Lock()
	b.visited[rawURL] = true
	b.mu.Unlock()
	b.do("navigate to "+rawURL, chromedp.Navigate(rawURL))
}

// Click clicks the first element that matches the CSS selector, once it is
// visible.
func (b *Browser) Click(selector string) {
	b.t.Helper()
	b.do("click "+selector, chromedp.Click(chromedp.CSS(selector)))
}

// Eval evaluates the JavaScript expression and decodes its JSON value into
// out (nil ignores it). A promise is awaited.
func (b *Browser) Eval(expr string, out any) {
	b.t.Helper()
	if err := b.eval(expr, out); err != nil {
		b.t.Fatalf("browser: eval %.60q: %v", expr, err)
	}
}

func (b *Browser) eval(expr string, out any) error {
	ctx, cancel := context.WithTimeout(b.ctx, Timeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil || out == nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// WaitFor polls the JavaScript expression until it is true, across
// navigations, and fails the test after Timeout.
func (b *Browser) WaitFor(expr string) {
	b.t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		var ok bool
		err := b.eval("Boolean("+expr+")", &ok)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("browser: %q still false after %v (last error: %v)", expr, Timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// OnNewDocument runs the script in every document the tab loads from now
// on, before the page's own scripts.
func (b *Browser) OnNewDocument(script string) {
	b.t.Helper()
	b.do("add a script", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	}))
}

// SetCookie sets a cookie for the site of rawURL, path /.
func (b *Browser) SetCookie(rawURL, name, value string) {
	b.t.Helper()
	b.do("set cookie "+name, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: rawURL, Path: "/"})
		return err
	}))
}

// ClearCookies deletes every cookie of the browser.
func (b *Browser) ClearCookies() {
	b.t.Helper()
	b.do("clear cookies", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{})
		return err
	}))
}

// PreferColorScheme emulates the system's colour preference: "dark",
// "light", or "" for none.
func (b *Browser) PreferColorScheme(scheme string) {
	b.t.Helper()
	var features []*emulation.MediaFeature
	if scheme != "" {
		features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	b.do("emulate prefers-color-scheme "+scheme, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
		return err
	}))
}

// Viewport sets the size of the page; mobile also emulates a phone (touch,
// mobile viewport meta handling).
func (b *Browser) Viewport(width, height int, mobile bool) {
	b.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	}
	b.do("set the viewport", chromedp.EmulateViewport(int64(width), int64(height), opts...))
}

// Screenshot saves a PNG of the whole page to file.
func (b *Browser) Screenshot(file string) {
	b.t.Helper()
	b.screenshot(file, chromedp.FullScreenshot(100))
}

// ScreenshotViewport saves a PNG of what the viewport shows to file.
func (b *Browser) ScreenshotViewport(file string) {
	b.t.Helper()
	b.screenshot(file, chromedp.CaptureScreenshot())
}

func (b *Browser) screenshot(file string, shot chromedp.Action[[]byte]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, Timeout)
	defer cancel()
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		b.t.Fatalf("browser: screenshot: %v", err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// Location returns the tab's URL.
func (b *Browser) Location() string {
	b.t.Helper()
	var loc string
	b.Eval("location.href", &loc)
	return strings.TrimSpace(loc)
}

// Offline emulates a disconnected network (DevTools' "Offline"), or
// connects it again: for the page and for every service worker, which
// DevTools drives as targets of their own (they stay attached until the
// test ends, or the emulation would end with the session).
func (b *Browser) Offline(offline bool) {
	b.t.Helper()
	b.emulateNetwork(fmt.Sprintf("offline %v", offline), networkConditions{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
}

// Throttle emulates a slower network for the page and its service
// workers: latency added to every request, and download and upload
// throughput in bytes per second (-1: unlimited), as DevTools' presets.
func (b *Browser) Throttle(latency time.Duration, download, upload float64) {
	b.t.Helper()
	b.emulateNetwork("throttling", networkConditions{Latency: float64(latency.Milliseconds()), DownloadThroughput: download, UploadThroughput: upload})
}

func (b *Browser) emulateNetwork(what string, conditions networkConditions) {
	b.t.Helper()
	emulate := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulateNetworkConditions, conditions)
		return err
	})
	b.do("emulate "+what, emulate)
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		b.t.Fatalf("browser: targets: %v", err)
	}
	for _, info := range targets {
		if info.Type != "service_worker" {
			continue
		}
		b.mu.Lock()
		if b.workers == nil {
			b.workers = map[string]context.Context{}
		}
		ctx, ok := b.workers[string(info.TargetID)]
		if !ok {
			ctx, _ = chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID)) // cancelled with b.ctx
			// Attach with the context itself: the target lives as long as
			// the context of its first Do (a timeout's would end it).
			if err := chromedp.Do(ctx); err != nil {
				b.mu.Unlock()
				b.t.Fatalf("browser: attach to service worker %s: %v", info.URL, err)
			}
			b.workers[string(info.TargetID)] = ctx
		}
		b.mu.Unlock()
		tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err := chromedp.Do(tctx, emulate)
		cancel()
		switch {
		case err != nil && conditions.Offline:
			b.t.Fatalf("browser: emulate %s in service worker %s: %v", what, info.URL, err)
		case err != nil:
			// A worker stopped meanwhile does not answer; it starts
			// again without emulation.
			b.t.Logf("browser: service worker %s: emulate %s: %v", info.URL, what, err)
		}
	}
}

// networkConditions are the parameters of Network.emulateNetworkConditions
// as chromium has them (cdproto's are of a later protocol).
type networkConditions struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[networkConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}
