package notify_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/foliowiki/folio/notify"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// refreshed records the users a Notifier refreshes.
type refreshed struct{ ids []int64 }

func (r *refreshed) Refresh(_ context.Context, ids ...int64) error {
	r.ids = append(r.ids, ids...)
	return nil
}

type fixture struct {
	st    *sqlite.Store
	saver *pageinfo.Saver
	ref   *refreshed
	users map[string]int64
}

func newFixture(t *testing.T, names ...string) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pages, err := pageinfo.NewCache(st, pageinfo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pages.Close)
	f := &fixture{st: st, saver: pageinfo.NewSaver(st, pages, 1<<20), ref: &refreshed{}, users: map[string]int64{}}
	f.saver.Notifier = notify.New(st, f.ref, nil)
	for _, n := range names {
		u, err := st.CreateUser(ctx, store.User{Name: n, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		f.users[n] = u.ID
	}
	return f
}

// save saves text on title as user and returns the notifications it sent
// (who got which kind).
func (f *fixture) save(t *testing.T, user, title, text string) map[string]string {
	t.Helper()
	ctx := context.Background()
	var base int64
	if rev, err := f.st.LatestRevision(ctx, title); err == nil {
		base = rev.ID
	}
	before := map[string]int{}
	for name, id := range f.users {
		ns, err := f.st.Notifications(ctx, id, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		before[name] = len(ns)
	}
	f.ref.ids = nil
	res, err := f.saver.Save(ctx, pageinfo.Edit{Title: title, Text: text, BaseRevID: base, UserID: f.users[user], UserName: user})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for name, id := range f.users {
		ns, err := f.st.Notifications(ctx, id, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		switch len(ns) - before[name] {
		case 0:
		case 1:
			got[name] = ns[0].Kind
			if ns[0].RevID != res.Revision.ID || ns[0].Agent != user || ns[0].Title != title {
				t.Errorf("%s's notification = %+v", name, ns[0])
			}
			if !slices.Contains(f.ref.ids, id) {
				t.Errorf("%s was notified but not refreshed (refreshed %v)", name, f.ref.ids)
			}
		default:
			t.Errorf("%s got %d notifications for one save", name, len(ns)-before[name])
		}
	}
	return got
}

func TestRecipients(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "Alice", "Bob", "Carol", "Dave", "Erin")
	if err := f.st.SetPreferences(ctx, f.users["Dave"], map[string]string{"notify_watched": "1"}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Dave", "Erin", "Alice"} {
		if err := f.st.Watch(ctx, f.users[w], []string{"Topic", "Talk:Topic"}, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		user, title, text string
		want              map[string]string
	}{
		// Alice creates Topic: Dave is told (he asked), Erin is not.
		{"Alice", "Topic", "First.", map[string]string{"Dave": store.NotifyWatched}},
		// Bob edits it: Alice created it (created comes before watched).
		{"Bob", "Topic", "Second.", map[string]string{"Alice": store.NotifyCreated, "Dave": store.NotifyWatched}},
		// Alice edits her own page: only Dave.
		{"Alice", "Topic", "Third.", map[string]string{"Dave": store.NotifyWatched}},
		// Bob writes on Alice's talk page, mentioning Carol and a user who
		// does not exist.
		{"Bob", "User_talk:Alice", "Hi, see [[User:Carol]] and [[User:Nobody]].",
			map[string]string{"Alice": store.NotifyTalk, "Carol": store.NotifyMention}},
		// Again, keeping the mention and adding Alice's own: Alice (talk
		// first), not Carol again.
		{"Bob", "User_talk:Alice", "Hi, see [[User:Carol]] and [[User:Nobody]]. And [[User:Alice]].",
			map[string]string{"Alice": store.NotifyTalk}},
		// Alice answers on her own talk page, mentioning Bob.
		{"Alice", "User_talk:Alice", "Hi, see [[User:Carol]]. And [[User:Alice]]. [[User:Bob]]: thanks",
			map[string]string{"Bob": store.NotifyMention}},
		// A mention on a page that is not a talk page is none.
		{"Bob", "Elsewhere", "[[User:Erin]]", map[string]string{}},
		// Carol creates Talk:Topic mentioning Erin and Dave: Dave watches
		// it, but the mention comes first.
		{"Carol", "Talk:Topic", "[[User:Erin]] [[User:Dave]]", map[string]string{"Erin": store.NotifyMention, "Dave": store.NotifyMention}},
	}
	for i, s := range steps {
		if got := f.save(t, s.user, s.title, s.text); !mapsEqual(got, s.want) {
			t.Errorf("step %d (%s edits %s): notified %v, want %v", i, s.user, s.title, got, s.want)
		}
	}
}

// TestSavedRefreshesWatcherAndEditor: the editor who watches and the
// watchers whose entry turned unseen are refreshed.
func TestSavedRefreshesWatcherAndEditor(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "Alice", "Bob")
	if err := f.st.Watch(ctx, f.users["Alice"], []string{"P"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	res, err := f.saver.Save(ctx, pageinfo.Edit{Title: "P", Text: "x", UserID: f.users["Bob"], UserName: "Bob", Watch: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Notified, f.users["Alice"]) {
		t.Fatalf("Notified = %v, want Alice", res.Notified)
	}
	if !slices.Contains(f.ref.ids, f.users["Alice"]) || !slices.Contains(f.ref.ids, f.users["Bob"]) {
		t.Fatalf("refreshed %v, want Alice (unseen) and Bob (watched)", f.ref.ids)
	}
	bob, err := f.st.WatchedTitles(ctx, f.users["Bob"], "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(bob) != 2 || bob[0].Title != "P" || bob[1].Title != "Talk:P" {
		t.Fatalf("Bob watches %+v, want P and Talk:P", bob)
	}
}

// TestNullEditWatches: a null edit writes nothing, but asking to watch the
// page still watches it (MediaWiki does), and rebuilds the editor's
// UserInfo.
func TestNullEditWatches(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "Bob")
	first, err := f.saver.Save(ctx, pageinfo.Edit{Title: "P", Text: "x", UserID: f.users["Bob"], UserName: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.saver.Save(ctx, pageinfo.Edit{Title: "P", Text: "x", BaseRevID: first.Revision.ID,
		UserID: f.users["Bob"], UserName: "Bob", Watch: true})
	if err != nil || !res.Unchanged {
		t.Fatalf("null edit = %+v, %v", res, err)
	}
	bob, err := f.st.WatchedTitles(ctx, f.users["Bob"], "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(bob) != 2 || bob[0].Title != "P" || bob[1].Title != "Talk:P" {
		t.Fatalf("after a null edit asking to watch, Bob watches %+v, want P and Talk:P", bob)
	}
	if !slices.Contains(f.ref.ids, f.users["Bob"]) {
		t.Fatalf("refreshed %v, want Bob", f.ref.ids)
	}
}

// TestMoveCarriesWatchers: watchers follow a move, and the mover watches
// the new title when asked.
func TestMoveCarriesWatchers(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "Alice", "Bob")
	f.save(t, "Alice", "Old", "text")
	if err := f.st.Watch(ctx, f.users["Alice"], []string{"Old", "Talk:Old"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	f.ref.ids = nil
	if _, err := f.saver.Move(ctx, "Old", "New", true, pageinfo.Action{UserID: f.users["Bob"], UserName: "Bob", Watch: true}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{"Alice": {"New", "Old", "Talk:New", "Talk:Old"}, "Bob": {"New", "Talk:New"}} {
		es, err := f.st.WatchedTitles(ctx, f.users[name], "", 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Title)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s watches %v, want %v", name, got, want)
		}
		if !slices.Contains(f.ref.ids, f.users[name]) {
			t.Errorf("%s not refreshed after the move (%v)", name, f.ref.ids)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
