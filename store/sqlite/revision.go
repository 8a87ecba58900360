package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/foliowiki/folio/store"
)

// revisionColumns is the column list scanned by scanRevision; r is revision,
// p is page.
const revisionColumns = `r.id, r.page_id, p.title, r.parent_id, r.text, r.summary, r.user_id, r.user_name, r.minor, r.size, r.ts, r.deleted`

// scanRevision reads one row selected with revisionColumns.
func scanRevision(row scanner) (store.Revision, error) {
	var r store.Revision
	var ts int64
	err := row.Scan(&r.ID, &r.PageID, &r.Title, &r.ParentID, &r.Text, &r.Summary, &r.UserID, &r.UserName, &r.Minor, &r.Size, &ts, &r.Deleted)
	r.Timestamp = fromMicros(ts)
	return r, err
}

// RevisionByID implements store.Revisions.
func (s *Store) RevisionByID(ctx context.Context, id int64) (store.Revision, error) {
	r, err := scanRevision(s.r.QueryRowContext(ctx,
		`SELECT `+revisionColumns+` FROM revision r JOIN page p ON p.id = r.page_id WHERE r.id = ?`, id))
	return r, mapErr(fmt.Sprintf("get revision %d", id), err)
}

// LatestRevision implements store.Revisions.
func (s *Store) LatestRevision(ctx context.Context, title string) (store.Revision, error) {
	r, err := scanRevision(s.r.QueryRowContext(ctx,
		`SELECT `+revisionColumns+` FROM page p JOIN revision r ON r.id = p.latest_rev WHERE p.title = ? AND p.deleted = 0`, title))
	return r, mapErr(fmt.Sprintf("get latest revision of %q", title), err)
}

// History implements store.Revisions.
func (s *Store) History(ctx context.Context, pageID int64, before int64, limit int) ([]store.Revision, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+revisionColumns+` FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.page_id = ? AND r.id < ? AND r.deleted = p.deleted ORDER BY r.id DESC LIMIT ?`, pageID, before, limit)
	if err != nil {
		return nil, mapErr("history", err)
	}
	defer rows.Close()
	var out []store.Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, mapErr("history", err)
		}
		out = append(out, r)
	}
	return out, mapErr("history", rows.Err())
}

// NextRevision implements store.Revisions.
func (s *Store) NextRevision(ctx context.Context, pageID int64, after int64) (int64, error) {
	var next sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT min(r.id) FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.page_id = ? AND r.id > ? AND r.deleted = p.deleted`, pageID, after).Scan(&next)
	return next.Int64, mapErr("next revision", err)
}

// SaveRevision implements store.Revisions, with its watchlist and
// notification writes (watchSaveTx) and its re-render jobs (enqueueTx).
// The write transaction is IMMEDIATE (see dsn), so the base-revision check
// and the writes cannot interleave with another save.
func (s *Store) SaveRevision(ctx context.Context, req store.SaveRequest) (store.SaveResult, error) {
	op := fmt.Sprintf("save %q", req.Title)
	req.Timestamp = store.OrNow(req.Timestamp)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return store.SaveResult{}, mapErr(op, err)
	}
	defer tx.Rollback()

	res, err := saveTx(ctx, tx, req)
	if err != nil || res.Unchanged {
		return res, err
	}
	if res.Notified, err = watchSaveTx(ctx, tx, req, res.Revision); err != nil {
		return store.SaveResult{}, mapErr(op, err)
	}
	if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
		return store.SaveResult{}, mapErr(op, err)
	}
	if err := s.publishTx(ctx, tx, req.Events, req.DropParse); err != nil {
		return store.SaveResult{}, mapErr(op, err)
	}
	if err := tx.Commit(); err != nil {
		return store.SaveResult{}, mapErr(op+": commit", err)
	}
	return res, nil
}

// saveTx is SaveRevision inside its transaction. A deleted page's row is
// reused for its re-creation: LatestRev reads as 0 and the new revision has
// no parent.
func saveTx(ctx context.Context, tx *sql.Tx, req store.SaveRequest) (store.SaveResult, error) {
	op := fmt.Sprintf("save %q", req.Title)
	page, state, err := pageForWrite(ctx, tx, req.Title)
	if err != nil {
		return store.SaveResult{}, mapErr(op, err)
	}
	if state != pageLive {
		page.LatestRev, page.Size = 0, 0
	}
	if page.LatestRev != req.BaseRevID {
		return store.SaveResult{}, &store.ConflictError{Title: req.Title, BaseRevID: req.BaseRevID, LatestRev: page.LatestRev}
	}
	switch state {
	case pageLive:
		cur, err := scanRevision(tx.QueryRowContext(ctx,
			`SELECT `+revisionColumns+` FROM revision r JOIN page p ON p.id = r.page_id WHERE r.id = ?`, page.LatestRev))
		if err != nil {
			return store.SaveResult{}, mapErr(op+": current revision", err)
		}
		if cur.Text == req.Text {
			return store.SaveResult{Page: page, Revision: cur, Unchanged: true}, nil
		}
	case pageAbsent:
		if page, err = insertPage(ctx, tx, req); err != nil {
			return store.SaveResult{}, err
		}
	}
	rev, err := insertRevision(ctx, tx, page, req)
	if err != nil {
		return store.SaveResult{}, err
	}
	oldSize := page.Size
	page.LatestRev, page.Size, page.Redirect, page.Touched = rev.ID, rev.Size, req.Redirect, req.Timestamp
	if _, err := tx.ExecContext(ctx, `UPDATE page SET latest_rev = ?, size = ?, redirect = ?, touched = ?, deleted = 0
		WHERE id = ?`, page.LatestRev, page.Size, page.Redirect, micros(page.Touched), page.ID); err != nil {
		return store.SaveResult{}, mapErr(op+": update page", err)
	}
	if err := replaceDerived(ctx, tx, page, req); err != nil {
		return store.SaveResult{}, err
	}
	created := state != pageLive
	if err := insertChange(ctx, tx, store.SaveChange(page, rev, oldSize, created)); err != nil {
		return store.SaveResult{}, mapErr(op, err)
	}
	return store.SaveResult{Page: page, Revision: rev, Created: created}, nil
}

func insertPage(ctx context.Context, tx *sql.Tx, req store.SaveRequest) (store.Page, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO page (title, touched) VALUES (?, ?)`, req.Title, micros(req.Timestamp))
	if err != nil {
		return store.Page{}, mapErr(fmt.Sprintf("create page %q", req.Title), err)
	}
	id, err := res.LastInsertId()
	return store.Page{ID: id, Title: req.Title}, mapErr("create page", err)
}

func insertRevision(ctx context.Context, tx *sql.Tx, page store.Page, req store.SaveRequest) (store.Revision, error) {
	rev := store.Revision{
		PageID: page.ID, Title: page.Title, ParentID: page.LatestRev, Text: req.Text, Summary: req.Summary,
		UserID: req.UserID, UserName: req.UserName, Minor: req.Minor, Size: len(req.Text), Timestamp: req.Timestamp,
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO revision (page_id, parent_id, text, summary, user_id, user_name, minor, size, ts)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rev.PageID, rev.ParentID, rev.Text, rev.Summary, rev.UserID, rev.UserName, rev.Minor, rev.Size, micros(rev.Timestamp))
	if err != nil {
		return rev, mapErr(fmt.Sprintf("insert revision of %q", page.Title), err)
	}
	rev.ID, err = res.LastInsertId()
	return rev, mapErr("insert revision", err)
}

// replaceDerived rewrites the page's links, file and template links,
// categories and search row.
func replaceDerived(ctx context.Context, tx *sql.Tx, page store.Page, req store.SaveRequest) error {
	op := fmt.Sprintf("save %q", page.Title)
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM link WHERE from_page = ?`, []any{page.ID}},
		{`DELETE FROM file_link WHERE from_page = ?`, []any{page.ID}},
		{`DELETE FROM template_link WHERE from_page = ?`, []any{page.ID}},
		{`DELETE FROM category WHERE page_id = ?`, []any{page.ID}},
		{`DELETE FROM page_fts WHERE rowid = ?`, []any{page.ID}},
		{`INSERT INTO page_fts (rowid, title, body, text) VALUES (?, ?, ?, ?)`, []any{page.ID, titleWords(page.Title), store.SearchWords(req.IndexText()), req.IndexText()}},
		{`DELETE FROM search_reindex WHERE page_id = ?`, []any{page.ID}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return mapErr(op, err)
		}
	}
	for _, to := range store.Dedupe(req.Links) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO link (from_page, to_title) VALUES (?, ?)`, page.ID, to); err != nil {
			return mapErr(op+": link", err)
		}
	}
	for _, name := range store.Dedupe(req.Files) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO file_link (from_page, name) VALUES (?, ?)`, page.ID, name); err != nil {
			return mapErr(op+": file link", err)
		}
	}
	for _, title := range store.Dedupe(req.Templates) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO template_link (from_page, to_title) VALUES (?, ?)`, page.ID, title); err != nil {
			return mapErr(op+": template link", err)
		}
	}
	for _, c := range store.Dedupe(req.Categories) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO category (page_id, name) VALUES (?, ?)`, page.ID, c); err != nil {
			return mapErr(op+": category", err)
		}
	}
	return nil
}

// revisionMetaColumns is revisionColumns with an empty text, for listings.
const revisionMetaColumns = `r.id, r.page_id, p.title, r.parent_id, '', r.summary, r.user_id, r.user_name, r.minor, r.size, r.ts, r.deleted`

// Contributions implements store.Revisions. The index revision_user
// (user_name, id) serves it.
func (s *Store) Contributions(ctx context.Context, q store.ContributionsQuery) ([]store.Contribution, error) {
	before := q.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	op := fmt.Sprintf("contributions of %q", q.UserName)
	rows, err := s.r.QueryContext(ctx, `SELECT `+revisionMetaColumns+`, COALESCE(pr.size, 0), p.latest_rev = r.id
		FROM revision r JOIN page p ON p.id = r.page_id LEFT JOIN revision pr ON pr.id = r.parent_id
		WHERE r.user_name = ? AND r.id < ? AND r.deleted = 0
		ORDER BY r.id DESC LIMIT ?`, q.UserName, before, q.Limit)
	if err != nil {
		return nil, mapErr(op, err)
	}
	defer rows.Close()
	var out []store.Contribution
	for rows.Next() {
		var c store.Contribution
		var ts int64
		r := &c.Revision
		if err := rows.Scan(&r.ID, &r.PageID, &r.Title, &r.ParentID, &r.Text, &r.Summary, &r.UserID, &r.UserName,
			&r.Minor, &r.Size, &ts, &r.Deleted, &c.ParentSize, &c.Current); err != nil {
			return nil, mapErr(op, err)
		}
		r.Timestamp = fromMicros(ts)
		out = append(out, c)
	}
	return out, mapErr(op, rows.Err())
}

// RevisionStats implements store.Revisions.
func (s *Store) RevisionStats(ctx context.Context, pageID int64) (store.RevisionStats, error) {
	op := fmt.Sprintf("revision stats of page %d", pageID)
	var st store.RevisionStats
	var first, latest sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT r.user_name), min(r.id), max(r.id)
		FROM revision r JOIN page p ON p.id = r.page_id WHERE r.page_id = ? AND r.deleted = p.deleted`, pageID).
		Scan(&st.Edits, &st.Authors, &first, &latest)
	if err != nil {
		return st, mapErr(op, err)
	}
	if st.Edits == 0 {
		return st, mapErr(op, sql.ErrNoRows)
	}
	for _, x := range []struct {
		id  int64
		dst *store.Revision
	}{{first.Int64, &st.First}, {latest.Int64, &st.Latest}} {
		if *x.dst, err = scanRevision(s.r.QueryRowContext(ctx,
			`SELECT `+revisionMetaColumns+` FROM revision r JOIN page p ON p.id = r.page_id WHERE r.id = ?`, x.id)); err != nil {
			return st, mapErr(op, err)
		}
	}
	return st, nil
}
