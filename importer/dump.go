package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/foliowiki/folio/dump"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// DumpStore is what a dump import writes to and reads from.
type DumpStore interface {
	store.Loader
	store.Pages
}

// DumpOptions configure ImportDump.
type DumpOptions struct {
	// Jobs render pages side by side (runtime.GOMAXPROCS when < 1).
	Jobs int
	// Batch is how many pages one transaction writes (500 when < 1).
	Batch int
	// Progress, when set, is called after each batch with the pages done.
	Progress func(pages int)
}

// DefaultBatch is how many pages a dump import writes per transaction.
const DefaultBatch = 500

// prepared is one page of the dump, rendered, or why it was skipped.
type preparedPage struct {
	page store.LoadPage
	skip *Skip
}

// ImportDump loads a dump (package dump) read from r: every page with its
// whole history, rendering only each page's last revision (the bulk path:
// pageinfo.Saver.PrepareLoad and Load), on Jobs goroutines, Batch pages per
// transaction. A page whose title exists already is not loaded: its last
// revision in the dump is saved on top of it through the save path (a null
// edit when the texts are equal), so that importing a dump twice writes
// nothing the second time. Pages it cannot import (a bad title, bad text)
// are listed in Report.Skipped with their line; a line that is not a page
// is skipped too. It stops at the first store error.
func ImportDump(ctx context.Context, saver *pageinfo.Saver, st DumpStore, r io.Reader, opts DumpOptions) (Report, error) {
	start := time.Now()
	var rep Report
	dr, err := dump.NewReader(r)
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	jobs := opts.Jobs
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	batch := opts.Batch
	if batch < 1 {
		batch = DefaultBatch
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type item struct {
		line int
		page dump.Page
		err  error
	}
	in := make(chan item, jobs*4)
	out := make(chan preparedPage, jobs*4)
	var readErr error
	go func() { // the reader
		defer close(in)
		for {
			p, err := dr.Next()
			if err == io.EOF {
				return
			}
			if err != nil && !errors.Is(err, dump.ErrFormat) {
				readErr = err
				return
			}
			select {
			case in <- item{line: dr.Line(), page: p, err: err}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range jobs { // the renderers
		wg.Go(func() {
			for it := range in {
				out <- prepare(ctx, saver, it.line, it.page, it.err)
			}
		})
	}
	go func() { wg.Wait(); close(out) }()

	pending := make([]store.LoadPage, 0, batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := loadBatch(ctx, saver, st, pending, &rep)
		pending = pending[:0]
		if opts.Progress != nil {
			opts.Progress(rep.Created + rep.Updated + rep.Unchanged + len(rep.Skipped))
		}
		return err
	}
	for p := range out {
		if err != nil {
			continue // drain the renderers after an error
		}
		if p.skip != nil {
			rep.Skipped = append(rep.Skipped, *p.skip)
			continue
		}
		pending = append(pending, p.page)
		if len(pending) == batch {
			if err = flush(); err != nil {
				cancel()
			}
		}
	}
	if err == nil {
		err = flush()
	}
	if err == nil && readErr != nil {
		err = fmt.Errorf("import: %w", readErr)
	}
	if err == nil {
		err = ctx.Err()
	}
	rep.Elapsed = time.Since(start)
	return rep, err
}

// prepare validates and renders one page of the dump.
func prepare(ctx context.Context, saver *pageinfo.Saver, line int, p dump.Page, readErr error) preparedPage {
	if readErr != nil {
		var le *dump.LineError
		if errors.As(readErr, &le) {
			return preparedPage{skip: &Skip{fmt.Sprintf("line %d", le.Line), le.Reason}}
		}
		return preparedPage{skip: &Skip{fmt.Sprintf("line %d", line), readErr.Error()}}
	}
	where := fmt.Sprintf("line %d (%s)", line, p.Title)
	revs := make([]store.LoadRevision, len(p.Revisions))
	for i, r := range p.Revisions {
		revs[i] = store.LoadRevision{Text: r.Text, Summary: r.Summary, UserName: r.User, Minor: r.Minor, Timestamp: r.Timestamp}
		if revs[i].UserName == "" {
			revs[i].UserName = store.ImportUserName
		}
	}
	lp, err := saver.PrepareLoad(ctx, pageinfo.LoadPage{Title: p.Title, Revisions: revs})
	if err != nil {
		return preparedPage{skip: &Skip{where, err.Error()}}
	}
	return preparedPage{page: lp}
}

// loadBatch writes pages in one transaction and saves those whose title
// was taken through the save path.
func loadBatch(ctx context.Context, saver *pageinfo.Saver, st DumpStore, pages []store.LoadPage, rep *Report) error {
	res, err := saver.Load(ctx, st, pages)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	rep.Created += len(res.Loaded)
	if len(res.Existing) == 0 {
		return nil
	}
	byTitle := make(map[string]store.LoadPage, len(res.Existing))
	for _, p := range pages {
		byTitle[p.Title] = p
	}
	for _, t := range res.Existing {
		last := byTitle[t].Last()
		base, err := store.LatestRevID(ctx, st, t)
		if err != nil {
			return fmt.Errorf("import %s: %w", t, err)
		}
		saved, err := saver.Save(ctx, pageinfo.Edit{Title: t, Text: last.Text, BaseRevID: base,
			UserName: last.UserName, Summary: last.Summary, Minor: last.Minor})
		switch {
		case isInputError(err):
			rep.Skipped = append(rep.Skipped, Skip{t, err.Error()})
		case err != nil:
			return fmt.Errorf("import %s: %w", t, err)
		case saved.Unchanged:
			rep.Unchanged++
		default:
			rep.Updated++
		}
	}
	return nil
}
