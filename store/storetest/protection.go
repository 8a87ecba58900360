package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// protect sets p and fails the test on error.
func protect(t *testing.T, s store.Store, p store.Protection) {
	t.Helper()
	if err := s.SetProtection(ctx(t), p); err != nil {
		t.Fatalf("SetProtection(%+v): %v", p, err)
	}
}

// protection reads the title's protection at at and fails the test on error.
func protection(t *testing.T, s store.Store, title string, at time.Time) store.Protection {
	t.Helper()
	p, err := s.ProtectionOf(ctx(t), title, at)
	if err != nil {
		t.Fatalf("ProtectionOf(%q): %v", title, err)
	}
	return p
}

func testProtection(t *testing.T, s store.Store) {
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	page := save(t, s, "Locked", "x", 0)
	if got := protection(t, s, "Locked", t0); got != (store.Protection{Title: "Locked"}) {
		t.Fatalf("ProtectionOf an unprotected page = %+v, want only the title", got)
	}

	timed := store.Protection{Title: "Locked", Edit: "sysop", Move: "sysop", Expires: t0.Add(time.Hour),
		Reason: "edit war", UserID: 7, UserName: "Admin"}
	protect(t, s, timed)
	checks := []struct {
		at   time.Time
		want store.Protection
	}{
		{t0, timed},
		{t0.Add(59 * time.Minute), timed},
		{t0.Add(time.Hour), store.Protection{Title: "Locked"}}, // expired at Expires
		{t0.Add(48 * time.Hour), store.Protection{Title: "Locked"}},
	}
	for _, c := range checks {
		if got := protection(t, s, "Locked", c.at); got != c.want {
			t.Errorf("ProtectionOf at %v = %+v, want %+v", c.at, got, c.want)
		}
	}

	moveOnly := store.Protection{Title: "Locked", Move: "sysop", Reason: "stable", UserName: "Root"}
	protect(t, s, moveOnly)
	if got := protection(t, s, "Locked", t0.Add(100*365*24*time.Hour)); got != moveOnly {
		t.Fatalf("indefinite protection = %+v, want %+v (replacing the timed one)", got, moveOnly)
	}

	salted := store.Protection{Title: "Ünïcode_页面", Edit: "sysop", Reason: "keeps coming back", UserName: "Admin"}
	protect(t, s, salted) // create protection: no such page
	if got := protection(t, s, salted.Title, t0); got != salted {
		t.Fatalf("create protection = %+v, want %+v", got, salted)
	}
	save(t, s, "Gone", "x", 0)
	remove(t, s, "Gone")
	protect(t, s, store.Protection{Title: "Gone", Edit: "autoconfirmed", UserName: "Admin"})

	protect(t, s, store.Protection{Title: "Locked", Reason: "calm now", UserName: "Admin"}) // removes
	if got := protection(t, s, "Locked", t0); got != (store.Protection{Title: "Locked"}) {
		t.Fatalf("ProtectionOf after removal = %+v, want only the title", got)
	}
	if got := protection(t, s, "Never_Protected", t0); got != (store.Protection{Title: "Never_Protected"}) {
		t.Fatalf("ProtectionOf a title never protected = %+v, want only the title", got)
	}
	checkProtectLog(t, s, page.Page.ID)
}

// checkProtectLog checks the log entries testProtection wrote.
func checkProtectLog(t *testing.T, s store.Store, lockedID int64) {
	t.Helper()
	es, err := s.LogEntries(ctx(t), store.LogQuery{Kind: store.LogProtect, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []store.LogEntry
	for _, e := range es {
		if e.ID == 0 || e.Timestamp.IsZero() {
			t.Errorf("log entry %+v: want an id and a time", e)
		}
		e.ID, e.Timestamp = 0, time.Time{}
		got = append(got, e)
	}
	entry := func(pageID int64, title, target, reason, user string, userID int64) store.LogEntry {
		return store.LogEntry{Kind: store.LogProtect, PageID: pageID, Title: title, Target: target,
			UserID: userID, UserName: user, Reason: reason}
	}
	want := []store.LogEntry{
		entry(lockedID, "Locked", "", "calm now", "Admin", 0),
		entry(0, "Gone", "edit=autoconfirmed", "", "Admin", 0), // a deleted page is no page
		entry(0, "Ünïcode_页面", "edit=sysop", "keeps coming back", "Admin", 0),
		entry(lockedID, "Locked", "move=sysop", "stable", "Root", 0),
		entry(lockedID, "Locked", "edit=sysop,move=sysop,expires=2026-05-01T13:00:00Z", "edit war", "Admin", 7),
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("protect log:\n got %+v\nwant %+v", got, want)
	}
	// The entries of other kinds keep their page ids.
	del, err := s.LogEntries(ctx(t), store.LogQuery{Kind: store.LogDelete, Title: "Gone", Limit: 10})
	if err != nil || len(del) != 1 || del[0].PageID == 0 {
		t.Fatalf("delete log of Gone = %+v, %v; want one entry with its page id", del, err)
	}
}
