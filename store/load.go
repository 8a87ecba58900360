package store

import (
	"context"
	"time"
)

// LoadPage is one page of a bulk load (folio import --dump): its whole
// history, oldest revision first, and what the renderer derived from its
// last revision. Only the last revision is rendered: the older ones are
// history, read as text (as MediaWiki's importDump.php loads a dump and
// updates links from the current revision only).
type LoadPage struct {
	Title     string         // canonical DB key
	Revisions []LoadRevision // oldest first; at least one

	// Derived from the last revision, as SaveRequest's fields.
	Links      []string
	Categories []string
	Files      []string
	Templates  []string
	Redirect   string
	SearchText string
}

// LoadRevision is one revision of a LoadPage.
type LoadRevision struct {
	Text      string
	Summary   string
	UserName  string
	Minor     bool
	Timestamp time.Time // zero means now
}

// Last is the page's current revision once loaded.
func (p LoadPage) Last() LoadRevision { return p.Revisions[len(p.Revisions)-1] }

// LoadRequest is one batch of a bulk load, written in one transaction.
type LoadRequest struct {
	Pages []LoadPage
	// Events are published in the batch's transaction (as SaveRequest's):
	// the other nodes forget what they knew of the loaded titles.
	Events []Event
	// Rerender are titles queued for rendering again with RerenderReason
	// (the pages transcluding a loaded template).
	Rerender       []string
	RerenderReason string
}

// LoadResult is what a batch wrote.
type LoadResult struct {
	// Loaded are the titles written, each with all its revisions.
	Loaded []string
	// Existing are the titles not written because a page of that title
	// exists or existed (a deleted page keeps its title): the caller saves
	// them through the save path instead.
	Existing []string
	// Stale are the current revisions of pages linking to a loaded title
	// whose parse-cache rows the batch deleted in its transaction (their
	// links to it turn blue): the caller drops them from memory and tells
	// the other nodes.
	Stale []int64
}

// Loader writes page histories in bulk. Each revision is written as a save
// would write it (revision row, recent change with the revision's
// timestamp), the page's links, categories, file and template links and
// search row once, from LoadPage's derived fields; no watchlist,
// notifications or parse cache. A batch is one transaction: all of it is
// written, or none.
type Loader interface {
	LoadPages(ctx context.Context, req LoadRequest) (LoadResult, error)
}
