package store

import (
	"context"
	"time"
)

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
	// HideUserID drops the changes of the registered user with that id (a
	// reader's "hide my edits"); 0 drops nothing.
	HideUserID int64
	// HideImports drops the changes of imports: those made by
	// ImportUserName with no user id (what folio import records).
	HideImports bool
}

// ImportUserName is the author folio import records on the revisions it
// saves, with user id 0. No account can hold it with id 0, and an anonymous
// editor's name is an address, so a change by it with user id 0 is an
// import (RecentQuery.HideImports).
const ImportUserName = "Folio import"

// RecentChanges reads the recent-changes table written by SaveRevision and
// the PageActions.
type RecentChanges interface {
	// Recent returns changes newest first.
	Recent(ctx context.Context, q RecentQuery) ([]Change, error)
}
