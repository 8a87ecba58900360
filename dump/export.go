package dump

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/foliowiki/folio/store"
)

// ExportStore is what Export reads.
type ExportStore interface {
	store.Pages
	store.Revisions
}

// exportPage is how many pages Export lists at a time, and how many
// revisions it writes on one line at most: memory stays bounded whatever
// the wiki's size and a page's history.
var exportPage = 500

// Export writes every live page of st with its live revisions (those its
// history shows), in title order, and returns the number of pages and
// revisions written.
func Export(ctx context.Context, st ExportStore, w io.Writer, generator string) (pages, revisions int, err error) {
	dw, err := NewWriter(w, Header{Generator: generator, Exported: time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return 0, 0, err
	}
	from := ""
	for {
		list, err := st.ListPages(ctx, from, exportPage)
		if err != nil {
			return pages, revisions, fmt.Errorf("export: list pages: %w", err)
		}
		for _, p := range list {
			n, err := exportHistory(ctx, st, dw, p)
			if err != nil {
				return pages, revisions, err
			}
			pages, revisions = pages+1, revisions+n
		}
		if len(list) < exportPage {
			break
		}
		from = list[len(list)-1].Title + "\x01" // the next title after it (no title holds a control character; PostgreSQL text no NUL)
	}
	return pages, revisions, dw.Flush()
}

// exportHistory writes one page's revisions oldest first, reading them one
// by one, a line per exportPage revisions or a quarter of MaxLineBytes of
// text.
func exportHistory(ctx context.Context, st ExportStore, dw *Writer, p store.Page) (int, error) {
	stats, err := st.RevisionStats(ctx, p.ID)
	if err != nil {
		return 0, fmt.Errorf("export %q: %w", p.Title, err)
	}
	line := Page{Title: p.Title}
	n, size := 0, 0
	for id := stats.First.ID; id != 0; {
		r, err := st.RevisionByID(ctx, id)
		if err != nil {
			return n, fmt.Errorf("export %q: revision %d: %w", p.Title, id, err)
		}
		line.Revisions = append(line.Revisions, Revision{Timestamp: r.Timestamp, User: r.UserName,
			Summary: r.Summary, Minor: r.Minor, Text: r.Text})
		n, size = n+1, size+len(r.Text)
		if len(line.Revisions) == exportPage || size > MaxLineBytes/4 {
			if err := dw.WritePage(line); err != nil {
				return n, err
			}
			line.Revisions, size = line.Revisions[:0], 0
		}
		if id, err = st.NextRevision(ctx, p.ID, id); err != nil {
			return n, fmt.Errorf("export %q: %w", p.Title, err)
		}
	}
	if len(line.Revisions) == 0 {
		return n, nil
	}
	return n, dw.WritePage(line)
}
