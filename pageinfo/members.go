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
//
// A File page's PageInfo lists the pages embedding its file the same way
// (its "File usage", MaxFileUsage at most; see filepage.go), and the same
// actions drop it when the set of files a page embeds changes: a save that
// adds or removes an embed, a delete, undelete or move of an embedding
// page. A Template page's lists the pages using it (MaxTemplateUsers at
// most; see templateusers.go), dropped as a File page's when the set of
// titles a page transcludes changes.

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

// filePages returns the titles of the File pages of files, without
// duplicates.
func filePages(files []string) []string {
	files = store.Dedupe(files)
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = router.NamespaceTitle(router.FileNamespace, f)
	}
	return out
}

// lists are what an action changes in the lists other pages' PageInfo
// show: the categories whose category pages list their members, the files
// whose File pages list the pages embedding them, and the templates whose
// Template pages list the pages using them (templateusers.go).
type lists struct {
	cats, files, templates []string
}

// renderedLists are the lists a render of a page puts it in.
func renderedLists(r rendered) lists {
	return lists{cats: r.res.Categories, files: r.res.Files, templates: r.templates}
}

// changes returns what is in l or in to but not both: the lists a change
// of a page from l to to adds it to or removes it from.
func (l lists) changes(to lists) lists {
	return lists{cats: symmetricDiff(l.cats, to.cats), files: symmetricDiff(store.Dedupe(l.files), store.Dedupe(to.files)),
		templates: symmetricDiff(l.templates, to.templates)}
}

// pages returns the titles of the pages whose PageInfo shows l: the
// category pages of the categories, the File pages of the files and the
// templates in the Template namespace.
func (l lists) pages() []string {
	return append(append(categoryPages(l.cats), filePages(l.files)...), templatePages(l.templates)...)
}

// listRevs returns the current revisions of the pages showing l that
// exist, whose PageInfo lists pages that are about to change. A failed
// lookup is logged: that page may show its old list until the
// after-commit refresh.
func (s *Saver) listRevs(ctx context.Context, l lists) []int64 {
	var revs []int64
	for _, t := range l.pages() {
		p, err := s.cache.st.PageByTitle(ctx, t)
		if errors.Is(err, store.ErrNotFound) {
			continue // no page: a category's 404 lists members read at view time; a File or Template page without a page has no PageInfo
		}
		if err != nil {
			s.cache.log.Warn("pageinfo: looking up a category, File or Template page failed", "title", t, "err", err)
			continue
		}
		revs = append(revs, p.LatestRev)
	}
	return revs
}

// listsChanged runs after a committed action changed l: it drops the
// current PageInfo of the pages showing them (again, for one edited since
// listRevs) and returns those pages' titles, whose views changed.
func (s *Saver) listsChanged(ctx context.Context, l lists) []string {
	if len(l.cats) == 0 && len(l.files) == 0 && len(l.templates) == 0 {
		return nil
	}
	if revs := s.listRevs(ctx, l); len(revs) > 0 {
		s.cache.forgetRevisions(ctx, revs...)
	}
	return l.pages()
}

// pageLists returns the lists title is in now: the categories it is in,
// the files it embeds and the titles it transcludes, whose pages an
// action on it changes. Empty on failure (logged: those pages keep their
// old lists until their next change).
func (s *Saver) pageLists(ctx context.Context, title string) lists {
	var l lists
	p, err := s.cache.st.PageByTitle(ctx, title)
	if err != nil {
		return l
	}
	if l.cats, err = s.cache.st.PageCategories(ctx, p.ID); err != nil {
		s.cache.log.Warn("pageinfo: reading a page's categories failed", "title", title, "err", err)
	}
	if l.files, err = s.cache.st.PageFiles(ctx, p.ID); err != nil {
		s.cache.log.Warn("pageinfo: reading a page's embedded files failed", "title", title, "err", err)
	}
	if l.templates, err = s.cache.st.PageTemplates(ctx, p.ID); err != nil {
		s.cache.log.Warn("pageinfo: reading a page's templates failed", "title", title, "err", err)
	}
	return l
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
