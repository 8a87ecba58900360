package store

import (
	"context"
	"io"
	"time"

	"github.com/foliowiki/folio/blob"
)

// FileVersion is one upload of a file: which bytes (their SHA-256, hex),
// what they are, who uploaded them and why. Versions are immutable; a
// file's current version is the one its File page shows and pages embed.
type FileVersion struct {
	ID        int64
	Name      string // the file's name: its File page's title without "File:", as a DB key
	SHA       string // hex SHA-256 of the bytes, the key of the blob
	Size      int64
	Width     int // pixels; 0 for what is not an image
	Height    int
	Mime      string
	UserID    int64
	UserName  string
	Comment   string
	Timestamp time.Time // zero means now, when recording
}

// Info is the version as a blob.FileInfo.
func (v FileVersion) Info() blob.FileInfo {
	return blob.FileInfo{Name: v.Name, SHA: v.SHA, Size: v.Size, Width: v.Width, Height: v.Height, Mime: v.Mime}
}

// File is an uploaded file and its current version.
type File struct {
	Name    string
	Current FileVersion
}

// Upload is one upload to record: the new version and, for a file's first
// upload, the File page's first revision (its description), saved in the
// same transaction when no page has that title yet.
type Upload struct {
	Version FileVersion
	Page    *SaveRequest // nil: no page to create
}

// UploadResult reports what RecordUpload wrote.
type UploadResult struct {
	Version FileVersion // with its ID and Timestamp
	First   bool        // the file had no version before
	Page    *SaveResult // the File page's revision, when one was saved
}

// Files records uploads. The bytes are in a BlobStore; these rows name
// them by SHA-256.
type Files interface {
	// RecordUpload adds a version to the file (creating the file on its
	// first upload) and makes it current, with up.Page saved in the same
	// transaction when it is not nil and the page does not exist.
	RecordUpload(ctx context.Context, up Upload) (UploadResult, error)
	// File returns the file with its current version, or ErrNotFound.
	File(ctx context.Context, name string) (File, error)
	// FileVersions returns every version of a file, newest first (none for
	// a file that does not exist).
	FileVersions(ctx context.Context, name string) ([]FileVersion, error)
	// FileVersionByID returns one version of a file, or ErrNotFound.
	FileVersionByID(ctx context.Context, id int64) (FileVersion, error)
	// FilesByName returns, for each of names that is an existing file,
	// its current version, keyed by name. Unknown names are left out.
	FilesByName(ctx context.Context, names []string) (map[string]blob.FileInfo, error)
	// FileBySHA returns the newest version with those bytes, or
	// ErrNotFound: what /files/<sha>/ serves.
	FileBySHA(ctx context.Context, sha string) (FileVersion, error)
	// RenameFile gives the file from, with all its versions, the name to
	// (its File page moved); the blobs stay as they are. ErrNotFound when
	// from is no file, ErrConflict when to is one.
	RenameFile(ctx context.Context, from, to string) error
	// SetFileDeleted hides (deleted) or shows again the file name, with
	// its File page: a deleted file is not found by File, FilesByName and
	// FileBySHA; its versions and blobs are kept for an undeletion, and a
	// new upload under its name shows it again. ErrNotFound for no file.
	SetFileDeleted(ctx context.Context, name string, deleted bool) error
}

// Blob is stored bytes open for reading: http.ServeContent seeks in it
// to answer Range requests.
type Blob interface {
	io.ReadSeekCloser
	Size() int64
}

// BlobStore keeps content-addressed bytes: the originals of uploads under
// their SHA-256 (hex), their thumbnails under "<sha>/<width>". A key's
// bytes never change, so Put of a key already stored does nothing. The
// embedded backend keeps files beside the SQLite database, PostgreSQL a
// table of chunks; an object store (S3) can implement it too.
type BlobStore interface {
	// PutBlob stores r's bytes under key, atomically: a reader sees all of
	// them or ErrNotFound.
	PutBlob(ctx context.Context, key string, r io.Reader) error
	// OpenBlob opens the bytes under key, or returns ErrNotFound.
	OpenBlob(ctx context.Context, key string) (Blob, error)
}
