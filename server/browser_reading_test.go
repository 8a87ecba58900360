package server_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/userinfo"
)

// TestReadingScreenshots shows the reading pages other than a view — a diff
// (inline and side by side, whitespace changes and a long code line), a history, a user's contributions, search
// results and a page's source — in each skin, light and dark, on a desktop
// (1280 px) and a phone (390 px): each has a heading and a main landmark,
// never scrolls sideways, and stays clean (no console errors, no CSP
// violations). The screenshots go to $FOLIO_SCREENSHOTS (or a temporary
// directory) as skin-theme-width-page.png.
func TestReadingScreenshots(t *testing.T) {
	t.Parallel() // a browser for a minute: beside the package's other tests
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	// The reading pages take no ?useskin= (only views do): a reader's
	// preference picks the skin.
	reader := createUser(t, srv, "Reader")
	session, err := srv.Users.OpenSession(t.Context(), reader.ID)
	if err != nil {
		t.Fatal(err)
	}
	const v1 = "# Code sample\n\nHow to loop over the pages of the wiki.\n\n```go\nfunc pages(titles []string) {\nfor _, t := range titles {\nfmt.Println(t)\n}\n}\n```\n\nSee also [[Guide]].\n"
	const v2 = "# Code sample\n\nHow to loop over the pages of the wiki, one title per line.\n\n```go\nfunc pages(titles []string) {\n\tfor _, t := range titles {\n\t\tfmt.Println(t)\n\t}\n}\n```\n\nSee also [[Guide]].\n"
	v3 := "# Code sample\n\nHow to loop over the pages of the wiki, one title per line.\n\n```go\nfunc pages(titles []string) {\n\tfor i, t := range titles {\n\t\tfmt.Printf(\"%d: %s — a rather long format string that goes on and on past the edge of a phone screen\\n\", i, t)\n\t}\n}\n```\n\nSee also [[Guide]] and https://example.org/" + strings.Repeat("averylongpathsegment", 6) + ".\n"
	r1 := putAs(t, srv, "Alice", "Code_sample", v1, "First version", false)
	r2 := putAs(t, srv, "Bob", "Code_sample", v2, "Indent the loop", true)
	r3 := putAs(t, srv, "Alice", "Code_sample", v3, "Print the index too, with a summary long enough to wrap on a phone screen", false)
	putAs(t, srv, "Alice", "Guide", "# Guide\n\nA guide to the code samples of the wiki.", "New guide", false)
	put(t, srv, "Guidelines", "Rules for code samples.")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	shots := t.TempDir()
	if d := os.Getenv("FOLIO_SCREENSHOTS"); d != "" {
		shots = d
	}
	pages := []struct{ name, path string }{
		{"diff", fmt.Sprintf("/-/diff/%d/%d", r1, r2)},
		{"diff-side", fmt.Sprintf("/-/diff/%d/%d?view=side", r1, r2)},
		{"diff-long", fmt.Sprintf("/-/diff/%d/%d", r2, r3)}, // a code line wider than a phone
		{"history", "/-/history/Code_sample"},
		{"contributions", "/-/contributions/Alice"},
		{"search", "/-/search?q=code&fulltext=1"},
		{"source", "/-/source/Code_sample"},
	}
	start := time.Now()
	b := browsertest.New(t)
	for _, skin := range []string{"desktop", "minimal"} {
		if err := srv.Users.SetPreferences(t.Context(), reader.ID, userinfo.Preferences{Skin: skin}); err != nil {
			t.Fatal(err)
		}
		for _, theme := range []string{"light", "dark"} {
			for _, width := range []int{1280, 390} {
				t.Run(fmt.Sprintf("%s-%s-%d", skin, theme, width), func(t *testing.T) {
					if width < 600 {
						b.Viewport(width, 844, true)
					} else {
						b.Viewport(width, 900, false)
					}
					b.ClearCookies()
					b.SetCookie(hs.URL, "folio_session", session)
					b.SetCookie(hs.URL, "folio_theme", theme)
					for _, p := range pages {
						b.Navigate(hs.URL + p.path)
						var got struct {
							Skin        bool
							Theme       string
							ScrollWidth int
							InnerWidth  int
							H1          string
							Main        bool
							Wide        []string
						}
						b.Eval(`(() => ({
							Skin: !!document.querySelector('link[rel=stylesheet][href*="/`+skin+`/"]'),
							Theme: document.documentElement.dataset.theme || "",
							ScrollWidth: document.documentElement.scrollWidth,
							InnerWidth: window.innerWidth,
							H1: document.querySelector("h1")?.textContent.trim() || "",
							Main: !!document.querySelector("main, [role=main]"),
							Wide: [...document.querySelectorAll("body *")]
								.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
								.slice(0, 5)
								.map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "")),
						}))()`, &got)
						b.Screenshot(filepath.Join(shots, fmt.Sprintf("%s-%s-%d-%s.png", skin, theme, width, p.name)))
						if !got.Skin {
							t.Errorf("%s: not in the %s skin (no stylesheet of it)", p.name, skin)
						}
						if got.Theme != theme {
							t.Errorf("%s: data-theme %q, want %q", p.name, got.Theme, theme)
						}
						if got.ScrollWidth > got.InnerWidth+1 {
							t.Errorf("%s: scrolls sideways: %d px wide in a %d px window (too wide: %s)", p.name, got.ScrollWidth, got.InnerWidth, strings.Join(got.Wide, ", "))
						}
						if got.H1 == "" {
							t.Errorf("%s: no h1", p.name)
						}
						if !got.Main {
							t.Errorf("%s: no main landmark", p.name)
						}
						b.CheckClean()
					}
				})
			}
		}
	}
	t.Logf("%d screenshots in %s, %v", 2*2*2*len(pages), shots, time.Since(start).Round(time.Millisecond))
}
