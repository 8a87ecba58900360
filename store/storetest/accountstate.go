package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// newUser creates an account and fails the test on error.
func newUser(t *testing.T, s store.Store, name string) store.User {
	t.Helper()
	u, err := s.CreateUser(ctx(t), store.User{Name: name})
	if err != nil {
		t.Fatalf("create user %q: %v", name, err)
	}
	return u
}

// state reads the account's state at at and fails the test on error.
func state(t *testing.T, s store.Store, userID int64, at time.Time) store.UserState {
	t.Helper()
	st, err := s.UserState(ctx(t), userID, at)
	if err != nil {
		t.Fatalf("UserState(%d): %v", userID, err)
	}
	return st
}

// testAccountVersions: the version of an account moves by exactly one on
// each change a UserInfo depends on, and not on no-ops, on its sessions, on
// its saves or on another account's changes.
func testAccountVersions(t *testing.T, s store.Store) {
	u, other := newUser(t, s, "Vera"), newUser(t, s, "Otto")
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	c := ctx(t)
	steps := []struct {
		name string
		do   func() error
		bump bool
	}{
		{"add to group", func() error { return s.AddUserToGroup(c, u.ID, "sysop") }, true},
		{"add to group again", func() error { return s.AddUserToGroup(c, u.ID, "sysop") }, false},
		{"remove from a group it is not in", func() error { return s.RemoveUserFromGroup(c, u.ID, "editor") }, false},
		{"remove from group", func() error { return s.RemoveUserFromGroup(c, u.ID, "sysop") }, true},
		{"remove from group again", func() error { return s.RemoveUserFromGroup(c, u.ID, "sysop") }, false},
		{"set preferences", func() error { return s.SetPreferences(c, u.ID, map[string]string{"skin": "mono"}) }, true},
		{"block", func() error { return s.BlockUser(c, store.Block{UserID: u.ID, Reason: "a", Created: at}) }, true},
		{"block again", func() error { return s.BlockUser(c, store.Block{UserID: u.ID, Reason: "b", Created: at}) }, true},
		{"unblock", func() error { return s.UnblockUser(c, u.ID) }, true},
		{"unblock again", func() error { return s.UnblockUser(c, u.ID) }, false},
		{"set password", func() error { return s.SetPasswordHash(c, u.ID, "$argon2id$z") }, true},
		{"create session", func() error {
			return s.CreateSession(c, store.Session{IDHash: "v1", UserID: u.ID, Created: at, LastSeen: at, Expires: at.Add(time.Hour)})
		}, false},
		{"delete sessions", func() error { _, err := s.DeleteUserSessions(c, u.ID, ""); return err }, false},
		{"save", func() error {
			_, err := s.SaveRevision(c, store.SaveRequest{Title: "V", Text: "v", UserID: u.ID, UserName: u.Name})
			return err
		}, false},
		{"another account's changes", func() error {
			if err := s.AddUserToGroup(c, other.ID, "sysop"); err != nil {
				return err
			}
			if err := s.SetPreferences(c, other.ID, map[string]string{"a": "b"}); err != nil {
				return err
			}
			return s.BlockUser(c, store.Block{UserID: other.ID})
		}, false},
	}
	v := state(t, s, u.ID, at).Version
	if v != 1 {
		t.Errorf("version of a new account = %d, want 1", v)
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		want := v
		if st.bump {
			want++
		}
		if got := state(t, s, u.ID, at).Version; got != want {
			t.Errorf("%s: version %d → %d, want %d", st.name, v, got, want)
		}
		v = state(t, s, u.ID, at).Version
	}
}

func testPreferences(t *testing.T, s store.Store) {
	u := newUser(t, s, "Pia")
	at := time.Now()
	if st := state(t, s, u.ID, at); st.Preferences == nil || len(st.Preferences) != 0 {
		t.Fatalf("preferences of a new account = %#v, want an empty, non-nil map", st.Preferences)
	}
	prefs := map[string]string{
		"skin":      "vector",
		"язык":      "日本語 🎌",
		"signature": `"quoted" \back\slash <b>&amp;</b>` + "\ttab\nnewline",
		"empty":     "",
	}
	if err := s.SetPreferences(ctx(t), u.ID, prefs); err != nil {
		t.Fatal(err)
	}
	if got := state(t, s, u.ID, at).Preferences; !reflect.DeepEqual(got, prefs) {
		t.Fatalf("preferences = %#v, want %#v", got, prefs)
	}
	replaced := map[string]string{"skin": "mono"}
	if err := s.SetPreferences(ctx(t), u.ID, replaced); err != nil {
		t.Fatal(err)
	}
	if got := state(t, s, u.ID, at).Preferences; !reflect.DeepEqual(got, replaced) {
		t.Fatalf("preferences after replace = %#v, want %#v (replaced, not merged)", got, replaced)
	}
	if err := s.SetPreferences(ctx(t), u.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got := state(t, s, u.ID, at).Preferences; got == nil || len(got) != 0 {
		t.Fatalf("preferences after SetPreferences(nil) = %#v, want an empty, non-nil map", got)
	}
}

// testEditCount: a user's saves count, null edits and others' saves do not,
// and deleting a page keeps its revisions in the count.
func testEditCount(t *testing.T, s store.Store) {
	u, other := newUser(t, s, "Ed"), newUser(t, s, "Flo")
	by := func(title, text string, base int64, user store.User) store.SaveResult {
		return saveReq(t, s, store.SaveRequest{Title: title, Text: text, BaseRevID: base, UserID: user.ID, UserName: user.Name})
	}
	a := by("A", "1", 0, u)
	a = by("A", "2", a.Revision.ID, u)
	by("A", "2", a.Revision.ID, u) // a null edit: no revision
	by("B", "1", 0, u)
	by("C", "1", 0, other)
	save(t, s, "D", "anonymous", 0)
	at := time.Now()
	if n := state(t, s, u.ID, at).EditCount; n != 3 {
		t.Fatalf("EditCount = %d, want 3", n)
	}
	if n := state(t, s, other.ID, at).EditCount; n != 1 {
		t.Fatalf("EditCount of the other user = %d, want 1", n)
	}
	remove(t, s, "A")
	if n := state(t, s, u.ID, at).EditCount; n != 3 {
		t.Fatalf("EditCount after deleting a page = %d, want 3: deleted revisions still count", n)
	}
}

func testBlocks(t *testing.T, s store.Store) {
	u := newUser(t, s, "Bo")
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	if b := state(t, s, u.ID, t0).Block; b != nil {
		t.Fatalf("Block of a new account = %+v, want nil", b)
	}
	timed := store.Block{UserID: u.ID, Reason: "spam — «again»", By: "Admin", Created: t0, Expires: t0.Add(time.Hour)}
	if err := s.BlockUser(ctx(t), timed); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		at   time.Time
		want *store.Block
	}{
		{t0, &timed},
		{t0.Add(59 * time.Minute), &timed},
		{t0.Add(time.Hour), nil}, // expired at Expires
		{t0.Add(48 * time.Hour), nil},
	}
	for _, c := range checks {
		if got := state(t, s, u.ID, c.at).Block; !reflect.DeepEqual(got, c.want) {
			t.Errorf("Block at %v = %+v, want %+v", c.at, got, c.want)
		}
	}
	forever := store.Block{UserID: u.ID, Reason: "vandal", By: "Root", Created: t0.Add(time.Minute)}
	if err := s.BlockUser(ctx(t), forever); err != nil {
		t.Fatal(err)
	}
	if got := state(t, s, u.ID, t0.Add(100*365*24*time.Hour)).Block; !reflect.DeepEqual(got, &forever) {
		t.Fatalf("indefinite Block = %+v, want %+v (replacing the timed one)", got, &forever)
	}
	if err := s.UnblockUser(ctx(t), u.ID); err != nil {
		t.Fatal(err)
	}
	if b := state(t, s, u.ID, t0).Block; b != nil {
		t.Fatalf("Block after UnblockUser = %+v, want nil", b)
	}
	if err := s.UnblockUser(ctx(t), u.ID); err != nil {
		t.Fatalf("UnblockUser without a block: %v, want nil", err)
	}
	before := time.Now().Add(-time.Second)
	if err := s.BlockUser(ctx(t), store.Block{UserID: u.ID}); err != nil {
		t.Fatal(err)
	}
	if b := state(t, s, u.ID, time.Now()).Block; b == nil || b.Created.Before(before) || !b.Expires.IsZero() {
		t.Fatalf("Block with zero Created = %+v, want Created now and no expiry", b)
	}
}

func testAccountErrors(t *testing.T, s store.Store) {
	const missing = 424242
	_, err := s.UserState(ctx(t), missing, time.Now())
	wantErr(t, "UserState(missing user)", err, store.ErrNotFound)
	_, err = s.UserState(ctx(t), 0, time.Now())
	wantErr(t, "UserState(0)", err, store.ErrNotFound)
	wantErr(t, "SetPreferences(missing user)", s.SetPreferences(ctx(t), missing, map[string]string{"a": "b"}), store.ErrNotFound)
	wantErr(t, "BlockUser(missing user)", s.BlockUser(ctx(t), store.Block{UserID: missing, Reason: "x"}), store.ErrNotFound)
	if err := s.UnblockUser(ctx(t), missing); err != nil {
		t.Errorf("UnblockUser(missing user) = %v, want nil: lifting no block", err)
	}
	if n, err := s.DeleteUserSessions(ctx(t), missing, ""); err != nil || n != 0 {
		t.Errorf("DeleteUserSessions(missing user) = %d, %v; want 0, nil", n, err)
	}
}

func testDeleteUserSessions(t *testing.T, s store.Store) {
	u, other := newUser(t, s, "Sam"), newUser(t, s, "Tom")
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, se := range []struct {
		hash string
		user int64
	}{{"s1", u.ID}, {"s2", u.ID}, {"s3", u.ID}, {"t1", other.ID}} {
		err := s.CreateSession(ctx(t), store.Session{IDHash: se.hash, UserID: se.user, Created: t0, LastSeen: t0, Expires: t0.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		except string
		ended  int
		left   []string
	}{
		{"s2", 2, []string{"s2", "t1"}},
		{"s2", 0, []string{"s2", "t1"}},
		{"t1", 1, []string{"t1"}}, // another user's session is no exception to make
		{"", 0, []string{"t1"}},
	}
	for _, st := range steps {
		n, err := s.DeleteUserSessions(ctx(t), u.ID, st.except)
		if err != nil || n != st.ended {
			t.Fatalf("DeleteUserSessions(except %q) = %d, %v; want %d", st.except, n, err, st.ended)
		}
		var left []string
		for _, h := range []string{"s1", "s2", "s3", "t1"} {
			if _, err := s.SessionByHash(ctx(t), h); err == nil {
				left = append(left, h)
			}
		}
		if !reflect.DeepEqual(left, st.left) {
			t.Fatalf("after DeleteUserSessions(except %q): sessions %q, want %q", st.except, left, st.left)
		}
	}
	if err := s.CreateSession(ctx(t), store.Session{IDHash: "s4", UserID: u.ID, Created: t0, Expires: t0}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.DeleteUserSessions(ctx(t), u.ID, ""); err != nil || n != 1 {
		t.Fatalf(`DeleteUserSessions(except "") = %d, %v; want 1`, n, err)
	}
}
