package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// MovePage renames a live page in one transaction, with its recent change,
// its log entry and, when asked, the redirect left at the old title; it drops
// req.DropParse's parse-cache rows and publishes req.Events. A missing From
// is store.ErrNotFound, a stale req.BaseRevID a *store.ConflictError, and a
// To that any page has (live or deleted, also one created concurrently)
// store.ErrConflict.
func (s *Store) MovePage(ctx context.Context, req store.MoveRequest) (store.MoveResult, error) {
	req.Timestamp = orNow(req.Timestamp)
	var res store.MoveResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if res, err = movePage(ctx, tx, req); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if err != nil {
		return store.MoveResult{}, fmt.Errorf("postgres: move %q to %q: %w", req.From, req.To, dbErr(err))
	}
	return res, nil
}

// movePage is MovePage inside its transaction.
func movePage(ctx context.Context, tx pgx.Tx, req store.MoveRequest) (store.MoveResult, error) {
	page, err := checkMove(ctx, tx, req)
	if err != nil {
		return store.MoveResult{}, err
	}
	page.Title, page.Touched = req.To, req.Timestamp
	// A concurrent creation of To makes this a unique_violation: ErrConflict.
	if _, err := tx.Exec(ctx, `UPDATE page SET title = $2, touched = $3 WHERE id = $1`,
		page.ID, page.Title, page.Touched); err != nil {
		return store.MoveResult{}, fmt.Errorf("rename page: %w", err)
	}
	var body string
	if err := tx.QueryRow(ctx, `SELECT body FROM page_search WHERE page_id = $1`, page.ID).Scan(&body); err != nil {
		return store.MoveResult{}, fmt.Errorf("read search row: %w", err)
	}
	if err := indexPage(ctx, tx, page.ID, page.Title, body); err != nil {
		return store.MoveResult{}, err
	}
	err = insertChange(ctx, tx, store.Change{
		Kind: store.ChangeMove, Title: req.From, Target: req.To, PageID: page.ID, RevID: page.LatestRev,
		OldRevID: page.LatestRev, UserID: req.UserID, UserName: req.UserName, Summary: req.Reason,
		OldSize: page.Size, NewSize: page.Size, Timestamp: req.Timestamp,
	})
	if err != nil {
		return store.MoveResult{}, err
	}
	err = insertLog(ctx, tx, store.LogEntry{
		Kind: store.LogMove, PageID: page.ID, Title: req.From, Target: req.To,
		UserID: req.UserID, UserName: req.UserName, Reason: req.Reason, Timestamp: req.Timestamp,
	})
	if err != nil || !req.LeaveRedirect {
		return store.MoveResult{Page: page}, err
	}
	redirect, err := saveRevision(ctx, tx, store.SaveRequest{
		Title: req.From, Text: req.RedirectText, Summary: req.Reason, UserID: req.UserID, UserName: req.UserName,
		Timestamp: req.Timestamp, Links: req.RedirectLinks, Redirect: req.To,
	})
	if err != nil {
		return store.MoveResult{}, fmt.Errorf("leave redirect: %w", err)
	}
	return store.MoveResult{Page: page, Redirect: &redirect}, nil
}

// checkMove locks the page to move, checking that it is live and current and
// that no page, live or deleted, has the new title.
func checkMove(ctx context.Context, tx pgx.Tx, req store.MoveRequest) (store.Page, error) {
	page, deleted, err := lockTitle(ctx, tx, req.From)
	if err != nil {
		return store.Page{}, err
	}
	if deleted {
		return store.Page{}, store.ErrNotFound
	}
	if req.BaseRevID != 0 && req.BaseRevID != page.LatestRev {
		return store.Page{}, &store.ConflictError{Title: req.From, BaseRevID: req.BaseRevID, LatestRev: page.LatestRev}
	}
	var targetDeleted bool
	err = tx.QueryRow(ctx, `SELECT deleted FROM page WHERE title = $1`, req.To).Scan(&targetDeleted)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return page, nil
	case err != nil:
		return store.Page{}, fmt.Errorf("read target: %w", err)
	case targetDeleted:
		return store.Page{}, fmt.Errorf("target is a deleted page: %w", store.ErrConflict)
	default:
		return store.Page{}, fmt.Errorf("target exists: %w", store.ErrConflict)
	}
}
