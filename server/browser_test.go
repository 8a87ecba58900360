package server_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
)

// TestBrowser loads a real page through the whole server in headless
// Chromium, in each skin: no console errors or CSP violations, dark mode
// applied before first paint, TOC links reach their headings, and the
// logout form logs out.
func TestBrowser(t *testing.T) {
	srv, _ := newServer(t)
	put(t, srv, "Guide", "# Guide\n\nIntro.\n\n## Alpha\n\n"+strings.Repeat("text\n\n", 60)+"## Beta\n\n"+strings.Repeat("more\n\n", 60)+
		"## Gamma\n\n"+strings.Repeat("tail\n\n", 80)+"end [[Missing page]]\n\n```go\nfunc main() {}\n```\n\n[[Category:Docs]]")
	alice := createUser(t, srv, "Alice")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	shots := t.TempDir()
	if d := os.Getenv("FOLIO_SCREENSHOTS"); d != "" {
		shots = d
	}
	b := browsertest.New(t)
	for _, name := range []string{"desktop", "minimal"} {
		t.Run(name, func(t *testing.T) {
			id, err := srv.Users.OpenSession(t.Context(), alice.ID)
			if err != nil {
				t.Fatal(err)
			}
			b.ClearCookies()
			b.SetCookie(hs.URL, "folio_session", id)
			b.SetCookie(hs.URL, "folio_theme", "dark")
			b.OnNewDocument(`requestAnimationFrame(() => { window.__theme = document.documentElement.getAttribute("data-theme") || ""; });`)
			b.Navigate(hs.URL + "/wiki/Guide?useskin=" + name)
			var theme string
			b.WaitFor(`window.__theme !== undefined`)
			b.Eval(`window.__theme`, &theme)
			if theme != "dark" {
				t.Errorf("theme at first paint = %q, want dark", theme)
			}
			var hrefs []string
			b.Eval(`[...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute("href")).filter(h => h === "#alpha" || h === "#gamma")`, &hrefs)
			if len(hrefs) == 0 {
				t.Fatal("no TOC links to #alpha or #gamma")
			}
			for _, h := range hrefs {
				var top float64
				b.Eval(`(() => { window.scrollTo(0, 0); const a = document.querySelector('a[href="`+h+`"]'); a.closest("details")?.setAttribute("open", ""); a.click(); return document.querySelector("`+h+`").getBoundingClientRect().top; })()`, &top)
				if top < -5 || top > 60 {
					t.Errorf("after clicking %s its heading is at %.0f px from the top", h, top)
				}
			}
			b.Screenshot(filepath.Join(shots, name+".png"))
			var method, action string
			b.Eval(`document.querySelector('form[action="/-/logout"]')?.method || ""`, &method)
			b.Eval(`document.querySelector('form[action="/-/logout"]')?.getAttribute("action") || ""`, &action)
			if method != "post" || action != "/-/logout" {
				t.Fatalf("logout form: method %q action %q", method, action)
			}
			b.Eval(`(document.querySelector('form[action="/-/logout"]').closest("details")?.setAttribute("open", ""), document.querySelector('form[action="/-/logout"]').requestSubmit(), true)`, nil)
			b.WaitFor(`location.pathname === "/wiki/Main_Page" && document.readyState === "complete"`)
			var loggedOut bool
			b.Eval(`!document.querySelector('form[action="/-/logout"]') && !!document.querySelector('a[href^="/-/login"]')`, &loggedOut)
			if !loggedOut {
				t.Fatal("after the logout form: still logged in")
			}
			b.CheckClean()
		})
	}
}
