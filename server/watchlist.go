package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// watchlistLimit is the most changes the watchlist and its feed show.
const watchlistLimit = 1000

// watchlistDays are the periods the watchlist offers, as MediaWiki's.
var watchlistDays = []int{1, 3, 7, 14, 30}

// watchFilters are the query of /-/watchlist, as it round-trips in links.
type watchFilters struct {
	Days               int
	HideOwn, HideMinor bool
}

// values are f as query parameters, defaults left out.
func (f watchFilters) values() url.Values {
	v := url.Values{}
	if f.Days != 7 {
		v.Set("days", strconv.Itoa(f.Days))
	}
	if f.HideOwn {
		v.Set("hideown", "1")
	}
	if f.HideMinor {
		v.Set("hideminor", "1")
	}
	return v
}

// watchRow is a line of the watchlist: a line of recent changes with its
// history link, marked when the reader has not seen it.
type watchRow struct {
	changeRow
	HistURL string
	Unseen  bool
}

// userWatchlist lists the changes to the logged-in reader's watched pages
// in the last days, newest first and grouped by the reader's days, the
// ones made since the reader last saw the page marked (MediaWiki's
// "unseen"); hideown and hideminor filter them. A POST marks every page
// seen and comes back.
func (s *Server) userWatchlist(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u, ctx := userOf(r), r.Context()
	if u.Anonymous {
		return s.toLogin(w, r, router.NamespaceTitle(router.SpecialNamespace, "Watchlist"))
	}
	f := watchFilters{Days: int(m.Params.Int("days")), HideOwn: m.Params.Int("hideown") == 1, HideMinor: m.Params.Int("hideminor") == 1}
	base := s.Routes.Path("user.watchlist")
	link := func(f watchFilters) string {
		if v := f.values(); len(v) > 0 {
			return base + "?" + v.Encode()
		}
		return base
	}
	if r.Method == http.MethodPost {
		if _, err := s.Store.MarkSeen(ctx, u.ID, nil); err != nil {
			return err
		}
		if err := s.Users.Refresh(ctx, u.ID); err != nil {
			return err
		}
		http.Redirect(w, r, link(f), http.StatusSeeOther)
		return nil
	}
	watched, unseen, err := s.unseenSince(ctx, u.ID)
	if err != nil {
		return err
	}
	changes, err := s.watchlistChanges(ctx, u.ID, f, time.Now())
	if err != nil {
		return err
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.UserName
	}
	users, err := s.userLinks(ctx, names)
	if err != nil {
		return err
	}
	loc, l := zoneOf(r), s.lang(r, m)
	days := byDay(l, loc, changes, func(c store.Change) watchRow {
		row := watchRow{changeRow: s.changeRowOf(l, loc, c), HistURL: s.Routes.Path("page.history", "title", c.Title),
			Unseen: isUnseen(unseen, c)}
		row.User = users[c.UserName]
		return row
	})
	flip := func(t toggleText, on bool, set func(*watchFilters)) toggle {
		g := f
		set(&g)
		return toggle{Text: t.of(l, on), URL: link(g), On: on}
	}
	toggles := []toggle{
		flip(toggleMine, f.HideOwn, func(g *watchFilters) { g.HideOwn = !g.HideOwn }),
		flip(toggleMinor, f.HideMinor, func(g *watchFilters) { g.HideMinor = !g.HideMinor }),
	}
	var periods []toggle
	for _, n := range watchlistDays {
		g := f
		g.Days = n
		periods = append(periods, toggle{Text: l.T("ndays", "Count", n), URL: link(g), On: n == f.Days})
	}
	return s.view(w, r, m, http.StatusOK, l.T("watchlist-title"), "watchlist", map[string]any{
		"Days": days, "Period": f.Days, "Periods": periods, "Toggles": toggles, "Watched": watched,
		"Unseen": len(unseen), "Truncated": len(changes) == watchlistLimit, "Limit": watchlistLimit,
		"Action": link(f), "CSRF": u.CSRF, "EditURL": s.Routes.Path("user.watchlist.edit"),
		"PrefsLink": anchor(s.Routes.Path("user.preferences"), l.T("watchlist-preferences-link")),
	})
}

// watchlistChanges are the changes to the user's watched pages in the
// last f.Days before now, newest first, at most watchlistLimit.
func (s *Server) watchlistChanges(ctx context.Context, userID int64, f watchFilters, now time.Time) ([]store.Change, error) {
	return s.Store.WatchlistChanges(ctx, store.WatchlistQuery{UserID: userID, Since: now.AddDate(0, 0, -f.Days),
		Limit: watchlistLimit, HideOwn: f.HideOwn, HideMinor: f.HideMinor})
}

// watchedPage is how many titles unseenSince reads at a time.
const watchedPage = 1000

// unseenSince reads the user's watchlist: how many pages it holds (a page
// and its talk page count once), and since when each title with unseen
// changes has them (the entry's Notified).
func (s *Server) unseenSince(ctx context.Context, userID int64) (int, map[string]time.Time, error) {
	unseen, subjects := map[string]time.Time{}, map[string]struct{}{}
	after := ""
	for {
		entries, err := s.Store.WatchedTitles(ctx, userID, after, watchedPage)
		if err != nil {
			return 0, nil, err
		}
		for _, e := range entries {
			subjects[router.SubjectTitle(e.Title)] = struct{}{}
			if !e.Notified.IsZero() {
				unseen[e.Title] = e.Notified
			}
		}
		if len(entries) < watchedPage {
			return len(subjects), unseen, nil
		}
		after = entries[len(entries)-1].Title
	}
}

// isUnseen reports whether the change c came at or after the first change
// its reader has not seen of its page (of either title, for a move).
func isUnseen(unseen map[string]time.Time, c store.Change) bool {
	for _, t := range []string{c.Title, c.Target} {
		if since, ok := unseen[t]; ok && t != "" && !c.Timestamp.Before(since) {
			return true
		}
	}
	return false
}
