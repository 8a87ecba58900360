package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// revisionColumns is the column list scanned by scanRevision; r is revision,
// p is page.
const revisionColumns = `r.id, r.page_id, p.title, r.parent_id, r.text, r.summary,
	r.user_id, r.user_name, r.minor, r.size, r.ts, r.deleted`

// scanRevision reads one row selected with revisionColumns.
func scanRevision(row pgx.Row) (store.Revision, error) {
	var r store.Revision
	err := row.Scan(&r.ID, &r.PageID, &r.Title, &r.ParentID, &r.Text, &r.Summary,
		&r.UserID, &r.UserName, &r.Minor, &r.Size, &r.Timestamp, &r.Deleted)
	if err != nil {
		return store.Revision{}, err
	}
	r.Timestamp = r.Timestamp.UTC()
	return r, nil
}

// RevisionByID returns one revision or store.ErrNotFound, also a revision of
// a deleted page (with Deleted set).
func (s *Store) RevisionByID(ctx context.Context, id int64) (store.Revision, error) {
	r, err := scanRevision(s.pool.QueryRow(ctx, `SELECT `+revisionColumns+`
		FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.id = $1`, id))
	if err != nil {
		return store.Revision{}, fmt.Errorf("postgres: get revision %d: %w", id, dbErr(err))
	}
	return r, nil
}

// LatestRevision returns the current revision of a live page or
// store.ErrNotFound.
func (s *Store) LatestRevision(ctx context.Context, title string) (store.Revision, error) {
	r, err := scanRevision(s.pool.QueryRow(ctx, `SELECT `+revisionColumns+`
		FROM page p JOIN revision r ON r.id = p.latest_rev
		WHERE p.title = $1 AND NOT p.deleted`, title))
	if err != nil {
		return store.Revision{}, fmt.Errorf("postgres: get latest revision of %q: %w", title, dbErr(err))
	}
	return r, nil
}

// History returns up to limit revisions of a page, newest first, with ids
// below before (0 or less = from the newest): a live page's revisions that are
// not deleted, or all of a deleted page's. A negative limit means no limit.
func (s *Store) History(ctx context.Context, pageID int64, before int64, limit int) ([]store.Revision, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+revisionColumns+`
		FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.page_id = $1 AND ($2::bigint <= 0 OR r.id < $2) AND r.deleted = p.deleted
		ORDER BY r.id DESC
		LIMIT $3`, pageID, before, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: history of page %d: %w", pageID, dbErr(err))
	}
	revs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Revision, error) { return scanRevision(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: history of page %d: %w", pageID, dbErr(err))
	}
	return revs, nil
}

// NextRevision implements store.Revisions.
func (s *Store) NextRevision(ctx context.Context, pageID int64, after int64) (int64, error) {
	var next *int64
	err := s.pool.QueryRow(ctx, `SELECT min(r.id) FROM revision r JOIN page p ON p.id = r.page_id
		WHERE r.page_id = $1 AND r.id > $2 AND r.deleted = p.deleted`, pageID, after).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("postgres: next revision of page %d after %d: %w", pageID, after, dbErr(err))
	}
	if next == nil {
		return 0, nil
	}
	return *next, nil
}

// SaveRevision writes the page row, the revision, its links, file and
// template links, categories, the search index, the recent-changes row, the
// watchlist and notification rows (watchSaveTx) and the re-render jobs of
// req.Rerender (enqueueTx) in one transaction.
//
// The page row is locked (SELECT … FOR UPDATE) or created first; when the
// page's current revision is not req.BaseRevID the save returns a
// *store.ConflictError and writes nothing. Two concurrent creations of one
// title give one winner and one ConflictError. When req.Text equals the
// current text nothing is written and SaveResult.Unchanged is true. A
// deleted page's row is reused for its re-creation (see store.Revisions).
func (s *Store) SaveRevision(ctx context.Context, req store.SaveRequest) (store.SaveResult, error) {
	req.Timestamp = store.OrNow(req.Timestamp)
	var res store.SaveResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if res, err = saveTx(ctx, tx, req); err != nil {
			return err
		}
		if res.Notified, err = watchSaveTx(ctx, tx, req, res.Revision); err != nil {
			return err
		}
		if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, req.DropParse)
	})
	if errors.Is(err, errUnchanged) {
		return res, nil
	}
	if err != nil {
		var ce *store.ConflictError
		if errors.As(err, &ce) {
			return store.SaveResult{}, err
		}
		if isUniqueViolation(err) {
			// Only page.title can collide (link and category sets are
			// deduplicated, the search row is upserted): a concurrent
			// creation of the same title won.
			latest := int64(0)
			if p, perr := s.PageByTitle(ctx, req.Title); perr == nil {
				latest = p.LatestRev
			}
			return store.SaveResult{}, conflict(req, latest)
		}
		return store.SaveResult{}, fmt.Errorf("postgres: save %q: %w", req.Title, dbErr(err))
	}
	return res, nil
}

// errUnchanged makes inTx roll back a null edit; SaveRevision turns it into
// a SaveResult with Unchanged set.
var errUnchanged = errors.New("unchanged")

// saveTx is SaveRevision inside its transaction.
func saveTx(ctx context.Context, tx pgx.Tx, req store.SaveRequest) (store.SaveResult, error) {
	page, created, err := lockPage(ctx, tx, req)
	if err != nil {
		return store.SaveResult{}, err
	}
	prev := store.Revision{}
	if !created {
		prev, err = scanRevision(tx.QueryRow(ctx, `SELECT `+revisionColumns+`
			FROM revision r JOIN page p ON p.id = r.page_id
			WHERE r.id = $1`, page.LatestRev))
		if err != nil {
			return store.SaveResult{}, fmt.Errorf("read revision %d: %w", page.LatestRev, err)
		}
		if prev.Text == req.Text {
			return store.SaveResult{Page: page, Revision: prev, Unchanged: true}, errUnchanged
		}
	}

	rev := store.Revision{
		PageID:    page.ID,
		Title:     page.Title,
		ParentID:  prev.ID,
		Text:      req.Text,
		Summary:   req.Summary,
		UserID:    req.UserID,
		UserName:  req.UserName,
		Minor:     req.Minor,
		Size:      len(req.Text),
		Timestamp: req.Timestamp,
	}
	err = tx.QueryRow(ctx, `INSERT INTO revision
		(page_id, parent_id, text, summary, user_id, user_name, minor, size, ts)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		RETURNING id`,
		rev.PageID, rev.ParentID, rev.Text, rev.Summary, rev.UserID, rev.UserName,
		rev.Minor, rev.Size, rev.Timestamp).Scan(&rev.ID)
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("insert revision: %w", err)
	}

	oldSize := page.Size
	page.LatestRev, page.Size, page.Redirect, page.Touched = rev.ID, rev.Size, req.Redirect, rev.Timestamp
	if _, err := tx.Exec(ctx, `UPDATE page
		SET latest_rev = $2, size = $3, redirect = $4, touched = $5, deleted = FALSE
		WHERE id = $1`, page.ID, page.LatestRev, page.Size, page.Redirect, page.Touched); err != nil {
		return store.SaveResult{}, fmt.Errorf("update page: %w", err)
	}
	if err := replaceDerived(ctx, tx, page, req); err != nil {
		return store.SaveResult{}, err
	}
	if err := insertChange(ctx, tx, store.SaveChange(page, rev, oldSize, created)); err != nil {
		return store.SaveResult{}, err
	}
	return store.SaveResult{Page: page, Revision: rev, Created: created}, nil
}

// replaceDerived replaces what the page's rows derived from its text hold:
// links, file and template links, categories and the search index.
func replaceDerived(ctx context.Context, tx pgx.Tx, page store.Page, req store.SaveRequest) error {
	if err := replaceLinks(ctx, tx, page.ID, req.Links); err != nil {
		return err
	}
	if err := replaceFileLinks(ctx, tx, page.ID, req.Files); err != nil {
		return err
	}
	if err := replaceTemplateLinks(ctx, tx, page.ID, req.Templates); err != nil {
		return err
	}
	if err := replaceCategories(ctx, tx, page.ID, req.Categories); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM search_reindex WHERE page_id = $1`, page.ID); err != nil {
		return fmt.Errorf("unqueue page: %w", err)
	}
	return indexPage(ctx, tx, page.ID, page.Title, req.IndexText())
}

// lockPage locks the page row of req.Title for the rest of tx, creating it
// when it does not exist, and checks req.BaseRevID against it. created
// reports that the page is new (LatestRev 0 until the save updates it): a new
// row, or the row of a deleted page, re-created.
func lockPage(ctx context.Context, tx pgx.Tx, req store.SaveRequest) (page store.Page, created bool, err error) {
	page, state, err := pageForWrite(ctx, tx, req.Title)
	switch {
	case err != nil:
		return store.Page{}, false, fmt.Errorf("lock page: %w", err)
	case state == pageDeleted:
		if req.BaseRevID != 0 {
			return store.Page{}, false, conflict(req, 0)
		}
		page.LatestRev, page.Size = 0, 0
		return page, true, nil
	case state == pageLive:
		if page.LatestRev != req.BaseRevID {
			return store.Page{}, false, conflict(req, page.LatestRev)
		}
		return page, false, nil
	case req.BaseRevID != 0:
		return store.Page{}, false, conflict(req, 0)
	}

	// ON CONFLICT DO NOTHING waits for a concurrent creator of the same title:
	// if it commits, no row comes back, and the page now exists.
	page = store.Page{Title: req.Title, Touched: req.Timestamp}
	err = tx.QueryRow(ctx, `INSERT INTO page (title, touched) VALUES ($1, $2)
		ON CONFLICT (title) DO NOTHING
		RETURNING id`, page.Title, page.Touched).Scan(&page.ID)
	switch {
	case err == nil:
		return page, true, nil
	case errors.Is(err, pgx.ErrNoRows):
		// Lost the race: report the winner's revision. Read committed lets
		// this statement see the row committed since.
		var latest int64
		if err := tx.QueryRow(ctx, `SELECT latest_rev FROM page WHERE title = $1`,
			req.Title).Scan(&latest); err != nil {
			return store.Page{}, false, fmt.Errorf("read winning page: %w", err)
		}
		return store.Page{}, false, conflict(req, latest)
	default:
		return store.Page{}, false, fmt.Errorf("create page: %w", err)
	}
}

// conflict is the edit conflict of req against the page's latest revision.
func conflict(req store.SaveRequest, latest int64) error {
	return &store.ConflictError{Title: req.Title, BaseRevID: req.BaseRevID, LatestRev: latest}
}

// revisionMetaColumns is revisionColumns with an empty text, for listings.
const revisionMetaColumns = `r.id, r.page_id, p.title, r.parent_id, ''::text, r.summary,
	r.user_id, r.user_name, r.minor, r.size, r.ts, r.deleted`

// Contributions returns an author's revisions newest first, without text,
// leaving out those of deleted pages. The index revision_user
// (user_name, id) serves it.
func (s *Store) Contributions(ctx context.Context, q store.ContributionsQuery) ([]store.Contribution, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+revisionMetaColumns+`, COALESCE(pr.size, 0), p.latest_rev = r.id
		FROM revision r JOIN page p ON p.id = r.page_id LEFT JOIN revision pr ON pr.id = r.parent_id
		WHERE r.user_name = $1 AND ($2::bigint <= 0 OR r.id < $2) AND NOT r.deleted
		ORDER BY r.id DESC
		LIMIT $3`, q.UserName, q.Before, limitArg(q.Limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: contributions of %q: %w", q.UserName, dbErr(err))
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Contribution, error) {
		var c store.Contribution
		r := &c.Revision
		err := row.Scan(&r.ID, &r.PageID, &r.Title, &r.ParentID, &r.Text, &r.Summary,
			&r.UserID, &r.UserName, &r.Minor, &r.Size, &r.Timestamp, &r.Deleted, &c.ParentSize, &c.Current)
		r.Timestamp = r.Timestamp.UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: contributions of %q: %w", q.UserName, dbErr(err))
	}
	return out, nil
}

// RevisionStats counts the revisions History lists for a page and returns
// its first and latest, without text.
func (s *Store) RevisionStats(ctx context.Context, pageID int64) (store.RevisionStats, error) {
	var st store.RevisionStats
	var first, latest *int64
	err := s.pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT r.user_name), min(r.id), max(r.id)
		FROM revision r JOIN page p ON p.id = r.page_id WHERE r.page_id = $1 AND r.deleted = p.deleted`, pageID).
		Scan(&st.Edits, &st.Authors, &first, &latest)
	if err == nil && st.Edits == 0 {
		err = pgx.ErrNoRows
	}
	if err == nil {
		st.First, err = scanRevision(s.pool.QueryRow(ctx,
			`SELECT `+revisionMetaColumns+` FROM revision r JOIN page p ON p.id = r.page_id WHERE r.id = $1`, *first))
	}
	if err == nil {
		st.Latest, err = scanRevision(s.pool.QueryRow(ctx,
			`SELECT `+revisionMetaColumns+` FROM revision r JOIN page p ON p.id = r.page_id WHERE r.id = $1`, *latest))
	}
	if err != nil {
		return store.RevisionStats{}, fmt.Errorf("postgres: revision stats of page %d: %w", pageID, dbErr(err))
	}
	return st, nil
}
