package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMoveToPostgres moves a wiki from SQLite to PostgreSQL the way an
// operator does: folio export on the one, folio import --dump on a fresh
// other. The PostgreSQL wiki exports the same pages with the same
// histories, its front page included (a dump loads into an empty store
// unseeded), and serves them.
func TestMoveToPostgres(t *testing.T) {
	from, to := sqliteBackend(t), postgresBackend(t)
	src := t.TempDir()
	for name, text := range map[string]string{
		"Guide/Start.md": "# Start\n\nRead [[Guide/Next]] and [[Missing]].\n\n[[Category:Guides]]",
		"Guide/Next.md":  "Next steps, about **aardvarks**.",
		"Zürich.md":      "Grüezi.",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	folio(t, append(append([]string{"import"}, from.args...), src)...)
	put := func(b backend, title, text, summary string) {
		t.Helper()
		out, errOut, err := folioStdin(text, append(append([]string{"page", "put"}, b.args...), "--summary", summary, title)...)
		if err != nil {
			t.Fatalf("page put %s: %v %s %s", title, err, out, errOut)
		}
	}
	put(from, "Guide/Next", "Next steps, about **aardvarks** and more.", "second")
	put(from, "Main_Page", "Our own front page.", "ours")

	file := filepath.Join(t.TempDir(), "wiki.dump")
	folio(t, append(append([]string{"export"}, from.args...), "--output", file)...)
	d, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := folio(t, append(append([]string{"import"}, to.args...), "--dump", file)...)
	if !strings.Contains(out, "4 created, 0 updated") {
		t.Fatalf("import --dump: %s", out)
	}
	moved := folio(t, append([]string{"export"}, to.args...)...)
	if body(moved) != body(string(d)) {
		t.Fatalf("PostgreSQL exports\n%s\nSQLite exported\n%s", moved, d)
	}
	if got := folio(t, append(append([]string{"page", "get"}, to.args...), "Main_Page")...); got != "Our own front page.\n" {
		t.Fatalf("Main_Page on PostgreSQL = %q", got)
	}
	// Loading again writes nothing.
	out = folio(t, append(append([]string{"import"}, to.args...), "--dump", file)...)
	if !strings.HasPrefix(out, "0 changes: 4 pages already up to date") {
		t.Fatalf("second import --dump: %s", out)
	}
}

// body is a dump without its header line (which has the time).
func body(d string) string {
	_, rest, _ := strings.Cut(d, "\n")
	return rest
}
