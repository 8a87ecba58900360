package pageinfo

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// maxBacklinks bounds how many linking pages one change refreshes eagerly;
// beyond that, pages keep their old link colours until their next edit or a
// renderer upgrade. MediaWiki bounds its link-update jobs the same way.
const maxBacklinks = 100_000

// PagesChanged is called after pages were created, deleted or moved: the
// pages that link to any of titles, and their talk pairs (whose namespace
// tabs show whether they exist), get their current PageInfo dropped (from
// memory and from the parse cache), so their next view renders the link to
// the changed page in its new colour. It also forgets which revision of each
// title is current.
//
// It returns the titles of the linking pages and pairs, whose views changed.
func (c *Cache) PagesChanged(ctx context.Context, titles ...string) ([]string, error) {
	keys := make([]string, 0, len(titles))
	var linking []string
	for _, t := range titles {
		keys = append(keys, titleKey+t)
		pages, err := c.backlinkPages(ctx, t)
		if err != nil {
			return linking, err
		}
		for _, p := range pages {
			if err := c.st.DeleteParse(ctx, p.LatestRev); err != nil {
				return linking, fmt.Errorf("pageinfo: refresh backlinks of %q: %w", t, err)
			}
			keys = append(keys, revKey+strconv.FormatInt(p.LatestRev, 10))
			linking = append(linking, p.Title)
		}
	}
	c.Apply(keys)
	return linking, c.publish(ctx, keys)
}

// forgetRevisions drops revisions' PageInfo here, from the parse cache, and
// on the other nodes. A failure is logged: the old rendering stays until the
// next renderer upgrade.
func (c *Cache) forgetRevisions(ctx context.Context, revs ...int64) {
	keys := make([]string, 0, len(revs))
	for _, rev := range revs {
		if err := c.st.DeleteParse(ctx, rev); err != nil {
			c.log.Warn("pageinfo: dropping a parse cache row failed", "rev", rev, "err", err)
		}
		keys = append(keys, revKey+strconv.FormatInt(rev, 10))
	}
	c.Apply(keys)
	if err := c.publish(ctx, keys); err != nil {
		c.log.Warn("pageinfo: publishing an invalidation failed", "err", err)
	}
}

// backlinkPages returns the pages whose views show whether title exists:
// those linking to it, and its talk pair (router.PairTitle), whose
// namespace tabs are red or blue by it.
func (c *Cache) backlinkPages(ctx context.Context, title string) ([]store.Page, error) {
	from, err := c.st.Backlinks(ctx, title, "", maxBacklinks)
	if err != nil {
		return nil, fmt.Errorf("pageinfo: backlinks of %q: %w", title, err)
	}
	if pair, ok := router.PairTitle(title); ok && !slices.Contains(from, pair) {
		from = append(from, pair)
	}
	pages := make([]store.Page, 0, len(from))
	for _, t := range from {
		p, err := c.st.PageByTitle(ctx, t)
		if err != nil {
			continue // deleted meanwhile
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// Keys of invalidation events: "t:Title" drops what is known of a title's
// current revision, "r:123" drops a revision's PageInfo.
const (
	titleKey = "t:"
	revKey   = "r:"
	nodeKey  = "n:" // the publishing node, first key of an event
)

// Apply drops the cached entries that keys name. Other nodes call it when an
// invalidation event arrives. A dropped revision's parse-cache row that
// this node wrote lately is deleted again (see redrop).
func (c *Cache) Apply(keys []string) {
	var revs []int64
	for _, k := range keys {
		switch {
		case strings.HasPrefix(k, titleKey):
			c.forgetTitle(k[len(titleKey):])
		case strings.HasPrefix(k, revKey):
			if rev, err := strconv.ParseInt(k[len(revKey):], 10, 64); err == nil {
				c.forgetRevision(rev)
				revs = append(revs, rev)
			}
		}
	}
	c.byRev.Wait()
	c.latest.Wait()
	if len(revs) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, rev := range revs {
			c.redrop(ctx, rev)
			// A read that found the row before redrop deleted it may
			// have put it in memory since: drop it, and make reads still
			// under way keep what they found to themselves.
			c.forgetRevision(rev)
		}
		c.byRev.Wait()
	}
}
