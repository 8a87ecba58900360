package e2e

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/store/sqlite"
)

// bgWriter saves to one page in a loop until stopped.
type bgWriter struct {
	mu       sync.Mutex
	saves    []save
	stop     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup
}

func startWriter(t *testing.T, a *api, title string) *bgWriter {
	w := &bgWriter{stop: make(chan struct{})}
	t.Cleanup(func() { w.halt() }) // before the node is killed
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for k := 0; ; k++ {
			select {
			case <-w.stop:
				return
			default:
			}
			p, err := a.get(context.Background(), title)
			if err != nil {
				t.Errorf("writer: %v", err)
				return
			}
			text := fmt.Sprintf("save %d during the backup", k)
			res, err := a.put(context.Background(), title, text, p.Revision)
			if err != nil || res.Revision == 0 {
				t.Errorf("writer: %v %s", err, res.Body)
				return
			}
			w.mu.Lock()
			w.saves = append(w.saves, save{title: title, rev: res.Revision, base: p.Revision, text: text})
			w.mu.Unlock()
		}
	}()
	return w
}

// acked returns the saves acknowledged so far.
func (w *bgWriter) acked() []save {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]save(nil), w.saves...)
}

// halt stops the writer and returns every acknowledged save.
func (w *bgWriter) halt() []save {
	w.stopOnce.Do(func() { close(w.stop) })
	w.wg.Wait()
	return w.acked()
}

// TestOnlineBackupSQLite takes the backups docs/operations.md describes
// while folio serve is saving: VACUUM INTO (through the SQLite driver, as
// `sqlite3 folio.db "VACUUM INTO '…'"` would) and, when the sqlite3 tool is
// installed, its .backup command. Each copy passes the integrity check,
// holds every save acknowledged before the backup began, and serves.
func TestOnlineBackupSQLite(t *testing.T) {
	t.Parallel()
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice")
	n := startNode(t, "serve", b.args...)
	a := newAPI(t, n, alice.token)
	a.mustPut(t, "Backed_up", "first", 0)
	w := startWriter(t, a, "Backed_up")
	time.Sleep(300 * time.Millisecond)

	live := filepath.Join(b.dir, "folio.db")
	methods := map[string]func(dst string) error{
		"VACUUM INTO": func(dst string) error {
			db, err := sql.Open("sqlite", "file:"+live+"?_pragma=busy_timeout(10000)")
			if err != nil {
				return err
			}
			defer db.Close()
			_, err = db.ExecContext(context.Background(), "VACUUM INTO ?", dst)
			return err
		},
	}
	if _, err := exec.LookPath("sqlite3"); err == nil {
		methods["sqlite3 .backup"] = func(dst string) error {
			out, err := exec.Command("sqlite3", live, ".timeout 10000", ".backup '"+dst+"'").CombinedOutput()
			if err != nil {
				return fmt.Errorf("%v: %s", err, out)
			}
			return nil
		}
	} else {
		t.Log("no sqlite3 tool: .backup not tried")
	}
	type copy struct {
		name, dir string
		before    int // saves acknowledged before the backup began
	}
	var copies []copy
	for name, backup := range methods {
		before := len(w.acked())
		dir := t.TempDir()
		if err := backup(filepath.Join(dir, "folio.db")); err != nil {
			t.Fatalf("%s during saves: %v", name, err)
		}
		copies = append(copies, copy{name, dir, before})
		time.Sleep(100 * time.Millisecond)
	}
	saves := w.halt()
	n.stop()
	for _, c := range copies {
		st, err := sqlite.Open(context.Background(), filepath.Join(c.dir, "folio.db"))
		if err != nil {
			t.Fatalf("%s: open the copy: %v", c.name, err)
		}
		if err := st.IntegrityCheck(context.Background()); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		st.Close()
		cb := backend{name: "sqlite", args: []string{"--data", c.dir}, dir: c.dir}
		cb.checkSaves(t, saves[:c.before])
		cb.checkConsistent(t)
		m := startNode(t, "restored from "+c.name, cb.args...)
		if r := newBrowser(t, m).do("GET", "/wiki/Backed_up", nil); r.Status != 200 {
			t.Errorf("%s: the restored wiki views Backed_up with %d", c.name, r.Status)
		}
		m.stop()
		t.Logf("%s: a consistent copy with the %d saves acknowledged before it began (of %d)", c.name, c.before, len(saves))
	}
}

// TestBackupRestorePostgres takes a pg_dump of the wiki's schema while
// folio serve is saving, drops the schema, restores the dump with
// pg_restore and serves again: every save acknowledged before the dump
// began is there, and the store is consistent.
func TestBackupRestorePostgres(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s: %v", tool, err)
		}
	}
	b := postgresBackend(t)
	alice := b.createUser(t, "Alice")
	n := startNode(t, "serve", b.args...)
	a := newAPI(t, n, alice.token)
	a.mustPut(t, "Backed_up", "first", 0)
	u, err := url.Parse(b.dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	schema := q.Get("search_path")
	q.Del("search_path") // libpq's tools do not take it in a URI
	u.RawQuery = q.Encode()
	base := u.String()

	w := startWriter(t, a, "Backed_up")
	time.Sleep(300 * time.Millisecond)
	before := len(w.acked())
	dump := filepath.Join(t.TempDir(), "folio.dump")
	if out, err := exec.Command("pg_dump", "--format=custom", "--schema="+schema, "--file="+dump, base).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump during saves: %v\n%s", err, out)
	}
	saves := w.halt()
	n.stop()

	db := backend{name: "postgres", dsn: base}.db(t)
	if _, err := db.ExecContext(context.Background(), `DROP SCHEMA "`+schema+`" CASCADE`); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pg_restore", "--dbname="+base, "--no-owner", dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	// The dump holds every save acknowledged before it began.
	kept := saves[:before]
	b.checkSaves(t, kept)
	b.checkConsistent(t)
	m := startNode(t, "restored", b.args...)
	if r := newBrowser(t, m).do("GET", "/wiki/Backed_up", nil); r.Status != 200 || !strings.Contains(r.Body, "during the backup") {
		t.Errorf("the restored wiki views Backed_up with %d", r.Status)
	}
	// It takes saves again: the identity sequences came back too.
	ra := newAPI(t, m, alice.token)
	p, err := ra.get(context.Background(), "Backed_up")
	if err != nil {
		t.Fatal(err)
	}
	ra.mustPut(t, "Backed_up", "after the restore", p.Revision)
	ra.mustPut(t, "New_after_restore", "new", 0)
	m.stop()
	t.Logf("pg_dump during %d saves; the %d acknowledged before it are in the dump", len(saves), len(kept))
}
