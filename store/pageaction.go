package store

import (
	"context"
	"time"
)

// DeleteRequest deletes a page.
type DeleteRequest struct {
	Title string // canonical DB key of a live page
	// BaseRevID is the revision the deleting user saw; 0 skips the check.
	// When the page's current revision differs, DeletePage returns a
	// *ConflictError and writes nothing.
	BaseRevID int64
	Reason    string
	UserID    int64
	UserName  string
	Timestamp time.Time // zero means now

	// Events are published in the deletion's transaction: subscribers hear
	// them exactly when it commits, and never for a deletion that did not
	// (a *ConflictError or any other failure publishes nothing), so a node
	// killed just after its commit still tells the others.
	Events []Event
	// DropParse lists revisions whose parse-cache rows are deleted in the
	// deletion's transaction, only if it commits: pages whose rendering it
	// makes stale (their links to the page turn from blue to red).
	DropParse []int64
	// Rerender are titles queued for rendering again (RenderQueue) in the
	// deletion's transaction, only if it commits, with reason
	// RerenderReason: the pages transcluding the deleted page.
	Rerender       []string
	RerenderReason string
}

// UndeleteRequest restores a deleted page. The store derives nothing from
// text: the caller renders the latest revision it is about to restore (read
// through History with the page id of the deletion's LogEntry) and passes
// what it derived, as for a save.
type UndeleteRequest struct {
	Title     string // canonical DB key of a deleted page
	Reason    string
	UserID    int64
	UserName  string
	Timestamp time.Time // zero means now

	// Events are published in the undeletion's transaction: subscribers
	// hear them exactly when it commits, and never for an undeletion that
	// did not (an ErrNotFound, ErrConflict or any other failure publishes
	// nothing), so a node killed just after its commit still tells the
	// others.
	Events []Event
	// DropParse lists revisions whose parse-cache rows are deleted in the
	// undeletion's transaction, only if it commits: pages whose rendering it
	// makes stale (their links to the page turn from red to blue).
	DropParse []int64
	// Rerender are titles queued for rendering again (RenderQueue) in the
	// undeletion's transaction, only if it commits, with reason
	// RerenderReason: the pages transcluding the restored page.
	Rerender       []string
	RerenderReason string

	// Derived from the restored latest revision's text.
	Links      []string
	Categories []string
	Files      []string // embedded files' names, without "File:"
	Templates  []string // titles it transcluded (SaveRequest.Templates)
	Redirect   string
	// SearchText is the plain text of the restored revision's rendering,
	// for the full-text index (see SaveRequest.SearchText); "" indexes the
	// revision's text.
	SearchText string
}

// MoveRequest renames a page.
type MoveRequest struct {
	From string // canonical title of a live page
	To   string // canonical title that no page, live or deleted, has
	// BaseRevID is the revision the moving user saw; 0 skips the check.
	// When From's current revision differs, MovePage returns a
	// *ConflictError and writes nothing.
	BaseRevID int64
	// WatchMoves pairs old and new titles ({From, To} and their talk
	// pages) whose watchlist entries MovePage copies, in its transaction.
	WatchMoves [][2]string
	// LeaveRedirect creates a page at From whose first revision is
	// RedirectText (e.g. "#REDIRECT [[To]]"), with Redirect To and the
	// outgoing links RedirectLinks (derived from RedirectText by the caller).
	LeaveRedirect bool
	RedirectText  string
	RedirectLinks []string
	// RedirectSearchText is the plain text of RedirectText's rendering, for
	// the full-text index (see SaveRequest.SearchText).
	RedirectSearchText string
	Reason             string // also the redirect revision's summary
	UserID             int64
	UserName           string
	Timestamp          time.Time // zero means now

	// Events are published in the move's transaction: subscribers hear them
	// exactly when it commits, and never for a move that did not (a
	// *ConflictError, a taken To or any other failure publishes nothing),
	// so a node killed just after its commit still tells the others.
	Events []Event
	// DropParse lists revisions whose parse-cache rows are deleted in the
	// move's transaction, only if it commits: renderings it makes stale
	// (pages whose links to From or To change colour, and the moved page's
	// current revision, rendered under its old title).
	DropParse []int64
	// Rerender are titles queued for rendering again (RenderQueue) in the
	// move's transaction, only if it commits, with reason RerenderReason:
	// the pages transcluding From (or To) and, for a moved template, the
	// moved page itself.
	Rerender       []string
	RerenderReason string
}

// MoveResult reports what a move wrote.
type MoveResult struct {
	Page Page // the moved page, under its new title; id and revisions unchanged
	// Redirect is the save that created the redirect at the old title, nil
	// when none was left.
	Redirect *SaveResult
}

// PageActions deletes, undeletes and moves pages. Each action is one
// transaction that also writes its recent change and its log entry, drops
// the parse-cache rows of its request's DropParse and publishes its Events; a
// failed action writes, drops and publishes nothing. The caller names what
// the action makes stale: pages linking to the titles involved change
// colour.
type PageActions interface {
	// DeletePage hides a live page: its row and revisions are kept
	// (Revision.Deleted), its links, file and template links, categories
	// and search row are removed, and reads no longer see it. It returns the
	// page as it was. A title without a live page is ErrNotFound.
	DeletePage(ctx context.Context, req DeleteRequest) (Page, error)
	// UndeletePage restores a deleted page with all its revisions, its
	// latest revision current again, the derived data of req, and its search
	// row rebuilt from the latest revision's text. The result is that of a
	// save that created the page (Created is true). A title without a
	// deleted page is ErrNotFound; a title whose page was re-created since
	// its deletion is ErrConflict (delete it first to merge histories).
	UndeletePage(ctx context.Context, req UndeleteRequest) (SaveResult, error)
	// MovePage renames a live page: its id, revisions, links, file and
	// template links and categories stay, its search row gets the new
	// title. Links (and transclusions) of the old title are left alone: they
	// now point at the redirect, if one is left, or are red.
	// A missing From is ErrNotFound. A To already taken is ErrConflict, also
	// when its page is deleted: undelete it and move it away, or pick
	// another title.
	MovePage(ctx context.Context, req MoveRequest) (MoveResult, error)
}

// The records of the page actions: the recent change and the log entry that
// each writes, built here once for both backends, which only persist them.

// DeleteRecord is the recent change and the log entry of req, which deletes
// page (as it was before the deletion).
func DeleteRecord(page Page, req DeleteRequest) (Change, LogEntry) {
	return Change{
			Kind: ChangeDelete, Title: page.Title, PageID: page.ID, OldRevID: page.LatestRev,
			UserID: req.UserID, UserName: req.UserName, Summary: req.Reason, OldSize: page.Size, Timestamp: req.Timestamp,
		}, LogEntry{
			Kind: LogDelete, PageID: page.ID, Title: page.Title,
			UserID: req.UserID, UserName: req.UserName, Reason: req.Reason, Timestamp: req.Timestamp,
		}
}

// UndeleteRecord is the recent change and the log entry of req, which
// restores page with rev as its current revision.
func UndeleteRecord(page Page, rev Revision, req UndeleteRequest) (Change, LogEntry) {
	return Change{
			Kind: ChangeUndelete, Title: page.Title, PageID: page.ID, RevID: rev.ID,
			UserID: req.UserID, UserName: req.UserName, Summary: req.Reason, NewSize: rev.Size, Timestamp: req.Timestamp,
		}, LogEntry{
			Kind: LogUndelete, PageID: page.ID, Title: page.Title,
			UserID: req.UserID, UserName: req.UserName, Reason: req.Reason, Timestamp: req.Timestamp,
		}
}

// MoveRecord is the recent change and the log entry of req, which renames
// page (its id, current revision and size stay) from req.From to req.To.
func MoveRecord(page Page, req MoveRequest) (Change, LogEntry) {
	return Change{
			Kind: ChangeMove, Title: req.From, Target: req.To, PageID: page.ID, RevID: page.LatestRev,
			OldRevID: page.LatestRev, UserID: req.UserID, UserName: req.UserName, Summary: req.Reason,
			OldSize: page.Size, NewSize: page.Size, Timestamp: req.Timestamp,
		}, LogEntry{
			Kind: LogMove, PageID: page.ID, Title: req.From, Target: req.To,
			UserID: req.UserID, UserName: req.UserName, Reason: req.Reason, Timestamp: req.Timestamp,
		}
}

// RedirectSave is the save that leaves the redirect of req at req.From,
// in the move's transaction, when req.LeaveRedirect is set.
func RedirectSave(req MoveRequest) SaveRequest {
	return SaveRequest{
		Title: req.From, Text: req.RedirectText, Summary: req.Reason, UserID: req.UserID, UserName: req.UserName,
		Timestamp: req.Timestamp, Links: req.RedirectLinks, Redirect: req.To, SearchText: req.RedirectSearchText,
	}
}

// CheckBase is the *ConflictError of an action on title based on revision
// base when the page's current revision is latest, or nil when base is 0 (no
// check) or latest. DeletePage and MovePage check their BaseRevID with it.
func CheckBase(title string, base, latest int64) error {
	if base != 0 && base != latest {
		return &ConflictError{Title: title, BaseRevID: base, LatestRev: latest}
	}
	return nil
}
