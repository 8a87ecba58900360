package pageinfo

import (
	"context"
	"errors"
	"fmt"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// A category page's PageInfo lists its members (MaxMembers at most), so its
// view takes the same cached, specialized path as every page view. Its
// members change when other pages are saved into or out of the category,
// deleted, undeleted or moved: each of those actions drops the category
// page's current PageInfo, in its transaction (on every node, even if this
// process dies right after the commit) and again after it (for a category
// page edited meanwhile), and reports the category page's view as changed
// so CDNs purge it.

// categoryName returns the category a category page's title names.
func categoryName(title string) (string, bool) {
	return router.CutNamespace(title, router.CategoryNamespace)
}

// categoryPages returns the titles of the category pages of cats.
func categoryPages(cats []string) []string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = router.CategoryTitle(c)
	}
	return out
}

// categoryRevs returns the current revisions of the category pages of
// cats that exist, whose PageInfo lists members that are about to change.
// A failed lookup is logged: that category page may show its old members
// until the after-commit refresh.
func (s *Saver) categoryRevs(ctx context.Context, cats []string) []int64 {
	var revs []int64
	for _, t := range categoryPages(cats) {
		p, err := s.cache.st.PageByTitle(ctx, t)
		if errors.Is(err, store.ErrNotFound) {
			continue // no page: its 404 lists members read at view time
		}
		if err != nil {
			s.cache.log.Warn("pageinfo: looking up a category page failed", "title", t, "err", err)
			continue
		}
		revs = append(revs, p.LatestRev)
	}
	return revs
}

// membersChanged runs after a committed action changed the member lists of
// cats: it drops their category pages' current PageInfo (again, for one
// edited since categoryRevs) and returns the category pages' titles, whose
// views changed.
func (s *Saver) membersChanged(ctx context.Context, cats []string) []string {
	if len(cats) == 0 {
		return nil
	}
	if revs := s.categoryRevs(ctx, cats); len(revs) > 0 {
		s.cache.forgetRevisions(ctx, revs...)
	}
	return categoryPages(cats)
}

// pageCategories returns the categories title is in now: the member lists
// an action on it changes. nil on failure (logged: those category pages
// keep their old members until their next change).
func (s *Saver) pageCategories(ctx context.Context, title string) []string {
	p, err := s.cache.st.PageByTitle(ctx, title)
	if err != nil {
		return nil
	}
	cats, err := s.cache.st.PageCategories(ctx, p.ID)
	if err != nil {
		s.cache.log.Warn("pageinfo: reading a page's categories failed", "title", title, "err", err)
	}
	return cats
}

// keep caches the PageInfo of a revision an action just wrote, so the
// first view is a hit. If it cannot be built (a category page whose
// members cannot be read), the first view builds it.
func (s *Saver) keep(ctx context.Context, r rendered, rev store.Revision) {
	pi, err := s.cache.b.assemble(ctx, r, rev)
	if err != nil {
		s.cache.log.Warn("pageinfo: caching a written revision failed; its first view renders it", "title", rev.Title, "rev", rev.ID, "err", err)
		s.cache.forgetTitle(rev.Title)
		return
	}
	s.cache.saved(ctx, pi)
}

// Members returns the members of the category that title names
// (MaxMembers at most), nil for other titles: the list a category without
// a page of its own shows on its 404. A category page's own PageInfo
// carries its members.
func (c *Cache) Members(ctx context.Context, title string) ([]string, error) {
	name, ok := categoryName(title)
	if !ok {
		return nil, nil
	}
	members, err := c.st.CategoryMembers(ctx, name, "", MaxMembers)
	if err != nil {
		return nil, fmt.Errorf("pageinfo: members of %q: %w", title, err)
	}
	return members, nil
}
