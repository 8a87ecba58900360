package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// TestUpgradeTo0006 migrates a database holding a token made before
// 0006_api_token_expiry, which rebuilds api_token: the token keeps its hash,
// owner and name, gets an id, and never expires; the next token gets a
// larger id.
func TestUpgradeTo0006(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "folio.db")
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	old := &Store{w: w, path: path, events: newHub()}
	if _, err := w.ExecContext(ctx, `CREATE TABLE schema_version (name TEXT PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	names, sqls := migrations()
	var upTo int
	for i, name := range names {
		if name == "0005_api_token" {
			upTo = i + 1
		}
	}
	if upTo == 0 {
		t.Fatal("no 0005_api_token step")
	}
	for _, name := range names[:upTo] {
		if err := old.applyStep(ctx, name, sqls[name]); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO users (id, name, created) VALUES (3, 'Bot', 1)`,
		`INSERT INTO api_token (hash, user_id, name, created) VALUES ('old-hash', 3, 'ci', 2000000)`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()

	s, err := Open(ctx, path) // applies 0006 and later
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.TokenByHash(ctx, "old-hash")
	want := store.Token{ID: got.ID, Hash: "old-hash", UserID: 3, Name: "ci", Created: time.Unix(2, 0).UTC()}
	if err != nil || got.ID <= 0 || got != want {
		t.Fatalf("token after upgrade = %+v, %v; want %+v with an id, no expiry", got, err, want)
	}
	next, err := s.CreateToken(ctx, store.Token{Hash: "new-hash", UserID: 3})
	if err != nil || next.ID <= got.ID {
		t.Fatalf("new token = %+v, %v; want an id after %d", next, err, got.ID)
	}
	if _, err := s.CreateToken(ctx, store.Token{Hash: "old-hash", UserID: 3}); err == nil {
		t.Fatal("the rebuilt table lost the hash's uniqueness")
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
