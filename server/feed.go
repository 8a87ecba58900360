package server

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/foliowiki/folio/internal/feed"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// feedEntries is how many entries a feed holds.
const feedEntries = 50

// recentFeed answers /-/feed/recent.atom.
func (s *Server) recentFeed(w http.ResponseWriter, r *http.Request, m router.Match) error {
	changes, err := s.Store.Recent(r.Context(), store.RecentQuery{Limit: feedEntries})
	if err != nil {
		return err
	}
	base, l := s.baseURL(r), s.site.ContentLanguage() // public: the wiki's language, never the reader's
	recent := base + s.Routes.Path("recent")
	f := feed.Feed{ID: recent, Title: l.T("feed-recent-title", "Site", s.Config.SiteName),
		Link: recent, Self: base + s.Routes.Path("recent.feed"), Updated: time.Unix(0, 0).UTC()}
	for _, c := range changes {
		e := feed.Entry{ID: fmt.Sprintf("%s#%d", recent, c.ID), Title: l.T("feed-change-title", "Title", router.DisplayTitle(c.Title), "Kind", changeKind(l, c.Kind)),
			Link: base + router.TitleURL(c.Title), Updated: c.Timestamp, Author: c.UserName, Summary: c.Summary}
		if c.Kind == store.ChangeEdit && c.OldRevID != 0 {
			e.Link = base + s.diffURL(c.OldRevID, c.RevID)
		}
		f.Entries = append(f.Entries, e)
		f.Updated = later(f.Updated, c.Timestamp)
	}
	return writeFeed(w, r, f)
}

// pageFeed answers /-/feed/history/T: the page's revisions.
func (s *Server) pageFeed(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title := r.Context(), m.Title()
	p, err := s.Store.PageByTitle(ctx, title)
	if err != nil {
		return err
	}
	revs, err := s.Store.History(ctx, p.ID, 0, feedEntries)
	if err != nil {
		return err
	}
	base, l := s.baseURL(r), s.site.ContentLanguage() // public: the wiki's language, never the reader's
	f := feed.Feed{ID: base + router.TitleURL(title), Title: l.T("feed-history-title", "Title", router.DisplayTitle(title)),
		Link: base + s.Routes.Path("page.history", "title", title), Self: base + s.Routes.Path("page.feed", "title", title), Updated: p.Touched}
	for _, rev := range revs {
		f.Entries = append(f.Entries, feed.Entry{ID: base + s.revisionURL(rev.ID), Title: l.T("feed-revision-title", "ID", rev.ID),
			Link: base + s.revisionURL(rev.ID), Updated: rev.Timestamp, Author: rev.UserName, Summary: rev.Summary,
			Content: "<pre>" + html.EscapeString(rev.Summary) + "</pre>"})
	}
	return writeFeed(w, r, f)
}

func writeFeed(w http.ResponseWriter, r *http.Request, f feed.Feed) error {
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return err
	}
	return writeBytes(w, r, http.StatusOK, feed.ContentType, b.Bytes())
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// hostDependentCache is the Cache-Control of a response whose URLs come from
// the request's Host header (a route with HostURLs, without --base-url):
// the client may keep it, shared caches not. cacheHeaders sets it.
const hostDependentCache = "private, max-age=300"

// baseURL is the wiki's absolute URL: --base-url, or else the request's own
// host. Absolute URLs come only from configuration into a shared cache: the
// routes that call it are declared HostURLs, so a response built from the
// Host header is private and a forged Host cannot reach the next reader
// through a CDN (folio serve warns at start when --base-url is not set).
func (s *Server) baseURL(r *http.Request) string {
	if s.Config.BaseURL != "" {
		return strings.TrimSuffix(s.Config.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
