package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// users creates accounts with names and returns their ids.
func users(t *testing.T, s store.Store, names ...string) []int64 {
	t.Helper()
	ids := make([]int64, len(names))
	for i, n := range names {
		u, err := s.CreateUser(ctx(t), store.User{Name: n})
		if err != nil {
			t.Fatalf("CreateUser(%s): %v", n, err)
		}
		ids[i] = u.ID
	}
	return ids
}

// watched returns the user's whole watchlist.
func watched(t *testing.T, s store.Store, userID int64) []store.WatchEntry {
	t.Helper()
	got, err := s.WatchedTitles(ctx(t), userID, "", 100)
	if err != nil {
		t.Fatalf("WatchedTitles(%d): %v", userID, err)
	}
	return got
}

func entryTitles(es []store.WatchEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Title)
	}
	return out
}

func watchers(t *testing.T, s store.Store, title string) []int64 {
	t.Helper()
	got, err := s.Watchers(ctx(t), title, 100)
	if err != nil {
		t.Fatalf("Watchers(%q): %v", title, err)
	}
	return got
}

// testWatch: watch, unwatch, expiry, replacing an expiry, paging,
// watchers, purging, a missing user.
func testWatch(t *testing.T, s store.Store) {
	ids := users(t, s, "Ann", "Ben")
	ann, ben := ids[0], ids[1]
	later := store.Now().Add(time.Hour)
	if err := s.Watch(ctx(t), ann, []string{"B", "A", "Talk:A", "B"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ann, []string{"C"}, later); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ben, []string{"A", "Gone"}, store.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	want := []store.WatchEntry{{Title: "A"}, {Title: "B"}, {Title: "C", Expires: later}, {Title: "Talk:A"}}
	if got := watched(t, s, ann); !reflect.DeepEqual(got, want) {
		t.Fatalf("WatchedTitles = %+v\nwant %+v", got, want)
	}
	if got := watched(t, s, ben); len(got) != 0 {
		t.Fatalf("expired entries = %+v, want none", got)
	}
	// Paging.
	page, err := s.WatchedTitles(ctx(t), ann, "A", 2)
	if err != nil || !reflect.DeepEqual(entryTitles(page), []string{"B", "C"}) {
		t.Fatalf("WatchedTitles after A, 2 = %+v, %v", page, err)
	}
	if page, err := s.WatchedTitles(ctx(t), ann, "", 0); err != nil || len(page) != 0 {
		t.Fatalf("WatchedTitles limit 0 = %+v, %v", page, err)
	}
	// Watchers: expired ones left out.
	if got := watchers(t, s, "A"); !reflect.DeepEqual(got, []int64{ann}) {
		t.Fatalf("Watchers(A) = %v, want [%d]", got, ann)
	}
	if err := s.Watch(ctx(t), ben, []string{"A"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := watchers(t, s, "A"); !reflect.DeepEqual(got, []int64{ann, ben}) {
		t.Fatalf("Watchers(A) = %v, want [%d %d]", got, ann, ben)
	}
	if got, err := s.Watchers(ctx(t), "A", 1); err != nil || !reflect.DeepEqual(got, []int64{ann}) {
		t.Fatalf("Watchers(A, 1) = %v, %v", got, err)
	}
	if got, err := s.Watchers(ctx(t), "A", 0); err != nil || len(got) != 0 {
		t.Fatalf("Watchers(A, 0) = %v, %v", got, err)
	}
	// Watch replaces the expiry: permanent becomes temporary and back.
	if err := s.Watch(ctx(t), ann, []string{"A", "C"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ann, []string{"B"}, later); err != nil {
		t.Fatal(err)
	}
	want = []store.WatchEntry{{Title: "A"}, {Title: "B", Expires: later}, {Title: "C"}, {Title: "Talk:A"}}
	if got := watched(t, s, ann); !reflect.DeepEqual(got, want) {
		t.Fatalf("after replacing expiries = %+v\nwant %+v", got, want)
	}
	// Unwatch, absent titles included.
	if err := s.Unwatch(ctx(t), ann, []string{"Talk:A", "A", "Never"}); err != nil {
		t.Fatal(err)
	}
	if got := entryTitles(watched(t, s, ann)); !reflect.DeepEqual(got, []string{"B", "C"}) {
		t.Fatalf("after Unwatch = %q, want [B C]", got)
	}
	if got := watchers(t, s, "A"); !reflect.DeepEqual(got, []int64{ben}) {
		t.Fatalf("Watchers(A) after Ann's unwatch = %v", got)
	}
	// Purge: Ben's expired Gone, nobody else's.
	if err := s.Watch(ctx(t), ann, []string{"Old"}, store.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	purged, err := s.PurgeExpiredWatches(ctx(t), store.Now())
	if err != nil || !reflect.DeepEqual(purged, []int64{ann, ben}) {
		t.Fatalf("PurgeExpiredWatches = %v, %v; want [%d %d]", purged, err, ann, ben)
	}
	if purged, err := s.PurgeExpiredWatches(ctx(t), store.Now()); err != nil || len(purged) != 0 {
		t.Fatalf("second PurgeExpiredWatches = %v, %v; want none", purged, err)
	}
	if got := entryTitles(watched(t, s, ann)); !reflect.DeepEqual(got, []string{"B", "C"}) {
		t.Fatalf("after purge = %q, want [B C]", got)
	}
	if err := s.Watch(ctx(t), 424242, []string{"A"}, time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Watch(missing user): err = %v, want ErrNotFound", err)
	}
}

// testWatchSave: a save puts WatchTitles on the editor's watchlist, marks
// the other watchers' entries once, and MarkSeen clears them.
func testWatchSave(t *testing.T, s store.Store) {
	ids := users(t, s, "Ann", "Ben", "Cat", "Dan")
	ann, ben, cat, dan := ids[0], ids[1], ids[2], ids[3]
	later := store.Now().Add(time.Hour).Truncate(time.Second)
	if err := s.Watch(ctx(t), ben, []string{"P", "Q", "Talk:P"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), cat, []string{"P"}, later); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), dan, []string{"P"}, store.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ann, []string{"Talk:P"}, later); err != nil {
		t.Fatal(err)
	}
	ts1 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	first := saveReq(t, s, store.SaveRequest{Title: "P", Text: "one", UserID: ann, UserName: "Ann", Timestamp: ts1,
		WatchTitles: []string{"P", "Talk:P"}})
	if !reflect.DeepEqual(first.Notified, []int64{ben, cat}) {
		t.Fatalf("Notified = %v, want [%d %d] (not the editor, not an expired entry)", first.Notified, ben, cat)
	}
	// Ann's talk page entry keeps its expiry; P is permanent.
	want := []store.WatchEntry{{Title: "P"}, {Title: "Talk:P", Expires: later}}
	if got := watched(t, s, ann); !reflect.DeepEqual(got, want) {
		t.Fatalf("editor's watchlist = %+v\nwant %+v", got, want)
	}
	// Dan's expired entry was not marked and is not watched.
	if got := watched(t, s, dan); len(got) != 0 {
		t.Fatalf("Dan's watchlist = %+v, want none", got)
	}
	// A second edit keeps the first time and notifies nobody anew.
	ts2 := ts1.Add(time.Hour)
	second := saveReq(t, s, store.SaveRequest{Title: "P", Text: "two", BaseRevID: first.Revision.ID, UserID: ann,
		UserName: "Ann", Timestamp: ts2})
	if len(second.Notified) != 0 {
		t.Fatalf("second save Notified = %v, want none", second.Notified)
	}
	want = []store.WatchEntry{{Title: "P", Notified: ts1}, {Title: "Q"}, {Title: "Talk:P"}}
	if got := watched(t, s, ben); !reflect.DeepEqual(got, want) {
		t.Fatalf("Ben's watchlist = %+v\nwant %+v", got, want)
	}
	// Ann's own edits mark nothing for her; an edit by Ben marks Ann's.
	third := saveReq(t, s, store.SaveRequest{Title: "P", Text: "three", BaseRevID: second.Revision.ID, UserID: ben,
		UserName: "Ben", Timestamp: ts2.Add(time.Hour)})
	if !reflect.DeepEqual(third.Notified, []int64{ann}) {
		t.Fatalf("Ben's save Notified = %v, want [%d]", third.Notified, ann)
	}
	// A null edit writes nothing.
	null := saveReq(t, s, store.SaveRequest{Title: "Q", Text: "q", UserID: ben, UserName: "Ben"})
	if len(null.Notified) != 0 {
		t.Fatalf("Ben's own save Notified = %v, want none", null.Notified)
	}
	if n := saveReq(t, s, store.SaveRequest{Title: "Q", Text: "q", BaseRevID: null.Revision.ID, UserID: cat,
		UserName: "Cat", WatchTitles: []string{"Q"}, Notify: []store.Notification{{UserID: ben, Kind: store.NotifyWatched}}}); !n.Unchanged || len(n.Notified) != 0 {
		t.Fatalf("null edit = %+v, want Unchanged and nobody notified", n)
	}
	if got := entryTitles(watched(t, s, cat)); !reflect.DeepEqual(got, []string{"P"}) {
		t.Fatalf("Cat's watchlist after a null edit = %q, want [P]", got)
	}
	if got, err := s.Notifications(ctx(t), ben, 0, 10); err != nil || len(got) != 0 {
		t.Fatalf("notifications after a null edit = %+v, %v; want none", got, err)
	}
	// An anonymous save notifies every watcher and watches nothing.
	anon := saveReq(t, s, store.SaveRequest{Title: "Q", Text: "q2", BaseRevID: null.Revision.ID, UserName: "10.0.0.1",
		WatchTitles: []string{"Q"}})
	if !reflect.DeepEqual(anon.Notified, []int64{ben}) {
		t.Fatalf("anonymous save Notified = %v, want [%d]", anon.Notified, ben)
	}
	// MarkSeen: some titles, then all.
	if err := s.Watch(ctx(t), ben, []string{"P"}, later); err != nil { // keeps Notified
		t.Fatal(err)
	}
	if got := watched(t, s, ben); got[0].Notified != ts1 || got[0].Expires != later {
		t.Fatalf("Watch over a marked entry = %+v, want Notified %v kept, expiry %v", got[0], ts1, later)
	}
	n, err := s.MarkSeen(ctx(t), ben, []string{"P", "Talk:P", "Nope"})
	if err != nil || n != 1 {
		t.Fatalf("MarkSeen(P, Talk:P) = %d, %v; want 1", n, err)
	}
	if n, err := s.MarkSeen(ctx(t), ben, []string{}); err != nil || n != 0 {
		t.Fatalf("MarkSeen(no titles) = %d, %v; want 0", n, err)
	}
	want = []store.WatchEntry{{Title: "P", Expires: later}, {Title: "Q", Notified: anon.Revision.Timestamp}, {Title: "Talk:P"}}
	if got := watched(t, s, ben); !reflect.DeepEqual(got, want) {
		t.Fatalf("Ben's watchlist after MarkSeen = %+v\nwant %+v", got, want)
	}
	if n, err := s.MarkSeen(ctx(t), ben, nil); err != nil || n != 1 {
		t.Fatalf("MarkSeen(all) = %d, %v; want 1", n, err)
	}
	for _, e := range watched(t, s, ben) {
		if !e.Notified.IsZero() {
			t.Fatalf("after MarkSeen(all): %+v", e)
		}
	}
	// Deleting a page leaves its watchers.
	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "P", UserName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	if got := watchers(t, s, "P"); !reflect.DeepEqual(got, []int64{ann, ben, cat}) {
		t.Fatalf("Watchers(P) after delete = %v", got)
	}
	// An expired entry is absent: watching it again, by Watch or by a
	// save, starts afresh (permanent for a save, and seen).
	soon := store.Now().Add(100 * time.Millisecond)
	if err := s.Watch(ctx(t), dan, []string{"R", "S"}, soon); err != nil {
		t.Fatal(err)
	}
	saveReq(t, s, store.SaveRequest{Title: "R", Text: "r", UserID: ben, UserName: "Ben"})
	saveReq(t, s, store.SaveRequest{Title: "S", Text: "s", UserID: ben, UserName: "Ben"})
	if got := watched(t, s, dan); len(got) != 2 || got[0].Notified.IsZero() || got[1].Notified.IsZero() {
		t.Fatalf("Dan's watchlist = %+v, want R and S marked", got)
	}
	time.Sleep(time.Until(soon) + 10*time.Millisecond)
	if err := s.Watch(ctx(t), dan, []string{"R"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	saveReq(t, s, store.SaveRequest{Title: "S", Text: "s2", BaseRevID: latest(t, s, "S"), UserID: dan, UserName: "Dan",
		WatchTitles: []string{"S"}})
	want = []store.WatchEntry{{Title: "R"}, {Title: "S"}}
	if got := watched(t, s, dan); !reflect.DeepEqual(got, want) {
		t.Fatalf("re-watched expired entries = %+v\nwant %+v", got, want)
	}
}

// testWatchlistChanges: changes of watched titles, moves under both
// titles, Since, HideOwn, HideMinor, limits.
func testWatchlistChanges(t *testing.T, s store.Store) {
	ids := users(t, s, "Ann", "Ben")
	ann, ben := ids[0], ids[1]
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	a := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a", UserID: ben, UserName: "Ben", Timestamp: at(0)})
	saveReq(t, s, store.SaveRequest{Title: "Unwatched", Text: "u", UserID: ben, UserName: "Ben", Timestamp: at(1)})
	a2 := saveReq(t, s, store.SaveRequest{Title: "A", Text: "a2", BaseRevID: a.Revision.ID, UserID: ann,
		UserName: "Ann", Timestamp: at(2)})
	saveReq(t, s, store.SaveRequest{Title: "A", Text: "a3", BaseRevID: a2.Revision.ID, UserID: ben, UserName: "Ben",
		Minor: true, Timestamp: at(3)})
	saveReq(t, s, store.SaveRequest{Title: "M", Text: "m", UserID: ben, UserName: "Ben", Timestamp: at(4)})
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "M", To: "N", UserID: ben, UserName: "Ben",
		Timestamp: at(5)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "N", To: "O", UserID: ben, UserName: "Ben",
		Timestamp: at(6)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ann, []string{"A", "O"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ann, []string{"M"}, store.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	list := func(q store.WatchlistQuery) []string {
		t.Helper()
		q.UserID = ann
		got, err := s.WatchlistChanges(ctx(t), q)
		if err != nil {
			t.Fatalf("WatchlistChanges(%+v): %v", q, err)
		}
		out := []string{}
		for _, c := range got {
			out = append(out, c.Kind+" "+c.Title+">"+c.Target+" "+c.UserName)
		}
		return out
	}
	check := func(q store.WatchlistQuery, want ...string) {
		t.Helper()
		if got := list(q); !reflect.DeepEqual(got, want) && (len(got) != 0 || len(want) != 0) {
			t.Fatalf("WatchlistChanges(%+v) =\n%q\nwant\n%q", q, got, want)
		}
	}
	moveNO, editA3, editA2, newA := "move N>O Ben", "edit A> Ben", "edit A> Ann", "new A> Ben"
	check(store.WatchlistQuery{Limit: 10}, moveNO, editA3, editA2, newA)
	check(store.WatchlistQuery{Limit: 2}, moveNO, editA3)
	check(store.WatchlistQuery{Limit: 0})
	check(store.WatchlistQuery{Limit: 10, Since: at(2)}, moveNO, editA3, editA2)
	check(store.WatchlistQuery{Limit: 10, HideOwn: true}, moveNO, editA3, newA)
	check(store.WatchlistQuery{Limit: 10, HideMinor: true}, moveNO, editA2, newA)
	// Watching the middle title shows both moves; the old one too.
	if err := s.Watch(ctx(t), ann, []string{"N"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	check(store.WatchlistQuery{Limit: 10, Since: at(4)}, moveNO, "move M>N Ben")
	if err := s.Watch(ctx(t), ann, []string{"M"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	check(store.WatchlistQuery{Limit: 10, Since: at(4)}, moveNO, "move M>N Ben", "new M> Ben")
	// Imports.
	saveReq(t, s, store.SaveRequest{Title: "A", Text: "imported", BaseRevID: 0 + latest(t, s, "A"),
		UserName: store.ImportUserName, Timestamp: at(7)})
	check(store.WatchlistQuery{Limit: 1, Since: at(7)}, "edit A> "+store.ImportUserName)
	check(store.WatchlistQuery{Limit: 10, Since: at(7), HideImports: true})
}

func latest(t *testing.T, s store.Store, title string) int64 {
	t.Helper()
	p, err := s.PageByTitle(ctx(t), title)
	if err != nil {
		t.Fatal(err)
	}
	return p.LatestRev
}

// testWatchMove: MovePage copies the unexpired entries of each pair's old
// title to its new one, keeping their expiry and an entry already there.
func testWatchMove(t *testing.T, s store.Store) {
	ids := users(t, s, "Ann", "Ben", "Cat")
	ann, ben, cat := ids[0], ids[1], ids[2]
	later := store.Now().Add(time.Hour)
	even := store.Now().Add(2 * time.Hour)
	if err := s.Watch(ctx(t), ann, []string{"Old", "Talk:Old"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ben, []string{"Old"}, later); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), ben, []string{"New"}, even); err != nil {
		t.Fatal(err)
	}
	if err := s.Watch(ctx(t), cat, []string{"Old"}, store.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	marked := saveReq(t, s, store.SaveRequest{Title: "Old", Text: "x", UserName: "10.0.0.1"}).Revision.Timestamp
	if _, err := s.MovePage(ctx(t), store.MoveRequest{From: "Old", To: "New", UserName: "Mover", LeaveRedirect: true,
		RedirectText: "#REDIRECT [[New]]", WatchMoves: [][2]string{{"Old", "New"}, {"Talk:Old", "Talk:New"}}}); err != nil {
		t.Fatal(err)
	}
	// The copies are seen; the old entries stay as they were.
	want := []store.WatchEntry{{Title: "New"}, {Title: "Old", Notified: marked}, {Title: "Talk:New"}, {Title: "Talk:Old"}}
	if got := watched(t, s, ann); !reflect.DeepEqual(got, want) {
		t.Fatalf("Ann's watchlist after the move = %+v\nwant %+v", got, want)
	}
	want = []store.WatchEntry{{Title: "New", Expires: even}, {Title: "Old", Expires: later, Notified: marked}}
	if got := watched(t, s, ben); !reflect.DeepEqual(got, want) {
		t.Fatalf("Ben's watchlist after the move = %+v\nwant %+v", got, want)
	}
	if got := watched(t, s, cat); len(got) != 0 {
		t.Fatalf("Cat's expired entry was copied: %+v", got)
	}
}

// testNotifications: a save's Notify rows, listing, paging, counts, and
// marking read by ids, by kind and all.
func testNotifications(t *testing.T, s store.Store) {
	ids := users(t, s, "Ann", "Ben")
	ann, ben := ids[0], ids[1]
	ts := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	res := saveReq(t, s, store.SaveRequest{Title: "User_talk:Ann", Text: "hi", Summary: "hello", UserID: ben,
		UserName: "Ben", Timestamp: ts, Notify: []store.Notification{{UserID: ann, Kind: store.NotifyTalk}}})
	for i, kind := range []string{store.NotifyWatched, store.NotifyMention, store.NotifyTalk, store.NotifyCreated} {
		saveReq(t, s, store.SaveRequest{Title: "Page", Text: kind, BaseRevID: latest0(t, s, "Page"), UserID: ben,
			UserName: "Ben", Timestamp: ts.Add(time.Duration(i+1) * time.Minute),
			Notify: []store.Notification{{UserID: ann, Kind: kind}, {UserID: ben, Kind: store.NotifyWatched}}})
	}
	all, err := s.Notifications(ctx(t), ann, 0, 10)
	if err != nil || len(all) != 5 {
		t.Fatalf("Notifications = %+v, %v; want 5", all, err)
	}
	first := all[4]
	want := store.Notification{ID: first.ID, UserID: ann, Kind: store.NotifyTalk, Title: "User_talk:Ann",
		RevID: res.Revision.ID, Agent: "Ben", Summary: "hello", Created: ts}
	if first != want {
		t.Fatalf("oldest notification = %+v\nwant %+v", first, want)
	}
	var kinds []string
	for i, n := range all {
		kinds = append(kinds, n.Kind)
		if i > 0 && n.ID >= all[i-1].ID {
			t.Fatalf("Notifications not newest first: %+v", all)
		}
	}
	if !reflect.DeepEqual(kinds, []string{"created", "talk", "mention", "watched", "talk"}) {
		t.Fatalf("kinds = %q", kinds)
	}
	page, err := s.Notifications(ctx(t), ann, all[1].ID, 2)
	if err != nil || len(page) != 2 || page[0] != all[2] || page[1] != all[3] {
		t.Fatalf("Notifications before %d, 2 = %+v, %v", all[1].ID, page, err)
	}
	if got, err := s.Notifications(ctx(t), ann, 0, 0); err != nil || len(got) != 0 {
		t.Fatalf("Notifications limit 0 = %+v, %v", got, err)
	}
	counts := func(userID int64, want store.NotificationCounts) {
		t.Helper()
		if got, err := s.NotificationCounts(ctx(t), userID); err != nil || got != want {
			t.Fatalf("NotificationCounts(%d) = %+v, %v; want %+v", userID, got, err, want)
		}
	}
	counts(ann, store.NotificationCounts{Unread: 5, UnreadTalk: 2})
	counts(ben, store.NotificationCounts{Unread: 4})
	mark := func(userID int64, kind string, ids []int64, want int) {
		t.Helper()
		if n, err := s.MarkNotificationsRead(ctx(t), userID, kind, ids); err != nil || n != want {
			t.Fatalf("MarkNotificationsRead(%d, %q, %v) = %d, %v; want %d", userID, kind, ids, n, err, want)
		}
	}
	mark(ben, "", []int64{all[0].ID}, 0) // Ann's, not Ben's
	mark(ann, "", []int64{}, 0)
	mark(ann, "", []int64{all[0].ID, all[2].ID}, 2)
	mark(ann, "", []int64{all[0].ID}, 0) // already read
	counts(ann, store.NotificationCounts{Unread: 3, UnreadTalk: 2})
	mark(ann, store.NotifyTalk, nil, 2)
	counts(ann, store.NotificationCounts{Unread: 1})
	mark(ann, store.NotifyTalk, []int64{all[3].ID}, 0) // a watched one
	mark(ann, "", nil, 1)
	counts(ann, store.NotificationCounts{})
	counts(ben, store.NotificationCounts{Unread: 4})
	all, _ = s.Notifications(ctx(t), ann, 0, 10)
	for _, n := range all {
		if !n.Read {
			t.Fatalf("unread after marking all: %+v", n)
		}
	}
	if _, err := s.SaveRevision(ctx(t), store.SaveRequest{Title: "Page", Text: "bad", BaseRevID: latest0(t, s, "Page"),
		Notify: []store.Notification{{UserID: 424242, Kind: store.NotifyWatched}}}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("notifying a missing user: err = %v, want ErrNotFound", err)
	}
	if got, _ := s.LatestRevision(ctx(t), "Page"); got.Text == "bad" {
		t.Fatal("a failed notification left the save in place")
	}
}

// latest0 is the current revision of title, or 0 when there is none.
func latest0(t *testing.T, s store.Store, title string) int64 {
	t.Helper()
	id, err := store.LatestRevID(ctx(t), s, title)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
