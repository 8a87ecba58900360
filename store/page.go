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
	// RedirectsTo returns up to limit titles of the pages that redirect to
	// title, in title order.
	RedirectsTo(ctx context.Context, title string, limit int) ([]string, error)
	// RandomPage returns a page that is not a redirect, chosen by pick:
	// given the lowest and highest page ids (lo <= hi), pick returns an id
	// in [lo, hi], and the answer is the first such page at or after that
	// id, wrapping around to the first page. It reads a few rows by
	// primary key whatever the number of pages (pages after a gap in the
	// ids are a little likelier, as with MediaWiki's page_random).
	// ErrNotFound when there is no such page.
	RandomPage(ctx context.Context, pick func(lo, hi int64) int64) (Page, error)
}
