package server_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
)

// TestBrowserSearch runs the search page in headless Chromium, in each skin,
// on a 390 px wide phone: results with a long URL do not scroll sideways,
// and the search box suggests titles as an ARIA combobox that the keyboard
// drives (down selects, escape closes, enter opens the page).
func TestBrowserSearch(t *testing.T) {
	srv, _ := newServer(t)
	long := strings.Repeat("averylongtoken", 14) // one word, as in a URL
	put(t, srv, "Guide", "Guide text with a long link https://example.org/"+long+" in it.")
	put(t, srv, "Guidelines", "Rules.")
	put(t, srv, "Gulf", "Water.")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	shots := t.TempDir()
	if d := os.Getenv("FOLIO_SCREENSHOTS"); d != "" {
		shots = d
	}
	b := browsertest.New(t)
	for _, name := range []string{"desktop", "minimal"} {
		t.Run(name, func(t *testing.T) {
			b.Viewport(390, 844, true)
			b.Navigate(hs.URL + "/-/search?fulltext=1&q=" + long + "&useskin=" + name)
			var hits int
			b.Eval(`document.querySelectorAll(".results li").length`, &hits)
			if hits != 1 {
				t.Fatalf("%d results, want 1", hits)
			}
			var wide bool
			b.Eval(`document.documentElement.scrollWidth > window.innerWidth + 1`, &wide)
			if wide {
				var sw, iw int
				b.Eval(`document.documentElement.scrollWidth`, &sw)
				b.Eval(`window.innerWidth`, &iw)
				t.Errorf("the results page scrolls sideways: %d px wide in a %d px window", sw, iw)
			}
			b.ScreenshotViewport(filepath.Join(shots, "search-"+name+".png"))

			const input = `document.querySelector(".search-page input[name=q]")`
			var role string
			b.Eval(input+`.getAttribute("role") || ""`, &role)
			if role != "combobox" {
				t.Fatalf("search input role %q, want combobox (the script did not run?)", role)
			}
			b.Eval(`(() => { const i = `+input+`; i.focus(); i.value = "gui"; i.dispatchEvent(new Event("input")); return true; })()`, nil)
			b.WaitFor(`document.querySelectorAll('[role=listbox]:not([hidden]) [role=option]').length === 2`)
			var options []string
			b.Eval(`[...document.querySelectorAll('[role=listbox]:not([hidden]) [role=option]')].map(o => o.textContent)`, &options)
			if strings.Join(options, ",") != "Guide,Guidelines" {
				t.Errorf("suggestions %q, want Guide, Guidelines", options)
			}
			var expanded, controls, list string
			b.Eval(input+`.getAttribute("aria-expanded")`, &expanded)
			b.Eval(input+`.getAttribute("aria-controls")`, &controls)
			b.Eval(`document.querySelector('[role=listbox]:not([hidden])').id`, &list)
			if expanded != "true" || controls != list {
				t.Errorf("aria-expanded %q, aria-controls %q (listbox %q)", expanded, controls, list)
			}
			key := func(k string) {
				b.Eval(input+`.dispatchEvent(new KeyboardEvent("keydown", {key: "`+k+`", bubbles: true, cancelable: true}))`, nil)
			}
			key("ArrowDown")
			key("ArrowDown")
			var active, selected string
			b.Eval(input+`.getAttribute("aria-activedescendant") || ""`, &active)
			b.Eval(`document.querySelector('[role=option][aria-selected=true]')?.textContent || ""`, &selected)
			if active == "" || selected != "Guidelines" {
				t.Errorf("after two downs: active %q, selected %q; want Guidelines", active, selected)
			}
			key("Escape")
			b.Eval(input+`.getAttribute("aria-expanded")`, &expanded)
			var open int
			b.Eval(`document.querySelectorAll('[role=listbox]:not([hidden])').length`, &open)
			if expanded != "false" || open != 0 {
				t.Errorf("after escape: aria-expanded %q, %d open listboxes", expanded, open)
			}
			b.Eval(`(() => { const i = `+input+`; i.value = "gulf"; i.dispatchEvent(new Event("input")); return true; })()`, nil)
			b.WaitFor(`document.querySelectorAll('[role=listbox]:not([hidden]) [role=option]').length === 1`)
			key("ArrowDown")
			key("Enter")
			b.WaitFor(`location.pathname === "/wiki/Gulf" && document.readyState === "complete"`)
			b.CheckClean()
		})
	}
}
