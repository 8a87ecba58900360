package store

import "context"

// Categories reads the category table written by SaveRevision. A deleted
// page belongs to no category.
type Categories interface {
	// PageCategories returns a page's category names, sorted.
	PageCategories(ctx context.Context, pageID int64) ([]string, error)
	// CategoryMembers returns up to limit member titles, sorted, starting at
	// the first >= from.
	CategoryMembers(ctx context.Context, category string, from string, limit int) ([]string, error)
}
