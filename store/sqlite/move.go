package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/foliowiki/folio/store"
)

// MovePage implements store.PageActions: the rename, the copies of
// req.WatchMoves' watchlist entries, its recent change, its log entry and
// the redirect left at the old title (when asked) in one
// transaction, which queues req.Rerender, drops req.DropParse's
// parse-cache rows and publishes req.Events.
func (s *Store) MovePage(ctx context.Context, req store.MoveRequest) (store.MoveResult, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var res store.MoveResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
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
		return store.MoveResult{}, mapErr(fmt.Sprintf("move %q to %q", req.From, req.To), err)
	}
	return res, nil
}

// moveTx is MovePage inside its transaction.
func moveTx(ctx context.Context, tx *sql.Tx, req store.MoveRequest) (store.MoveResult, error) {
	page, err := checkMove(ctx, tx, req)
	if err != nil {
		return store.MoveResult{}, err
	}
	page.Title, page.Touched = req.To, req.Timestamp
	if _, err := tx.ExecContext(ctx, `UPDATE page SET title = ?, touched = ? WHERE id = ?`,
		page.Title, micros(page.Touched), page.ID); err != nil {
		return store.MoveResult{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE page_fts SET title = ? WHERE rowid = ?`,
		titleWords(page.Title), page.ID); err != nil {
		return store.MoveResult{}, fmt.Errorf("search title: %w", err)
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

// checkMove returns the page to move, checking that it is live and current
// and that no page, live or deleted, has the new title.
func checkMove(ctx context.Context, tx *sql.Tx, req store.MoveRequest) (store.Page, error) {
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
	_, target, err := pageForWrite(ctx, tx, req.To)
	switch {
	case err != nil:
		return store.Page{}, err
	case target == pageLive:
		return store.Page{}, fmt.Errorf("target exists: %w", store.ErrConflict)
	case target == pageDeleted:
		return store.Page{}, fmt.Errorf("target is a deleted page: %w", store.ErrConflict)
	}
	return page, nil
}
