package storetest

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

func testUsers(t *testing.T, s store.Store) {
	before, err := s.CountUsers(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx(t), store.User{Name: "Alice", PasswordHash: "$argon2id$x"})
	if err != nil || u.ID == 0 {
		t.Fatalf("CreateUser = %+v, %v", u, err)
	}
	if _, err := s.CreateUser(ctx(t), store.User{Name: "Alice"}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate CreateUser: err = %v, want ErrConflict", err)
	}
	if n, err := s.CountUsers(ctx(t)); err != nil || n != before+1 {
		t.Fatalf("CountUsers = %d, %v after one more account; want %d", n, err, before+1)
	}
	got, err := s.UserByName(ctx(t), "Alice")
	if err != nil || got.ID != u.ID || got.PasswordHash != "$argon2id$x" {
		t.Fatalf("UserByName = %+v, %v", got, err)
	}
	if err := s.SetPasswordHash(ctx(t), u.ID, "$argon2id$y"); err != nil {
		t.Fatal(err)
	}
	got, err = s.UserByID(ctx(t), u.ID)
	if err != nil || got.Name != "Alice" || got.PasswordHash != "$argon2id$y" {
		t.Fatalf("UserByID = %+v, %v", got, err)
	}
}

func testGroups(t *testing.T, s store.Store) {
	u, err := s.CreateUser(ctx(t), store.User{Name: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"sysop", "editor", "sysop"} {
		if err := s.AddUserToGroup(ctx(t), u.ID, g); err != nil {
			t.Fatalf("AddUserToGroup(%s): %v", g, err)
		}
	}
	gs, err := s.UserGroups(ctx(t), u.ID)
	if err != nil || !reflect.DeepEqual(gs, []string{"editor", "sysop"}) {
		t.Fatalf("UserGroups = %v, %v", gs, err)
	}
	for range 2 {
		if err := s.RemoveUserFromGroup(ctx(t), u.ID, "sysop"); err != nil {
			t.Fatal(err)
		}
	}
	gs, _ = s.UserGroups(ctx(t), u.ID)
	if !reflect.DeepEqual(gs, []string{"editor"}) {
		t.Fatalf("UserGroups after remove = %v", gs)
	}
}

func testSessions(t *testing.T, s store.Store) {
	u, err := s.CreateUser(ctx(t), store.User{Name: "Carol"})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	live := store.Session{IDHash: "h-live", UserID: u.ID, Created: t0, LastSeen: t0, Expires: t0.Add(24 * time.Hour)}
	dead := store.Session{IDHash: "h-dead", UserID: u.ID, Created: t0, LastSeen: t0, Expires: t0.Add(time.Hour)}
	for _, se := range []store.Session{live, dead} {
		if err := s.CreateSession(ctx(t), se); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateSession(ctx(t), live); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate session: err = %v, want ErrConflict", err)
	}
	got, err := s.SessionByHash(ctx(t), "h-live")
	if err != nil || got != live {
		t.Fatalf("SessionByHash = %+v, %v; want %+v", got, err, live)
	}
	seen := t0.Add(time.Minute)
	if err := s.TouchSession(ctx(t), "h-live", seen); err != nil {
		t.Fatal(err)
	}
	got, _ = s.SessionByHash(ctx(t), "h-live")
	if !got.LastSeen.Equal(seen) {
		t.Fatalf("LastSeen = %v, want %v", got.LastSeen, seen)
	}
	n, err := s.DeleteExpiredSessions(ctx(t), t0.Add(2*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
	if _, err := s.SessionByHash(ctx(t), "h-dead"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("expired session still there: %v", err)
	}
	if err := s.DeleteSession(ctx(t), "h-live"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByHash(ctx(t), "h-live"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted session still there: %v", err)
	}
}

func testParseCache(t *testing.T, s store.Store) {
	blob := []byte{0, 1, 2, 0xff, 'x'}
	if err := s.PutParse(ctx(t), 5, "r1", blob); err != nil {
		t.Fatal(err)
	}
	if err := s.PutParse(ctx(t), 5, "r2", []byte("other")); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetParse(ctx(t), 5, "r1")
	if err != nil || !bytes.Equal(got, blob) {
		t.Fatalf("GetParse = %v, %v", got, err)
	}
	if err := s.PutParse(ctx(t), 5, "r1", []byte("replaced")); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetParse(ctx(t), 5, "r1")
	if string(got) != "replaced" {
		t.Fatalf("GetParse after replace = %q", got)
	}
	if err := s.DeleteParse(ctx(t), 5); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"r1", "r2"} {
		if _, err := s.GetParse(ctx(t), 5, v); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("GetParse(%s) after delete: %v", v, err)
		}
	}
}

func testForeignKeys(t *testing.T, s store.Store) {
	if err := s.AddUserToGroup(ctx(t), 424242, "sysop"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AddUserToGroup(missing user): err = %v, want ErrNotFound", err)
	}
	err := s.CreateSession(ctx(t), store.Session{IDHash: "h", UserID: 424242, Expires: time.Now().Add(time.Hour)})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CreateSession(missing user): err = %v, want ErrNotFound", err)
	}
}
