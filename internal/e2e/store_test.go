package e2e

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver, for consistency queries

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite" // also registers the "sqlite" database/sql driver
)

// backend is where a test's folio processes keep their data.
type backend struct {
	name string
	args []string // store flags of folio commands: --data DIR or --db DSN
	dir  string   // SQLite: the data directory
	dsn  string   // PostgreSQL: a DSN on a fresh schema
}

func sqliteBackend(t testing.TB) backend {
	dir := t.TempDir()
	return backend{name: "sqlite", args: []string{"--data", dir}, dir: dir}
}

// postgresBackend returns a fresh schema; it skips (or fails, with
// FOLIO_REQUIRE_POSTGRES=1) when FOLIO_TEST_POSTGRES is not set.
func postgresBackend(t testing.TB) backend {
	dsn := pgtest.Schema(t)
	return backend{name: "postgres", args: []string{"--db", dsn}, dsn: dsn}
}

// eachBackend runs fn on SQLite and on PostgreSQL, as parallel subtests.
func eachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, sqliteBackend(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, postgresBackend(t))
	})
}

// with returns the store flags followed by extra flags.
func (b backend) with(extra ...string) []string {
	return append(append([]string{}, b.args...), extra...)
}

// account is a user made with folio user create, with an API token.
type account struct {
	name, password, token string
}

// randomSecret returns a fresh random string, to grep logs for.
func randomSecret() string { return rand.Text() }

// createUser runs folio user create (password from a file) and folio token
// create for name.
func (b backend) createUser(t testing.TB, name string, groups ...string) account {
	t.Helper()
	a := account{name: name, password: "pw " + randomSecret()}
	file := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(file, []byte(a.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"user", "create"}, b.args...)
	args = append(args, "--password-file", file)
	for _, g := range groups {
		args = append(args, "--group", g)
	}
	folio(t, append(args, name)...)
	a.token = strings.TrimSpace(folio(t, append(append([]string{"token", "create"}, b.args...), name)...))
	if !strings.HasPrefix(a.token, "folio_") {
		t.Fatalf("folio token create printed %q, want a folio_ token", a.token)
	}
	return a
}

// open opens the backend's store in the test process.
func (b backend) open(t testing.TB) store.Store {
	t.Helper()
	ctx := context.Background()
	var st store.Store
	var err error
	if b.name == "sqlite" {
		st, err = sqlite.Open(ctx, filepath.Join(b.dir, "folio.db"))
	} else {
		st, err = postgres.Open(ctx, b.dsn)
	}
	if err != nil {
		t.Fatalf("open %s store: %v", b.name, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// db opens the backend's database with database/sql, read-only on SQLite,
// for the consistency queries.
func (b backend) db(t testing.TB) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if b.name == "sqlite" {
		db, err = sql.Open("sqlite", "file:"+filepath.Join(b.dir, "folio.db")+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	} else {
		db, err = sql.Open("pgx", b.dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// count runs a COUNT query.
func count(t testing.TB, db *sql.DB, query string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// checkConsistent checks the store of a stopped (or running) wiki: SQLite's
// integrity and foreign-key checks, and on both backends that what one save
// writes in one transaction agrees across tables.
func (b backend) checkConsistent(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	if b.name == "sqlite" {
		st, err := sqlite.Open(ctx, filepath.Join(b.dir, "folio.db"))
		if err != nil {
			t.Fatalf("sqlite: reopen after the run: %v", err)
		}
		if err := st.IntegrityCheck(ctx); err != nil {
			t.Errorf("SQLite integrity check: %v", err)
		}
		st.Close()
	}
	db := b.db(t)
	if b.name == "sqlite" {
		rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			t.Errorf("SQLite foreign_key_check reports a violation")
		}
		rows.Close()
	}
	// The search row holds the plain text of the page's rendering (not its
	// Markdown), which only the renderer can compute: check that it is there.
	octets, search := "octet_length(r.text)", "page_search s WHERE s.page_id = p.id"
	if b.name == "sqlite" {
		octets, search = "length(CAST(r.text AS BLOB))", "page_fts s WHERE s.rowid = p.id"
	}
	checks := []struct{ what, query string }{
		{"pages whose latest_rev is missing or another page's",
			`SELECT count(*) FROM page p WHERE p.latest_rev <> 0 AND NOT EXISTS
			 (SELECT 1 FROM revision r WHERE r.id = p.latest_rev AND r.page_id = p.id)`},
		{"pages whose latest_rev is not their newest revision",
			`SELECT count(*) FROM page p WHERE NOT p.deleted AND p.latest_rev <> (SELECT max(r.id) FROM revision r WHERE r.page_id = p.id)`},
		{"revisions whose parent is missing or another page's",
			`SELECT count(*) FROM revision r WHERE r.parent_id <> 0 AND NOT EXISTS
			 (SELECT 1 FROM revision q WHERE q.id = r.parent_id AND q.page_id = r.page_id)`},
		{"revisions whose size is not their text's",
			`SELECT count(*) FROM revision r WHERE r.size <> ` + octets},
		{"pages whose size is not their latest revision's",
			`SELECT count(*) FROM page p JOIN revision r ON r.id = p.latest_rev WHERE p.size <> r.size`},
		{"revisions without their recent-changes row",
			`SELECT count(*) FROM revision r WHERE NOT EXISTS (SELECT 1 FROM recent_change c WHERE c.rev_id = r.id)`},
		{"recent changes naming a missing revision",
			`SELECT count(*) FROM recent_change c WHERE c.rev_id <> 0 AND NOT EXISTS (SELECT 1 FROM revision r WHERE r.id = c.rev_id)`},
		{"live pages without a search row",
			`SELECT count(*) FROM page p JOIN revision r ON r.id = p.latest_rev WHERE NOT p.deleted AND NOT EXISTS (SELECT 1 FROM ` + search + `)`},
	}
	for _, c := range checks {
		if n := count(t, db, c.query); n != 0 {
			t.Errorf("%s store inconsistent: %d %s", b.name, n, c.what)
		}
	}
}

// save is one save acknowledged by the server (200 or 201).
type save struct {
	title string
	rev   int64
	base  int64
	text  string // as sent
}

// stored is text as the save path stores it: LF line ends, no trailing
// whitespace.
func stored(text string) string {
	return strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), " \t\r\n")
}

// checkSaves checks, in the store, that every acknowledged save is there:
// its revision exists on its page with its text and its base as parent, and
// is in the page's history.
func (b backend) checkSaves(t testing.TB, saves []save) {
	t.Helper()
	ctx := context.Background()
	st := b.open(t)
	history := map[string]map[int64]bool{}
	for _, s := range saves {
		rev, err := st.RevisionByID(ctx, s.rev)
		if err != nil {
			t.Errorf("acknowledged save of %s (revision %d) is lost: %v", s.title, s.rev, err)
			continue
		}
		if rev.Text != stored(s.text) || rev.ParentID != s.base || rev.Deleted {
			t.Errorf("revision %d: text %.40q, parent %d, deleted %v; the acknowledged save had text %.40q on base %d",
				s.rev, rev.Text, rev.ParentID, rev.Deleted, s.text, s.base)
		}
		p, err := st.PageByID(ctx, rev.PageID)
		if err != nil || p.Title != s.title {
			t.Errorf("revision %d belongs to page %d (%q, %v), want %s", s.rev, rev.PageID, p.Title, err, s.title)
			continue
		}
		if history[s.title] == nil {
			revs, err := st.History(ctx, p.ID, 0, 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			history[s.title] = map[int64]bool{}
			for _, r := range revs {
				history[s.title][r.ID] = true
			}
		}
		if !history[s.title][s.rev] {
			t.Errorf("acknowledged revision %d is not in the history of %s", s.rev, s.title)
		}
	}
}
