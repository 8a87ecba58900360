package skin

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Overlay returns the skins of disk over those of embedded, skin by skin: a
// skin directory on disk replaces the embedded skin of the same name
// entirely (no file of the embedded one shows through) or adds a skin. Pass
// it to Load for --skins-dir:
//
//	set, err := skin.Load(skin.Overlay(os.DirFS(dir), skins.FS))
func Overlay(disk, embedded fs.FS) fs.FS {
	return &overlay{disk: disk, embedded: embedded}
}

type overlay struct{ disk, embedded fs.FS }

var (
	_ fs.ReadDirFS = (*overlay)(nil)
	_ fs.StatFS    = (*overlay)(nil)
)

// pick returns the FS that holds name: disk when its top-level directory
// is a directory on disk.
func (o *overlay) pick(name string) fs.FS {
	top, _, _ := strings.Cut(name, "/")
	if fi, err := fs.Stat(o.disk, top); err == nil && fi.IsDir() {
		return o.disk
	}
	return o.embedded
}

// Open implements fs.FS.
func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		entries, err := o.ReadDir(".")
		if err != nil {
			return nil, err
		}
		return &rootDir{entries: entries}, nil
	}
	return o.pick(name).Open(name)
}

// Stat implements fs.StatFS.
func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if name == "." {
		return rootInfo{}, nil
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return fs.Stat(o.pick(name), name)
}

// ReadDir implements fs.ReadDirFS: the root lists the directories of both,
// disk's first; other directories come from the FS that holds them.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		if !fs.ValidPath(name) {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
		}
		return fs.ReadDir(o.pick(name), name)
	}
	disk, derr := fs.ReadDir(o.disk, ".")
	emb, eerr := fs.ReadDir(o.embedded, ".")
	if derr != nil && eerr != nil {
		return nil, errors.Join(derr, eerr)
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range slices.Concat(disk, emb) {
		if e.IsDir() && !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// rootDir is the merged root directory, opened.
type rootDir struct {
	entries []fs.DirEntry
	off     int
}

// Stat, Read and Close implement fs.File.
func (d *rootDir) Stat() (fs.FileInfo, error) { return rootInfo{}, nil }

// Read fails: a directory has no bytes.
func (d *rootDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}

// Close does nothing.
func (d *rootDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *rootDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// rootInfo is the fs.FileInfo of the merged root directory.
type rootInfo struct{}

// Name, Size, Mode, ModTime, IsDir and Sys implement fs.FileInfo.

func (rootInfo) Name() string       { return "." }
func (rootInfo) Size() int64        { return 0 }
func (rootInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (rootInfo) ModTime() time.Time { return time.Time{} }
func (rootInfo) IsDir() bool        { return true }
func (rootInfo) Sys() any           { return nil }
