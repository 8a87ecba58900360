package store

import (
	"context"
	"time"
)

// LogEntry is one line of the log of page actions: who deleted, undeleted or
// moved which page, when and why.
type LogEntry struct {
	ID        int64
	Kind      string // LogDelete, LogUndelete or LogMove
	PageID    int64  // the page acted on; for a deletion, the id History takes to list what undeletion restores
	Title     string // the page's title; for a move, the old title
	Target    string // for a move, the new title; "" otherwise
	UserID    int64
	UserName  string
	Reason    string
	Timestamp time.Time
}

// Kinds of LogEntry.
const (
	LogDelete   = "delete"
	LogUndelete = "undelete"
	LogMove     = "move"
)

// LogQuery filters log entries.
type LogQuery struct {
	Title  string // "" = every title; matches LogEntry.Title only
	Kind   string // "" = every kind
	Before int64  // entry ids below this; 0 = newest
	Limit  int
}

// Log reads the log written by PageActions.
type Log interface {
	// LogEntries returns the matching entries, newest first.
	LogEntries(ctx context.Context, q LogQuery) ([]LogEntry, error)
}
