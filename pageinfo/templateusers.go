package pageinfo

import (
	"context"
	"fmt"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Template pages. The PageInfo of a page in the Template namespace lists
// the pages using it (PageInfo.UsedBy: those whose current revision
// transcluded it, directly or through other templates, MaxTemplateUsers at
// most), read when it is built, so the view reads nothing; the skin shows
// them under the page, with a link to "What links here" when there are
// more. They are kept fresh as a File page's usage: a save that starts or
// stops transcluding the template, and a delete, undelete or move of a
// page transcluding it, drop the Template page's current PageInfo
// (Saver.listsChanged).

// MaxTemplateUsers bounds the pages a Template page's PageInfo lists;
// "What links here" lists them all.
const MaxTemplateUsers = 200

// templatePages returns the titles among titles in the Template namespace,
// whose pages list their users, without duplicates.
func templatePages(titles []string) []string {
	var out []string
	for _, t := range store.Dedupe(titles) {
		if router.InNamespace(t, router.TemplateNamespace) {
			out = append(out, t)
		}
	}
	return out
}

// templateUsers fills pi.UsedBy of a Template page; other titles are left
// as they are.
func (b *builder) templateUsers(ctx context.Context, pi *PageInfo) error {
	if !router.InNamespace(pi.Title, router.TemplateNamespace) {
		return nil
	}
	using, err := b.st.PagesTranscluding(ctx, pi.Title, "", MaxTemplateUsers+1)
	if err != nil {
		return fmt.Errorf("pageinfo: pages using %q: %w", pi.Title, err)
	}
	if len(using) > MaxTemplateUsers {
		using, pi.UsedByMore = using[:MaxTemplateUsers], true
	}
	pi.UsedBy = using
	return nil
}
