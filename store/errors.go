package store

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by both backends. Wrap them with the operation:
// fmt.Errorf("store: get revision %d: %w", id, ErrNotFound).
var (
	// ErrNotFound means the requested row does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a write collided with existing data: a save on a stale
	// base revision, or a unique name already taken.
	ErrConflict = errors.New("conflict")
	// ErrStale means cached data no longer matches the store.
	ErrStale = errors.New("stale")
)

// ConflictError is returned by SaveRevision when the page moved on since the
// editor's base revision. errors.Is(err, ErrConflict) is true for it.
type ConflictError struct {
	Title     string
	BaseRevID int64 // what the editor started from
	LatestRev int64 // the page's current revision (0: the page does not exist)
}

// Error implements error.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("edit conflict on %q: based on revision %d, current is %d", e.Title, e.BaseRevID, e.LatestRev)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }
