package server_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/userinfo"
)

// TestListsInReadersLanguage: a reader whose preference is German reads
// the history, recent changes, the watchlist and a diff in German —
// German words, month names and number separators ("1.234 Bytes"); the
// public feed stays in the wiki's language.
func TestListsInReadersLanguage(t *testing.T) {
	srv, _ := newServer(t)
	ada := createUser(t, srv, "Ada")
	if err := srv.Users.SetPreferences(t.Context(), ada.ID, userinfo.Preferences{Language: "de"}); err != nil {
		t.Fatal(err)
	}
	r1 := putAs(t, srv, "Ada", "Notes", strings.Repeat("x", 1234), "start", false)
	r2 := putAs(t, srv, "Ada", "Notes", "short", "trim", true)
	if err := srv.Store.Watch(t.Context(), ada.ID, []string{"Notes", "Talk:Notes"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv)
	c.mustLogin("Ada")
	de, en := i18n.Default().Lang("de"), i18n.Default().Lang("en")
	today := time.Now().UTC()   // Ada has no time zone: UTC
	germanDay := de.Date(today) // "6. Dezember 2026"
	if germanDay == en.Date(today) {
		t.Fatalf("German and English dates are both %q", germanDay)
	}

	history := mustStatus(t, c.do("GET", "/-/history/Notes", nil), 200, "history")
	for _, want := range []string{"Versionsgeschichte von „Notes“", "(1.234 Bytes)", "(5 Bytes)", "(&#43;1.234)",
		`title="1.234 Bytes nach der Änderung"`, ">Aktuell</a>", "Vorherige", "Gewählte Versionen vergleichen",
		`title="Kleine Änderung">K</abbr>`, "Beiträge</a>", ", " + germanDay + "</a>"} {
		mustContain(t, history, want, "German history")
	}
	for _, no := range []string{"Compare selected revisions", "bytes", en.Date(today)} {
		if strings.Contains(history, no) {
			t.Errorf("German history has %q", no)
		}
	}

	recent := mustStatus(t, c.do("GET", "/-/recent", nil), 200, "recent changes")
	for _, want := range []string{"Letzte Änderungen", ">" + germanDay + "</time></h2>", "Kleine Änderungen ausblenden",
		"Eigene Änderungen ausblenden", "neue Seite", ">Unterschied</a>", "(−1.229)"} {
		mustContain(t, recent, want, "German recent changes")
	}

	watchlist := mustStatus(t, c.do("GET", "/-/watchlist", nil), 200, "watchlist")
	for _, want := range []string{"Beobachtungsliste", "Du beobachtest 1 Seite (und ihre Diskussionsseite).", "Änderungen der letzten:",
		"<strong>7 Tage</strong>", ">1 Tag</a>", ">" + germanDay + "</time></h2>", ">Versionen</a>", "(&#43;1.234)"} {
		mustContain(t, watchlist, want, "German watchlist")
	}

	diff := mustStatus(t, c.do("GET", fmt.Sprintf("/-/diff/%d/%d", r1, r2), nil), 200, "diff")
	for _, want := range []string{"Unterschied zwischen den Versionen von „Notes“", fmt.Sprintf("Version %d vom ", r1),
		", " + germanDay + "</a>", "1.234 Bytes (&#43;1.234)", "5 Bytes (−1.229)", "Nebeneinander", "Kleine Änderung"} {
		mustContain(t, diff, want, "German diff")
	}
	if strings.Contains(diff, "Difference between") {
		t.Error("the German diff has English words")
	}

	// The feed is public: the wiki's language (English), whoever asks.
	feed := mustStatus(t, c.do("GET", "/-/feed/recent.atom", nil), 200, "feed")
	mustContain(t, feed, "– recent changes</title>", "feed in the wiki's language")
	mustContain(t, feed, "Notes (edit)", "feed in the wiki's language")
}

// TestListsUseLang: ?uselang= changes the language of one view only; an
// anonymous reader's Accept-Language changes nothing (MediaWiki's: the
// wiki's --lang); --lang ja makes the anonymous lists Japanese.
func TestListsUseLang(t *testing.T) {
	srv, _ := newServer(t)
	ada := createUser(t, srv, "Ada")
	if err := srv.Users.SetPreferences(t.Context(), ada.ID, userinfo.Preferences{Language: "de"}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv)
	c.mustLogin("Ada")
	fr := mustStatus(t, c.do("GET", "/-/history/Main_Page?uselang=fr", nil), 200, "history in French")
	for _, want := range []string{"Historique des versions de « Main Page »", "(1 091 octets)", "Comparer les versions sélectionnées"} {
		mustContain(t, strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(fr), want, "French history") // French groups with a (narrow) no-break space
	}
	mustContain(t, mustStatus(t, c.do("GET", "/-/history/Main_Page", nil), 200, "history"), "Versionsgeschichte von „Main Page“", "history without uselang")
	anonFR := mustStatus(t, newClient(t, srv).do("GET", "/-/history/Main_Page?uselang=fr", nil), 200, "anonymous history in French")
	mustContain(t, anonFR, "Historique des versions", "anonymous ?uselang=fr")

	req := httptest.NewRequest("GET", "/-/recent", nil)
	req.Header.Set("Accept-Language", "de-DE,de;q=0.9")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	anon := mustStatus(t, rec, 200, "anonymous recent changes")
	mustContain(t, anon, "Hide minor edits", "recent changes in the wiki's language")
	mustContain(t, anon, ">"+i18n.Default().Lang("en").Date(time.Now().UTC())+"</time></h2>", "English day heading")
	if strings.Contains(anon, "Letzte Änderungen") || strings.Contains(anon, "ausblenden") {
		t.Error("Accept-Language chose the anonymous reader's language")
	}

	jaSrv := newServerWith(t, func(c *config.Config) { c.Lang = "ja" })
	ja := mustStatus(t, newClient(t, jaSrv).do("GET", "/-/recent", nil), 200, "recent changes of a Japanese wiki")
	for _, want := range []string{"最近の更新", "細部の編集を非表示", ">" + i18n.Default().Lang("ja").Date(time.Now().UTC()) + "</time></h2>", "新規ページ"} {
		mustContain(t, ja, want, "Japanese recent changes")
	}
	feed := mustStatus(t, newClient(t, jaSrv).do("GET", "/-/feed/recent.atom", nil), 200, "Japanese feed")
	mustContain(t, feed, "– 最近の更新</title>", "a Japanese wiki's feed")
}
