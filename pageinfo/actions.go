package pageinfo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Action is who deletes, undeletes or moves a page, and why.
type Action struct {
	BaseRevID int64 // the revision the user saw; 0 skips the check
	Reason    string
	UserID    int64
	UserName  string
	// Watch (moves) puts the new title and its talk page on the mover's
	// watchlist, through the Saver's Notifier.
	Watch bool
}

// Delete deletes a page. Pages linking to it turn their links red.
func (s *Saver) Delete(ctx context.Context, title string, a Action) (store.Page, error) {
	title, reason, err := s.checkAction(title, a.Reason)
	if err != nil {
		return store.Page{}, err
	}
	l := s.pageLists(ctx, title) // the page leaves their member and usage lists
	events, drop, err := s.stale(ctx, []string{title}, s.listRevs(ctx, l)...)
	if err != nil {
		return store.Page{}, fmt.Errorf("delete %q: %w", title, err)
	}
	users, err := s.transcluding(ctx, title)
	if err != nil {
		return store.Page{}, fmt.Errorf("delete %q: %w", title, err)
	}
	p, err := s.revs.DeletePage(ctx, store.DeleteRequest{Title: title, BaseRevID: a.BaseRevID, Reason: reason,
		UserID: a.UserID, UserName: a.UserName, Events: events, DropParse: drop,
		Rerender: users, RerenderReason: rerenderReason(title)})
	if err != nil {
		return p, fmt.Errorf("delete %q: %w", title, err)
	}
	s.nudge(len(users))
	s.fileDeleted(ctx, title, true)
	s.afterChange(ctx, s.listsChanged(ctx, l), title)
	s.saved.send(savedEvent(store.ChangeDelete, store.Revision{UserName: a.UserName}, title, "", reason))
	return p, nil
}

// Undelete restores a deleted page, rendering its latest revision again for
// its links and categories. Pages linking to it turn their links blue.
func (s *Saver) Undelete(ctx context.Context, title string, a Action) (store.SaveResult, error) {
	title, reason, err := s.checkAction(title, a.Reason)
	if err != nil {
		return store.SaveResult{}, err
	}
	latest, err := s.deletedLatest(ctx, title)
	if err != nil {
		return store.SaveResult{}, err
	}
	r, err := s.cache.b.render(ctx, title, latest.Text, store.Now())
	if err != nil {
		return store.SaveResult{}, err
	}
	users, err := s.transcluding(ctx, title)
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("undelete %q: %w", title, err)
	}
	// The page is back in its categories' member lists and its files' and
	// templates' usage lists.
	events, drop, err := s.stale(ctx, []string{title}, s.listRevs(ctx, renderedLists(r))...)
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("undelete %q: %w", title, err)
	}
	res, err := s.revs.UndeletePage(ctx, store.UndeleteRequest{
		Title: title, Reason: reason, UserID: a.UserID, UserName: a.UserName,
		Links: linkTitles(r.links), Categories: r.res.Categories, Files: r.res.Files, Templates: r.templates, Redirect: r.res.Redirect,
		SearchText: PlainText(r.res.HTML), Events: events, DropParse: drop,
		Rerender: users, RerenderReason: rerenderReason(title),
	})
	if err != nil {
		return res, fmt.Errorf("undelete %q: %w", title, err)
	}
	s.fileDeleted(ctx, title, false)
	s.keep(ctx, r, res.Revision)
	s.nudge(len(users))
	s.afterChange(ctx, s.listsChanged(ctx, renderedLists(r)), title)
	s.saved.send(savedEvent(store.ChangeUndelete, res.Revision, title, "", reason))
	return res, nil
}

// deletedLatest finds the newest revision of the deleted page title, through
// the page id its deletion logged.
func (s *Saver) deletedLatest(ctx context.Context, title string) (store.Revision, error) {
	logs, err := s.revs.LogEntries(ctx, store.LogQuery{Title: title, Kind: store.LogDelete, Limit: 1})
	if err != nil {
		return store.Revision{}, fmt.Errorf("undelete %q: %w", title, err)
	}
	if len(logs) == 0 {
		return store.Revision{}, fmt.Errorf("undelete %q: no deleted page: %w", title, store.ErrNotFound)
	}
	revs, err := s.revs.History(ctx, logs[0].PageID, 0, 1)
	if err != nil || len(revs) == 0 {
		return store.Revision{}, fmt.Errorf("undelete %q: no revisions: %w", title, store.ErrNotFound)
	}
	return revs[0], nil
}

// Move renames a page, leaving a redirect at the old title when redirect is
// true. Links to both titles change colour where they must.
func (s *Saver) Move(ctx context.Context, from, to string, redirect bool, a Action) (store.MoveResult, error) {
	from, reason, err := s.checkAction(from, a.Reason)
	if err != nil {
		return store.MoveResult{}, err
	}
	to, err = router.NormalizeTitle(to)
	if err != nil {
		return store.MoveResult{}, fmt.Errorf("move %q: %w", from, err)
	}
	if router.IsSpecial(to) {
		return store.MoveResult{}, fmt.Errorf("move %q to %q: %w", from, to, router.ErrSpecialTitle)
	}
	file, err := s.movingFile(ctx, from, to)
	if err != nil {
		return store.MoveResult{}, err
	}
	req := store.MoveRequest{From: from, To: to, BaseRevID: a.BaseRevID, LeaveRedirect: redirect,
		Reason: reason, UserID: a.UserID, UserName: a.UserName, WatchMoves: WatchMoves(from, to)}
	var r rendered
	if redirect {
		req.RedirectText = "#REDIRECT [[" + router.DisplayTitle(to) + "]]"
		if r, err = s.cache.b.render(ctx, from, req.RedirectText, store.Now()); err != nil {
			return store.MoveResult{}, err
		}
		req.RedirectLinks = linkTitles(r.links)
		req.RedirectSearchText = PlainText(r.res.HTML)
	}
	// The moved page's current PageInfo names its old title.
	var moved []int64
	var l lists // its category, File and Template pages list it under its old title
	switch p, err := s.cache.st.PageByTitle(ctx, from); {
	case err == nil:
		moved = append(moved, p.LatestRev)
		l = s.pageLists(ctx, from)
		moved = append(moved, s.listRevs(ctx, l)...)
	case !errors.Is(err, store.ErrNotFound): // a missing page: MovePage says so
		return store.MoveResult{}, fmt.Errorf("move %q: %w", from, err)
	}
	if req.Events, req.DropParse, err = s.stale(ctx, []string{from, to}, moved...); err != nil {
		return store.MoveResult{}, fmt.Errorf("move %q to %q: %w", from, to, err)
	}
	if req.Rerender, err = s.transcluding(ctx, from, to); err != nil {
		return store.MoveResult{}, fmt.Errorf("move %q to %q: %w", from, to, err)
	}
	req.RerenderReason = rerenderReason(from)
	res, err := s.revs.MovePage(ctx, req)
	if err != nil {
		return res, fmt.Errorf("move %q to %q: %w", from, to, err)
	}
	s.moveFile(ctx, file, to)
	s.nudge(len(req.Rerender))
	// The moved page's PageInfo names its old title and resolved its
	// relative links against it: render it again (also if it was edited
	// since stale read its revision).
	s.cache.forgetRevisions(ctx, res.Page.LatestRev)
	if res.Redirect != nil {
		s.keep(ctx, r, res.Redirect.Revision)
	}
	s.afterChange(ctx, s.listsChanged(ctx, l), from, to)
	if s.Notifier != nil {
		s.Notifier.Moved(ctx, from, to, a)
	}
	s.saved.send(savedEvent(store.ChangeMove, store.Revision{ID: res.Page.LatestRev, UserName: a.UserName}, from, to, reason))
	return res, nil
}

// stale returns the Events and DropParse of the request of an action on
// titles. The action makes stale, on every node, what is known of the
// titles' current revisions, the renderings of the pages linking to them
// (their links change colour) and of their talk pairs (their namespace tabs
// do), and those of revs. The store publishes and
// drops them in the action's transaction, so that the other nodes hear of a
// committed action even if this process dies right after its commit;
// afterChange repeats it after the commit, for this node's memory and for
// pages edited meanwhile.
func (s *Saver) stale(ctx context.Context, titles []string, revs ...int64) ([]store.Event, []int64, error) {
	for _, t := range titles {
		linking, err := s.cache.backlinkPages(ctx, t)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range linking {
			revs = append(revs, p.LatestRev)
		}
	}
	events, revs := s.events(titles, revs)
	return events, revs, nil
}

// events returns the invalidation event that makes stale, on every node,
// what is known of titles' current revisions and the PageInfo of revs, and
// revs sorted without duplicates: the parse-cache rows to drop with it.
func (s *Saver) events(titles []string, revs []int64) ([]store.Event, []int64) {
	keys := []string{nodeKey + s.cache.node}
	for _, t := range titles {
		keys = append(keys, titleKey+t)
	}
	slices.Sort(revs)
	revs = slices.Compact(revs)
	for _, rev := range revs {
		keys = append(keys, revKey+strconv.FormatInt(rev, 10))
	}
	return []store.Event{{Kind: EventKind, Keys: keys}}, revs
}

func (s *Saver) checkAction(title, reason string) (string, string, error) {
	t, err := router.NormalizeTitle(title)
	if err != nil {
		return "", "", fmt.Errorf("%w", err)
	}
	reason, err = cleanSummary(reason)
	if err != nil {
		return "", "", fmt.Errorf("%q: reason: %w", t, err)
	}
	return t, reason, nil
}

// afterChange refreshes what links to titles and reports every view that
// changed: titles, the pages linking to them, and also. A failure costs
// stale link colours, not the action: it is logged.
func (s *Saver) afterChange(ctx context.Context, also []string, titles ...string) {
	linking, err := s.cache.PagesChanged(ctx, titles...)
	if err != nil {
		s.cache.log.Warn("pageinfo: refreshing links failed", "titles", strings.Join(titles, ","), "err", err)
	}
	s.changed(slices.Concat(titles, linking, also))
}

func linkTitles(links []Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Title
	}
	return out
}
