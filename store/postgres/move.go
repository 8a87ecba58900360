package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// MovePage renames a live page in one transaction, with the copies of
// req.WatchMoves' watchlist entries, its recent change, its log entry and,
// when asked, the redirect left at the old title; it queues req.Rerender,
// drops req.DropParse's parse-cache rows and publishes req.Events. A missing
// From is store.ErrNotFound, a stale req.BaseRevID a *store.ConflictError,
// and a To that any page has (live or deleted, also one created
// concurrently) store.ErrConflict.
func (s *Store) MovePage(ctx context.Context, req store.MoveRequest) (store.MoveResult, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var res store.MoveResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if res, err = moveTx(ctx, tx, req); err != nil {
			return err
		}
		if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if err != nil {
		return store.MoveResult{}, fmt.Errorf("postgres: move %q to %q: %w", req.From, req.To, dbErr(err))
	}
	return res, nil
}

// moveTx is MovePage inside its transaction.
func moveTx(ctx context.Context, tx pgx.Tx, req store.MoveRequest) (store.MoveResult, error) {
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
	if err := copyWatchesTx(ctx, tx, req.WatchMoves); err != nil {
		return store.MoveResult{}, err
	}
	change, entry := store.MoveRecord(page, req)
	if err := insertRecord(ctx, tx, change, entry); err != nil || !req.LeaveRedirect {
		return store.MoveResult{Page: page}, err
	}
	redirect, err := saveTx(ctx, tx, store.RedirectSave(req))
	if err != nil {
		return store.MoveResult{}, fmt.Errorf("leave redirect: %w", err)
	}
	return store.MoveResult{Page: page, Redirect: &redirect}, nil
}

// checkMove locks the page to move, checking that it is live and current and
// that no page, live or deleted, has the new title.
func checkMove(ctx context.Context, tx pgx.Tx, req store.MoveRequest) (store.Page, error) {
	page, state, err := pageForWrite(ctx, tx, req.From)
	if err != nil {
		return store.Page{}, err
	}
	if state != pageLive {
		return store.Page{}, store.ErrNotFound
	}
	if err := store.CheckBase(req.From, req.BaseRevID, page.LatestRev); err != nil {
		return store.Page{}, err
	}
	// Not locked (FOR UPDATE): two moves swapping titles would deadlock.
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
