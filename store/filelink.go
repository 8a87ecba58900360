package store

import "context"

// FileLinks reads the table of files pages embed (MediaWiki's imagelinks),
// written by SaveRevision with the page's links from SaveRequest.Files and
// emptied when the page is deleted.
type FileLinks interface {
	// PagesEmbedding returns up to limit titles of the pages that embed the
	// file name (without "File:"), in title order.
	PagesEmbedding(ctx context.Context, name string, limit int) ([]string, error)
	// PageFiles returns the names of the files a page embeds now, sorted:
	// the File pages whose usage lists an action on the page changes.
	PageFiles(ctx context.Context, pageID int64) ([]string, error)
}
