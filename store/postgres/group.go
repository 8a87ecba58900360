package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// AddUserToGroup puts a user in a group and, when it was not in it yet,
// bumps the account's version, in one statement; it is idempotent. An
// unknown user is store.ErrNotFound.
func (s *Store) AddUserToGroup(ctx context.Context, userID int64, group string) error {
	_, err := s.pool.Exec(ctx, `WITH added AS (
			INSERT INTO user_group (user_id, grp) VALUES ($1, $2)
			ON CONFLICT DO NOTHING RETURNING user_id)
		UPDATE users SET version = version + 1 WHERE id IN (SELECT user_id FROM added)`, userID, group)
	if err != nil {
		return fmt.Errorf("postgres: add user %d to group %q: %w", userID, group, dbErr(err))
	}
	return nil
}

// RemoveUserFromGroup takes a user out of a group and, when it was in it,
// bumps the account's version, in one statement; it is idempotent.
func (s *Store) RemoveUserFromGroup(ctx context.Context, userID int64, group string) error {
	_, err := s.pool.Exec(ctx, `WITH removed AS (
			DELETE FROM user_group WHERE user_id = $1 AND grp = $2 RETURNING user_id)
		UPDATE users SET version = version + 1 WHERE id IN (SELECT user_id FROM removed)`, userID, group)
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
