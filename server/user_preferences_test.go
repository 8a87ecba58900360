package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, the same on every machine
)

// setPrefs saves preferences through the form and checks the redirect.
func (c *client) setPrefs(prefs url.Values) {
	c.t.Helper()
	prefs.Set("csrf", c.csrf("/-/preferences"))
	if rec := c.do("POST", "/-/preferences", prefs); rec.Code != http.StatusSeeOther {
		c.t.Fatalf("save preferences %v = %d\n%s", prefs, rec.Code, rec.Body.String())
	}
}

// TestPreferencesForm: the skin is a select of the installed skins with
// their display names; a save redirects to the form, which says once
// "Your preferences have been saved."; invalid input shows the form again
// (400) with the message and what was typed, and saves nothing.
func TestPreferencesForm(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")

	body := mustStatus(t, c.do("GET", "/-/preferences", nil), 200, "preferences")
	mustContain(t, body, `<select name="skin"><option value="" selected>Site default (Desktop)</option><option value="desktop">Desktop</option><option value="minimal">Minimal</option></select>`, "skin select")
	mustContain(t, body, `list="timezones"`, "time zone suggestions")
	mustContain(t, body, `<option value="Europe/Paris">`, "a suggested zone")
	if strings.Contains(body, "have been saved") {
		t.Fatal("a first showing says the preferences were saved")
	}

	token := c.csrf("/-/preferences")
	rec := c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "skin": {"minimal"}, "dark_mode": {"dark"}, "timezone": {" Asia/Tokyo "}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/-/preferences" {
		t.Fatalf("save = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), 200, "preferences after a save")
	mustContain(t, body, `Your preferences have been saved.`, "saved message")
	mustContain(t, body, `<option value="minimal" selected>Minimal</option>`, "saved skin")
	mustContain(t, body, `name="timezone" value="Asia/Tokyo"`, "saved (trimmed) zone")
	mustContain(t, body, `class="skin-minimal`, "the page in the chosen skin")
	if rec := c.do("GET", "/-/preferences", nil); strings.Contains(rec.Body.String(), "have been saved") {
		t.Fatal("the saved message is shown twice")
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Fatalf("preferences Cache-Control = %q", cc)
	}

	// Invalid input: 400, the message, the typed values, nothing saved.
	for _, bad := range []struct{ field, value, msg string }{
		{"timezone", "Mars/Olympus_Mons", `Unknown time zone &#34;Mars/Olympus_Mons&#34;`},
		{"timezone", "Local", `Unknown time zone &#34;Local&#34;`},
		{"skin", "vector", `There is no skin &#34;vector&#34;`},
		{"dark_mode", "sepia", `Dark mode must be one of`},
	} {
		form := url.Values{"csrf": {token}, "skin": {"desktop"}, "dark_mode": {"light"}, "timezone": {"Europe/Paris"}}
		form.Set(bad.field, bad.value)
		body := mustStatus(t, c.do("POST", "/-/preferences", form), http.StatusBadRequest, bad.field+"="+bad.value)
		mustContain(t, body, bad.msg, "error message")
		mustContain(t, body, `Nothing was changed.`, "error message")
		mustContain(t, body, `<form method="post" action="/-/preferences" class="preferences">`, "the form again")
		if bad.field == "timezone" {
			mustContain(t, body, `name="timezone" value="`+bad.value+`"`, "the typed zone")
		} else {
			mustContain(t, body, `name="timezone" value="Europe/Paris"`, "the typed zone")
		}
		if bad.field == "skin" {
			mustContain(t, body, `<option value="vector" selected>vector (not installed)</option>`, "the typed skin")
		} else {
			mustContain(t, body, `<option value="desktop" selected>Desktop</option>`, "the typed skin")
		}
		if strings.Contains(body, "have been saved") {
			t.Fatal("an error says saved")
		}
	}
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), 200, "preferences after errors")
	mustContain(t, body, `name="timezone" value="Asia/Tokyo"`, "the zone saved before the errors")
	mustContain(t, body, `<option value="minimal" selected>Minimal</option>`, "the skin saved before the errors")

	// A wrong current password keeps the other fields as typed.
	body = mustStatus(t, c.do("POST", "/-/preferences", url.Values{"csrf": {token}, "skin": {"desktop"}, "timezone": {"Europe/Paris"},
		"current_password": {"not the password"}, "new_password": {"a new password 1"}}), http.StatusForbidden, "wrong password")
	mustContain(t, body, `name="timezone" value="Europe/Paris"`, "typed zone after a wrong password")
	mustContain(t, body, `<option value="desktop" selected>Desktop</option>`, "typed skin after a wrong password")
}

// TestTimezoneEverywhere: the reader's time zone applies to every time a
// page shows them — history, recent changes (their day headings too),
// contributions, diffs, old revisions, page info, API tokens — with the
// zone's abbreviation; anonymous readers and feeds keep UTC.
func TestTimezoneEverywhere(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	r1 := putAs(t, srv, "Alice", "Clock", "one", "first", false)
	r2 := putAs(t, srv, "Alice", "Clock", "two", "second", false)
	rev, err := srv.Store.RevisionByID(context.Background(), r2)
	if err != nil {
		t.Fatal(err)
	}
	at := rev.Timestamp
	// The zone whose date differs from UTC's now: one of UTC+14 and UTC−12
	// always does, so the day headings of recent changes are tested.
	zone := "Pacific/Kiritimati"
	if loc, _ := time.LoadLocation(zone); at.In(loc).Format("2006-01-02") == at.UTC().Format("2006-01-02") {
		zone = "Etc/GMT+12"
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	// As the lists write times (whenIn): "10:01, 6 December 2026".
	local, utc := at.In(loc).Format("15:04, 2 January 2006"), at.UTC().Format("15:04, 2 January 2006")

	c := newClient(t, srv)
	c.mustLogin("Alice")
	c.setPrefs(url.Values{"timezone": {zone}})
	anon := newClient(t, srv)
	for _, path := range []string{"/-/history/Clock", "/-/contributions/Alice", fmt.Sprintf("/-/diff/%d/%d", r1, r2),
		fmt.Sprintf("/-/revision/%d", r2), "/-/info/Clock"} {
		body := mustStatus(t, c.do("GET", path, nil), 200, path)
		mustContain(t, body, local, path+" in the reader's zone")
		if strings.Contains(body, utc) {
			t.Errorf("%s still shows UTC (%s)", path, utc)
		}
		if rec := c.do("GET", path, nil); rec.Header().Get("Cache-Control") == "" || strings.Contains(rec.Header().Get("Cache-Control"), "public") {
			t.Errorf("%s for a logged-in reader: Cache-Control %q", path, rec.Header().Get("Cache-Control"))
		}
		mustContain(t, mustStatus(t, anon.do("GET", path, nil), 200, path), utc, path+" for anonymous readers")
	}
	body := mustStatus(t, c.do("GET", "/-/recent", nil), 200, "recent")
	mustContain(t, body, `<time datetime="`+at.In(loc).Format("2006-01-02")+`">`+at.In(loc).Format("2 January 2006")+`</time>`, "day heading in the zone")
	mustContain(t, body, `<time title="`+local+`">`+at.In(loc).Format("15:04")+`</time>`, "change time in the zone")
	if strings.Contains(body, `<time datetime="`+at.UTC().Format("2006-01-02")+`">`) {
		t.Error("recent changes group by UTC days")
	}
	anonRecent := mustStatus(t, anon.do("GET", "/-/recent", nil), 200, "anonymous recent")
	mustContain(t, anonRecent, `<time datetime="`+at.UTC().Format("2006-01-02")+`">`, "UTC days for anonymous readers")
	// Feeds are not per reader.
	feed := mustStatus(t, c.do("GET", "/-/feed/recent.atom", nil), 200, "feed")
	if !strings.Contains(feed, at.UTC().Format("2006-01-02T15:04")) {
		t.Errorf("the feed is not in UTC:\n%s", feed)
	}
}

// TestUseskinEverywhere: ?useskin= picks the skin of every HTML page, not
// only page views, and the router's error pages.
func TestUseskinEverywhere(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice", "sysop")
	put(t, srv, "Skinny", "text")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	for _, path := range []string{"/wiki/Skinny", "/-/edit/Skinny", "/-/history/Skinny", "/-/search?q=text", "/-/recent",
		"/-/preferences", "/-/move/Skinny", "/-/info/Skinny", "/-/source/Skinny", "/-/all", "/-/tokens", "/wiki/No_such_page"} {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		for _, sk := range []string{"minimal", "desktop"} {
			rec := c.do("GET", path+sep+"useskin="+sk, nil)
			if !strings.Contains(rec.Body.String(), `class="skin-`+sk) {
				t.Errorf("%s?useskin=%s (%d) is not in that skin", path, sk, rec.Code)
			}
		}
	}
	// Error pages: a bad route and a handler's error.
	for _, path := range []string{"/-/no-such-route?useskin=minimal", "/-/diff/999/1000?useskin=minimal"} {
		rec := newClient(t, srv).do("GET", path, nil)
		if rec.Code < 400 || !strings.Contains(rec.Body.String(), `class="skin-minimal`) {
			t.Errorf("%s = %d, not in the minimal skin", path, rec.Code)
		}
	}
	// An unknown skin falls back to the reader's, as MediaWiki.
	if rec := c.do("GET", "/-/recent?useskin=vector", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `class="skin-desktop`) {
		t.Errorf("useskin=vector = %d", rec.Code)
	}
}

// TestPreferencesOfflinePages: how many pages the service worker keeps is
// a select of the choices; it reaches the worker in the userinfo payload
// (offline-pages), the default's number is stored as the default, a form
// without the field keeps it, and another number is a 400.
func TestPreferencesOfflinePages(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	offline := func() int {
		t.Helper()
		var p struct {
			OfflinePages *int `json:"offline-pages"`
		}
		decode(t, c.do("GET", "/api/v1/userinfo", nil), &p)
		if p.OfflinePages == nil {
			t.Fatal("the userinfo payload has no offline-pages")
		}
		return *p.OfflinePages
	}
	if n := offline(); n != 100 {
		t.Fatalf("offline-pages by default = %d, want 100", n)
	}
	body := mustStatus(t, c.do("GET", "/-/preferences", nil), 200, "preferences")
	mustContain(t, body, `<select name="offline_pages"><option value="0">None (off)</option><option value="20">20</option><option value="" selected>100 (default)</option><option value="500">500</option></select>`, "offline select")

	c.setPrefs(url.Values{"offline_pages": {"20"}})
	if n := offline(); n != 20 {
		t.Fatalf("offline-pages after choosing 20 = %d", n)
	}
	c.setPrefs(url.Values{"skin": {"minimal"}}) // an older form, without the field
	if n := offline(); n != 20 {
		t.Fatalf("offline-pages after a form without it = %d, want 20 kept", n)
	}
	c.setPrefs(url.Values{"offline_pages": {"0"}})
	if n := offline(); n != 0 {
		t.Fatalf("offline-pages after choosing none = %d", n)
	}
	body = mustStatus(t, c.do("POST", "/-/preferences", url.Values{"csrf": {c.csrf("/-/preferences")}, "offline_pages": {"7"}}), http.StatusBadRequest, "offline_pages=7")
	mustContain(t, body, `The pages kept for offline reading must be one of [0 20 100 500].`, "error message")
	if n := offline(); n != 0 {
		t.Fatalf("offline-pages after a bad value = %d, want 0 kept", n)
	}
}
