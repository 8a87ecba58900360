package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// LoadPages implements store.Loader: one transaction for the batch, each
// page's revisions written as saves write them, its derived rows once. A
// title created meanwhile by a save is reported Existing, like a title that
// was there before.
func (s *Store) LoadPages(ctx context.Context, req store.LoadRequest) (store.LoadResult, error) {
	var res store.LoadResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		res = store.LoadResult{}
		for _, p := range req.Pages {
			loaded, err := loadTx(ctx, tx, p)
			if err != nil {
				return err
			}
			if loaded {
				res.Loaded = append(res.Loaded, p.Title)
			} else {
				res.Existing = append(res.Existing, p.Title)
			}
		}
		var err error
		if res.Stale, err = dropLinkingParses(ctx, tx, res.Loaded); err != nil {
			return err
		}
		if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, nil)
	})
	if err != nil {
		return store.LoadResult{}, fmt.Errorf("postgres: load pages: %w", dbErr(err))
	}
	return res, nil
}

// loadTx writes one page of a load unless its title is taken. The page row
// is created with ON CONFLICT DO NOTHING: a concurrent creator of the
// title wins and the page is reported as existing.
func loadTx(ctx context.Context, tx pgx.Tx, p store.LoadPage) (bool, error) {
	if len(p.Revisions) == 0 {
		return false, fmt.Errorf("load %q: no revisions", p.Title)
	}
	last := p.Last()
	page := store.Page{Title: p.Title, Touched: store.OrNow(last.Timestamp)}
	err := tx.QueryRow(ctx, `INSERT INTO page (title, touched) VALUES ($1, $2)
		ON CONFLICT (title) DO NOTHING RETURNING id`, page.Title, page.Touched).Scan(&page.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load %q: create page: %w", p.Title, err)
	}
	for i, r := range p.Revisions {
		rev := store.Revision{PageID: page.ID, Title: page.Title, ParentID: page.LatestRev, Text: r.Text,
			Summary: r.Summary, UserName: r.UserName, Minor: r.Minor, Size: len(r.Text), Timestamp: store.OrNow(r.Timestamp)}
		if err := tx.QueryRow(ctx, `INSERT INTO revision
			(page_id, parent_id, text, summary, user_id, user_name, minor, size, ts)
			VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8) RETURNING id`,
			rev.PageID, rev.ParentID, rev.Text, rev.Summary, rev.UserName, rev.Minor, rev.Size, rev.Timestamp).Scan(&rev.ID); err != nil {
			return false, fmt.Errorf("load %q: insert revision: %w", p.Title, err)
		}
		if err := insertChange(ctx, tx, store.SaveChange(page, rev, page.Size, i == 0)); err != nil {
			return false, fmt.Errorf("load %q: %w", p.Title, err)
		}
		page.LatestRev, page.Size, page.Touched = rev.ID, rev.Size, rev.Timestamp
	}
	page.Redirect = p.Redirect
	if _, err := tx.Exec(ctx, `UPDATE page SET latest_rev = $2, size = $3, redirect = $4, touched = $5 WHERE id = $1`,
		page.ID, page.LatestRev, page.Size, page.Redirect, page.Touched); err != nil {
		return false, fmt.Errorf("load %q: update page: %w", p.Title, err)
	}
	derived := store.SaveRequest{Title: p.Title, Text: last.Text, Links: p.Links, Categories: p.Categories,
		Files: p.Files, Templates: p.Templates, Redirect: p.Redirect, SearchText: p.SearchText}
	if err := replaceDerived(ctx, tx, page, derived); err != nil {
		return false, fmt.Errorf("load %q: %w", p.Title, err)
	}
	return true, nil
}

// dropLinkingParses deletes the parse-cache rows of the current revisions
// of pages linking to titles and returns those revisions.
func dropLinkingParses(ctx context.Context, tx pgx.Tx, titles []string) ([]int64, error) {
	if len(titles) == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `DELETE FROM parse_cache WHERE rev_id IN (
		SELECT p.latest_rev FROM link l JOIN page p ON p.id = l.from_page
		WHERE l.to_title = ANY($1) AND NOT p.deleted) RETURNING rev_id`, titles)
	if err != nil {
		return nil, fmt.Errorf("drop linking pages' renderings: %w", err)
	}
	revs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("drop linking pages' renderings: %w", err)
	}
	slices.Sort(revs)
	return slices.Compact(revs), nil
}
