package store

import (
	"context"
	"time"
)

// Store is everything Folio keeps: the composition of the small interfaces
// below. Both backends (store/sqlite, store/postgres) implement all of it, and
// store/storetest checks that they behave the same.
type Store interface {
	Pages
	Revisions
	Users
	Groups
	AccountState
	Protections
	Sessions
	Tokens
	ParseCache
	Links
	Categories
	RecentChanges
	Search
	PageActions
	Log
	Events

	// Migrate applies the embedded migrations that are not yet applied,
	// one transaction per step.
	Migrate(ctx context.Context) error
	// Migrations returns the names of every embedded migration step, in order.
	Migrations() []string
	// Backend names the implementation: "sqlite" or "postgres".
	Backend() string
	// CheckWritable reports whether the store would take a write now,
	// without writing: an error for a read-only file or mount, a standby
	// or read-only PostgreSQL, or a store that does not answer.
	CheckWritable(ctx context.Context) error
	// Close releases the store's connections.
	Close() error
}

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
	Redirect   string   // redirect target, "" when not a redirect
}

// SaveResult reports what a save wrote.
type SaveResult struct {
	Page     Page
	Revision Revision
	Created  bool // the page did not exist before this save
	// Unchanged is true when Text equals the current revision's text: a null
	// edit writes nothing and returns the current revision.
	Unchanged bool
}

// Paging, everywhere below: limit <= 0 returns nothing; "from" and
// "before" arguments continue a listing where its previous page ended.

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
}

// User is an account.
type User struct {
	ID           int64
	Name         string
	PasswordHash string // PHC-encoded argon2id hash
	Created      time.Time
}

// Users manages accounts.
type Users interface {
	// CreateUser inserts an account; a taken name is ErrConflict.
	CreateUser(ctx context.Context, u User) (User, error)
	// UserByName returns the account or ErrNotFound.
	UserByName(ctx context.Context, name string) (User, error)
	// UserByID returns the account or ErrNotFound.
	UserByID(ctx context.Context, id int64) (User, error)
	// CountUsers returns the number of accounts.
	CountUsers(ctx context.Context) (int, error)
	// SetPasswordHash replaces an account's password hash and bumps its
	// UserState.Version; an unknown account is ErrNotFound.
	SetPasswordHash(ctx context.Context, id int64, hash string) error
}

// Groups manages group membership.
type Groups interface {
	// AddUserToGroup is idempotent; it bumps the account's
	// UserState.Version when it added the user. An unknown account is
	// ErrNotFound.
	AddUserToGroup(ctx context.Context, userID int64, group string) error
	// RemoveUserFromGroup is idempotent; it bumps the account's
	// UserState.Version when it removed the user.
	RemoveUserFromGroup(ctx context.Context, userID int64, group string) error
	// UserGroups returns the user's groups in name order.
	UserGroups(ctx context.Context, userID int64) ([]string, error)
}

// Session is a login session. Only a hash of the session id is stored.
type Session struct {
	IDHash   string
	UserID   int64
	Created  time.Time
	LastSeen time.Time
	Expires  time.Time // absolute expiry
}

// Sessions manages login sessions.
type Sessions interface {
	// CreateSession stores a new session; a taken IDHash is ErrConflict and
	// an unknown user ErrNotFound.
	CreateSession(ctx context.Context, s Session) error
	// SessionByHash returns the session or ErrNotFound.
	SessionByHash(ctx context.Context, idHash string) (Session, error)
	// TouchSession records activity; a missing session is ErrNotFound.
	TouchSession(ctx context.Context, idHash string, at time.Time) error
	// DeleteSession is idempotent.
	DeleteSession(ctx context.Context, idHash string) error
	// DeleteExpiredSessions removes sessions whose absolute expiry is before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}

// ParseCache stores rendered PageInfo blobs keyed by (revision, renderer version).
type ParseCache interface {
	// GetParse returns the blob or ErrNotFound.
	GetParse(ctx context.Context, revID int64, version string) ([]byte, error)
	// PutParse stores (or replaces) the blob.
	PutParse(ctx context.Context, revID int64, version string, blob []byte) error
	// DeleteParse drops every cached blob of that revision.
	DeleteParse(ctx context.Context, revID int64) error
}

// Links reads the link table written by SaveRevision. A deleted page has no
// outgoing links; links to its title are kept (they are red links now).
type Links interface {
	// OutgoingLinks returns the titles a page links to, in title order.
	OutgoingLinks(ctx context.Context, pageID int64) ([]string, error)
	// Backlinks returns up to limit titles of pages linking to title, in
	// title order, starting at the first >= from.
	Backlinks(ctx context.Context, title string, from string, limit int) ([]string, error)
}

// Categories reads the category table written by SaveRevision. A deleted
// page belongs to no category.
type Categories interface {
	// PageCategories returns a page's category names, sorted.
	PageCategories(ctx context.Context, pageID int64) ([]string, error)
	// CategoryMembers returns up to limit member titles, sorted, starting at
	// the first >= from.
	CategoryMembers(ctx context.Context, category string, from string, limit int) ([]string, error)
}

// Change is one row of recent changes.
//
// For deletions, undeletions and moves, RevID is the page's current revision
// after the action (0 after a deletion), OldRevID the one before it (0 before
// an undeletion), OldSize and NewSize likewise, and Summary the reason.
type Change struct {
	ID        int64
	Kind      string // ChangeEdit, ChangeNew, ChangeDelete, ChangeUndelete or ChangeMove
	Title     string // for a move, the old title
	Target    string // for a move, the new title; "" otherwise
	PageID    int64
	RevID     int64
	OldRevID  int64
	UserID    int64
	UserName  string
	Summary   string
	Minor     bool
	New       bool // the change created the page (Kind is ChangeNew)
	OldSize   int
	NewSize   int
	Timestamp time.Time
}

// Kinds of Change.
const (
	ChangeEdit     = "edit"     // a new revision of an existing page
	ChangeNew      = "new"      // a page's first revision, or its re-creation
	ChangeDelete   = "delete"   // DeletePage
	ChangeUndelete = "undelete" // UndeletePage
	ChangeMove     = "move"     // MovePage; a redirect it leaves is a ChangeNew of its own
)

// RecentQuery filters recent changes.
type RecentQuery struct {
	Limit     int
	Before    int64  // change ids below this; 0 = newest
	UserName  string // "" = everyone
	HideMinor bool
	// Namespace keeps changes of titles in that namespace ("User" for
	// User:…); "" keeps all.
	Namespace string
}

// RecentChanges reads the recent-changes table written by SaveRevision and
// the PageActions.
type RecentChanges interface {
	// Recent returns changes newest first.
	Recent(ctx context.Context, q RecentQuery) ([]Change, error)
}

// SearchHit is one full-text search result.
type SearchHit struct {
	Title   string
	Snippet string // plain text around the matched terms
	Rank    float64
}

// Search finds pages by their current text and title. A query has no
// syntax: it is split into words (store.SearchTerms) and a page matches when
// it holds every word, in its title or its text, case-insensitively (accents
// count: "cafe" does not find "café" on either backend). A query without
// words matches nothing and is not an error. Deleted pages are not indexed.
type Search interface {
	// SearchPages returns up to limit hits, best first, skipping offset, and
	// the total number of matches.
	SearchPages(ctx context.Context, query string, offset, limit int) ([]SearchHit, int, error)
}
