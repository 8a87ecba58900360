package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/foliowiki/folio/store"
)

// DeletePage implements store.PageActions.
func (s *Store) DeletePage(ctx context.Context, req store.DeleteRequest) (store.Page, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var page store.Page
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if page, err = deleteTx(ctx, tx, req); err != nil {
			return err
		}
		if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if err != nil {
		return store.Page{}, mapErr(fmt.Sprintf("delete %q", req.Title), err)
	}
	return page, nil
}

// deleteTx is DeletePage inside its transaction.
func deleteTx(ctx context.Context, tx *sql.Tx, req store.DeleteRequest) (store.Page, error) {
	page, state, err := pageForWrite(ctx, tx, req.Title)
	if err != nil {
		return store.Page{}, err
	}
	if state != pageLive {
		return store.Page{}, store.ErrNotFound
	}
	if err := store.CheckBase(req.Title, req.BaseRevID, page.LatestRev); err != nil {
		return store.Page{}, err
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM link WHERE from_page = ?`, []any{page.ID}},
		{`DELETE FROM file_link WHERE from_page = ?`, []any{page.ID}},
		{`DELETE FROM template_link WHERE from_page = ?`, []any{page.ID}},
		{`DELETE FROM category WHERE page_id = ?`, []any{page.ID}},
		{`DELETE FROM page_fts WHERE rowid = ?`, []any{page.ID}},
		{`DELETE FROM search_reindex WHERE page_id = ?`, []any{page.ID}},
		{`UPDATE revision SET deleted = 1 WHERE page_id = ?`, []any{page.ID}},
		{`UPDATE page SET deleted = 1, touched = ? WHERE id = ?`, []any{micros(req.Timestamp), page.ID}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return store.Page{}, err
		}
	}
	change, entry := store.DeleteRecord(page, req)
	return page, insertRecord(ctx, tx, change, entry)
}

// UndeletePage implements store.PageActions.
func (s *Store) UndeletePage(ctx context.Context, req store.UndeleteRequest) (store.SaveResult, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var res store.SaveResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if res, err = undeleteTx(ctx, tx, req); err != nil {
			return err
		}
		if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if err != nil {
		return store.SaveResult{}, mapErr(fmt.Sprintf("undelete %q", req.Title), err)
	}
	return res, nil
}

// undeleteTx is UndeletePage inside its transaction.
func undeleteTx(ctx context.Context, tx *sql.Tx, req store.UndeleteRequest) (store.SaveResult, error) {
	page, state, err := pageForWrite(ctx, tx, req.Title)
	switch {
	case err != nil:
		return store.SaveResult{}, err
	case state == pageAbsent:
		return store.SaveResult{}, store.ErrNotFound
	case state == pageLive:
		return store.SaveResult{}, fmt.Errorf("the page was re-created: %w", store.ErrConflict)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE revision SET deleted = 0 WHERE page_id = ?`, page.ID); err != nil {
		return store.SaveResult{}, err
	}
	rev, err := scanRevision(tx.QueryRowContext(ctx, `SELECT `+revisionColumns+`
		FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.page_id = ? ORDER BY r.id DESC LIMIT 1`, page.ID))
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("latest revision: %w", err)
	}
	page.LatestRev, page.Size, page.Redirect, page.Touched = rev.ID, rev.Size, req.Redirect, req.Timestamp
	if _, err := tx.ExecContext(ctx, `UPDATE page SET latest_rev = ?, size = ?, redirect = ?, touched = ?, deleted = 0
		WHERE id = ?`, page.LatestRev, page.Size, page.Redirect, micros(page.Touched), page.ID); err != nil {
		return store.SaveResult{}, err
	}
	derived := store.SaveRequest{Text: rev.Text, Links: req.Links, Categories: req.Categories, Files: req.Files,
		Templates: req.Templates, SearchText: req.SearchText}
	if err := replaceDerived(ctx, tx, page, derived); err != nil {
		return store.SaveResult{}, err
	}
	change, entry := store.UndeleteRecord(page, rev, req)
	err = insertRecord(ctx, tx, change, entry)
	return store.SaveResult{Page: page, Revision: rev, Created: true}, err
}
