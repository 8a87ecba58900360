package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store"
)

// TestUpgradeTo0006 migrates a schema holding a token made before
// 0006_api_token_expiry: the token keeps its hash, owner and name, gets an
// id, and never expires; the next token gets a larger id.
func TestUpgradeTo0006(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn := pgtest.Schema(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	upTo := 0
	for i, m := range migrations {
		if m.name == "0005_api_token" {
			upTo = i + 1
		}
	}
	if upTo == 0 {
		t.Fatal("no 0005_api_token step")
	}
	for _, m := range migrations[:upTo] {
		if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error { return applyStep(ctx, tx, m) }); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, q := range []string{
		`INSERT INTO users (id, name, created) OVERRIDING SYSTEM VALUE VALUES (3, 'Bot', now())`,
		`INSERT INTO api_token (hash, user_id, name, created) VALUES ('old-hash', 3, 'ci', '2026-01-02 03:04:05+00')`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)

	s, err := Open(ctx, dsn) // applies 0006 and later
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.TokenByHash(ctx, "old-hash")
	want := store.Token{ID: got.ID, Hash: "old-hash", UserID: 3, Name: "ci", Created: created}
	if err != nil || got.ID <= 0 || got != want {
		t.Fatalf("token after upgrade = %+v, %v; want %+v with an id, no expiry", got, err, want)
	}
	next, err := s.CreateToken(ctx, store.Token{Hash: "new-hash", UserID: 3})
	if err != nil || next.ID <= got.ID {
		t.Fatalf("new token = %+v, %v; want an id after %d", next, err, got.ID)
	}
}
