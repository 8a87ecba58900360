package store

import "context"

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
