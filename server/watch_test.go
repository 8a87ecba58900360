package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
)

// fetchJSON posts form as the watch star's script does: with the CSRF
// token in X-CSRF-Token and asking for JSON.
func (c *client) fetchJSON(target, token string, form url.Values) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", token)
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec
}

// watched lists the titles on a user's watchlist and their expiries.
func watched(t *testing.T, srv *server.Server, userID int64) map[string]time.Time {
	t.Helper()
	entries, err := srv.Store.WatchedTitles(context.Background(), userID, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]time.Time{}
	for _, e := range entries {
		out[e.Title] = e.Expires
	}
	return out
}

func titlesOf(m map[string]time.Time) []string {
	var ts []string
	for t := range m {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}

// saveBy saves a page as a registered user and returns the revision id.
func saveBy(t *testing.T, srv *server.Server, u store.User, title, text, summary string, minor bool) int64 {
	t.Helper()
	base := int64(0)
	if p, err := srv.Store.PageByTitle(context.Background(), title); err == nil {
		base = p.LatestRev
	}
	res, err := srv.Saver.Save(context.Background(), pageinfo.Edit{Title: title, Text: text, BaseRevID: base,
		UserID: u.ID, UserName: u.Name, Summary: summary, Minor: minor})
	if err != nil {
		t.Fatal(err)
	}
	return res.Revision.ID
}

// TestWatchPage: watching and unwatching by form (GET asks, POST does it,
// 303 back to the page) and by a script (JSON), always a page with its
// talk page, a missing page too; the expiry of MediaWiki's choices; bad
// input is a 400 with the form, a missing CSRF token a 403, anonymous
// readers go to the login form.
func TestWatchPage(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		alice := createUser(t, srv, "Alice")

		anon := newClient(t, srv)
		if rec := anon.do("GET", "/-/watch/Missing_page", nil); rec.Code != http.StatusSeeOther ||
			rec.Header().Get("Location") != "/-/login?returnto=Missing_page" {
			t.Fatalf("anonymous GET /-/watch = %d to %q", rec.Code, rec.Header().Get("Location"))
		}

		c := newClient(t, srv)
		c.mustLogin("Alice")
		form := mustStatus(t, c.do("GET", "/-/watch/Missing_page", nil), http.StatusOK, "the watch form")
		mustContain(t, form, `<form method="post" action="/-/watch/Missing_page" class="watch">`, "the watch form")
		mustContain(t, form, `<option value="infinite" selected>Permanent</option><option value="1 week">1 week</option>`, "the expiry select")
		mustContain(t, form, `href="/wiki/Talk:Missing_page"`, "the talk page named")
		csrf := csrfField.FindStringSubmatch(form)[1]
		legacy := c.do("GET", "/wiki/Missing_page?action=watch&watchlistexpiry=1+month", nil)
		if legacy.Code/100 != 3 || legacy.Header().Get("Location") != "/-/watch/Missing_page?expiry=1+month" {
			t.Fatalf("?action=watch = %d to %q", legacy.Code, legacy.Header().Get("Location"))
		}
		mustContain(t, mustStatus(t, c.do("GET", legacy.Header().Get("Location"), nil), http.StatusOK, "the watch form of ?action=watch"),
			`<option value="1 month" selected>`, "the expiry of the URL")

		if rec := c.do("POST", "/-/watch/Missing_page", url.Values{"expiry": {"infinite"}}); rec.Code != http.StatusForbidden {
			t.Fatalf("POST without CSRF = %d", rec.Code)
		}
		body := mustStatus(t, c.do("POST", "/-/watch/Missing_page", url.Values{"csrf": {csrf}, "expiry": {"2 fortnights"}}), http.StatusBadRequest, "a bad expiry")
		mustContain(t, body, "Choose how long to watch the page", "the bad expiry's message")
		mustContain(t, body, `action="/-/watch/Missing_page" class="watch"`, "the form again")
		if rec := c.do("POST", "/-/watch/Bad%7Ctitle", url.Values{"csrf": {csrf}}); rec.Code != http.StatusBadRequest {
			t.Fatalf("watching a bad title = %d", rec.Code)
		}
		if w := watched(t, srv, alice.ID); len(w) != 0 {
			t.Fatalf("refused watches watched %v", w)
		}

		rec := c.do("POST", "/-/watch/Missing_page", url.Values{"csrf": {csrf}, "expiry": {"infinite"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/Missing_page" {
			t.Fatalf("watch = %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		w := watched(t, srv, alice.ID)
		if got := titlesOf(w); !slices.Equal(got, []string{"Missing_page", "Talk:Missing_page"}) || !w["Missing_page"].IsZero() {
			t.Fatalf("after watching, the watchlist is %v", w)
		}
		if u := c.userInfo(srv); !u.Watched.Has("Missing_page") || !u.Watched.Has("Talk:Missing_page") {
			t.Fatal("the session's UserInfo does not have the watched pages (the star)")
		}

		// The unwatch form, then a script's unwatch.
		mustContain(t, mustStatus(t, c.do("GET", "/-/unwatch/Missing_page", nil), http.StatusOK, "the unwatch form"),
			`action="/-/unwatch/Missing_page" class="watch"`, "the unwatch form")
		rec = c.fetchJSON("/-/unwatch/Talk:Missing_page", csrf, url.Values{})
		var ans struct {
			Watched bool   `json:"watched"`
			Expires string `json:"expires"`
		}
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &ans) != nil || ans.Watched || ans.Expires != "" {
			t.Fatalf("JSON unwatch = %d %s", rec.Code, rec.Body.String())
		}
		if w := watched(t, srv, alice.ID); len(w) != 0 {
			t.Fatalf("unwatching the talk page left %v", w)
		}
		if u := c.userInfo(srv); u.Watched.Has("Missing_page") {
			t.Fatal("the session's UserInfo still has the unwatched page")
		}

		// A script's watch for a week, of a talk page: its subject page too.
		before := time.Now()
		rec = c.fetchJSON("/-/watch/Talk:Birds", csrf, url.Values{"expiry": {"1 week"}})
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &ans) != nil || !ans.Watched {
			t.Fatalf("JSON watch = %d %s", rec.Code, rec.Body.String())
		}
		until, err := time.Parse(time.RFC3339, ans.Expires)
		if err != nil || until.Before(before.AddDate(0, 0, 7).Add(-time.Second)) || until.After(time.Now().AddDate(0, 0, 7)) {
			t.Fatalf("a week's watch expires %q (%v)", ans.Expires, err)
		}
		w = watched(t, srv, alice.ID)
		if got := titlesOf(w); !slices.Equal(got, []string{"Birds", "Talk:Birds"}) || !w["Birds"].Equal(until) && w["Birds"].Sub(until).Abs() > time.Second {
			t.Fatalf("after a week's watch of Talk:Birds, the watchlist is %v", w)
		}
		if rec := c.fetchJSON("/-/watch/Birds", csrf, url.Values{"expiry": {"forever and a day"}}); rec.Code != http.StatusBadRequest ||
			!strings.Contains(rec.Body.String(), `"error"`) {
			t.Fatalf("JSON watch with a bad expiry = %d %s", rec.Code, rec.Body.String())
		}
		if rec := c.fetchJSON("/-/watch/Birds", "", url.Values{}); rec.Code != http.StatusForbidden {
			t.Fatalf("JSON watch without CSRF = %d", rec.Code)
		}
		if rec := c.fetchJSON("/-/watch/Special:Random", csrf, url.Values{}); rec.Code/100 != 4 {
			t.Fatalf("watching a special page = %d %s", rec.Code, rec.Body.String())
		}
	})
}

// TestWatchExpiry: an entry whose expiry passed is gone from every read —
// the watchlist, its editor — and the purge deletes it.
func TestWatchExpiry(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	ctx := context.Background()
	if err := srv.Store.Watch(ctx, alice.ID, []string{"Old", "Talk:Old"}, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := srv.Store.Watch(ctx, alice.ID, []string{"Fresh", "Talk:Fresh"}, time.Now().Add(72*time.Hour-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got := titlesOf(watched(t, srv, alice.ID)); !slices.Equal(got, []string{"Fresh", "Talk:Fresh"}) {
		t.Fatalf("the watchlist with an expired entry = %v", got)
	}
	c := newClient(t, srv)
	c.mustLogin("Alice")
	body := mustStatus(t, c.do("GET", "/-/watchlist/edit", nil), http.StatusOK, "the watchlist editor")
	mustContain(t, body, `value="Fresh"> <a href="/wiki/Fresh">Fresh</a></label> <span class="watchlist-expiry">(3 days left)</span>`, "a temporary watch")
	if strings.Contains(body, "/wiki/Old") {
		t.Fatalf("the editor lists an expired watch:\n%s", body)
	}
	n, err := srv.PurgeExpiredWatches(ctx, time.Now())
	if err != nil || n != 1 {
		t.Fatalf("PurgeExpiredWatches = %d, %v; want 1 user", n, err)
	}
	if n, err := srv.PurgeExpiredWatches(ctx, time.Now()); err != nil || n != 0 {
		t.Fatalf("a second purge = %d, %v", n, err)
	}

	// The background loop purges as it starts.
	if err := srv.Store.Watch(ctx, alice.ID, []string{"Gone", "Talk:Gone"}, time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	loop, stop := context.WithTimeout(ctx, 50*time.Millisecond)
	defer stop()
	srv.RunWatchPurge(loop, time.Hour)
	if n, err := srv.PurgeExpiredWatches(ctx, time.Now()); err != nil || n != 0 {
		t.Fatalf("after the loop's first round, a purge = %d, %v; want nothing left", n, err)
	}
}

// TestWatchlist: Alice watches a page; Bob's edit of it shows on her
// watchlist, by day, unseen (bold, with words for screen readers) until she
// marks all seen; her own change is not unseen and hideown hides it. The
// editor removes titles with their talk pages.
func TestWatchlist(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		alice, bob := createUser(t, srv, "Alice"), createUser(t, srv, "Bob")
		createUser(t, srv, "Carol")
		saveBy(t, srv, alice, "Lake", "A lake.", "new lake", false)

		if rec := newClient(t, srv).do("GET", "/-/watchlist", nil); rec.Code != http.StatusSeeOther ||
			rec.Header().Get("Location") != "/-/login?returnto=Special%3AWatchlist" {
			t.Fatalf("anonymous GET /-/watchlist = %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		carol := newClient(t, srv)
		carol.mustLogin("Carol")
		mustContain(t, mustStatus(t, carol.do("GET", "/-/watchlist", nil), http.StatusOK, "an empty watchlist"),
			"Your watchlist is empty.", "an empty watchlist")

		c := newClient(t, srv)
		c.mustLogin("Alice")
		csrf := c.csrf("/-/watch/Lake")
		mustStatus(t, c.do("POST", "/-/watch/Lake", url.Values{"csrf": {csrf}}), http.StatusSeeOther, "watch Lake")
		if err := srv.Store.Watch(context.Background(), alice.ID, []string{"Pond", "Talk:Pond"}, time.Time{}); err != nil {
			t.Fatal(err)
		}
		saveBy(t, srv, bob, "Lake", "A large lake.", "bigger", false)
		saveBy(t, srv, bob, "Elsewhere", "Not watched.", "", false)

		rec := c.do("GET", "/-/watchlist", nil)
		body := mustStatus(t, rec, http.StatusOK, "the watchlist")
		if cc := rec.Header().Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
			t.Fatalf("the watchlist's Cache-Control = %q", cc)
		}
		mustContain(t, body, `<h2 class="recent-day"><time datetime="`+time.Now().UTC().Format("2006-01-02")+`">`, "the day heading")
		mustContain(t, body, `<li class="mw-changeslist-line-watched">`, "Bob's change, unseen")
		mustContain(t, body, `<strong class="mw-title"><a href="/wiki/Lake">Lake</a></strong><span class="visually-hidden"> (unseen change)</span>`, "the unseen mark")
		mustContain(t, body, `<span class="summary">bigger</span>`, "Bob's summary")
		mustContain(t, body, `<span class="summary">new lake</span>`, "Alice's change")
		mustContain(t, body, `class="mw-plusminus-pos"`, "the size change")
		mustContain(t, body, `<a href="/-/history/Lake">hist</a>`, "the history link")
		mustContain(t, body, `You watch 2 pages (and their talk pages).`, "the count of watched pages")
		mustContain(t, body, `href="/-/watchlist/edit"`, "the editor's link")
		if n := strings.Count(body, "mw-changeslist-line-watched"); n != 1 {
			t.Fatalf("%d unseen lines, want 1 (Bob's):\n%s", n, body)
		}
		if strings.Contains(body, "Elsewhere") {
			t.Fatalf("the watchlist lists a page not watched:\n%s", body)
		}
		if own := mustStatus(t, c.do("GET", "/-/watchlist?hideown=1&days=3", nil), http.StatusOK, "hideown"); strings.Contains(own, "new lake") ||
			!strings.Contains(own, "bigger") {
			t.Fatalf("hideown=1 still lists Alice's change, or not Bob's:\n%s", own)
		}
		mustContain(t, mustStatus(t, c.do("GET", "/-/watchlist?days=31", nil), http.StatusOK, "days=31"),
			"<strong>30 days</strong>", "days=31 taken as the most, 30")

		// Mark all seen.
		csrf = csrfField.FindStringSubmatch(body)[1]
		if rec := c.do("POST", "/-/watchlist", url.Values{}); rec.Code != http.StatusForbidden {
			t.Fatalf("mark seen without CSRF = %d", rec.Code)
		}
		rec = c.do("POST", "/-/watchlist?days=3", url.Values{"csrf": {csrf}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/-/watchlist?days=3" {
			t.Fatalf("mark all seen = %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		body = mustStatus(t, c.do("GET", "/-/watchlist", nil), http.StatusOK, "the watchlist once seen")
		if strings.Contains(body, "mw-changeslist-line-watched") || strings.Contains(body, "Mark all pages as seen") {
			t.Fatalf("changes still unseen after marking all seen:\n%s", body)
		}

		// The editor: subject pages only; removing one removes its talk page.
		body = mustStatus(t, c.do("GET", "/-/watchlist/edit", nil), http.StatusOK, "the watchlist editor")
		mustContain(t, body, `<input type="checkbox" name="title" value="Lake">`, "Lake")
		mustContain(t, body, `<input type="checkbox" name="title" value="Pond">`, "Pond")
		if strings.Contains(body, `value="Talk:Lake"`) {
			t.Fatalf("the editor lists a talk page beside its subject:\n%s", body)
		}
		if rec := c.do("POST", "/-/watchlist/edit", url.Values{"csrf": {csrf}, "title": {"Bad|title"}}); rec.Code != http.StatusBadRequest {
			t.Fatalf("removing a bad title = %d", rec.Code)
		}
		rec = c.do("POST", "/-/watchlist/edit", url.Values{"csrf": {csrf}, "title": {"Lake"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/-/watchlist/edit?removed=1" {
			t.Fatalf("remove = %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		mustContain(t, mustStatus(t, c.do("GET", rec.Header().Get("Location"), nil), http.StatusOK, "the editor after removing"),
			"1 page (and its talk page) removed from your watchlist.", "the notice")
		if got := titlesOf(watched(t, srv, alice.ID)); !slices.Equal(got, []string{"Pond", "Talk:Pond"}) {
			t.Fatalf("after removing Lake, the watchlist is %v", got)
		}
	})
}

// TestWatchlistFeed: the feed answers the owner's token only, in constant
// time, the same 403 for a wrong token, a missing one and an unknown user;
// resetting the token in the preferences retires the old address.
func TestWatchlistFeed(t *testing.T) {
	srv, _ := newServer(t)
	alice, bob := createUser(t, srv, "Alice"), createUser(t, srv, "Bob")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	if err := srv.Store.Watch(context.Background(), alice.ID, []string{"Lake", "Talk:Lake"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	saveBy(t, srv, bob, "Lake", "A lake.", "a lake appears", false)
	prefs := mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences")
	mustContain(t, prefs, `name="watchlist_token" value="reset">Create token</button>`, "no token yet")
	mustStatus(t, c.do("GET", "/-/feed/watchlist.atom?user=Alice&token=", nil), http.StatusForbidden, "the feed before any token")

	token := resetFeedToken(t, c)
	rec := get(t, srv, "GET", "/-/feed/watchlist.atom?user=Alice&token="+token)
	body := mustStatus(t, rec, http.StatusOK, "the feed")
	if ct, cc := rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"); !strings.Contains(ct, "atom") || !strings.HasPrefix(cc, "private") {
		t.Fatalf("the feed's Content-Type %q, Cache-Control %q", ct, cc)
	}
	mustContain(t, body, `<title type="text">Lake (new page)</title>`, "Bob's change")
	mustContain(t, body, "a lake appears", "its summary")

	wrong := mustStatus(t, get(t, srv, "GET", "/-/feed/watchlist.atom?user=Alice&token=0123456789abcdef0123456789abcdef"), http.StatusForbidden, "a wrong token")
	mustContain(t, wrong, "Wrong or missing watchlist token", "the refusal")
	for _, q := range []string{"user=Nobody&token=" + token, "user=Alice", "token=" + token, "user=Bob&token=" + token, "user=%3C%3E&token=x"} {
		if rec := get(t, srv, "GET", "/-/feed/watchlist.atom?"+q); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "Wrong or missing watchlist token") {
			t.Errorf("the feed with %s = %d", q, rec.Code)
		}
	}

	next := resetFeedToken(t, c)
	if next == token {
		t.Fatal("a reset kept the token")
	}
	mustStatus(t, get(t, srv, "GET", "/-/feed/watchlist.atom?user=Alice&token="+token), http.StatusForbidden, "the old token")
	mustStatus(t, get(t, srv, "GET", "/-/feed/watchlist.atom?user=Alice&token="+next), http.StatusOK, "the new token")
}

// resetFeedToken presses "Reset token" in the preferences and returns the
// new token, read from the feed address they show.
func resetFeedToken(t *testing.T, c *client) string {
	t.Helper()
	rec := c.do("POST", "/-/preferences", url.Values{"csrf": {c.csrf("/-/preferences")}, "watchlist_token": {"reset"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("reset the watchlist token = %d\n%s", rec.Code, rec.Body.String())
	}
	prefs := mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences")
	i := strings.Index(prefs, "/-/feed/watchlist.atom?")
	if i < 0 {
		t.Fatalf("the preferences show no feed address:\n%s", prefs)
	}
	addr := prefs[i:]
	addr = strings.ReplaceAll(addr[:strings.Index(addr, `"`)], "&amp;", "&")
	u, err := url.Parse(addr)
	if err != nil || u.Query().Get("user") != "Alice" || len(u.Query().Get("token")) != 32 {
		t.Fatalf("the feed address %q (%v)", addr, err)
	}
	return u.Query().Get("token")
}

// TestWatchlistPreferences: the two watchlist checkboxes save (watching
// one's edits is on by default, notifications off), and saving the
// preferences keeps the watchlist token.
func TestWatchlistPreferences(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	body := mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences")
	mustContain(t, body, `<input type="checkbox" name="watchdefault" value="1" checked> Add pages I edit, create or move to my watchlist`, "watch my edits, on")
	mustContain(t, body, `<input type="checkbox" name="notify_watched" value="1"> Notify me when someone else edits a page on my watchlist`, "notify, off")
	token := resetFeedToken(t, c)

	c.setPrefs(url.Values{"watch_prefs": {"1"}, "notify_watched": {"1"}, "timezone": {"Europe/Paris"}})
	p, err := srv.Users.Preferences(context.Background(), alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.WatchesEdits() || !p.NotifiesWatched() || p.Timezone != "Europe/Paris" {
		t.Fatalf("saved preferences %+v", p)
	}
	body = mustStatus(t, c.do("GET", "/-/preferences", nil), http.StatusOK, "preferences after a save")
	mustContain(t, body, `<input type="checkbox" name="watchdefault" value="1"> Add pages`, "watch my edits, off")
	mustContain(t, body, `<input type="checkbox" name="notify_watched" value="1" checked> Notify me`, "notify, on")
	mustContain(t, body, "token="+token, "the token kept by the save")
	mustStatus(t, get(t, srv, "GET", "/-/feed/watchlist.atom?user=Alice&token="+token), http.StatusOK, "the feed after a save of the preferences")

	// A form without the checkboxes (an older page) leaves them.
	c.setPrefs(url.Values{"timezone": {"Asia/Tokyo"}})
	if p, _ := srv.Users.Preferences(context.Background(), alice.ID); p.WatchesEdits() || !p.NotifiesWatched() {
		t.Fatalf("a form without the watchlist boxes changed them: %+v", p)
	}
}

// TestWatchStar: the page view's star posts to the watch action, which
// sends the reader back to a view whose star now unwatches.
func TestWatchStar(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	view := mustStatus(t, c.do("GET", "/wiki/Main_Page", nil), http.StatusOK, "the page view")
	mustContain(t, view, `<form method="post" action="/-/watch/Main_Page" class="watch-star"`, "the star, to watch")
	rec := c.do("POST", "/-/watch/Main_Page", url.Values{"csrf": {csrfField.FindStringSubmatch(view)[1]}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/Main_Page" {
		t.Fatalf("the star's POST = %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	view = mustStatus(t, c.do("GET", "/wiki/Main_Page", nil), http.StatusOK, "the page view once watched")
	mustContain(t, view, `<form method="post" action="/-/unwatch/Main_Page" class="watch-star"`, "the star, to unwatch")
}
