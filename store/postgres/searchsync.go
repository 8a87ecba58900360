package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// SetSearchLanguage implements store.Search: it makes lang's text search
// configuration (store.SearchConfig) the index's, rewriting every row when
// the index was built in another one.
func (s *Store) SetSearchLanguage(ctx context.Context, lang string) error {
	return s.syncSearch(ctx, store.SearchConfig(lang))
}

// syncBatch is how many index rows syncSearch rewrites per read.
const syncBatch = 500

// syncSearch rewrites every row of the index, in one transaction, when its
// configuration is not config ("" keeps the index's) or its words are not in
// the form of store.SearchWordsForm (the rows written before
// 0013_search_language), and records both in search_config. The row lock on
// search_config makes a second node wait, and then find nothing to do.
func (s *Store) syncSearch(ctx context.Context, config string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var have, form string
		if err := tx.QueryRow(ctx, `SELECT config::text, form FROM search_config WHERE id = 1 FOR UPDATE`).
			Scan(&have, &form); err != nil {
			return err
		}
		if config == "" {
			config = have
		}
		if config == have && form == store.SearchWordsForm {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE search_config SET config = $1::regconfig, form = $2 WHERE id = 1`,
			config, store.SearchWordsForm); err != nil {
			return err
		}
		for after := int64(0); ; {
			last, err := rewriteSearchRows(ctx, tx, after)
			if err != nil || last == 0 {
				return err
			}
			after = last
		}
	})
	if err != nil {
		return fmt.Errorf("postgres: rewrite the search index in %q: %w", config, dbErr(err))
	}
	return nil
}

// rewriteSearchRows rewrites the doc of the next syncBatch rows of the index
// after page id after, and returns the last id rewritten (0: none left).
func rewriteSearchRows(ctx context.Context, tx pgx.Tx, after int64) (int64, error) {
	rows, err := tx.Query(ctx, `SELECT page_id, title, body FROM page_search
		WHERE page_id > $1 ORDER BY page_id LIMIT $2`, after, syncBatch)
	if err != nil {
		return 0, err
	}
	type row struct {
		id          int64
		title, body string
	}
	batch, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var x row
		return x, r.Scan(&x.id, &x.title, &x.body)
	})
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	var b pgx.Batch
	for _, x := range batch {
		b.Queue(`UPDATE page_search SET doc = `+searchDoc("$2", "$3")+` FROM search_config c WHERE c.id = 1 AND page_id = $1`,
			x.id, store.SearchWords(x.title), store.SearchWords(x.body))
	}
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return 0, err
	}
	return batch[len(batch)-1].id, nil
}
