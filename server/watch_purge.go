package server

import (
	"context"
	"fmt"
	"time"
)

// WatchPurgeInterval is how often a serving node deletes expired
// watchlist entries. Reads already ignore them; the purge keeps the table
// small and rebuilds the UserInfo of their users, whose watched sets still
// hold them.
const WatchPurgeInterval = time.Hour

// PurgeExpiredWatches deletes the watchlist entries expired before now and
// refreshes the UserInfo of every user who had some (their watched sets
// still hold them); it reports how many users that was.
func (s *Server) PurgeExpiredWatches(ctx context.Context, now time.Time) (int, error) {
	users, err := s.Store.PurgeExpiredWatches(ctx, now)
	if err != nil {
		return 0, fmt.Errorf("purge expired watches: %w", err)
	}
	if err := s.Users.Refresh(ctx, users...); err != nil {
		return 0, fmt.Errorf("purge expired watches: %w", err)
	}
	return len(users), nil
}

// RunWatchPurge calls PurgeExpiredWatches at once and then every interval
// until ctx is done, logging what fails. Every node may run it: a purge
// of what another node purged finds nothing.
func (s *Server) RunWatchPurge(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.PurgeExpiredWatches(ctx, time.Now()); err != nil && ctx.Err() == nil {
			s.Log.Warn("expired watchlist entries not purged; trying again later", "err", err)
		} else if n > 0 {
			s.Log.Info("expired watchlist entries purged", "users", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
