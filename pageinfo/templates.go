package pageinfo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// expand expands the transclusions of text, the Markdown of the page
// title, reading each template's current text from the store (once per
// expansion: a template used twice is read once). now is the time of the
// CURRENT* magic words: the revision's timestamp, so that they freeze when
// the page is saved. What went wrong in the text (loops, limits) shows in
// it as error boxes and is logged at debug.
func (b *builder) expand(ctx context.Context, title, text string, now time.Time) (transclude.Result, error) {
	if now.IsZero() {
		now = time.Now()
	}
	res, err := transclude.Expand(ctx, title, text, b.templateSource(), transclude.Options{
		NormalizeTitle: router.NormalizeTitle,
		Namespaces:     router.Namespaces(),
		TalkTitle:      router.TalkTitle,
		Now:            func() time.Time { return now },
		Functions:      ParserFunctions(),
	})
	if err != nil {
		return transclude.Result{}, fmt.Errorf("pageinfo: expand templates of %q: %w", title, err)
	}
	if len(res.Errors) > 0 {
		b.log.Debug("pageinfo: template expansion errors", "title", title, "errors", strings.Join(res.Errors, "; "))
	}
	return res, nil
}

// templateSource reads the current text of pages from the store, each
// title once: the expansion of one revision sees one version of each
// template.
func (b *builder) templateSource() transclude.Source {
	type page struct {
		text string
		ok   bool
	}
	seen := map[string]page{}
	return transclude.SourceFunc(func(ctx context.Context, title string) (string, bool, error) {
		if p, ok := seen[title]; ok {
			return p.text, p.ok, nil
		}
		if router.IsSpecial(title) {
			seen[title] = page{}
			return "", false, nil
		}
		rev, err := b.st.LatestRevision(ctx, title)
		switch {
		case errors.Is(err, store.ErrNotFound):
			seen[title] = page{}
			return "", false, nil
		case err != nil:
			return "", false, fmt.Errorf("template %q: %w", title, err)
		}
		seen[title] = page{text: rev.Text, ok: true}
		return rev.Text, true, nil
	})
}

// ownSections keeps the marks of the headings that are the page's own,
// numbered as ?section=N numbers the sections of its own text (own, the
// headings of the unexpanded text): a heading that a template produced has
// no mark, and so no edit link (MediaWiki links it to the template's
// section; Folio shows none). The page's headings are matched in order
// with the rendered ones by level and text; a rendered heading that
// matches none is a template's. A heading of the page whose text holds a
// template call renders differently and keeps no edit link either; and
// when a template brings in a heading with the same level and text as a
// later one of the page's own, the first of the two takes the link (the
// number stays right: it is the page's heading's).
func ownSections(marks []markdown.SectionMark, own []markdown.SectionMark) []markdown.SectionMark {
	var out []markdown.SectionMark
	j := 0
	for _, h := range own {
		for k := j; k < len(marks); k++ {
			if marks[k].Level == h.Level && marks[k].Text == h.Text {
				m := marks[k]
				m.N = h.N
				out = append(out, m)
				j = k + 1
				break
			}
		}
	}
	return out
}
