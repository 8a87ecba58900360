package pageinfo

import (
	"context"
	"fmt"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/foliowiki/folio/router"
)

// Bounds of the work one file change does at once.
const (
	// maxEmbedding is how many embedding pages a file change refreshes;
	// beyond it, pages keep the old image until their next edit or a
	// renderer upgrade (as maxBacklinks).
	maxEmbedding = 100_000
	// maxWarm is how many of them are rendered again at once, warming the
	// caches; the others render on their next view.
	maxWarm = 64
	// warmers is how many renders run concurrently.
	warmers = 4
)

// FileChanged is called after a file's new version was uploaded, or the
// file deleted: every page embedding it has its current PageInfo dropped
// here, from the parse cache and on the other nodes (an invalidation
// event), the first maxWarm are rendered again with the file as it is now,
// and OnChange gets their titles and the File page's for the CDN.
func (s *Saver) FileChanged(ctx context.Context, name string) error {
	titles, err := s.cache.FileChanged(ctx, name)
	s.changed(append(titles, router.NamespaceTitle("File", name)))
	if err != nil {
		return fmt.Errorf("file %q changed: %w", name, err)
	}
	return nil
}

// FileChanged drops the current PageInfo of every page embedding the file
// name, everywhere, renders the first maxWarm again (warmers at a time)
// and returns the pages' titles.
func (c *Cache) FileChanged(ctx context.Context, name string) ([]string, error) {
	titles, err := c.st.PagesEmbedding(ctx, name, maxEmbedding)
	if err != nil {
		return nil, fmt.Errorf("pageinfo: pages embedding %q: %w", name, err)
	}
	keys := make([]string, 0, len(titles))
	var changed []string
	for _, t := range titles {
		p, err := c.st.PageByTitle(ctx, t)
		if err != nil {
			continue // deleted meanwhile
		}
		if err := c.st.DeleteParse(ctx, p.LatestRev); err != nil {
			return changed, fmt.Errorf("pageinfo: refresh pages embedding %q: %w", name, err)
		}
		keys = append(keys, revKey+strconv.FormatInt(p.LatestRev, 10))
		changed = append(changed, p.Title)
	}
	c.Apply(keys)
	if err := c.publish(ctx, keys); err != nil {
		return changed, err
	}
	c.warm(ctx, changed[:min(len(changed), maxWarm)])
	return changed, nil
}

// warm renders the current revisions of titles into the caches, warmers
// at a time. A failure is logged: the page renders on its next view.
func (c *Cache) warm(ctx context.Context, titles []string) {
	var g errgroup.Group
	g.SetLimit(warmers)
	for _, t := range titles {
		g.Go(func() error {
			if _, err := c.Latest(ctx, t); err != nil {
				c.log.Warn("pageinfo: re-rendering a page embedding a changed file failed", "title", t, "err", err)
			}
			return nil
		})
	}
	_ = g.Wait()
}
