package sqlite

// Temporary, while the watchlist store is built (issue 23): the methods
// exist so the tree builds; the store's watch.go replaces this file.

import (
	"context"
	"errors"
	"time"

	"github.com/foliowiki/folio/store"
)

var errWatchTODO = errors.New("watchlist store not built yet")

func (s *Store) Watch(context.Context, int64, []string, time.Time) error { return errWatchTODO }
func (s *Store) Unwatch(context.Context, int64, []string) error          { return errWatchTODO }
func (s *Store) WatchedTitles(context.Context, int64, string, int) ([]store.WatchEntry, error) {
	return nil, errWatchTODO
}
func (s *Store) Watchers(context.Context, string, int) ([]int64, error) { return nil, errWatchTODO }
func (s *Store) MarkSeen(context.Context, int64, []string) (int, error) { return 0, errWatchTODO }
func (s *Store) WatchlistChanges(context.Context, store.WatchlistQuery) ([]store.Change, error) {
	return nil, errWatchTODO
}
func (s *Store) PurgeExpiredWatches(context.Context, time.Time) ([]int64, error) {
	return nil, errWatchTODO
}
func (s *Store) Notifications(context.Context, int64, int64, int) ([]store.Notification, error) {
	return nil, errWatchTODO
}
func (s *Store) NotificationCounts(context.Context, int64) (store.NotificationCounts, error) {
	return store.NotificationCounts{}, errWatchTODO
}
func (s *Store) MarkNotificationsRead(context.Context, int64, string, []int64) (int, error) {
	return 0, errWatchTODO
}
