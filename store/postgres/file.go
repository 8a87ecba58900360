package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/store"
)

const fileVersionColumns = `v.id, v.name, v.sha, v.size, v.width, v.height, v.mime, v.user_id, v.user_name, v.comment, v.ts`

func scanFileVersion(row pgx.Row) (store.FileVersion, error) {
	var v store.FileVersion
	err := row.Scan(&v.ID, &v.Name, &v.SHA, &v.Size, &v.Width, &v.Height, &v.Mime, &v.UserID, &v.UserName, &v.Comment, &v.Timestamp)
	v.Timestamp = v.Timestamp.UTC()
	return v, err
}

// RecordUpload implements store.Files. The file row is locked for the
// transaction, so concurrent uploads of one name are recorded one after
// the other.
func (s *Store) RecordUpload(ctx context.Context, up store.Upload) (store.UploadResult, error) {
	v := up.Version
	v.Timestamp = store.StoredTime(store.OrNow(v.Timestamp))
	out := store.UploadResult{Version: v}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO file (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, v.Name)
		if err != nil {
			return err
		}
		out.First = tag.RowsAffected() == 1
		var cur int64
		if err := tx.QueryRow(ctx, `SELECT current FROM file WHERE name = $1 FOR UPDATE`, v.Name).Scan(&cur); err != nil {
			return err
		}
		out.First = out.First || cur == 0
		if err := tx.QueryRow(ctx, `INSERT INTO file_version (name, sha, size, width, height, mime, user_id, user_name, comment, ts)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			v.Name, v.SHA, v.Size, v.Width, v.Height, v.Mime, v.UserID, v.UserName, v.Comment, v.Timestamp).Scan(&out.Version.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE file SET current = $1, deleted = FALSE WHERE name = $2`, out.Version.ID, v.Name); err != nil {
			return err
		}
		return s.uploadPageTx(ctx, tx, up.Page, &out)
	})
	if err != nil {
		return store.UploadResult{}, fmt.Errorf("postgres: record upload of %q: %w", v.Name, dbErr(err))
	}
	return out, nil
}

// uploadPageTx saves the File page of a first upload, unless it exists.
func (s *Store) uploadPageTx(ctx context.Context, tx pgx.Tx, req *store.SaveRequest, out *store.UploadResult) error {
	if req == nil {
		return nil
	}
	r := *req
	r.Timestamp = store.OrNow(r.Timestamp)
	saved, err := saveTx(ctx, tx, r)
	var conflict *store.ConflictError
	switch {
	case errors.As(err, &conflict):
		return nil // the page exists: an upload never overwrites its text
	case err != nil:
		return err
	}
	out.Page = &saved
	return s.publishTx(ctx, tx, r.Events, r.DropParse)
}

// RenameFile implements store.Files; file_version rows follow through
// their foreign key (ON UPDATE CASCADE).
func (s *Store) RenameFile(ctx context.Context, from, to string) error {
	if err := affected(s.pool.Exec(ctx, `UPDATE file SET name = $1 WHERE name = $2`, to, from)); err != nil {
		return fmt.Errorf("postgres: rename file %q to %q: %w", from, to, dbErr(err))
	}
	return nil
}

// SetFileDeleted implements store.Files.
func (s *Store) SetFileDeleted(ctx context.Context, name string, deleted bool) error {
	if err := affected(s.pool.Exec(ctx, `UPDATE file SET deleted = $1 WHERE name = $2`, deleted, name)); err != nil {
		return fmt.Errorf("postgres: set file %q deleted: %w", name, dbErr(err))
	}
	return nil
}

// File implements store.Files.
func (s *Store) File(ctx context.Context, name string) (store.File, error) {
	v, err := scanFileVersion(s.pool.QueryRow(ctx, `SELECT `+fileVersionColumns+`
		FROM file f JOIN file_version v ON v.id = f.current WHERE f.name = $1 AND NOT f.deleted`, name))
	if err != nil {
		return store.File{}, fmt.Errorf("postgres: get file %q: %w", name, dbErr(err))
	}
	return store.File{Name: name, Current: v}, nil
}

// FileVersions implements store.Files.
func (s *Store) FileVersions(ctx context.Context, name string) ([]store.FileVersion, error) {
	return s.fileVersions(ctx, "file versions", `SELECT `+fileVersionColumns+` FROM file_version v
		WHERE v.name = $1 ORDER BY v.id DESC`, name)
}

// FileVersionByID implements store.Files.
func (s *Store) FileVersionByID(ctx context.Context, id int64) (store.FileVersion, error) {
	v, err := scanFileVersion(s.pool.QueryRow(ctx, `SELECT `+fileVersionColumns+` FROM file_version v WHERE v.id = $1`, id))
	if err != nil {
		return store.FileVersion{}, fmt.Errorf("postgres: get file version %d: %w", id, dbErr(err))
	}
	return v, nil
}

// FileBySHA implements store.Files.
func (s *Store) FileBySHA(ctx context.Context, sha string) (store.FileVersion, error) {
	v, err := scanFileVersion(s.pool.QueryRow(ctx, `SELECT `+fileVersionColumns+` FROM file_version v
		WHERE v.sha = $1 AND v.name IN (SELECT name FROM file WHERE NOT deleted) ORDER BY v.id DESC LIMIT 1`, sha))
	if err != nil {
		return store.FileVersion{}, fmt.Errorf("postgres: get file %s: %w", sha, dbErr(err))
	}
	return v, nil
}

// FilesByName implements store.Files.
func (s *Store) FilesByName(ctx context.Context, names []string) (map[string]blob.FileInfo, error) {
	vs, err := s.fileVersions(ctx, "files by name", `SELECT `+fileVersionColumns+`
		FROM file f JOIN file_version v ON v.id = f.current WHERE f.name = ANY($1) AND NOT f.deleted`, names)
	if err != nil {
		return nil, err
	}
	out := make(map[string]blob.FileInfo, len(vs))
	for _, v := range vs {
		out[v.Name] = v.Info()
	}
	return out, nil
}

func (s *Store) fileVersions(ctx context.Context, op, q string, args ...any) ([]store.FileVersion, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", op, dbErr(err))
	}
	defer rows.Close()
	var out []store.FileVersion
	for rows.Next() {
		v, err := scanFileVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: %s: %w", op, dbErr(err))
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", op, dbErr(err))
	}
	return out, nil
}
