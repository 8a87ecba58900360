package server_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/userinfo"
)

// TestBrowserConflictAndPreferences: the edit-conflict page (reached as a
// user reaches it: a save racing another's) and the preferences page, in
// both skins at 1280 and 390 px, have no horizontal overflow; screenshots
// go to $FOLIO_SCREENSHOTS when set.
func TestBrowserConflictAndPreferences(t *testing.T) {
	t.Parallel() // a browser for a minute: beside the package's other tests
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	hs := httptest.NewServer(srv)
	defer hs.Close()
	shots := t.TempDir()
	if d := os.Getenv("FOLIO_SCREENSHOTS"); d != "" {
		shots = d
	}
	b := browsertest.New(t)
	id, err := srv.Users.OpenSession(t.Context(), alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	b.SetCookie(hs.URL, "folio_session", id)
	long := strings.Repeat("a_very_long_unbroken_word_", 12)
	overflow := func(what string) {
		t.Helper()
		var sizes [2]int
		b.Eval(`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`, &sizes)
		if sizes[0] > sizes[1] {
			var wide []string
			b.Eval(`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right))`, &wide)
			t.Errorf("%s overflows: scrollWidth %d > clientWidth %d: %v", what, sizes[0], sizes[1], wide)
		}
	}
	for _, sk := range []string{"desktop", "minimal"} {
		if err := srv.Users.SetPreferences(t.Context(), alice.ID, userinfo.Preferences{Skin: sk, Timezone: "Europe/Paris"}); err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{1280, 390} {
			name := fmt.Sprintf("%s-%d", sk, w)
			b.Viewport(w, 900, w < 500)
			page := "Race_" + name
			put(t, srv, page, "# Race\n\nThe shared line.\n\nMiddle "+long+".\n\nLast line.\n")
			b.Navigate(hs.URL + "/-/edit/" + page)
			put(t, srv, page, "# Race\n\nThe shared line, changed by someone else.\n\nMiddle "+long+".\n\nLast line.\n")
			b.Eval(`(() => { const t = document.querySelector('textarea[name="text"]');
				t.value = "# Race\n\nThe shared line, changed by me.\n\nMiddle `+long+`.\n\nLast line, mine.\n";
				document.querySelector('button[name="save"]').click(); return true; })()`, nil)
			b.WaitFor(`!!document.querySelector("#conflict-merged") && document.readyState === "complete"`)
			var skinClass string
			b.Eval(`document.documentElement.className`, &skinClass)
			if skinClass != "skin-"+sk {
				t.Errorf("%s: the conflict page is in %q", name, skinClass)
			}
			overflow(name + " conflict page")
			b.Screenshot(filepath.Join(shots, "conflict-"+name+".png"))

			b.Navigate(hs.URL + "/-/preferences")
			overflow(name + " preferences")
			var zone string
			b.Eval(`document.querySelector('input[name="timezone"]').value`, &zone)
			if zone != "Europe/Paris" {
				t.Errorf("%s: preferences show the zone %q", name, zone)
			}
			b.Screenshot(filepath.Join(shots, "preferences-"+name+".png"))
		}
	}
	b.CheckClean()
}
