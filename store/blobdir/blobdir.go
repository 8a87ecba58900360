// Package blobdir is a store.BlobStore of files in a directory: the
// embedded backend's uploads and thumbnails, beside folio.db. A key
// "<sha>" is the file <dir>/<sha[0:2]>/<sha>; "<sha>/<width>" is
// <dir>/<sha[0:2]>/<sha>.<width>. Each is written to a temporary file in
// the same directory, synced, and renamed into place, so a reader (or a
// crash) never sees part of one.
package blobdir

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/foliowiki/folio/store"
)

// Dir is a store.BlobStore rooted at a directory.
type Dir struct {
	root string
}

var _ store.BlobStore = (*Dir)(nil)

// New returns the blob store rooted at dir; the directory is made on the
// first write.
func New(dir string) *Dir { return &Dir{root: dir} }

// path maps a key to its file, refusing keys that are not a hex SHA-256
// optionally followed by "/" and a decimal number.
func (d *Dir) path(key string) (string, error) {
	sha, suffix, _ := strings.Cut(key, "/")
	if !ValidSHA(sha) || strings.ContainsFunc(suffix, func(r rune) bool { return r < '0' || r > '9' }) {
		return "", fmt.Errorf("blob key %q: %w", key, store.ErrNotFound)
	}
	name := sha
	if suffix != "" {
		name += "." + suffix
	}
	return filepath.Join(d.root, sha[:2], name), nil
}

// ValidSHA reports whether s is a SHA-256 in lower-case hex.
func ValidSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// PutBlob implements store.BlobStore.
func (d *Dir) PutBlob(ctx context.Context, key string, r io.Reader) error {
	p, err := d.path(key)
	if err != nil {
		return fmt.Errorf("blobdir: put: %w", err)
	}
	if _, err := os.Stat(p); err == nil {
		return nil // content-addressed: already there
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("blobdir: put %s: %w", key, err)
	}
	if err := writeAtomic(ctx, p, r); err != nil {
		return fmt.Errorf("blobdir: put %s: %w", key, err)
	}
	return nil
}

// writeAtomic writes r to a temporary file beside p, syncs it, renames it
// to p and syncs the directory.
func writeAtomic(ctx context.Context, p string, r io.Reader) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, ctxReader{ctx, r}); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), p); err != nil {
		return err
	}
	if dir, derr := os.Open(filepath.Dir(p)); derr == nil {
		dir.Sync() //nolint:errcheck // best effort: the rename is done
		dir.Close()
	}
	return nil
}

// ctxReader stops a copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// OpenBlob implements store.BlobStore.
func (d *Dir) OpenBlob(_ context.Context, key string) (store.Blob, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, fmt.Errorf("blobdir: open: %w", err)
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("blobdir: open %s: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("blobdir: open %s: %w", key, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("blobdir: open %s: %w", key, err)
	}
	return file{f, st.Size()}, nil
}

type file struct {
	*os.File
	size int64
}

func (f file) Size() int64 { return f.size }
