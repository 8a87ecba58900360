package pageinfo

import (
	"context"
	"errors"
	"fmt"

	"github.com/foliowiki/folio/store"
)

// ReindexStore is what Reindex reads and writes.
type ReindexStore interface {
	store.Pages
	store.Revisions
	store.Search
}

// reindexBatch is how many queued pages Reindex reads at a time.
const reindexBatch = 100

// Reindex gives the full-text index the plain text (PlainText of the
// rendering) of every page on the store's re-index queue: the pages indexed
// before the index held plain text, queued by migration
// 0007_search_plain_text. Each page is rendered and written on its own, so
// an interrupted run loses nothing and the next one goes on (folio serve
// runs it at start, in the background). It returns the number of pages
// re-indexed; it stops at ctx's end or at the first store error. A page that
// does not render (over the work budget) is indexed with its source.
func (s *Saver) Reindex(ctx context.Context, st ReindexStore) (int, error) {
	n := 0
	for {
		ids, err := st.ReindexQueue(ctx, reindexBatch)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if err := s.reindexPage(ctx, st, id); err != nil {
				return n, fmt.Errorf("reindex page %d: %w", id, err)
			}
			n++
		}
	}
}

func (s *Saver) reindexPage(ctx context.Context, st ReindexStore, id int64) error {
	page, err := st.PageByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) { // deleted meanwhile: off the queue
		return st.ReindexPage(ctx, id, 0, "")
	}
	if err != nil {
		return err
	}
	rev, err := st.RevisionByID(ctx, page.LatestRev)
	if err != nil {
		return err
	}
	text := rev.Text
	if r, err := s.cache.b.render(ctx, page.Title, rev.Text, rev.Timestamp); err == nil {
		text = PlainText(r.res.HTML)
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	return st.ReindexPage(ctx, id, rev.ID, text)
}
