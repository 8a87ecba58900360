package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/blobdir"
)

const fileVersionColumns = `id, name, sha, size, width, height, mime, user_id, user_name, comment, ts`

func scanFileVersion(row scanner) (store.FileVersion, error) {
	var v store.FileVersion
	var ts int64
	err := row.Scan(&v.ID, &v.Name, &v.SHA, &v.Size, &v.Width, &v.Height, &v.Mime, &v.UserID, &v.UserName, &v.Comment, &ts)
	v.Timestamp = fromMicros(ts)
	return v, err
}

// RecordUpload implements store.Files.
func (s *Store) RecordUpload(ctx context.Context, up store.Upload) (store.UploadResult, error) {
	v := up.Version
	op := fmt.Sprintf("record upload of %q", v.Name)
	v.Timestamp = store.OrNow(v.Timestamp)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return store.UploadResult{}, mapErr(op, err)
	}
	defer tx.Rollback()

	var cur int64
	err = tx.QueryRowContext(ctx, `SELECT current FROM file WHERE name = ?`, v.Name).Scan(&cur)
	first := errors.Is(err, sql.ErrNoRows)
	if err != nil && !first {
		return store.UploadResult{}, mapErr(op, err)
	}
	if first {
		if _, err := tx.ExecContext(ctx, `INSERT INTO file (name) VALUES (?)`, v.Name); err != nil {
			return store.UploadResult{}, mapErr(op, err)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO file_version (name, sha, size, width, height, mime, user_id, user_name, comment, ts)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, v.Name, v.SHA, v.Size, v.Width, v.Height, v.Mime, v.UserID, v.UserName, v.Comment, micros(v.Timestamp))
	if err != nil {
		return store.UploadResult{}, mapErr(op, err)
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return store.UploadResult{}, mapErr(op, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE file SET current = ?, deleted = 0 WHERE name = ?`, v.ID, v.Name); err != nil {
		return store.UploadResult{}, mapErr(op, err)
	}
	out := store.UploadResult{Version: v, First: first}
	if up.Page != nil {
		req := *up.Page
		req.Timestamp = store.OrNow(req.Timestamp)
		saved, err := saveTx(ctx, tx, req)
		var conflict *store.ConflictError
		switch {
		case errors.As(err, &conflict):
			// The page exists: an upload never overwrites its text.
		case err != nil:
			return store.UploadResult{}, err
		default:
			out.Page = &saved
			if err := s.publishTx(ctx, tx, up.Page.Events, up.Page.DropParse); err != nil {
				return store.UploadResult{}, mapErr(op, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return store.UploadResult{}, mapErr(op+": commit", err)
	}
	return out, nil
}

// RenameFile implements store.Files; file_version rows follow through
// their foreign key (ON UPDATE CASCADE).
func (s *Store) RenameFile(ctx context.Context, from, to string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE file SET name = ? WHERE name = ?`, to, from)
	return affected(res, err, fmt.Sprintf("rename file %q to %q", from, to))
}

// SetFileDeleted implements store.Files.
func (s *Store) SetFileDeleted(ctx context.Context, name string, deleted bool) error {
	res, err := s.w.ExecContext(ctx, `UPDATE file SET deleted = ? WHERE name = ?`, deleted, name)
	return affected(res, err, fmt.Sprintf("set file %q deleted", name))
}

// File implements store.Files.
func (s *Store) File(ctx context.Context, name string) (store.File, error) {
	v, err := scanFileVersion(s.r.QueryRowContext(ctx, `SELECT `+fileVersionColumns+` FROM file_version
		WHERE id = (SELECT current FROM file WHERE name = ? AND deleted = 0)`, name))
	if err != nil {
		return store.File{}, mapErr(fmt.Sprintf("get file %q", name), err)
	}
	return store.File{Name: name, Current: v}, nil
}

// FileVersions implements store.Files.
func (s *Store) FileVersions(ctx context.Context, name string) ([]store.FileVersion, error) {
	return s.fileVersions(ctx, "file versions", `SELECT `+fileVersionColumns+` FROM file_version WHERE name = ? ORDER BY id DESC`, name)
}

// FileVersionByID implements store.Files.
func (s *Store) FileVersionByID(ctx context.Context, id int64) (store.FileVersion, error) {
	v, err := scanFileVersion(s.r.QueryRowContext(ctx, `SELECT `+fileVersionColumns+` FROM file_version WHERE id = ?`, id))
	return v, mapErr(fmt.Sprintf("get file version %d", id), err)
}

// FileBySHA implements store.Files.
func (s *Store) FileBySHA(ctx context.Context, sha string) (store.FileVersion, error) {
	v, err := scanFileVersion(s.r.QueryRowContext(ctx, `SELECT `+fileVersionColumns+` FROM file_version
		WHERE sha = ? AND name IN (SELECT name FROM file WHERE deleted = 0) ORDER BY id DESC LIMIT 1`, sha))
	return v, mapErr(fmt.Sprintf("get file %s", sha), err)
}

// FilesByName implements store.Files.
func (s *Store) FilesByName(ctx context.Context, names []string) (map[string]blob.FileInfo, error) {
	out := make(map[string]blob.FileInfo, len(names))
	for len(names) > 0 {
		batch := names[:min(len(names), 500)]
		names = names[len(batch):]
		args := make([]any, len(batch))
		for i, n := range batch {
			args[i] = n
		}
		q := `SELECT ` + prefixed("v.", fileVersionColumns) + ` FROM file f JOIN file_version v ON v.id = f.current
			WHERE f.deleted = 0 AND f.name IN (?` + strings.Repeat(", ?", len(batch)-1) + `)`
		vs, err := s.fileVersions(ctx, "files by name", q, args...)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			out[v.Name] = v.Info()
		}
	}
	return out, nil
}

// prefixed qualifies each column of a list with p.
func prefixed(p, cols string) string {
	return p + strings.ReplaceAll(cols, ", ", ", "+p)
}

func (s *Store) fileVersions(ctx context.Context, op, q string, args ...any) ([]store.FileVersion, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []store.FileVersion
	for rows.Next() {
		v, err := scanFileVersion(rows)
		if err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, v)
	}
	return out, mapErr(op, rows.Err())
}

// blobs is the directory of uploaded bytes: "files" beside the database.
func (s *Store) blobs() *blobdir.Dir {
	return blobdir.New(filepath.Join(filepath.Dir(s.path), "files"))
}

// PutBlob implements store.BlobStore: a file under the data directory.
func (s *Store) PutBlob(ctx context.Context, key string, r io.Reader) error {
	return s.blobs().PutBlob(ctx, key, r)
}

// OpenBlob implements store.BlobStore.
func (s *Store) OpenBlob(ctx context.Context, key string) (store.Blob, error) {
	return s.blobs().OpenBlob(ctx, key)
}
