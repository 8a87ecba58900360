package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/foliowiki/folio/internal/browsertest"
)

// askWorker is a script that sends the service worker a message and
// resolves with its answer: ask({type: …}).
const askWorker = `const ask = (msg) => new Promise((resolve, reject) => {
  const worker = navigator.serviceWorker.controller;
  if (!worker) { reject(new Error("no service worker controls the page")); return; }
  const ch = new MessageChannel();
  ch.port1.onmessage = (e) => (e.data && e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
  worker.postMessage(msg, [ch.port2]);
});`

// ask evaluates expr (a promise, with ask in scope) in the page and
// decodes its value into out.
func ask(b *browsertest.Browser, expr string, out any) {
	b.Eval(`(async () => { `+askWorker+` return await (`+expr+`); })()`, out)
}

// waitKept waits until the worker has kept title's PageInfo.
func waitKept(t *testing.T, b *browsertest.Browser, title string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var kept []string
		ask(b, `ask({type: "kept"}).then((r) => r.titles)`, &kept)
		for _, k := range kept {
			if k == title {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the worker did not keep %s (it keeps %v)", title, kept)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// offlineMarks are what the worker adds to a saved copy shown offline:
// the banner, and disabled on every form control.
var offlineMarks = regexp.MustCompile(`\n<div class="notice offline-banner" role="status"><p>[^<]*</p></div>| disabled\b`)

// TestBrowserOffline is issue 27's acceptance test: log in, view three
// pages, go offline (DevTools network emulation): each renders from the
// worker's copy, in the skin, with the user's name, the offline banner
// and forms disabled — the server's own view but for those marks; a page
// never viewed gets the offline page listing the saved ones; back online
// the pages are live again (an edit made meanwhile shows); an in-wiki
// link click renders in the browser from the PageInfo alone; logging out
// deletes the saved pages. "Save for offline" on a category page keeps
// its members first.
func TestBrowserOffline(t *testing.T) {
	srv, _ := newServer(t)
	for title, text := range map[string]string{
		"Alpha":            "Alpha text: the first letter. See [[Beta]], [[Gamma]] and [[Unseen]].\n\n[[Category:Letters]]",
		"Beta":             "Beta text. Back to [[Alpha]], or to [[Letter A]].\n\n[[Category:Letters]]",
		"Letter_A":         "#REDIRECT [[Alpha]]",
		"Gamma":            "Gamma text.\n\n## A section\n\nMore.\n\n[[Category:Letters]]",
		"Unseen":           "Never viewed before going offline.",
		"Delta":            "Delta text, saved with its category, never viewed.\n\n[[Category:Letters]]",
		"Category:Letters": "The letters.",
	} {
		put(t, srv, title, text)
	}
	createUser(t, srv, "Alice")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	b := browsertest.New(t)

	// Log in through the form: the page it leads to registers the worker.
	b.Navigate(hs.URL + "/-/login?returnto=Main_Page")
	b.Eval(`(() => { const f = document.querySelector("form.login"); f.name.value = "Alice"; f.password.value = "`+password+`"; f.requestSubmit(); return true; })()`, nil)
	b.WaitFor(`location.pathname === "/wiki/Main_Page" && document.readyState === "complete"`)
	waitWorker(t, b, hs.URL+"/wiki/Main_Page")

	// Save for offline, on the category page: its members are kept.
	b.Navigate(hs.URL + "/wiki/Category:Letters")
	b.WaitFor(`document.querySelector(".category-members .offline-save button")`)
	b.Click(".category-members .offline-save button")
	b.WaitFor(`document.querySelector(".offline-save [role=status]").textContent === "Pages saved for offline reading: 4."`)
	waitKept(t, b, "Delta")

	pages := []string{"Alpha", "Beta", "Gamma"}
	for _, p := range pages {
		b.Navigate(hs.URL + "/wiki/" + p)
		waitKept(t, b, p)
	}
	pages = append(pages, "Delta") // saved, never viewed
	session := browserCookie(t, b, "folio_session")

	b.Offline(true)
	for _, p := range pages {
		b.Navigate(hs.URL + "/wiki/" + p)
		var got struct {
			Banner, Text string
			User         bool
			Enabled      []string
		}
		b.Eval(`({banner: document.querySelector("main .offline-banner[role=status]")?.textContent || "",
			text: document.querySelector(".page-body")?.textContent || "",
			user: [...document.querySelectorAll("a[href='/wiki/User:Alice']")].length > 0,
			enabled: [...document.querySelectorAll("input, button, select, textarea")].filter((e) => !e.disabled).map((e) => e.outerHTML)})`, &got)
		if got.Banner != "You are offline — showing a saved copy." {
			t.Errorf("%s offline: banner %q", p, got.Banner)
		}
		if !strings.Contains(got.Text, p+" text") {
			t.Errorf("%s offline: the page's text is not shown: %q", p, got.Text)
		}
		if !got.User {
			t.Errorf("%s offline: no link to the user's page (the logged-in chrome)", p)
		}
		if len(got.Enabled) > 0 {
			t.Errorf("%s offline: controls left enabled: %v", p, got.Enabled)
		}
		// The saved copy is the server's view of the page for Alice, byte
		// for byte, but for the banner and the disabled controls.
		var copy struct {
			Status int
			HTML   string
		}
		ask(b, `ask({type: "offline-html", title: "`+p+`"})`, &copy)
		want := serverView(t, hs.URL+"/wiki/"+p, session)
		if got := offlineMarks.ReplaceAllString(copy.HTML, ""); copy.Status != 200 || got != want {
			t.Errorf("%s offline: the saved copy (%d) is not the server's view:\n%s", p, copy.Status, firstDiff(got, want))
		}
	}

	// A page never viewed: the offline page, listing the saved ones.
	b.Navigate(hs.URL + "/wiki/Unseen")
	var unseen struct {
		Banner, Heading string
		Links           []string
		User            bool
	}
	b.Eval(`({banner: document.querySelector(".offline-banner")?.textContent || "",
		heading: document.querySelector("h1")?.textContent.trim() || "",
		links: [...document.querySelectorAll(".offline-pages a")].map((a) => a.getAttribute("href")).sort(),
		user: [...document.querySelectorAll("a[href='/wiki/User:Alice']")].length > 0})`, &unseen)
	if unseen.Banner != "You are offline" || unseen.Heading != "Unseen" || strings.Join(unseen.Links, " ") != "/wiki/Alpha /wiki/Beta /wiki/Category:Letters /wiki/Delta /wiki/Gamma /wiki/Main_Page" || !unseen.User {
		t.Errorf("the offline page of a page never viewed: %+v", unseen)
	}

	// Back online: live again.
	put(t, srv, "Alpha", "Alpha text, edited while the reader was offline. See [[Beta]].\n\n[[Category:Letters]]")
	b.Offline(false)
	b.Navigate(hs.URL + "/wiki/Alpha")
	var live struct {
		Banner bool
		Text   string
	}
	b.Eval(`({banner: !!document.querySelector(".offline-banner"), text: document.querySelector(".page-body")?.textContent || ""})`, &live)
	if live.Banner || !strings.Contains(live.Text, "edited while the reader was offline") {
		t.Errorf("back online, Alpha is not live: %+v", live)
	}

	// An in-wiki link click: the worker renders the view from the PageInfo.
	var before, after struct{ Rendered int }
	ask(b, `ask({type: "stats"})`, &before)
	b.Eval(`(document.querySelector('.page-body a[href="/wiki/Beta"]').click(), true)`, nil)
	b.WaitFor(`location.pathname === "/wiki/Beta" && document.readyState === "complete" && navigator.serviceWorker.controller !== null`)
	ask(b, `ask({type: "stats"})`, &after)
	var clicked struct {
		Text string
		User bool
	}
	b.Eval(`({text: document.querySelector(".page-body")?.textContent || "", user: !!document.querySelector("a[href='/wiki/User:Alice']")})`, &clicked)
	if after.Rendered != before.Rendered+1 || !strings.Contains(clicked.Text, "Beta text") || !clicked.User {
		t.Errorf("a link click: rendered %d → %d, page %+v", before.Rendered, after.Rendered, clicked)
	}

	// A redirect, clicked: the worker renders its target's view as the
	// server does ("Redirected from"), the same document as the server's
	// (compared as parsed, before the page's scripts run).
	b.OnNewDocument(`document.addEventListener("readystatechange", () => { if (document.readyState === "interactive") window.__parsed = document.documentElement.outerHTML; });`)
	ask(b, `ask({type: "stats"})`, &before)
	b.Eval(`(document.querySelector('.page-body a[href="/wiki/Letter_A"]').click(), true)`, nil)
	// The skin's script then shows the target's canonical URL, as MediaWiki.
	b.WaitFor(`location.pathname === "/wiki/Alpha" && document.readyState === "complete" && window.__parsed !== undefined`)
	ask(b, `ask({type: "stats"})`, &after)
	var inBrowser, fromServer string
	b.Eval(`window.__parsed`, &inBrowser)
	b.Navigate(hs.URL + "/wiki/Letter_A") // typed: the server answers
	b.Eval(`window.__parsed`, &fromServer)
	if after.Rendered != before.Rendered+1 || !strings.Contains(inBrowser, `class="page-subtitle redirected-from"`) || inBrowser != fromServer {
		t.Errorf("a redirect clicked: rendered %d → %d; in the browser and from the server:\n%s", before.Rendered, after.Rendered, firstDiff(inBrowser, fromServer))
	}
	b.CheckClean()

	// Logging out deletes the saved pages and the UserInfo.
	b.Eval(`(document.querySelector('form[action="/-/logout"]').closest("details")?.setAttribute("open", ""), document.querySelector('form[action="/-/logout"]').requestSubmit(), true)`, nil)
	b.WaitFor(`location.pathname === "/wiki/Main_Page" && document.readyState === "complete" && !document.querySelector('form[action="/-/logout"]')`)
	var left struct {
		Pages []string
		User  string
	}
	b.Eval(`(async () => {
		const pages = await caches.has("folio-pages") ? (await (await caches.open("folio-pages")).keys()).map((r) => r.url) : [];
		const u = await caches.has("folio-user") ? await (await caches.open("folio-user")).match(new URL("/__folio/user", location.href).href) : null;
		return {pages: pages.filter((u) => /Alpha|Beta|Gamma/.test(u)), user: u ? (await u.json()).name : ""};
	})()`, &left)
	if len(left.Pages) > 0 || left.User == "Alice" {
		t.Errorf("after logout the browser keeps %v and the user %q", left.Pages, left.User)
	}
	// Chromium honours the logout's Clear-Site-Data "storage": the worker
	// that rendered the clicks is gone (unregistered; the page registers
	// a new one, which has rendered nothing).
	b.WaitFor(`navigator.serviceWorker.controller !== null`)
	var fresh struct{ Rendered int }
	ask(b, `ask({type: "stats"})`, &fresh)
	if fresh.Rendered != 0 {
		t.Errorf("after logout the worker that rendered %d views still runs: Clear-Site-Data ignored", fresh.Rendered)
	}
}

// waitWorker waits until the service worker offline.js registered is
// active, then loads rawURL, which it controls. A registration that
// fails fails the test with the browser's reason.
func waitWorker(t *testing.T, b *browsertest.Browser, rawURL string) {
	t.Helper()
	var state string
	b.Eval(`(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		if (!reg) return "not registered";
		await navigator.serviceWorker.ready;
		return "active";
	})().catch((e) => "failed: " + e.message)`, &state)
	if state != "active" {
		var again string
		b.Eval(`navigator.serviceWorker.register(document.querySelector('meta[name="folio-service-worker"]').content).then(() => navigator.serviceWorker.ready).then(() => "active", (e) => "failed: " + e.message)`, &again)
		if again != "active" {
			t.Fatalf("service worker: %s; registering it again: %s", state, again)
		}
	}
	b.Navigate(rawURL)
	b.WaitFor(`navigator.serviceWorker.controller !== null`)
}

// browserCookie returns the value of the browser's cookie name.
func browserCookie(t *testing.T, b *browsertest.Browser, name string) string {
	t.Helper()
	var value string
	_, err := chromedp.Run(b.Context(), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{})
		if err != nil {
			return err
		}
		for _, c := range res.Cookies {
			if c.Name == name {
				value = c.Value
			}
		}
		return nil
	}))
	if err != nil || value == "" {
		t.Fatalf("cookie %s: %q, %v", name, value, err)
	}
	return value
}

// serverView is the server's HTML of the view at url for the session.
func serverView(t *testing.T, url, session string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.AddCookie(&http.Cookie{Name: "folio_session", Value: session})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s = %d, %v", url, res.StatusCode, err)
	}
	return string(b)
}
