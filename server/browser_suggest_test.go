package server_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
)

// TestBrowserHeaderSuggest types in the header's search box of a page view,
// in each skin: the box names the titles API (data-suggest, link-suggest),
// the script turns it into an ARIA combobox, the titles starting with the
// prefix show in its listbox, and down then enter opens the chosen page.
func TestBrowserHeaderSuggest(t *testing.T) {
	srv, _ := newServer(t)
	put(t, srv, "Guide", "Guide text.")
	put(t, srv, "Guidelines", "Rules.")
	put(t, srv, "Gulf", "Water.")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	b := browsertest.New(t)
	for _, name := range []string{"desktop", "minimal"} {
		t.Run(name, func(t *testing.T) {
			b.Navigate(hs.URL + "/wiki/Main_Page?useskin=" + name)
			const input = `document.querySelector("#search-q")`
			var suggest, role, list string
			b.Eval(input+`?.dataset.suggest || ""`, &suggest)
			if suggest != "/api/v1/titles" && !strings.HasPrefix(suggest, "/api/v1/titles?") {
				t.Fatalf("header search box data-suggest %q, want the titles API", suggest)
			}
			b.Eval(input+`.getAttribute("role") || ""`, &role)
			if role != "combobox" {
				t.Fatalf("header search box role %q, want combobox (the script did not run?)", role)
			}
			b.Eval(input+`.getAttribute("aria-controls") || ""`, &list)
			listbox := `document.getElementById(` + jsString(list) + `)`
			b.Eval(`(() => { const i = `+input+`; i.focus(); i.value = "gui"; i.dispatchEvent(new Event("input")); return true; })()`, nil)
			b.WaitFor(listbox + ` && !` + listbox + `.hidden && ` + listbox + `.querySelectorAll("[role=option]").length === 2`)
			var options []string
			b.Eval(`[...`+listbox+`.querySelectorAll("[role=option]")].map(o => o.textContent)`, &options)
			if strings.Join(options, ",") != "Guide,Guidelines" {
				t.Errorf("suggestions %q, want Guide, Guidelines", options)
			}
			key := func(k string) {
				b.Eval(input+`.dispatchEvent(new KeyboardEvent("keydown", {key: "`+k+`", bubbles: true, cancelable: true}))`, nil)
			}
			key("ArrowDown")
			var selected string
			b.Eval(listbox+`.querySelector("[role=option][aria-selected=true]")?.textContent || ""`, &selected)
			if selected != "Guide" {
				t.Errorf("after down: selected %q, want Guide", selected)
			}
			key("Enter")
			b.WaitFor(`location.pathname === "/wiki/Guide" && document.readyState === "complete"`)
			b.CheckClean()
		})
	}
}

// jsString quotes s as a JavaScript string literal (s holds no quotes or
// backslashes: an element id).
func jsString(s string) string { return `"` + s + `"` }
