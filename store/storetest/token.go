package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// testTokens: tokens keep their id, owner, name, expiry and last use; lists
// are per account (or all) in creation order; revocation deletes one token,
// only its owner's when an owner is named, or all of an account's; ids are
// never reused, so a stale revocation cannot hit a newer token.
func testTokens(t *testing.T, s store.Store) {
	bot, err := s.CreateUser(ctx(t), store.User{Name: "Bot"})
	if err != nil {
		t.Fatal(err)
	}
	ann, err := s.CreateUser(ctx(t), store.User{Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	expires := time.Date(2026, 4, 1, 12, 30, 0, 123456000, time.UTC) // microseconds survive
	mustCreate := func(tok store.Token) store.Token {
		t.Helper()
		got, err := s.CreateToken(ctx(t), tok)
		if err != nil {
			t.Fatalf("CreateToken(%+v): %v", tok, err)
		}
		if got.ID <= 0 {
			t.Fatalf("CreateToken(%+v) gave id %d", tok, got.ID)
		}
		tok.ID = got.ID
		if tok.Created.IsZero() {
			tok.Created = got.Created
		}
		if got != tok {
			t.Fatalf("CreateToken = %+v, want %+v", got, tok)
		}
		return got
	}

	ci := mustCreate(store.Token{Hash: "h1", UserID: bot.ID, Name: "ci", Created: created})
	if _, err := s.CreateToken(ctx(t), store.Token{Hash: "h1", UserID: bot.ID}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate token: %v, want ErrConflict", err)
	}
	if _, err := s.CreateToken(ctx(t), store.Token{Hash: "h2", UserID: 999999}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("token of a missing user: %v, want ErrNotFound", err)
	}
	deploy := mustCreate(store.Token{Hash: "h2", UserID: bot.ID, Name: "deploy", Created: created, Expires: expires})
	before := time.Now().Add(-time.Minute)
	annTok := mustCreate(store.Token{Hash: "h3", UserID: ann.ID, Name: "ann's"}) // Created: now
	if annTok.Created.Before(before) || annTok.Created.After(time.Now().Add(time.Minute)) || annTok.Created.Location() != time.UTC {
		t.Fatalf("a zero Created became %v, want now in UTC", annTok.Created)
	}
	if !(ci.ID < deploy.ID && deploy.ID < annTok.ID) {
		t.Fatalf("ids %d, %d, %d are not increasing", ci.ID, deploy.ID, annTok.ID)
	}

	// Read back, an expired one too: the store keeps expiry, its users check it.
	for _, want := range []store.Token{ci, deploy} {
		got, err := s.TokenByHash(ctx(t), want.Hash)
		if err != nil || got != want {
			t.Fatalf("TokenByHash(%s) = %+v, %v; want %+v", want.Hash, got, err, want)
		}
	}
	if _, err := s.TokenByHash(ctx(t), "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("TokenByHash(unknown) = %v, want ErrNotFound", err)
	}

	// Last use.
	used := time.Date(2026, 3, 2, 8, 0, 0, 654321000, time.UTC)
	if err := s.TouchToken(ctx(t), "h1", used); err != nil {
		t.Fatal(err)
	}
	ci.LastUsed = used
	if got, err := s.TokenByHash(ctx(t), "h1"); err != nil || got != ci {
		t.Fatalf("after TouchToken: %+v, %v; want %+v", got, err, ci)
	}
	if err := s.TouchToken(ctx(t), "nope", used); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("TouchToken(unknown) = %v, want ErrNotFound", err)
	}

	// Lists.
	checkList := func(userID int64, want ...store.Token) {
		t.Helper()
		got, err := s.ListTokens(ctx(t), userID)
		if err != nil {
			t.Fatalf("ListTokens(%d): %v", userID, err)
		}
		if len(got) != len(want) {
			t.Fatalf("ListTokens(%d) = %+v, want %+v", userID, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("ListTokens(%d)[%d] = %+v, want %+v", userID, i, got[i], want[i])
			}
		}
	}
	checkList(bot.ID, ci, deploy)
	checkList(ann.ID, annTok)
	checkList(0, ci, deploy, annTok)
	checkList(999999)

	// Revoking one token: an owner that is not the token's finds nothing.
	if _, err := s.RevokeToken(ctx(t), annTok.ID, bot.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("revoking another account's token = %v, want ErrNotFound", err)
	}
	checkList(ann.ID, annTok)
	got, err := s.RevokeToken(ctx(t), annTok.ID, ann.ID)
	if err != nil || got != annTok {
		t.Fatalf("RevokeToken = %+v, %v; want %+v", got, err, annTok)
	}
	if _, err := s.TokenByHash(ctx(t), "h3"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a revoked token is still found: %v", err)
	}
	if _, err := s.RevokeToken(ctx(t), annTok.ID, ann.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("revoking twice = %v, want ErrNotFound", err)
	}
	if err := s.TouchToken(ctx(t), "h3", used); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("touching a revoked token = %v, want ErrNotFound", err)
	}
	checkList(ann.ID)
	// The newest id was revoked: the next token still gets a new one.
	again := mustCreate(store.Token{Hash: "h4", UserID: ann.ID, Name: "again", Created: created})
	if again.ID <= annTok.ID {
		t.Fatalf("a new token reused id %d (revoked: %d)", again.ID, annTok.ID)
	}
	if got, err := s.RevokeToken(ctx(t), deploy.ID, 0); err != nil || got != deploy { // any owner
		t.Fatalf("RevokeToken(any owner) = %+v, %v; want %+v", got, err, deploy)
	}
	checkList(0, ci, again)

	// Revoking all of an account's tokens.
	mustCreate(store.Token{Hash: "h5", UserID: bot.ID, Name: "more", Created: created})
	if n, err := s.RevokeUserTokens(ctx(t), bot.ID); err != nil || n != 2 {
		t.Fatalf("RevokeUserTokens = %d, %v; want 2", n, err)
	}
	if n, err := s.RevokeUserTokens(ctx(t), bot.ID); err != nil || n != 0 {
		t.Fatalf("RevokeUserTokens again = %d, %v; want 0", n, err)
	}
	checkList(bot.ID)
	checkList(0, again)

	// DeleteToken is idempotent.
	for range 2 {
		if err := s.DeleteToken(ctx(t), "h4"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.TokenByHash(ctx(t), "h4"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted token: %v", err)
	}
	checkList(0)
}
