package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// DeletePage hides a live page in one transaction: its row and revisions are
// kept and flagged deleted, its links, file and template links, categories
// and search row removed, a recent change and a log entry written,
// req.Rerender queued, req.DropParse's parse-cache rows dropped and
// req.Events published. A title without a live page is store.ErrNotFound;
// a stale req.BaseRevID a *store.ConflictError.
func (s *Store) DeletePage(ctx context.Context, req store.DeleteRequest) (store.Page, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var page store.Page
	err := s.inTx(ctx, func(tx pgx.Tx) error {
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
		return store.Page{}, fmt.Errorf("postgres: delete %q: %w", req.Title, dbErr(err))
	}
	return page, nil
}

// deleteTx is DeletePage inside its transaction.
func deleteTx(ctx context.Context, tx pgx.Tx, req store.DeleteRequest) (store.Page, error) {
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
	if err := replaceLinks(ctx, tx, page.ID, nil); err != nil {
		return store.Page{}, err
	}
	if err := replaceFileLinks(ctx, tx, page.ID, nil); err != nil {
		return store.Page{}, err
	}
	if err := replaceTemplateLinks(ctx, tx, page.ID, nil); err != nil {
		return store.Page{}, err
	}
	if err := replaceCategories(ctx, tx, page.ID, nil); err != nil {
		return store.Page{}, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM page_search WHERE page_id = $1`, page.ID); err != nil {
		return store.Page{}, fmt.Errorf("unindex page: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM search_reindex WHERE page_id = $1`, page.ID); err != nil {
		return store.Page{}, fmt.Errorf("unqueue page: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE revision SET deleted = TRUE WHERE page_id = $1`, page.ID); err != nil {
		return store.Page{}, fmt.Errorf("hide revisions: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE page SET deleted = TRUE, touched = $2 WHERE id = $1`,
		page.ID, req.Timestamp); err != nil {
		return store.Page{}, fmt.Errorf("hide page: %w", err)
	}
	change, entry := store.DeleteRecord(page, req)
	return page, insertRecord(ctx, tx, change, entry)
}

// UndeletePage restores a deleted page in one transaction: all its revisions,
// the latest one current again, the derived data of req, its search row (from
// the latest revision's text), a recent change and a log entry; it queues
// req.Rerender, drops req.DropParse's parse-cache rows and publishes
// req.Events. A title without a deleted page is store.ErrNotFound; one whose
// page was re-created store.ErrConflict.
func (s *Store) UndeletePage(ctx context.Context, req store.UndeleteRequest) (store.SaveResult, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var res store.SaveResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
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
		return store.SaveResult{}, fmt.Errorf("postgres: undelete %q: %w", req.Title, dbErr(err))
	}
	return res, nil
}

// undeleteTx is UndeletePage inside its transaction.
func undeleteTx(ctx context.Context, tx pgx.Tx, req store.UndeleteRequest) (store.SaveResult, error) {
	page, state, err := pageForWrite(ctx, tx, req.Title)
	switch {
	case err != nil:
		return store.SaveResult{}, err
	case state == pageAbsent:
		return store.SaveResult{}, store.ErrNotFound
	case state == pageLive:
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
	derived := store.SaveRequest{Text: rev.Text, Links: req.Links, Categories: req.Categories, Files: req.Files,
		Templates: req.Templates, SearchText: req.SearchText}
	if err := replaceDerived(ctx, tx, page, derived); err != nil {
		return store.SaveResult{}, err
	}
	change, entry := store.UndeleteRecord(page, rev, req)
	err = insertRecord(ctx, tx, change, entry)
	return store.SaveResult{Page: page, Revision: rev, Created: true}, err
}
