package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// AddUserToGroup implements store.Groups: the insert and the version bump
// (when a row was inserted) share a transaction.
func (s *Store) AddUserToGroup(ctx context.Context, userID int64, group string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO user_group (user_id, grp) VALUES (?, ?) ON CONFLICT DO NOTHING`, userID, group)
		return bumpIfChanged(ctx, tx, res, err, userID)
	})
	return mapErr(fmt.Sprintf("add user %d to group %q", userID, group), err)
}

// RemoveUserFromGroup implements store.Groups: the delete and the version
// bump (when a row was deleted) share a transaction.
func (s *Store) RemoveUserFromGroup(ctx context.Context, userID int64, group string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM user_group WHERE user_id = ? AND grp = ?`, userID, group)
		return bumpIfChanged(ctx, tx, res, err, userID)
	})
	return mapErr(fmt.Sprintf("remove user %d from group %q", userID, group), err)
}

// UserGroups implements store.Groups.
func (s *Store) UserGroups(ctx context.Context, userID int64) ([]string, error) {
	return queryStrings(ctx, s.r, fmt.Sprintf("groups of user %d", userID),
		`SELECT grp FROM user_group WHERE user_id = ? ORDER BY grp`, userID)
}
