package pageinfo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// LoadPage is one page of a dump (folio import --dump): a title in any
// spelling and its revisions, oldest first.
type LoadPage struct {
	Title     string
	Revisions []store.LoadRevision
}

// PrepareLoad validates a dump's page as saves validate an edit (title,
// texts, summaries, sizes) and renders its last revision for the links,
// categories, templates and search text the store keeps: the bulk path's
// share of the save path. Older revisions are history, kept as text and
// rendered when someone views them, as MediaWiki's importDump.php does.
// It is safe to call from several goroutines.
func (s *Saver) PrepareLoad(ctx context.Context, p LoadPage) (store.LoadPage, error) {
	title, err := router.NormalizeTitle(p.Title)
	if err != nil {
		return store.LoadPage{}, fmt.Errorf("load: %w", err)
	}
	if router.IsSpecial(title) {
		return store.LoadPage{}, fmt.Errorf("load %q: %w", title, router.ErrSpecialTitle)
	}
	if len(p.Revisions) == 0 {
		return store.LoadPage{}, fmt.Errorf("load %q: %w: no revisions", title, ErrInvalidText)
	}
	revs := make([]store.LoadRevision, len(p.Revisions))
	for i, r := range p.Revisions {
		if r.Text, err = s.cleanText(r.Text); err != nil {
			return store.LoadPage{}, fmt.Errorf("load %q: revision %d: %w", title, i+1, err)
		}
		if r.Summary, err = cleanSummary(r.Summary); err != nil {
			return store.LoadPage{}, fmt.Errorf("load %q: revision %d: summary: %w", title, i+1, err)
		}
		if r.UserName, err = cleanSummary(r.UserName); err != nil {
			return store.LoadPage{}, fmt.Errorf("load %q: revision %d: user name: %w", title, i+1, err)
		}
		if !r.Timestamp.IsZero() {
			r.Timestamp = r.Timestamp.UTC().Truncate(time.Microsecond)
		}
		revs[i] = r
	}
	last := revs[len(revs)-1]
	r, err := s.cache.b.render(ctx, title, last.Text, store.Now())
	if err != nil {
		return store.LoadPage{}, fmt.Errorf("load %q: %w", title, err)
	}
	return store.LoadPage{Title: title, Revisions: revs,
		Links: linkTitles(r.links), Categories: r.res.Categories, Files: r.res.Files, Templates: r.templates,
		Redirect: r.res.Redirect, SearchText: PlainText(r.res.HTML)}, nil
}

// Load writes prepared pages in one transaction through st, and then does
// what a creation does after its commit: the pages linking to a loaded
// title, and its talk pair, render again (their links and tabs turn blue),
// the pages transcluding it are queued for rendering, this node and the
// others forget what they knew of the titles, CDNs are told. Titles that
// are taken come back in LoadResult.Existing, unwritten.
func (s *Saver) Load(ctx context.Context, st store.Loader, pages []store.LoadPage) (store.LoadResult, error) {
	titles := make([]string, len(pages))
	for i, p := range pages {
		titles[i] = p.Title
	}
	users, err := s.transcluding(ctx, titles...)
	if err != nil {
		return store.LoadResult{}, fmt.Errorf("load: %w", err)
	}
	events, _ := s.events(titles, nil)
	res, err := st.LoadPages(ctx, store.LoadRequest{Pages: pages, Events: events, Rerender: users,
		RerenderReason: "pages loaded"})
	if err != nil {
		return res, fmt.Errorf("load: %w", err)
	}
	s.nudge(len(users))
	keys := make([]string, 0, len(res.Loaded)+len(res.Stale))
	for _, t := range res.Loaded {
		keys = append(keys, titleKey+t)
	}
	s.cache.Apply(keys) // the titles: the event told the other nodes
	s.cache.forgetRevisions(ctx, append(res.Stale, s.pairRevisions(ctx, res.Loaded)...)...)
	if len(res.Loaded) > 0 {
		s.changed(res.Loaded)
	}
	return res, nil
}

// pairRevisions returns the current revisions of the talk pairs of titles
// that exist: their namespace tabs turn blue.
func (s *Saver) pairRevisions(ctx context.Context, titles []string) []int64 {
	var pairs []string
	for _, t := range titles {
		if pair, ok := router.PairTitle(t); ok && !slices.Contains(titles, pair) {
			pairs = append(pairs, pair)
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	exist, err := s.cache.st.PagesExist(ctx, pairs)
	if err != nil {
		s.cache.log.Warn("pageinfo: reading loaded pages' talk pairs failed", "err", err)
		return nil
	}
	var revs []int64
	for _, t := range pairs {
		if !exist[t] {
			continue
		}
		if p, err := s.cache.st.PageByTitle(ctx, t); err == nil {
			revs = append(revs, p.LatestRev)
		}
	}
	return revs
}
