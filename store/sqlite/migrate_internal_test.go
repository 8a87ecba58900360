package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// TestUpgradeTo0003 migrates a database holding data written before
// 0003_accounts, which rebuilds log_entry: the log, the accounts and the
// foreign keys come through intact.
func TestUpgradeTo0003(t *testing.T) {
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
	for _, name := range names[:2] {
		if err := old.applyStep(ctx, name, sqls[name]); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) VALUES (5, 'Old', 1)`,
		`INSERT INTO log_entry (kind, page_id, title, target, user_id, user_name, reason, ts)
			VALUES ('move', 5, 'Older', 'Old', 3, 'Admin', 'rename', 1000000)`,
		`INSERT INTO users (id, name, created) VALUES (3, 'Admin', 1)`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()

	s, err := Open(ctx, path) // applies 0003
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, err := s.LogEntries(ctx, store.LogQuery{Title: "Older", Limit: 10})
	want := store.LogEntry{ID: 1, Kind: store.LogMove, PageID: 5, Title: "Older", Target: "Old", UserID: 3,
		UserName: "Admin", Reason: "rename", Timestamp: time.Unix(1, 0).UTC()}
	if err != nil || len(es) != 1 || es[0] != want {
		t.Fatalf("log after upgrade = %+v, %v; want [%+v]", es, err, want)
	}
	st, err := s.UserState(ctx, 3, time.Now())
	if err != nil || st.Version != 1 || st.Preferences == nil || len(st.Preferences) != 0 || st.Block != nil {
		t.Fatalf("state of an account from before the upgrade = %+v, %v; want version 1, no preferences, no block", st, err)
	}
	if err := s.SetProtection(ctx, store.Protection{Title: "Old", Edit: "sysop"}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.w.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check reports violations after the upgrade")
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
