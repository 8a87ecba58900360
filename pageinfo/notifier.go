package pageinfo

import (
	"context"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Notifier is the users' side of a save, which pageinfo leaves to the
// server (package notify): who a save notifies, and what a committed save
// or move changed for them (their watchlists, unseen pages and
// notifications). Saver.Notifier is nil for a wiki without it.
type Notifier interface {
	// Notify returns the notifications of a save about to be written
	// (UserID and Kind of each). An error is logged and the save goes on
	// without them.
	Notify(ctx context.Context, n SaveNotice) ([]store.Notification, error)
	// Saved follows a save, null edits included (which write nothing:
	// no notification, no watch), with the notifications Notify
	// returned. It must not fail the save: it logs.
	Saved(ctx context.Context, n SaveNotice, sent []store.Notification, res store.SaveResult)
	// Moved follows a committed move of from to to by a.
	Moved(ctx context.Context, from, to string, a Action)
}

// SaveNotice is a save as a Notifier sees it.
type SaveNotice struct {
	Title    string // canonical
	UserID   int64  // the editor's account; 0 for an edit without one
	UserName string
	Created  bool     // the save creates the page (no base revision)
	Links    []string // the titles the saved text links to
	Watch    []string // the titles the save puts on the editor's watchlist
}

// watchTitles are the titles an edit of title that asks to watch it puts
// on the editor's watchlist: the page and its talk page (or subject page).
func watchTitles(e Edit, title string) []string {
	if !e.Watch || e.UserID == 0 {
		return nil
	}
	return router.PairTitles(title)
}

// WatchMoves pairs the titles whose watchers follow a move of from to to:
// the page and its talk page (or, for a talk page, its subject page).
func WatchMoves(from, to string) [][2]string {
	moves := [][2]string{{from, to}}
	pf, ok1 := router.PairTitle(from)
	pt, ok2 := router.PairTitle(to)
	if ok1 && ok2 {
		moves = append(moves, [2]string{pf, pt})
	}
	return moves
}

// notifications asks the Notifier whom the save n notifies.
func (s *Saver) notifications(ctx context.Context, n SaveNotice) []store.Notification {
	if s.Notifier == nil {
		return nil
	}
	out, err := s.Notifier.Notify(ctx, n)
	if err != nil {
		s.cache.log.Warn("pageinfo: finding whom a save notifies failed; it notifies no one", "title", n.Title, "err", err)
	}
	return out
}
