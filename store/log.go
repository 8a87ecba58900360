package store

import (
	"context"
	"strings"
	"time"
)

// LogEntry is one line of the log of page actions: who deleted, undeleted,
// moved or protected which page, when and why.
type LogEntry struct {
	ID   int64
	Kind string // LogDelete, LogUndelete, LogMove or LogProtect
	// PageID is the page acted on; for a deletion, the id History takes to
	// list what undeletion restores. A protection has the id of the live
	// page with that title, or 0 when there is none (create protection).
	PageID    int64
	Title     string // the page's title; for a move, the old title
	Target    string // for a move, the new title; for a protection, ProtectLogTarget; "" otherwise
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
	LogProtect  = "protect" // Protections.SetProtection, also when it removes a protection
)

// ProtectLogTarget is the Target of the LogProtect entry of p: its levels
// and expiry, e.g. "edit=sysop,move=sysop,expires=2026-05-01T12:00:00Z"
// (levels that are "" and a zero expiry are left out), or "" when p removes
// the protection.
func ProtectLogTarget(p Protection) string {
	var parts []string
	if p.Edit != "" {
		parts = append(parts, "edit="+p.Edit)
	}
	if p.Move != "" {
		parts = append(parts, "move="+p.Move)
	}
	if len(parts) == 0 {
		return ""
	}
	if !p.Expires.IsZero() {
		parts = append(parts, "expires="+p.Expires.UTC().Format(time.RFC3339))
	}
	return strings.Join(parts, ",")
}

// LogQuery filters log entries.
type LogQuery struct {
	Title  string // "" = every title; matches LogEntry.Title only
	Kind   string // "" = every kind
	Before int64  // entry ids below this; 0 = newest
	Limit  int
}

// Log reads the log written by PageActions and Protections.
type Log interface {
	// LogEntries returns the matching entries, newest first.
	LogEntries(ctx context.Context, q LogQuery) ([]LogEntry, error)
}

// ProtectRecord is the log entry of setting p, stamped at; pageID is the id of
// the live page with p's title, 0 when there is none.
func ProtectRecord(p Protection, pageID int64, at time.Time) LogEntry {
	return LogEntry{
		Kind: LogProtect, PageID: pageID, Title: p.Title, Target: ProtectLogTarget(p),
		UserID: p.UserID, UserName: p.UserName, Reason: p.Reason, Timestamp: at,
	}
}
