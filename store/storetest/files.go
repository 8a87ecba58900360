package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func testFiles(t *testing.T, s store.Store) {
	if _, err := s.File(ctx(t), "Cat.png"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("File of a missing file: %v, want ErrNotFound", err)
	}
	v1 := store.FileVersion{Name: "Cat.png", SHA: sha([]byte("one")), Size: 3, Width: 10, Height: 20, Mime: "image/png", UserID: 7, UserName: "Alice", Comment: "first"}
	res, err := s.RecordUpload(ctx(t), store.Upload{Version: v1, Page: &store.SaveRequest{Title: "File:Cat.png", Text: "A cat.", UserName: "Alice"}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.First || res.Version.ID == 0 || res.Page == nil || !res.Page.Created {
		t.Fatalf("first upload = %+v, want First with an id and a created page", res)
	}
	if r, err := s.LatestRevision(ctx(t), "File:Cat.png"); err != nil || r.Text != "A cat." {
		t.Fatalf("File page after the first upload: %+v, %v", r, err)
	} else if time.Since(r.Timestamp) > time.Hour || time.Since(r.Timestamp) < -time.Hour {
		t.Fatalf("File page's revision is dated %v: the upload's time was not given to it", r.Timestamp)
	}
	if ch, err := s.Recent(ctx(t), store.RecentQuery{Limit: 1}); err != nil || len(ch) != 1 || time.Since(ch[0].Timestamp) > time.Hour {
		t.Fatalf("the upload's recent change: %+v, %v — want it dated now", ch, err)
	}

	v2 := v1
	v2.SHA, v2.Size, v2.Width, v2.UserName, v2.Comment = sha([]byte("two")), 4, 30, "Bob", "bigger"
	res2, err := s.RecordUpload(ctx(t), store.Upload{Version: v2, Page: &store.SaveRequest{Title: "File:Cat.png", Text: "Overwritten?", UserName: "Bob"}})
	if err != nil {
		t.Fatal(err)
	}
	if res2.First || res2.Page != nil || res2.Version.ID <= res.Version.ID {
		t.Fatalf("second upload = %+v, want not First, no page, a newer id", res2)
	}
	if r, _ := s.LatestRevision(ctx(t), "File:Cat.png"); r.Text != "A cat." {
		t.Errorf("a re-upload changed the File page's text to %q", r.Text)
	}

	f, err := s.File(ctx(t), "Cat.png")
	if err != nil || f.Current.ID != res2.Version.ID || f.Current.SHA != v2.SHA || f.Current.Width != 30 || f.Current.UserName != "Bob" || f.Current.Timestamp.IsZero() {
		t.Fatalf("File = %+v, %v; want the second version", f, err)
	}
	vs, err := s.FileVersions(ctx(t), "Cat.png")
	if err != nil || len(vs) != 2 || vs[0].ID != res2.Version.ID || vs[1].SHA != v1.SHA || vs[1].Comment != "first" || vs[1].Height != 20 {
		t.Fatalf("FileVersions = %+v, %v; want both, newest first", vs, err)
	}
	if v, err := s.FileVersionByID(ctx(t), res.Version.ID); err != nil || v.SHA != v1.SHA || v.Name != "Cat.png" {
		t.Fatalf("FileVersionByID = %+v, %v", v, err)
	}
	if v, err := s.FileBySHA(ctx(t), v1.SHA); err != nil || v.ID != res.Version.ID {
		t.Fatalf("FileBySHA(old) = %+v, %v", v, err)
	}
	if _, err := s.FileBySHA(ctx(t), sha([]byte("none"))); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("FileBySHA of unknown bytes: %v, want ErrNotFound", err)
	}

	// Reverting is uploading an old version's bytes again.
	v3 := vs[1]
	v3.ID, v3.Comment = 0, "revert"
	if _, err := s.RecordUpload(ctx(t), store.Upload{Version: v3}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FilesByName(ctx(t), []string{"Cat.png", "Dog.png"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["Cat.png"].SHA != v1.SHA || got["Cat.png"].Width != 10 || got["Cat.png"].Mime != "image/png" || got["Cat.png"].Name != "Cat.png" {
		t.Fatalf("FilesByName = %+v, want Cat.png at its first bytes", got)
	}
	if got, err := s.FilesByName(ctx(t), nil); err != nil || len(got) != 0 {
		t.Fatalf("FilesByName(nil) = %v, %v", got, err)
	}

	// Renaming keeps the versions; names are unique.
	if _, err := s.RecordUpload(ctx(t), store.Upload{Version: store.FileVersion{Name: "Dog.png", SHA: v1.SHA, Size: 3, Mime: "image/png"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameFile(ctx(t), "Cat.png", "Dog.png"); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("rename onto an existing file: %v, want ErrConflict", err)
	}
	if err := s.RenameFile(ctx(t), "Nope.png", "Other.png"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("rename of no file: %v, want ErrNotFound", err)
	}
	if err := s.RenameFile(ctx(t), "Cat.png", "Kitten.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.File(ctx(t), "Cat.png"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the old name is still a file: %v", err)
	}
	if vs, err := s.FileVersions(ctx(t), "Kitten.png"); err != nil || len(vs) != 3 || vs[0].Name != "Kitten.png" {
		t.Fatalf("versions after the rename = %+v, %v", vs, err)
	}

	// A deleted file is found by none of the lookups, until undeleted or
	// uploaded again.
	other := sha([]byte("other"))
	if _, err := s.RecordUpload(ctx(t), store.Upload{Version: store.FileVersion{Name: "Gone.png", SHA: other, Size: 5, Mime: "image/png"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFileDeleted(ctx(t), "Gone.png", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.File(ctx(t), "Gone.png"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("File of a deleted file: %v", err)
	}
	if _, err := s.FileBySHA(ctx(t), other); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("FileBySHA of a deleted file's bytes: %v", err)
	}
	if got, _ := s.FilesByName(ctx(t), []string{"Gone.png"}); len(got) != 0 {
		t.Fatalf("FilesByName lists a deleted file: %v", got)
	}
	if err := s.SetFileDeleted(ctx(t), "Gone.png", false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.File(ctx(t), "Gone.png"); err != nil {
		t.Fatalf("File after undeletion: %v", err)
	}
	if err := s.SetFileDeleted(ctx(t), "Never.png", true); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("SetFileDeleted of no file: %v", err)
	}
}

func testBlobs(t *testing.T, s store.Store) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 200000) // 3.2 MB: several chunks
	key := sha(data)
	if _, err := s.OpenBlob(ctx(t), key); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("OpenBlob of a missing key: %v, want ErrNotFound", err)
	}
	for range 2 { // the second Put of the same key is a no-op
		if err := s.PutBlob(ctx(t), key, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := s.OpenBlob(ctx(t), key)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Size() != int64(len(data)) {
		t.Fatalf("Size = %d, want %d", b.Size(), len(data))
	}
	all, err := io.ReadAll(b)
	if err != nil || !bytes.Equal(all, data) {
		t.Fatalf("read back %d bytes (%v), want the %d stored", len(all), err, len(data))
	}
	// A range across a chunk boundary, as http.ServeContent reads one.
	if _, err := b.Seek(1<<20-5, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	part := make([]byte, 10)
	if _, err := io.ReadFull(b, part); err != nil || !bytes.Equal(part, data[1<<20-5:1<<20+5]) {
		t.Fatalf("range read %q (%v), want %q", part, err, data[1<<20-5:1<<20+5])
	}

	thumb := key + "/250"
	if err := s.PutBlob(ctx(t), thumb, bytes.NewReader([]byte("small"))); err != nil {
		t.Fatal(err)
	}
	tb, err := s.OpenBlob(ctx(t), thumb)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	if got, _ := io.ReadAll(tb); string(got) != "small" {
		t.Fatalf("thumbnail blob = %q", got)
	}
	empty := sha(nil)
	if err := s.PutBlob(ctx(t), empty, bytes.NewReader(nil)); err != nil {
		t.Fatal(err)
	}
	eb, err := s.OpenBlob(ctx(t), empty)
	if err != nil || eb.Size() != 0 {
		t.Fatalf("empty blob: %v", err)
	}
	eb.Close()
}
