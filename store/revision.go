package store

import (
	"context"
	"time"
)

// Revision is one saved version of a page. Revisions are immutable.
type Revision struct {
	ID        int64
	PageID    int64
	Title     string // the page's title when the revision was read
	ParentID  int64  // the revision this one was based on; 0 for a page's first
	Text      string
	Summary   string
	UserID    int64  // 0 for anonymous and system saves
	UserName  string // the author's name, or an address/label for anonymous saves
	Minor     bool
	Size      int
	Timestamp time.Time
	// Deleted marks a revision hidden by a page deletion that has not been
	// undone: every revision of a deleted page, and, once the page is
	// re-created, the revisions from before its deletion. RevisionByID
	// still returns it; callers show it to those allowed to see deleted
	// content only.
	Deleted bool
}

// SaveRequest is one save of a page: the new text and everything derived from
// it, written in one transaction.
type SaveRequest struct {
	Title string // canonical DB key
	Text  string
	// BaseRevID is the revision the editor started from; 0 means the page is
	// being created. When the page's current revision is not BaseRevID the
	// save fails with a *ConflictError and writes nothing.
	BaseRevID int64
	Summary   string
	UserID    int64
	UserName  string
	Minor     bool
	Timestamp time.Time // zero means now

	// Events are published in the save's transaction: subscribers hear them
	// exactly when the save commits, and never for a save that did not
	// (a node killed just after its commit still tells the others).
	Events []Event
	// DropParse lists revisions whose parse-cache rows are deleted in the
	// save's transaction: pages whose rendering the save makes stale (their
	// links to a page it creates turn from red to blue).
	DropParse []int64

	// Derived from Text by the renderer; replace the page's previous sets.
	Links      []string // titles this revision links to (canonical)
	Categories []string // category names, without the "Category:" prefix
	Files      []string // names of the files it embeds, without "File:"
	// Templates are the titles the revision transcluded, directly or
	// through other templates, missing ones included (canonical).
	Templates []string
	Redirect  string // redirect target, "" when not a redirect
	// SearchText is what the full-text index holds for the page: the plain
	// text of its rendering (no Markdown syntax), so that search snippets
	// read as the page does. "" indexes Text instead.
	SearchText string

	// WatchTitles are put on the saving user's watchlist (permanently,
	// unless already watched with an expiry, which is kept): the page and
	// its talk page, when the editor asked or their preference says so.
	WatchTitles []string
	// Notify are the notifications the save sends (UserID and Kind set;
	// the store fills in the rest from the save). A save that writes
	// nothing (Unchanged) sends none.
	Notify []Notification

	// Rerender are titles queued for rendering again (RenderQueue) in the
	// save's transaction, with reason RerenderReason: the pages
	// transcluding a template the save changes. A save that writes nothing
	// (Unchanged) queues none.
	Rerender       []string
	RerenderReason string
}

// IndexText is the text a save indexes: SearchText, or Text without one.
func (r SaveRequest) IndexText() string {
	if r.SearchText != "" {
		return r.SearchText
	}
	return r.Text
}

// SaveResult reports what a save wrote.
type SaveResult struct {
	Page     Page
	Revision Revision
	Created  bool // the page did not exist before this save
	// Unchanged is true when Text equals the current revision's text: a null
	// edit writes nothing and returns the current revision.
	Unchanged bool
	// Notified are the users (in id order) whose watchlist entry for the
	// title the save marked as changed (Notified set from zero): their
	// UserInfo's set of unseen pages changed.
	Notified []int64
}

// Revisions saves and reads revisions.
type Revisions interface {
	// SaveRevision writes the page row, the revision, its links, categories
	// and the recent-changes row in one transaction.
	//
	// Saving with BaseRevID 0 on the title of a deleted page re-creates it,
	// as MediaWiki does: Created is true, the new revision's ParentID is 0
	// and the page's previous revisions stay deleted (Revision.Deleted), so
	// History shows only the new page's revisions. The page row is reused,
	// so the re-created page keeps its id; undeleting it after a later
	// deletion merges both histories. A BaseRevID other than 0 on a deleted
	// page is a *ConflictError with LatestRev 0.
	SaveRevision(ctx context.Context, req SaveRequest) (SaveResult, error)
	// RevisionByID returns one revision or ErrNotFound. It returns the
	// revisions of deleted pages too, with Deleted set: history is kept.
	RevisionByID(ctx context.Context, id int64) (Revision, error)
	// LatestRevision returns the current revision of a page, or ErrNotFound
	// when there is no such page or it is deleted.
	LatestRevision(ctx context.Context, title string) (Revision, error)
	// History returns up to limit revisions of a page, newest first, with ids
	// below before (0 = from the newest). For a live page these are its
	// revisions that are not Deleted; for a deleted page (whose id is in its
	// deletion's LogEntry), all of them: what UndeletePage would restore.
	History(ctx context.Context, pageID int64, before int64, limit int) ([]Revision, error)
	// NextRevision returns the id of the page's revision saved right after
	// the revision after (the smallest id above it, among those History
	// lists), or 0 when after is the newest. It reads one index entry, no
	// text: the diff page's "Newer edit" link.
	NextRevision(ctx context.Context, pageID int64, after int64) (int64, error)
	// Contributions returns up to q.Limit revisions saved under
	// q.UserName, newest first, with ids below q.Before (0 = from the
	// newest), without their Text. Revisions of deleted pages (Deleted) are
	// left out, as MediaWiki leaves them out of Special:Contributions.
	Contributions(ctx context.Context, q ContributionsQuery) ([]Contribution, error)
	// RevisionStats counts the revisions History lists for a page (all of
	// them, not a page of them) and returns the first and the latest,
	// without their Text; ErrNotFound when the page has none.
	RevisionStats(ctx context.Context, pageID int64) (RevisionStats, error)
}

// ContributionsQuery selects one author's revisions.
type ContributionsQuery struct {
	UserName string // Revision.UserName, exactly
	Before   int64  // revision ids below this; 0 = newest
	Limit    int
}

// Contribution is one revision in an author's contributions.
type Contribution struct {
	Revision        // Text is empty; Title is the page's title now
	ParentSize int  // the size of the parent revision; 0 for a page's first
	Current    bool // the revision is its page's current one
}

// RevisionStats sums up a page's revisions, as MediaWiki's action=info.
type RevisionStats struct {
	Edits   int      // number of revisions
	Authors int      // number of distinct Revision.UserName
	First   Revision // the oldest revision, without Text
	Latest  Revision // the newest revision, without Text
}

// SaveChange is the recent change of a save that wrote rev, making it the
// current revision of page; oldSize is the page's size before the save, and
// created reports that the save created (or re-created) the page.
func SaveChange(page Page, rev Revision, oldSize int, created bool) Change {
	kind := ChangeEdit
	if created {
		kind = ChangeNew
	}
	return Change{
		Kind: kind, Title: page.Title, PageID: page.ID, RevID: rev.ID, OldRevID: rev.ParentID,
		UserID: rev.UserID, UserName: rev.UserName, Summary: rev.Summary, Minor: rev.Minor, New: created,
		OldSize: oldSize, NewSize: rev.Size, Timestamp: rev.Timestamp,
	}
}
