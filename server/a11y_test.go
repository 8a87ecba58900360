package server_test

import (
	"context"
	"fmt"
	"image/color"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// axePath is axe-core's browser build, installed (not vendored) by
// `npm ci --prefix tools/a11y`, which `make test` and .ci/run do.
const axePath = "../tools/a11y/node_modules/axe-core/axe.min.js"

// axeOptions: WCAG 2.0/2.1 A and AA rules, violations only.
const axeOptions = `{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}`

// axeColour: the rules a theme changes.
const axeColour = `{runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']}, resultTypes: ['violations']}`

// axeNarrow: the rules a narrow window changes (what scrolls, what wraps).
const axeNarrow = `{runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block', 'scrollable-region-focusable']}, resultTypes: ['violations']}`

// TestAccessibility runs axe-core (WCAG 2.1 A/AA) in headless Chromium over
// every kind of page — views, forms with and without errors, error pages,
// diff, history, search, edit with preview and with a conflict, lists —
// in each skin, for an anonymous reader, a user and a sysop, and measures
// horizontal overflow (document scrollWidth > clientWidth). It fails on any
// violation, listing rule, impact, selector and HTML, and on any state
// that scrolls sideways.
//
// To stay fast (one browser, one server, one load per state, resized from
// 1280 to 640 px — 200 % zoom, overflow only — and 390 px) every state gets the whole rule set at 1280 px in the
// light theme; at 390 px the rules a width changes (color-contrast,
// link-in-text-block, scrollable-region-focusable) and the overflow
// measure; the dark theme, switched on the loaded page through
// <html data-theme> as the theme script does, gets the rules colours
// change (color-contrast, link-in-text-block) at 1280 px. A sysop sees the
// pages a user does plus a few tools: it gets the sysop's forms and a few
// pages, not every page again. Every state has one h1, on a phone above
// the fold (the table of contents follows it); logged-in states check that
// the header is the reader's (no "Log in").
//
// FOLIO_A11Y_SKINS_DIR runs it over the skins of a directory laid out like
// --skins-dir (each skin replaces the bundled one of its name, or adds
// one); every skin of the set is tested. See docs/skins.md.
func TestAccessibility(t *testing.T) {
	t.Parallel() // a browser for a minute: beside the package's other tests
	axe, err := os.ReadFile(axePath)
	if err != nil {
		msg := fmt.Sprintf("accessibility test needs axe-core (npm ci --prefix tools/a11y, which make test runs): %v", err)
		if os.Getenv("FOLIO_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + " — FOLIO_REQUIRE_BROWSER=1 makes this a failure")
		}
		t.Skip("SKIP: " + msg)
	}
	set := a11ySkins(t)
	pick := &skinPicker{}
	for _, name := range set.Names() {
		s, err := set.WithDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		pick.sets = append(pick.sets, s)
	}
	pick.cur.Store(pick.sets[0])

	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := config.Default()
	cfg.Registration = "open" // the register form, with its errors
	srv := newServerWithSkins(t, st, cfg, pick)
	seedA11y(t, srv)
	hs := httptest.NewServer(srv)
	defer hs.Close()

	sessions := map[string]string{"anonymous": ""}
	for _, r := range []struct{ name, group string }{{"Reader", ""}, {"Root", userinfo.GroupSysop}} {
		var groups []string
		if r.group != "" {
			groups = append(groups, r.group)
		}
		user := createUser(t, srv, r.name, groups...)
		if r.group == "" {
			seedWatcher(t, srv, user.ID)
		}
		s, err := srv.Users.OpenSession(t.Context(), user.ID)
		if err != nil {
			t.Fatal(err)
		}
		key := "user"
		if r.group != "" {
			key = "sysop"
		}
		sessions[key] = s
	}

	b := browsertest.New(t)
	b.OnNewDocument(string(axe))
	start := time.Now()
	var navTime, axeTime time.Duration
	runs := 0
	for i, name := range set.Names() {
		pick.cur.Store(pick.sets[i])
		for _, reader := range []string{"anonymous", "user", "sysop"} {
			b.ClearCookies()
			if sessions[reader] != "" {
				b.SetCookie(hs.URL, "folio_session", sessions[reader])
			}
			for _, st := range a11yStates(reader) {
				// One load per state, at the first width; the others resize
				// the same document.
				t0 := time.Now()
				b.Viewport(1280, 900, false)
				b.Navigate(hs.URL + st.path)
				if st.act != nil {
					st.act(t, b, srv)
				}
				navTime += time.Since(t0)
				for _, width := range []int{1280, a11yZoomed, 390} {
					label := fmt.Sprintf("%s/%s/%d/%s", name, reader, width, st.name)
					if width == a11yZoomed {
						// 1280 × 900 at 200 % zoom: nothing may need sideways
						// scrolling (WCAG 1.4.4, 1.4.10); the rules ran at 1280.
						b.Viewport(width, 450, false)
						var o struct {
							ScrollWidth, ClientWidth int
							Wide                     []string
						}
						b.Eval(`(() => { const de = document.documentElement; return {ScrollWidth: de.scrollWidth, ClientWidth: de.clientWidth,
							Wide: [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > de.clientWidth + 1).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""))}; })()`, &o)
						if o.ScrollWidth > o.ClientWidth {
							t.Errorf("%s (200%% zoom): scrolls sideways: %d px wide at %d px (too wide: %s)", label, o.ScrollWidth, o.ClientWidth, strings.Join(o.Wide, ", "))
						}
						continue
					}
					if width < 600 {
						b.Viewport(width, 844, true)
					}
					t0 := time.Now()
					for _, theme := range []string{"light", "dark"} {
						if theme == "dark" && width < 600 {
							continue // the colours are those of 1280 px
						}
						opts := axeOptions
						switch {
						case theme == "dark":
							opts = axeColour
						case width < 600:
							opts = axeNarrow
						}
						var res a11yResult
						b.Eval(`(async () => {
							document.documentElement.setAttribute("data-theme", "`+theme+`");
							const r = await axe.run(document, `+opts+`);
							const de = document.documentElement;
							return {
								Violations: r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help,
									Nodes: v.nodes.slice(0, 8).map(n => ({Target: n.target.join(" "), HTML: n.html.slice(0, 160), Why: (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 200)}))})),
								ScrollWidth: de.scrollWidth, ClientWidth: de.clientWidth,
								Wide: [...document.querySelectorAll("body *")]
									.filter(e => e.getBoundingClientRect().right > de.clientWidth + 1)
									.slice(0, 5)
									.map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "")),
								LogIn: !!document.getElementById("pt-login"),
								H1s: document.querySelectorAll("h1").length,
								TitleTop: Math.round((document.querySelector("h1")?.getBoundingClientRect().top ?? -1) + scrollY),
							};
						})()`, &res)
						runs++
						for _, v := range res.Violations {
							for _, n := range v.Nodes {
								t.Errorf("%s/%s: %s (%s): %s\n\t%s\n\t%s\n\t%s", label, theme, v.ID, v.Impact, v.Help, n.Target, n.HTML, n.Why)
							}
						}
						if theme == "light" && res.ScrollWidth > res.ClientWidth {
							t.Errorf("%s: scrolls sideways: %d px wide at %d px (too wide: %s)", label, res.ScrollWidth, res.ClientWidth, strings.Join(res.Wide, ", "))
						}
						if theme == "light" && res.H1s != 1 {
							t.Errorf("%s: %d h1 elements, want one (the page's title)", label, res.H1s)
						}
						if theme == "light" && width < 600 && (res.TitleTop < 0 || res.TitleTop > a11yTitleTop) {
							t.Errorf("%s: the title starts %d px down a phone's page, want it within the first %d px (before the table of contents)", label, res.TitleTop, a11yTitleTop)
						}
						if theme == "light" && reader != "anonymous" && res.LogIn {
							t.Errorf("%s: a logged-in reader is offered \"Log in\"", label)
						}
					}
					axeTime += time.Since(t0)
				}
				if p := b.Problems(); len(p) > 0 {
					t.Errorf("%s/%s/%s: console problems: %v", name, reader, st.name, p)
				}
			}
		}
	}
	t.Logf("loading %v, checking %v", navTime.Round(time.Millisecond), axeTime.Round(time.Millisecond))
	t.Logf("%d axe runs over %d skins in %v", runs, len(set.Names()), time.Since(start).Round(time.Millisecond))
}

// a11yZoomed is the width of a 1280 px window zoomed to 200 %: the
// overflow is measured there too.
const a11yZoomed = 640

// a11yTitleTop is how far down a phone's page (390 × 844) the title may
// start: under the header, search and navigation, above the fold.
const a11yTitleTop = 400

type a11yResult struct {
	Violations []struct {
		ID, Impact, Help string
		Nodes            []struct{ Target, HTML, Why string }
	}
	ScrollWidth, ClientWidth int
	Wide                     []string
	LogIn                    bool
	H1s, TitleTop            int
}

// skinPicker is a skin.Provider whose default skin the test switches:
// anonymous readers get the default skin on every page.
type skinPicker struct {
	sets []*skin.Set
	cur  atomic.Pointer[skin.Set]
}

func (p *skinPicker) Current() (*skin.Set, error) { return p.cur.Load(), nil }

// a11ySkins loads the bundled skins, overlaid by $FOLIO_A11Y_SKINS_DIR.
func a11ySkins(t *testing.T) *skin.Set {
	t.Helper()
	var fsys fs.FS = skins.FS
	if dir := os.Getenv("FOLIO_A11Y_SKINS_DIR"); dir != "" {
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatalf("FOLIO_A11Y_SKINS_DIR: %v", err)
		}
		t.Cleanup(func() { root.Close() })
		fsys = skin.Overlay(root.FS(), skins.FS)
	}
	set, err := skin.Load(fsys)
	if err != nil {
		t.Fatalf("loading the skins: %v", err)
	}
	return set
}

// a11yState is one page state: a path, and what to do there before the
// check (fill and submit a form).
type a11yState struct {
	name, path string
	act        func(t *testing.T, b *browsertest.Browser, srv *server.Server)
}

// a11yLong is a page with what overflows on phones: long code lines, a
// wide table, long URLs and words, headings for a table of contents, and a
// top-level heading equal to the title.
var a11yLong = "# Long content\n\nA paragraph with a [[Guide|link in running text]] and an external link https://example.org/" +
	strings.Repeat("averylongpathsegment", 8) + " and a long word " + strings.Repeat("Donaudampfschiff", 8) + ".\n\n" +
	"## Code\n\n```go\nfunc main() {\n\tfmt.Println(\"" + strings.Repeat("a rather long string ", 10) + "\")\n}\n```\n\n" +
	"```\nplain code block with a line that is much longer than a phone screen is wide, " + strings.Repeat("and more ", 10) + "\n```\n\n" +
	"## Table\n\n| Name | Value | Description | Another column | Yet another | And one more |\n|---|---|---|---|---|---|\n" +
	strings.Repeat("| alpha | 12345 | a cell with some words in it | more words here | "+strings.Repeat("x", 30)+" | last |\n", 3) +
	"\n## Notes\n\n### First note\n\nOne.\n\n### Second note\n\nTwo.\n\n## Lists\n\n- an item with [[Main Page]]\n- another with `inline code`\n\n### Deeper\n\nText.\n\n# Another top heading\n\nMore text.\n\n[[Category:Samples]]\n"

// seedA11y saves the pages the states show.
func seedA11y(t *testing.T, srv *server.Server) {
	t.Helper()
	putAs(t, srv, "Alice", "Guide", "# Guide\n\nA guide, see [[Long content]].\n\n[[Category:Samples]]", "New guide", false)
	putAs(t, srv, "Alice", "Long_content", a11yLong, "first", false)
	putAs(t, srv, "Bob", "Long_content", strings.Replace(a11yLong, "Text.", "Changed text, with https://example.org/"+strings.Repeat("segment", 12)+".", 1), "second", true)
	putAs(t, srv, "Alice", "Category:Samples", "Sample pages.", "category", false)
	putAs(t, srv, "Alice", "Old_name", "#REDIRECT [[Guide]]", "redirect", false)
	putAs(t, srv, "Alice", "Conflict", "Conflict text.", "start", false)
	// A file, its File page, and a page that embeds it (and one that is
	// missing) as a thumbnail, inline and framed.
	up := createUser(t, srv, "Uploader")
	token, err := srv.Users.CreateToken(context.Background(), up.ID, "a11y")
	if err != nil {
		t.Fatal(err)
	}
	if rec := apiUpload(t, srv, token, "Sample_chart.png?comment=first", pngOf(t, 900, 600, color.RGBA{G: 120, B: 200, A: 255})); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	putAs(t, srv, "Alice", "Gallery", "A chart:\n\n[[File:Sample_chart.png|thumb|250px|The chart, as a thumbnail]]\n\n"+
		"Inline ![a small chart](File:Sample_chart.png) and a missing [[File:Not_uploaded.png|thumb|A file to upload]].\n\n"+
		"[[File:Sample_chart.png|frame|center|The chart, framed]]\n", "images", false)
}

// seedWatcher gives the reader userID a watchlist with an unseen change
// and notifications: they watch Guide, which Alice then edits, and Alice
// writes on their talk page.
func seedWatcher(t *testing.T, srv *server.Server, userID int64) {
	t.Helper()
	if err := srv.Store.Watch(t.Context(), userID, []string{"Guide", "Talk:Guide"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	putAs(t, srv, "Alice", "Guide", "# Guide\n\nA guide, see [[Long content]]. Now longer.\n\n[[Category:Samples]]", "Longer guide", false)
	putAs(t, srv, "Alice", "User_talk:Reader", "## Hello\n\nWelcome, [[User:Reader]]!", "/* Hello */ new section", false)
}

// a11yStates lists the states a reader sees.
func a11yStates(reader string) []a11yState {
	if reader == "sysop" { // what only a sysop sees; the rest is a user's page
		return []a11yState{
			{"long", "/wiki/Long_content", nil}, // every page action in the "More" menu
			{"diff", "/-/diff/Long_content?oldid=prev&diff=cur", nil},
			{"delete", "/-/delete/Guide", nil},
			{"protect", "/-/protect/Guide", nil},
			{"move", "/-/move/Guide", nil},
		}
	}
	// The pages whose body is the same for every reader (redirects,
	// source, info, backlinks, search, contributions, all pages, the
	// gallery, a bad request) are checked for anonymous readers; a
	// logged-in reader's chrome on them is the chrome of the other pages.
	s := []a11yState{
		{"main", "/wiki/Main_Page", nil},
		{"long", "/wiki/Long_content", nil},
		{"missing", "/wiki/No_such_page", nil},
		{"category", "/wiki/Category:Samples", nil},
		{"history", "/-/history/Long_content", nil},
		{"diff", "/-/diff/Long_content?oldid=prev&diff=cur", nil},
		{"recent", "/-/recent", nil},
		{"file-page", "/wiki/File:Sample_chart.png", nil},
	}
	switch reader {
	case "anonymous":
		s = append(s,
			a11yState{"redirected", "/wiki/Old_name", nil},
			a11yState{"redirect-page", "/wiki/Old_name?redirect=no", nil},
			a11yState{"source", "/-/source/Long_content", nil},
			a11yState{"info", "/-/info/Long_content", nil},
			a11yState{"backlinks", "/-/backlinks/Guide", nil},
			a11yState{"search", "/-/search?q=guide&fulltext=1", nil},
			a11yState{"search-long", "/-/search?q=averylongpathsegment&fulltext=1", nil},
			a11yState{"search-none", "/-/search?q=zebras+on+ice&fulltext=1", nil},
			a11yState{"contributions", "/-/contributions/Alice", nil},
			a11yState{"all", "/-/all", nil},
			a11yState{"gallery", "/wiki/Gallery", nil},
			a11yState{"bad-request", "/-/edit/Guide?undo=abc", nil},
			a11yState{"login", "/-/login", nil},
			a11yState{"login-wrong", "/-/login", submit(`{name: "Reader", password: "wrong password!"}`, "")},
			a11yState{"register", "/-/register", nil},
			a11yState{"register-short", "/-/register", submit(`{name: "Newcomer", password: "short", password2: "short"}`, "")},
			a11yState{"edit-anonymous", "/-/edit/Guide", nil},
		)
	case "user":
		s = append(s,
			a11yState{"edit", "/-/edit/Long_content", nil},
			a11yState{"edit-new", "/-/edit/Brand_new_page", nil},
			a11yState{"preview", "/-/edit/Long_content", submit(`{}`, "preview")},
			a11yState{"conflict", "/-/edit/Conflict", conflict},
			a11yState{"preferences", "/-/preferences", nil},
			a11yState{"upload", "/-/upload?name=New_chart.png", nil},
			a11yState{"tokens", "/-/tokens", nil},
			a11yState{"forbidden", "/-/delete/Guide", nil},
			a11yState{"move", "/-/move/Guide", nil},
			a11yState{"watch", "/-/watch/Guide", nil},
			a11yState{"watchlist", "/-/watchlist", nil},
			a11yState{"watchlist-edit", "/-/watchlist/edit", nil},
			a11yState{"notifications", "/-/notifications", nil},
			a11yState{"talk", "/wiki/User_talk:Reader", nil},
		)
	}
	return s
}

// submit fills the page's main form with fields and submits it with the
// named button (or the first), waiting for the response page.
func submit(fields, button string) func(t *testing.T, b *browsertest.Browser, srv *server.Server) {
	return func(t *testing.T, b *browsertest.Browser, srv *server.Server) {
		t.Helper()
		b.Eval(`(() => {
			const want = Object.keys(`+fields+`), btnName = `+fmt.Sprintf("%q", button)+`;
			const f = [...document.querySelectorAll("form")].find(f => f.method === "post" &&
				want.every(k => f.elements[k]) && (!btnName || f.querySelector("button[name=" + btnName + "]")));
			for (const [k, v] of Object.entries(`+fields+`)) f.elements[k].value = v;
			window.a11ySubmitted = true;
			const btn = btnName ? f.querySelector("button[name=" + btnName + "]") : null;
			f.requestSubmit(btn);
		})()`, nil)
		b.WaitFor(`!window.a11ySubmitted && document.readyState === "complete"`)
	}
}

// conflict opens the edit form, lets someone else save, then saves.
func conflict(t *testing.T, b *browsertest.Browser, srv *server.Server) {
	t.Helper()
	var n int
	b.Eval(`document.querySelector("textarea").value.length`, &n)
	putAs(t, srv, "Bob", "Conflict", fmt.Sprintf("Conflict text, Bob's version %d.", time.Now().UnixNano()), "meanwhile", false)
	submit(`{text: "Conflict text, my version `+fmt.Sprint(n)+`.", summary: "mine"}`, "save")(t, b, srv)
}
