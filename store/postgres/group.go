package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// AddUserToGroup puts a user in a group; it is idempotent. An unknown user
// is store.ErrNotFound.
func (s *Store) AddUserToGroup(ctx context.Context, userID int64, group string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO user_group (user_id, grp) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, userID, group)
	if err != nil {
		return fmt.Errorf("postgres: add user %d to group %q: %w", userID, group, dbErr(err))
	}
	return nil
}

// RemoveUserFromGroup takes a user out of a group; it is idempotent.
func (s *Store) RemoveUserFromGroup(ctx context.Context, userID int64, group string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM user_group WHERE user_id = $1 AND grp = $2`, userID, group)
	if err != nil {
		return fmt.Errorf("postgres: remove user %d from group %q: %w", userID, group, dbErr(err))
	}
	return nil
}

// UserGroups returns the user's groups in name order.
func (s *Store) UserGroups(ctx context.Context, userID int64) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT grp FROM user_group WHERE user_id = $1 ORDER BY grp`, userID)
	if err != nil {
		return nil, fmt.Errorf("postgres: groups of user %d: %w", userID, dbErr(err))
	}
	groups, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: groups of user %d: %w", userID, dbErr(err))
	}
	return groups, nil
}
