package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/importer"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newSaver(t *testing.T, st store.Store, max int) *pageinfo.Saver {
	t.Helper()
	pages, err := pageinfo.NewCache(st, pageinfo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pages.Close)
	return pageinfo.NewSaver(st, pages, max)
}

func write(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, st store.Store, src string, max int) importer.Report {
	t.Helper()
	rep, err := importer.Import(context.Background(), newSaver(t, st, max), st,
		importer.Options{Source: src, UserName: "test", MaxPageBytes: max})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return rep
}

func skipReasons(rep importer.Report) map[string]string {
	out := map[string]string{}
	for _, s := range rep.Skipped {
		out[s.Path] = s.Reason
	}
	return out
}

func TestImportTreeAndIdempotence(t *testing.T) {
	src := t.TempDir()
	write(t, src, "Foo/Bar Baz.md", []byte("# Bar baz\n"))
	write(t, src, "index.md", []byte("home"))
	write(t, src, "image.png", []byte{0x89, 'P', 'N', 'G'})
	write(t, src, "bad.md", []byte("ok \xff\xfe not utf-8"))
	write(t, src, "big.md", []byte(strings.Repeat("x", 100)))
	write(t, src, "foo/Bar Baz.md", []byte("same title as Foo/Bar Baz.md"))
	write(t, src, ".git/config.md", []byte("hidden"))
	write(t, src, "empty/.md", []byte("no title"))
	st := openStore(t)

	rep := run(t, st, src, 50)
	if rep.Created != 2 || rep.Updated != 0 {
		t.Fatalf("first import: %+v, want 2 created", rep)
	}
	reasons := skipReasons(rep)
	for path, want := range map[string]string{
		"image.png":      "not a Markdown file",
		"bad.md":         "not valid UTF-8",
		"big.md":         "over the size limit",
		"foo/Bar Baz.md": "same title",
		".git":           "hidden",
		"empty/.md":      "hidden",
	} {
		if !strings.Contains(reasons[path], want) {
			t.Errorf("skip reason of %s = %q, want it to say %q", path, reasons[path], want)
		}
	}
	rev, err := st.LatestRevision(context.Background(), "Foo/Bar_Baz")
	if err != nil || rev.Text != "# Bar baz" {
		t.Fatalf("Foo/Bar_Baz = %+v, %v", rev, err)
	}
	before, _ := st.Recent(context.Background(), store.RecentQuery{Limit: 100})

	rep = run(t, st, src, 50)
	if rep.Changed() != 0 || rep.Unchanged != 2 {
		t.Fatalf("second import: %+v, want 0 changes and 2 unchanged", rep)
	}
	after, _ := st.Recent(context.Background(), store.RecentQuery{Limit: 100})
	if len(after) != len(before) {
		t.Fatalf("second import wrote %d recent changes", len(after)-len(before))
	}

	write(t, src, "index.md", []byte("home, edited"))
	rep = run(t, st, src, 50)
	if rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("third import: %+v, want 1 updated", rep)
	}
}

func TestImportBadSource(t *testing.T) {
	st := openStore(t)
	saver := newSaver(t, st, 1<<20)
	file := filepath.Join(t.TempDir(), "file.md")
	write(t, filepath.Dir(file), "file.md", []byte("x"))
	for _, src := range []string{filepath.Join(t.TempDir(), "missing"), file} {
		_, err := importer.Import(context.Background(), saver, st, importer.Options{Source: src})
		if err == nil {
			t.Errorf("Import(%s) = nil error, want one", src)
		}
	}
	if n, _ := st.CountPages(context.Background()); n != 0 {
		t.Fatalf("a failed import wrote %d pages", n)
	}
}

func TestImportUnreadableSource(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads unreadable directories")
	}
	src := t.TempDir()
	if err := os.Chmod(src, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(src, 0o755) })
	st := openStore(t)
	_, err := importer.Import(context.Background(), newSaver(t, st, 1<<20), st, importer.Options{Source: src})
	if err == nil || !errors.Is(err, os.ErrPermission) {
		t.Fatalf("err = %v, want a permission error", err)
	}
}
