package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// DeletePage hides a live page in one transaction: its row and revisions are
// kept and flagged deleted, its links, categories and search row removed, a
// recent change and a log entry written, req.DropParse's parse-cache rows
// dropped and req.Events published. A title without a live page is
// store.ErrNotFound; a stale req.BaseRevID a *store.ConflictError.
func (s *Store) DeletePage(ctx context.Context, req store.DeleteRequest) (store.Page, error) {
	req.Timestamp = orNow(req.Timestamp)
	var page store.Page
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if page, err = deletePage(ctx, tx, req); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if err != nil {
		return store.Page{}, fmt.Errorf("postgres: delete %q: %w", req.Title, dbErr(err))
	}
	return page, nil
}

// deletePage is DeletePage inside its transaction.
func deletePage(ctx context.Context, tx pgx.Tx, req store.DeleteRequest) (store.Page, error) {
	page, deleted, err := lockTitle(ctx, tx, req.Title)
	if err != nil {
		return store.Page{}, err
	}
	if deleted {
		return store.Page{}, store.ErrNotFound
	}
	if req.BaseRevID != 0 && req.BaseRevID != page.LatestRev {
		return store.Page{}, &store.ConflictError{Title: req.Title, BaseRevID: req.BaseRevID, LatestRev: page.LatestRev}
	}
	if err := replaceLinks(ctx, tx, page.ID, nil); err != nil {
		return store.Page{}, err
	}
	if err := replaceCategories(ctx, tx, page.ID, nil); err != nil {
		return store.Page{}, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM page_search WHERE page_id = $1`, page.ID); err != nil {
		return store.Page{}, fmt.Errorf("unindex page: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE revision SET deleted = TRUE WHERE page_id = $1`, page.ID); err != nil {
		return store.Page{}, fmt.Errorf("hide revisions: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE page SET deleted = TRUE, touched = $2 WHERE id = $1`,
		page.ID, req.Timestamp); err != nil {
		return store.Page{}, fmt.Errorf("hide page: %w", err)
	}
	err = insertChange(ctx, tx, store.Change{
		Kind: store.ChangeDelete, Title: page.Title, PageID: page.ID, OldRevID: page.LatestRev,
		UserID: req.UserID, UserName: req.UserName, Summary: req.Reason, OldSize: page.Size, Timestamp: req.Timestamp,
	})
	if err != nil {
		return store.Page{}, err
	}
	return page, insertLog(ctx, tx, store.LogEntry{
		Kind: store.LogDelete, PageID: page.ID, Title: page.Title,
		UserID: req.UserID, UserName: req.UserName, Reason: req.Reason, Timestamp: req.Timestamp,
	})
}

// UndeletePage restores a deleted page in one transaction: all its revisions,
// the latest one current again, the derived data of req, its search row (from
// the latest revision's text), a recent change and a log entry; it drops
// req.DropParse's parse-cache rows and publishes req.Events. A title
// without a deleted page is store.ErrNotFound; one whose page was re-created
// store.ErrConflict.
func (s *Store) UndeletePage(ctx context.Context, req store.UndeleteRequest) (store.SaveResult, error) {
	req.Timestamp = orNow(req.Timestamp)
	var res store.SaveResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if res, err = undeletePage(ctx, tx, req); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("postgres: undelete %q: %w", req.Title, dbErr(err))
	}
	return res, nil
}

// undeletePage is UndeletePage inside its transaction.
func undeletePage(ctx context.Context, tx pgx.Tx, req store.UndeleteRequest) (store.SaveResult, error) {
	page, deleted, err := lockTitle(ctx, tx, req.Title)
	if err != nil {
		return store.SaveResult{}, err
	}
	if !deleted {
		return store.SaveResult{}, fmt.Errorf("the page was re-created: %w", store.ErrConflict)
	}
	if _, err := tx.Exec(ctx, `UPDATE revision SET deleted = FALSE WHERE page_id = $1`, page.ID); err != nil {
		return store.SaveResult{}, fmt.Errorf("restore revisions: %w", err)
	}
	rev, err := scanRevision(tx.QueryRow(ctx, `SELECT `+revisionColumns+`
		FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.page_id = $1 ORDER BY r.id DESC LIMIT 1`, page.ID))
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("read latest revision: %w", err)
	}
	page.LatestRev, page.Size, page.Redirect, page.Touched = rev.ID, rev.Size, req.Redirect, req.Timestamp
	if _, err := tx.Exec(ctx, `UPDATE page
		SET latest_rev = $2, size = $3, redirect = $4, touched = $5, deleted = FALSE
		WHERE id = $1`, page.ID, page.LatestRev, page.Size, page.Redirect, page.Touched); err != nil {
		return store.SaveResult{}, fmt.Errorf("restore page: %w", err)
	}
	derived := store.SaveRequest{Text: rev.Text, Links: req.Links, Categories: req.Categories}
	if err := replaceDerived(ctx, tx, page, derived); err != nil {
		return store.SaveResult{}, err
	}
	err = insertChange(ctx, tx, store.Change{
		Kind: store.ChangeUndelete, Title: page.Title, PageID: page.ID, RevID: rev.ID,
		UserID: req.UserID, UserName: req.UserName, Summary: req.Reason, NewSize: rev.Size, Timestamp: req.Timestamp,
	})
	if err != nil {
		return store.SaveResult{}, err
	}
	err = insertLog(ctx, tx, store.LogEntry{
		Kind: store.LogUndelete, PageID: page.ID, Title: page.Title,
		UserID: req.UserID, UserName: req.UserName, Reason: req.Reason, Timestamp: req.Timestamp,
	})
	return store.SaveResult{Page: page, Revision: rev, Created: true}, err
}
