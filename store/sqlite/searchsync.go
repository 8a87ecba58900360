package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/foliowiki/folio/store"
)

// SetSearchLanguage implements store.Search: the index is the same in every
// content language (whole words, folded, Han and kana as pairs; FTS5 has no
// stemmer but Porter's, for English only), so there is nothing to change.
func (s *Store) SetSearchLanguage(ctx context.Context, lang string) error { return nil }

// syncBatch is how many index rows syncSearch rewrites per read.
const syncBatch = 500

// syncSearch rewrites every row of the full-text index into the form of
// store.SearchWords when search_config records another form (or none: the
// rows 0013_search_language copied), and records the form. The index is the
// same in every content language on SQLite (SetSearchLanguage). It
// runs in one write transaction at Open: a store opened on the same file at
// once waits for it and then finds the form recorded. The form is read
// first without the write lock: a store already in that form (every start
// but the first after an upgrade) takes no write transaction.
func (s *Store) syncSearch(ctx context.Context) error {
	var form string
	if err := s.w.QueryRowContext(ctx, `SELECT form FROM search_config WHERE id = 1`).Scan(&form); err == nil && form == store.SearchWordsForm {
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var form string
		err := tx.QueryRowContext(ctx, `SELECT form FROM search_config WHERE id = 1`).Scan(&form)
		if err == nil && form == store.SearchWordsForm {
			return nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_config (id, form) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET form = excluded.form`, store.SearchWordsForm); err != nil {
			return err
		}
		for after := int64(0); ; {
			rows, err := searchRowsAfter(ctx, tx, after)
			if err != nil || len(rows) == 0 {
				return err
			}
			for _, r := range rows {
				if _, err := tx.ExecContext(ctx, `UPDATE page_fts SET title = ?, body = ? WHERE rowid = ?`,
					titleWords(r.title), store.SearchWords(r.text), r.id); err != nil {
					return err
				}
			}
			after = rows[len(rows)-1].id
		}
	})
	if err != nil {
		return fmt.Errorf("sqlite: rewrite the search index: %w", err)
	}
	return nil
}

// searchRow is one row of the index to rewrite: the page's id, title and
// plain text.
type searchRow struct {
	id          int64
	title, text string
}

// searchRowsAfter reads the next syncBatch rows of the index after rowid
// after, in rowid order.
func searchRowsAfter(ctx context.Context, tx *sql.Tx, after int64) ([]searchRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT f.rowid, p.title, f.text FROM page_fts f JOIN page p ON p.id = f.rowid
		WHERE f.rowid > ? ORDER BY f.rowid LIMIT ?`, after, syncBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []searchRow
	for rows.Next() {
		var r searchRow
		if err := rows.Scan(&r.id, &r.title, &r.text); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
