package server_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/userinfo"
)

// TestKeyboardSkipLinkAndMenus: with the keyboard alone, in each skin on a
// phone, the first Tab shows the skip link and Enter moves the focus to
// the content; the menu (minimal's main menu, desktop's page actions) opens
// with Enter on its summary, and Escape inside it closes it and puts the
// focus back on the summary.
func TestKeyboardSkipLinkAndMenus(t *testing.T) {
	srv, _ := newServer(t)
	reader := createUser(t, srv, "Reader")
	session, err := srv.Users.OpenSession(t.Context(), reader.ID)
	if err != nil {
		t.Fatal(err)
	}
	put(t, srv, "Guide", "# Guide\n\nText.")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	b := browsertest.New(t)
	b.Viewport(390, 844, true)
	key := func(k string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(b.Context(), browsertest.Timeout)
		defer cancel()
		if _, err := chromedp.Run(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatalf("key %q: %v", k, err)
		}
	}
	for _, tc := range []struct{ skin, menu string }{
		{"desktop", "details.page-actions"},
		{"minimal", "details.menu"},
	} {
		t.Run(tc.skin, func(t *testing.T) {
			if err := srv.Users.SetPreferences(t.Context(), reader.ID, userinfo.Preferences{Skin: tc.skin}); err != nil {
				t.Fatal(err)
			}
			b.ClearCookies()
			b.SetCookie(hs.URL, "folio_session", session)
			b.Navigate(hs.URL + "/wiki/Guide")

			key(kb.Tab)
			var skip struct {
				Focused bool
				Left    float64
			}
			b.Eval(`(() => { const a = document.activeElement; return {Focused: a.classList.contains("skip-link"), Left: a.getBoundingClientRect().left}; })()`, &skip)
			if !skip.Focused || skip.Left < 0 {
				t.Fatalf("the first Tab: skip link focused %v, at x=%v (want it focused and on screen)", skip.Focused, skip.Left)
			}
			key(kb.Enter)
			var at string
			b.Eval(`document.activeElement.id`, &at)
			if at != "content" {
				t.Fatalf("Enter on the skip link put the focus on #%s, want #content", at)
			}

			b.Eval(`document.querySelector("`+tc.menu+` summary").focus()`, nil)
			key(kb.Enter)
			var open bool
			b.Eval(`document.querySelector("`+tc.menu+`").open`, &open)
			if !open {
				t.Fatal("Enter on the menu's summary did not open it")
			}
			b.Eval(`document.querySelector("`+tc.menu+` a").focus()`, nil)
			key(kb.Escape)
			var after struct{ Open, OnSummary bool }
			b.Eval(`(() => { const d = document.querySelector("`+tc.menu+`"); return {Open: d.open, OnSummary: document.activeElement === d.querySelector("summary")}; })()`, &after)
			if after.Open || !after.OnSummary {
				t.Fatalf("Escape in the open menu: open %v, focus on its summary %v (want closed, focus back on the summary)", after.Open, after.OnSummary)
			}
			b.CheckClean()
		})
	}
}
