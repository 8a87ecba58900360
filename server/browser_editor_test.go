package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/userinfo"
)

// keys sends real key events (keyDown, char, keyUp) to the focused element.
func keys(t *testing.T, b *browsertest.Browser, s string, mods ...chromedp.Modifier) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Context(), browsertest.Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(s, chromedp.KeyModifiers(mods...))); err != nil {
		t.Fatalf("keys %q: %v", s, err)
	}
}

// editorStart is the text the test starts from: headings for a table of
// contents, highlighted code, a category, a blue and a red link.
const editorStart = "Intro with [[Main Page]] and [[No such page]].\n\n## One\n\ntext\n\n## Two\n\n```go\nfunc main() {}\n```\n\n## Three\n\nend"

// TestEditorBrowser edits a page in headless Chromium in each skin, on a
// desktop (1280 px) and a phone (390 px): it types into the editor, uses a
// toolbar button and the live preview (beside the text when wide, below it
// when narrow), whose HTML is the saved page's article; saves with Ctrl+S
// and sees "Your edit was saved." once; previews with Alt+Shift+P (the
// classic preview has the view's TOC and categories); a null edit says so.
// No page scrolls sideways; the screenshots go to $FOLIO_SCREENSHOTS (or a
// temporary directory) as editor-skin-width-state.png.
func TestEditorBrowser(t *testing.T) {
	t.Parallel() // a browser for a minute: beside the package's other tests
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	session, err := srv.Users.OpenSession(t.Context(), alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	shots := t.TempDir()
	if d := os.Getenv("FOLIO_SCREENSHOTS"); d != "" {
		shots = d
	}
	b := browsertest.New(t)
	for _, skin := range []string{"desktop", "minimal"} {
		if err := srv.Users.SetPreferences(t.Context(), alice.ID, userinfo.Preferences{Skin: skin}); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{1280, 390} {
			t.Run(fmt.Sprintf("%s-%d", skin, width), func(t *testing.T) {
				if width < 600 {
					b.Viewport(width, 844, true)
				} else {
					b.Viewport(width, 900, false)
				}
				b.ClearCookies()
				b.SetCookie(hs.URL, "folio_session", session)
				title := fmt.Sprintf("Typed_%s_%d", skin, width)
				shot := func(state string) {
					t.Helper()
					var w struct{ Scroll, Client int }
					b.Eval(`({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`, &w)
					b.Screenshot(filepath.Join(shots, fmt.Sprintf("editor-%s-%d-%s.png", skin, width, state)))
					if w.Scroll > w.Client {
						t.Errorf("%s: scrolls sideways: %d px wide in %d px", state, w.Scroll, w.Client)
					}
				}

				b.Navigate(hs.URL + "/-/edit/" + title)
				b.WaitFor(`document.querySelector("form.edit.editor-ready")`)
				b.Eval(`document.querySelector("form.edit").addEventListener("folio:preview", e => { window.__live = e.detail; }), true`, nil)
				var cols int
				b.Eval(`document.querySelectorAll(".editor-toolbar button[type=button]").length`, &cols)
				if cols < 8 {
					t.Fatalf("toolbar has %d buttons", cols)
				}
				// Type: the start of the text, then a bold word through the
				// toolbar (its placeholder is selected, so typing replaces it).
				b.Eval(`(() => { const a = document.querySelector("textarea[name=text]"); a.value = `+jsLiteral(editorStart)+`; a.focus(); a.setSelectionRange(a.value.length, a.value.length); return true; })()`, nil)
				keys(t, b, " and ")
				b.Click(`.editor-toolbar [data-tool=bold]`)
				keys(t, b, "strong")
				keys(t, b, kb.End+"\r\r[[Category:Typed]]")
				var text string
				b.Eval(`document.querySelector("textarea[name=text]").value`, &text)
				if !strings.HasSuffix(text, "end and **strong**\n\n[[Category:Typed]]") {
					t.Fatalf("typed text ends %q", text[max(0, len(text)-60):])
				}
				// The toggle is remembered (localStorage): on after the first run.
				var pressed string
				b.Eval(`document.querySelector(".editor-live-toggle").getAttribute("aria-pressed")`, &pressed)
				if pressed != "true" {
					b.Click(`.editor-live-toggle`)
				}
				b.WaitFor(`document.querySelector(".editor-live-body strong")?.textContent === "strong" && document.querySelector(".editor-live-body .categories")?.textContent.includes("Typed") && window.__live`)
				var layout struct{ BoxLeft, BoxRight, BoxBottom, LiveLeft, LiveTop float64 }
				b.Eval(`(() => { const a = document.querySelector(".editor-box").getBoundingClientRect(), l = document.querySelector(".editor-live").getBoundingClientRect();
					return {BoxLeft: a.left, BoxRight: a.right, BoxBottom: a.bottom, LiveLeft: l.left, LiveTop: l.top}; })()`, &layout)
				if wide := width >= 1000; wide && layout.LiveLeft < layout.BoxRight {
					t.Errorf("wide screen: the live preview (left %.0f) is not beside the text (right %.0f)", layout.LiveLeft, layout.BoxRight)
				} else if !wide && layout.LiveTop < layout.BoxBottom {
					t.Errorf("narrow screen: the live preview (top %.0f) is not below the text (bottom %.0f)", layout.LiveTop, layout.BoxBottom)
				}
				// The pane's ids get a prefix (they must not clash with the
				// page's); the HTML the server sent is the saved article.
				var live string
				b.Eval(`(() => { const t = document.createElement("template"); t.innerHTML = window.__live.html; return t.content.querySelector("article.page").outerHTML; })()`, &live)
				var localized bool
				b.Eval(`!!document.querySelector(".editor-live-body #live-one") && !document.querySelector(".editor-live-body #one") && !!document.querySelector(".editor-live-body a[href='#live-three']")`, &localized)
				if !localized {
					t.Error("the live preview's ids and anchors are not prefixed")
				}
				shot("live")

				// Ctrl+S saves; the view says so once.
				b.Eval(`document.querySelector("textarea[name=text]").focus()`, nil)
				keys(t, b, "s", chromedp.ModifierCtrl)
				b.WaitFor(`location.pathname === "/wiki/` + title + `" && document.readyState === "complete" && document.querySelector(".postedit")`)
				var notice struct {
					Text, Role string
					Cookie     bool
					Article    string
				}
				b.Eval(`(() => { const n = document.querySelector(".postedit"); const a = document.querySelector("article.page").cloneNode(true); a.querySelector(".postedit").remove();
					return {Text: n.textContent, Role: n.getAttribute("role"), Cookie: document.cookie.includes("folio_postedit"), Article: a.outerHTML}; })()`, &notice)
				if notice.Text != "Your edit was saved." || notice.Role != "status" || notice.Cookie {
					t.Errorf("after the save: notice %+v", notice)
				}
				if notice.Article != live {
					t.Errorf("the live preview differs from the saved page's article\nlive:\n%s\nsaved:\n%s", live, notice.Article)
				}
				shot("saved")
				b.Navigate(hs.URL + "/wiki/" + title)
				var again bool
				b.Eval(`!!document.querySelector(".postedit")`, &again)
				if again {
					t.Error("the saved notice shows again on the next view")
				}

				// Alt+Shift+P: the classic preview, in the view's chrome.
				b.Navigate(hs.URL + "/-/edit/" + title)
				b.WaitFor(`document.querySelector("form.edit.editor-ready")`)
				b.Eval(`document.querySelector("textarea[name=text]").focus()`, nil)
				keys(t, b, "p", chromedp.ModifierAlt, chromedp.ModifierShift)
				b.WaitFor(`document.querySelector("section.preview") && document.readyState === "complete"`)
				var prev struct{ TOC, Categories, Highlight bool }
				b.Eval(`({TOC: !!document.querySelector(".toc a[href='#three']"), Categories: !!document.querySelector("nav.categories a[href$='Category:Typed']"),
					Highlight: !!document.querySelector("link[rel=stylesheet][href$='highlight.css']")})`, &prev)
				if !prev.TOC || !prev.Categories || !prev.Highlight {
					t.Errorf("classic preview: %+v, want the TOC, the category bar and the highlight stylesheet", prev)
				}
				shot("preview")
				// Saving the same text is a null edit.
				b.Eval(`document.querySelector("textarea[name=text]").focus()`, nil)
				keys(t, b, "s", chromedp.ModifierCtrl)
				b.WaitFor(`location.pathname === "/wiki/` + title + `" && document.querySelector(".postedit")`)
				var null string
				b.Eval(`document.querySelector(".postedit").textContent`, &null)
				if !strings.Contains(null, "no change") {
					t.Errorf("after a null edit the notice says %q", null)
				}
				b.CheckClean()
			})
		}
	}
}

// TestEditorKeys: the syntax help is a disclosure Escape closes; Tab and
// Shift+Tab indent and outdent list items, and elsewhere move the focus.
func TestEditorKeys(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	session, err := srv.Users.OpenSession(t.Context(), alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	b := browsertest.New(t)
	b.SetCookie(hs.URL, "folio_session", session)
	b.Navigate(hs.URL + "/-/edit/Keys")
	b.WaitFor(`document.querySelector("form.edit.editor-ready")`)
	b.Click(`.editor-help-toggle`)
	var open string
	b.Eval(`document.querySelector(".editor-help-toggle").getAttribute("aria-expanded") + (document.querySelector("#editor-help").hidden ? " hidden" : " shown")`, &open)
	if open != "true shown" {
		t.Fatalf("after a click the help is %q", open)
	}
	keys(t, b, "\u001b") // Escape, on the focused toggle
	b.Eval(`document.querySelector(".editor-help-toggle").getAttribute("aria-expanded") + (document.querySelector("#editor-help").hidden ? " hidden" : " shown")`, &open)
	if open != "false hidden" {
		t.Fatalf("after Escape the help is %q", open)
	}
	set := func(v string, at int) {
		b.Eval(fmt.Sprintf(`(() => { const a = document.querySelector("textarea[name=text]"); a.value = %s; a.focus(); a.setSelectionRange(%d, %d); return true; })()`, jsLiteral(v), at, at), nil)
	}
	value := func() string {
		var v string
		b.Eval(`document.querySelector("textarea[name=text]").value`, &v)
		return v
	}
	set("- a\n- b", 7)
	keys(t, b, "\t")
	if v := value(); v != "- a\n  - b" {
		t.Errorf("Tab in a list item: %q", v)
	}
	keys(t, b, "\t", chromedp.ModifierShift)
	if v := value(); v != "- a\n- b" {
		t.Errorf("Shift+Tab in a list item: %q", v)
	}
	set("plain text", 3)
	keys(t, b, "\t")
	var focus string
	b.Eval(`document.activeElement.name || document.activeElement.tagName`, &focus)
	if v := value(); v != "plain text" || focus == "text" {
		t.Errorf("Tab outside a list: text %q, focus on %q; want the text unchanged and the focus moved", v, focus)
	}
	b.CheckClean()
}

// jsLiteral quotes s as a JavaScript string literal.
func jsLiteral(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
