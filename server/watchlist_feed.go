package server

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/foliowiki/folio/internal/feed"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// errFeedToken is the one answer to a watchlist feed request whose user
// or token is wrong or missing: it does not tell which, nor whether the
// user exists.
var errFeedToken = errorf(http.StatusForbidden,
	"wrong or missing watchlist token: use the feed address shown in the preferences of the watchlist's owner")

// watchlistFeed answers /-/feed/watchlist.atom?user=NAME&token=T: a user's
// watchlist (the changes of the last days, as /-/watchlist shows them) for
// feed readers, which have no session; the token is the user's watchlist
// token (MediaWiki's wlowner and wltoken).
func (s *Server) watchlistFeed(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, name, token := r.Context(), m.Params.Get("user"), m.Params.Get("token")
	if name == "" || token == "" {
		return errFeedToken
	}
	acct, err := s.Users.User(ctx, name)
	switch {
	case errors.Is(err, store.ErrNotFound), errors.Is(err, userinfo.ErrBadUserName):
		return errFeedToken // as a wrong token: whether the user exists is not told
	case err != nil:
		return err
	}
	want, err := s.Users.WatchlistToken(ctx, acct.ID)
	if err != nil {
		return err
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(token), []byte(want)) != 1 {
		return errFeedToken
	}
	f := watchFilters{Days: int(m.Params.Int("days"))}
	changes, err := s.watchlistChanges(ctx, acct.ID, f, time.Now())
	if err != nil {
		return err
	}
	base, l := s.baseURL(r), s.site.ContentLanguage() // a feed reader has no session: the wiki's language
	list := base + s.Routes.Path("user.watchlist")
	out := feed.Feed{ID: fmt.Sprintf("%s#user-%d", list, acct.ID), Title: l.T("feed-watchlist-title", "Site", s.Config.SiteName, "User", acct.Name),
		Link: list, Self: base + s.Routes.Path("watchlist.feed"), Updated: time.Unix(0, 0).UTC()}
	for _, c := range changes {
		e := feed.Entry{ID: fmt.Sprintf("%s#%d", base+s.Routes.Path("recent"), c.ID), Title: l.T("feed-change-title", "Title", router.DisplayTitle(c.Title), "Kind", changeKind(l, c.Kind)),
			Link: base + router.TitleURL(c.Title), Updated: c.Timestamp, Author: c.UserName, Summary: c.Summary}
		if c.Kind == store.ChangeEdit && c.OldRevID != 0 {
			e.Link = base + s.diffURL(c.OldRevID, c.RevID)
		}
		out.Entries = append(out.Entries, e)
		out.Updated = later(out.Updated, c.Timestamp)
	}
	return writeFeed(w, r, out)
}
