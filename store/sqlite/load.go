package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/foliowiki/folio/store"
)

// LoadPages implements store.Loader: one IMMEDIATE transaction for the
// batch, each page's revisions written as saves write them, its derived rows
// once.
func (s *Store) LoadPages(ctx context.Context, req store.LoadRequest) (store.LoadResult, error) {
	var res store.LoadResult
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return res, mapErr("load pages", err)
	}
	defer tx.Rollback()
	for _, p := range req.Pages {
		loaded, err := loadTx(ctx, tx, p)
		if err != nil {
			return store.LoadResult{}, err
		}
		if loaded {
			res.Loaded = append(res.Loaded, p.Title)
		} else {
			res.Existing = append(res.Existing, p.Title)
		}
	}
	if res.Stale, err = dropLinkingParses(ctx, tx, res.Loaded); err != nil {
		return store.LoadResult{}, err
	}
	if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
		return store.LoadResult{}, mapErr("load pages", err)
	}
	if err := s.publishTx(ctx, tx, req.Events, nil); err != nil {
		return store.LoadResult{}, mapErr("load pages", err)
	}
	if err := tx.Commit(); err != nil {
		return store.LoadResult{}, mapErr("load pages: commit", err)
	}
	return res, nil
}

// loadTx writes one page of a load unless its title is taken.
func loadTx(ctx context.Context, tx *sql.Tx, p store.LoadPage) (bool, error) {
	op := fmt.Sprintf("load %q", p.Title)
	if len(p.Revisions) == 0 {
		return false, fmt.Errorf("%s: no revisions", op)
	}
	if _, state, err := pageForWrite(ctx, tx, p.Title); err != nil {
		return false, mapErr(op, err)
	} else if state != pageAbsent {
		return false, nil
	}
	last := p.Last()
	page, err := insertPage(ctx, tx, store.SaveRequest{Title: p.Title, Timestamp: store.OrNow(last.Timestamp)})
	if err != nil {
		return false, err
	}
	for i, r := range p.Revisions {
		req := store.SaveRequest{Title: p.Title, Text: r.Text, Summary: r.Summary, UserName: r.UserName,
			Minor: r.Minor, Timestamp: store.OrNow(r.Timestamp)}
		rev, err := insertRevision(ctx, tx, page, req)
		if err != nil {
			return false, err
		}
		if err := insertChange(ctx, tx, store.SaveChange(page, rev, page.Size, i == 0)); err != nil {
			return false, mapErr(op, err)
		}
		page.LatestRev, page.Size, page.Touched = rev.ID, rev.Size, rev.Timestamp
	}
	page.Redirect = p.Redirect
	if _, err := tx.ExecContext(ctx, `UPDATE page SET latest_rev = ?, size = ?, redirect = ?, touched = ? WHERE id = ?`,
		page.LatestRev, page.Size, page.Redirect, micros(page.Touched), page.ID); err != nil {
		return false, mapErr(op+": update page", err)
	}
	derived := store.SaveRequest{Title: p.Title, Text: last.Text, Links: p.Links, Categories: p.Categories,
		Files: p.Files, Templates: p.Templates, Redirect: p.Redirect, SearchText: p.SearchText}
	return true, replaceDerived(ctx, tx, page, derived)
}

// dropLinkingParses deletes the parse-cache rows of the current revisions
// of pages linking to titles and returns those revisions.
func dropLinkingParses(ctx context.Context, tx *sql.Tx, titles []string) ([]int64, error) {
	if len(titles) == 0 {
		return nil, nil
	}
	args := make([]any, len(titles))
	for i, t := range titles {
		args[i] = t
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(titles)), ", ")
	rows, err := tx.QueryContext(ctx, `DELETE FROM parse_cache WHERE rev_id IN (
		SELECT p.latest_rev FROM link l JOIN page p ON p.id = l.from_page
		WHERE l.to_title IN (`+in+`) AND p.deleted = 0) RETURNING rev_id`, args...)
	if err != nil {
		return nil, mapErr("load pages: drop linking pages' renderings", err)
	}
	defer rows.Close()
	var revs []int64
	for rows.Next() {
		var rev int64
		if err := rows.Scan(&rev); err != nil {
			return nil, mapErr("load pages: drop linking pages' renderings", err)
		}
		revs = append(revs, rev)
	}
	slices.Sort(revs)
	return slices.Compact(revs), mapErr("load pages: drop linking pages' renderings", rows.Err())
}
