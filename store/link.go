package store

import "context"

// Links reads the link table written by SaveRevision. A deleted page has no
// outgoing links; links to its title are kept (they are red links now).
type Links interface {
	// OutgoingLinks returns the titles a page links to, in title order.
	OutgoingLinks(ctx context.Context, pageID int64) ([]string, error)
	// Backlinks returns up to limit titles of pages linking to title, in
	// title order, starting at the first >= from.
	Backlinks(ctx context.Context, title string, from string, limit int) ([]string, error)
	// CountBacklinks returns the number of pages linking to title.
	CountBacklinks(ctx context.Context, title string) (int, error)
}
