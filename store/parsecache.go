package store

import "context"

// ParseCache stores rendered PageInfo blobs keyed by (revision, renderer version).
type ParseCache interface {
	// GetParse returns the blob or ErrNotFound.
	GetParse(ctx context.Context, revID int64, version string) ([]byte, error)
	// PutParse stores (or replaces) the blob.
	PutParse(ctx context.Context, revID int64, version string, blob []byte) error
	// DeleteParse drops every cached blob of that revision.
	DeleteParse(ctx context.Context, revID int64) error
}
