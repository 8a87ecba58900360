package server

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// watchlistEditPage is how many titles the watchlist editor lists at a
// time.
const watchlistEditPage = 500

// watchedRow is a title of the watchlist editor.
type watchedRow struct {
	link
	Title string // canonical, the checkbox's value
	Left  string // "(3 days left)" for a temporary watch
}

// userWatchlistEdit lists the logged-in reader's watched pages by title
// from ?from=, a page at a time, a talk page under its subject page; a POST
// takes the checked titles (title=…, each with its pair) off the watchlist
// and comes back saying how many.
func (s *Server) userWatchlistEdit(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u, ctx := userOf(r), r.Context()
	if u.Anonymous {
		return s.toLogin(w, r, router.NamespaceTitle(router.SpecialNamespace, "EditWatchlist"))
	}
	base := s.Routes.Path("user.watchlist.edit")
	if r.Method == http.MethodPost {
		var titles []string
		for _, t := range r.PostForm["title"] {
			title, err := router.NormalizeTitle(t)
			if err != nil {
				return err
			}
			pair, ok := router.PairTitle(title)
			if !ok {
				return errorf(http.StatusBadRequest, "%s is a special page: it cannot be on a watchlist", router.DisplayTitle(title))
			}
			titles = append(titles, title, pair)
		}
		if len(titles) == 0 {
			return errorf(http.StatusBadRequest, "check the pages to remove from your watchlist")
		}
		if err := s.Store.Unwatch(ctx, u.ID, titles); err != nil {
			return err
		}
		if err := s.Users.Refresh(ctx, u.ID); err != nil {
			return err
		}
		http.Redirect(w, r, base+"?"+url.Values{"removed": {strconv.Itoa(len(titles) / 2)}}.Encode(), http.StatusSeeOther)
		return nil
	}
	from := m.Params.Get("from")
	entries, err := s.Store.WatchedTitles(ctx, u.ID, from, watchlistEditPage+1)
	if err != nil {
		return err
	}
	var next string
	if len(entries) > watchlistEditPage {
		entries = entries[:watchlistEditPage]
		next = base + "?" + url.Values{"from": {entries[len(entries)-1].Title}}.Encode()
	}
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Title] = true
	}
	now, l := time.Now(), s.lang(r, m)
	var rows []watchedRow
	for _, e := range entries {
		// A talk page goes with its subject page, listed or watched.
		if subject := router.SubjectTitle(e.Title); subject != e.Title && (listed[subject] || u.Watched.Has(subject)) {
			continue
		}
		row := watchedRow{link: titleLink(e.Title), Title: e.Title}
		if !e.Expires.IsZero() {
			row.Left = daysLeft(l, e.Expires.Sub(now))
		}
		rows = append(rows, row)
	}
	var msg string
	if n := m.Params.Int("removed"); n > 0 {
		msg = l.T("watchlistedit-removed", "Count", int(n))
	}
	b, err := s.body(r, m, "watchlist-edit", map[string]any{
		"Action": base, "CSRF": u.CSRF, "Rows": rows, "Next": next,
		"Watchlist": anchor(s.Routes.Path("user.watchlist"), l.T("watchlistedit-watchlist-link")),
	})
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Title: l.T("watchlistedit-title"), Message: msg, Body: b})
}

// daysLeft says how long a temporary watch has left, in whole days
// rounded up, as MediaWiki, in l: "(1 day left)", "(30 days left)".
func daysLeft(l *i18n.Lang, d time.Duration) string {
	return l.T("watchlist-days-left", "Count", max(int((d+24*time.Hour-1)/(24*time.Hour)), 1))
}
