package store

import (
	"context"
	"time"
)

// Page is one row of the page table: a title and its current revision.
//
// A deleted page (PageActions.DeletePage) keeps its row, so that its
// revisions keep pointing at it, but every read of pages, links, categories
// and search skips it until it is undeleted or re-created; its title stays
// taken (see MovePage).
type Page struct {
	ID        int64
	Title     string // canonical DB key: underscores, first letter upper-cased
	LatestRev int64  // id of the current revision
	Size      int    // bytes of the current revision's text
	Redirect  string // redirect target title, "" when the page is not a redirect
	Touched   time.Time
}

// Pages reads the page table. None of its methods sees deleted pages.
type Pages interface {
	// PageByTitle returns the page with that canonical title or ErrNotFound.
	PageByTitle(ctx context.Context, title string) (Page, error)
	// PageByID returns the page with that id or ErrNotFound.
	PageByID(ctx context.Context, id int64) (Page, error)
	// ListPages returns up to limit pages in title order, starting at the
	// first title >= from.
	ListPages(ctx context.Context, from string, limit int) ([]Page, error)
	// CountPages returns the number of pages.
	CountPages(ctx context.Context) (int, error)
	// PagesExist reports which of titles exist as pages.
	PagesExist(ctx context.Context, titles []string) (map[string]bool, error)
}
