package store

import "context"

// TemplateLinks reads the table of the pages each page transcludes
// (MediaWiki's templatelinks), written by SaveRevision (and UndeletePage)
// with the page's links from SaveRequest.Templates and emptied when the
// page is deleted. A move keeps a page's set (it is the page's, by id);
// rows naming the moved page's old title stay: the pages transcluding it
// transclude a redirect now, or a missing page.
//
// "What links here" shows transclusions beside links by merging
// Links.Backlinks with PagesTranscluding, both in title order.
type TemplateLinks interface {
	// PagesTranscluding returns up to limit titles of the live pages whose
	// current revision transcluded title (directly or through other
	// templates), in title order, after after ("" = from the first): the
	// pages to re-render when title changes.
	PagesTranscluding(ctx context.Context, title string, after string, limit int) ([]string, error)
	// PageTemplates returns the titles the page's current revision
	// transcluded, sorted: its "Templates used on this page". A deleted
	// page has none.
	PageTemplates(ctx context.Context, pageID int64) ([]string, error)
	// SetPageTemplates makes titles (deduplicated, "" skipped) the set the
	// page transcludes, when its current revision is still revID and it is
	// not deleted; otherwise it changes nothing (a save or a deletion
	// since wrote the set that holds). A re-render after a template
	// changed calls it when the titles it used differ from the stored set
	// (a template now transcluding another one).
	SetPageTemplates(ctx context.Context, pageID, revID int64, titles []string) error
}
