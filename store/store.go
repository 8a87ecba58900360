package store

import "context"

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
	FileLinks
	TemplateLinks
	Categories
	RecentChanges
	Search
	PageActions
	Log
	Events
	Files
	BlobStore
	Watchlist
	Notifications
	RenderQueue
	Loader

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

// Paging, in every listing of this package's interfaces: limit <= 0 returns
// nothing; "from" and "before" arguments continue a listing where its
// previous page ended.
