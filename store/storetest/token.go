package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

func testTokens(t *testing.T, s store.Store) {
	u, err := s.CreateUser(ctx(t), store.User{Name: "Bot"})
	if err != nil {
		t.Fatal(err)
	}
	tok := store.Token{Hash: "h1", UserID: u.ID, Name: "ci", Created: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.CreateToken(ctx(t), tok); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateToken(ctx(t), tok); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate token: %v, want ErrConflict", err)
	}
	if err := s.CreateToken(ctx(t), store.Token{Hash: "h2", UserID: 999999}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("token of a missing user: %v, want ErrNotFound", err)
	}
	got, err := s.TokenByHash(ctx(t), "h1")
	if err != nil || got != tok {
		t.Fatalf("TokenByHash = %+v, %v; want %+v", got, err, tok)
	}
	for range 2 {
		if err := s.DeleteToken(ctx(t), "h1"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.TokenByHash(ctx(t), "h1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted token: %v", err)
	}
}
