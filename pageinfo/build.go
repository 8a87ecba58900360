package pageinfo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"time"

	"github.com/foliowiki/folio/hooks"

	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// builder renders revisions into PageInfo with the one shared renderer.
type builder struct {
	md    *markdown.Renderer
	st    Store
	files FileLookup // nil: no file exists
	log   *slog.Logger
}

func newBuilder(st Store, opts Options) *builder {
	return &builder{md: newRenderer(opts), st: st, files: opts.Files, log: opts.Log}
}

// newRenderer builds the shared goldmark renderer with Folio's title rules.
// Red links point at the edit URL for everyone, as MediaWiki's
// action=edit&redlink=1: the edit action sends readers who may not create
// the page to its view instead, so one PageInfo serves every reader.
func newRenderer(opts Options) *markdown.Renderer {
	cfg := markdown.Default
	for _, ext := range MarkdownHook.All() {
		cfg.Extensions = append(cfg.Extensions, ext())
	}
	reg := router.Default()
	return markdown.New(cfg, markdown.Options{
		NormalizeTitle: router.NormalizeTitle,
		TitleURL:       router.TitleURL, // the page.view route's path
		EditURL:        func(t string) string { return reg.Path("page.edit", "title", t) },
		FileURL:        opts.FileURL,
		UploadURL:      opts.UploadURL,
	})
}

// The largest rendered HTML kept, relative to the source: beyond
// htmlGrowth times the Markdown (and minHTMLLimit), the render falls back.
const (
	htmlGrowth   = 10
	minHTMLLimit = 1 << 20
	maxTOC       = 500 // entries of a page's table of contents
)

// rendered is a render of a text before it has a revision.
type rendered struct {
	res   markdown.Result
	links []Link
	pair  Link // the title's talk pair and whether it exists; empty for a Special page
	// templates are the titles the render transcluded, sorted, missing
	// ones too (transclude.Result.Used): SaveRequest.Templates, and the
	// Template pages whose usage lists a save changes.
	templates []string
}

// render expands the templates text transcludes (their CURRENT* magic
// words at now, the revision's time), runs the preprocess hooks, parses,
// looks up the existence of every link and of the title's talk pair in
// one query and the embedded files in another, renders that parse, and
// runs the postprocess hooks.
func (b *builder) render(ctx context.Context, title, text string, now time.Time) (rendered, error) {
	// Templates expand first, before the preprocess hooks: the expanded
	// text is the page's Markdown, so a hook sees (and rewrites) what a
	// template brought in as it does the page's own text, and what a hook
	// writes is never read as a template call (it is not expanded again,
	// nor recorded as a dependency).
	exp, err := b.expand(ctx, title, text, now)
	if err != nil {
		return rendered{}, err
	}
	src := b.preprocess(title, exp.Text)
	doc := b.md.Parse([]byte(src), title)
	lookup := doc.Links()
	pair, hasPair := router.PairTitle(title)
	if hasPair {
		lookup = append(lookup[:len(lookup):len(lookup)], pair)
	}
	exists, err := b.st.PagesExist(ctx, lookup)
	if err != nil {
		return rendered{}, fmt.Errorf("pageinfo: render %q: %w", title, err)
	}
	for t := range exists {
		if router.IsSpecial(t) { // never stored: blue when a route claims it
			exists[t] = router.Default().HasSpecial(t)
		}
	}
	if err := b.lookupFiles(ctx, doc); err != nil {
		return rendered{}, fmt.Errorf("pageinfo: render %q: %w", title, err)
	}
	res, err := doc.Render(func(t string) bool { return exists[t] }, true)
	if errors.Is(err, markdown.ErrTooComplex) {
		// Over the renderer's work budget: bad input to a save or a preview.
		return rendered{}, fmt.Errorf("%w: %w", ErrInvalidText, err)
	}
	if err != nil {
		return rendered{}, err
	}
	if exp.Text != text {
		res.Sections = ownSections(res.Sections, b.sectionsOf(title, text))
	}
	if html := b.postprocess(title, res.HTML); html != res.HTML {
		res.HTML, res.Sections = html, markdown.LocateSections(html, res.Sections)
	}
	if limit := max(minHTMLLimit, htmlGrowth*len(src)); len(res.HTML) > limit {
		// Pathological Markdown (thousands of footnote references or
		// headings) can render to 40× its size: every view and cache would
		// carry it. Show the source instead, escaped; links and categories
		// still count.
		b.log.Warn("pageinfo: rendered HTML too large; showing the source", "title", title, "html_bytes", len(res.HTML), "limit", limit)
		res.HTML = `<pre class="render-fallback">` + html.EscapeString(src) + `</pre>`
		res.TOC, res.Sections = nil, nil
	}
	if len(res.TOC) > maxTOC { // a table of contents is for finding your way
		res.TOC = res.TOC[:maxTOC]
	}
	links := make([]Link, len(res.Links))
	for i, t := range res.Links {
		links[i] = Link{Title: t, Exists: exists[t]}
	}
	r := rendered{res: res, links: links, templates: exp.Used}
	if hasPair {
		r.pair = Link{Title: pair, Exists: exists[pair]}
	}
	return r, nil
}

// assemble makes the PageInfo of a saved revision from its render. A
// category page's PageInfo lists its members, a File page's the pages
// embedding its file and a Template page's the pages using it, read now: every change to them drops that page's
// current PageInfo (Saver.listsChanged).
func (b *builder) assemble(ctx context.Context, r rendered, rev store.Revision) (*PageInfo, error) {
	pi := &PageInfo{
		Version: Version, Title: rev.Title, DisplayTitle: router.DisplayTitle(rev.Title),
		PageID: rev.PageID, RevID: rev.ID, Timestamp: rev.Timestamp, Author: rev.UserName, Size: rev.Size,
		HTML: r.res.HTML, TOC: r.res.TOC, Sections: r.res.Sections, Links: r.links, Categories: r.res.Categories, Files: r.res.Files,
		Redirect: r.res.Redirect, RedirectFragment: r.res.RedirectFragment, Summary: r.res.Summary, Words: r.res.Words, Needs: r.res.Needs,
		Pair: r.pair,
	}
	if name, ok := categoryName(rev.Title); ok {
		members, err := b.st.CategoryMembers(ctx, name, "", MaxMembers)
		if err != nil {
			return nil, fmt.Errorf("pageinfo: members of %q: %w", rev.Title, err)
		}
		pi.Members = members
	}
	if err := b.filePage(ctx, pi); err != nil {
		return nil, err
	}
	if err := b.templateUsers(ctx, pi); err != nil {
		return nil, err
	}
	pi.Ext = b.extensionData(ctx, pi)
	return pi, nil
}

// build renders a stored revision. One over the renderer's work budget
// (saved before the budget, or under a larger one) shows its source, as a
// render too large does.
func (b *builder) build(ctx context.Context, rev store.Revision) (*PageInfo, error) {
	r, err := b.render(ctx, rev.Title, rev.Text, rev.Timestamp)
	if errors.Is(err, markdown.ErrTooComplex) {
		b.log.Warn("pageinfo: page too complex to render; showing the source", "title", rev.Title, "rev", rev.ID, "err", err)
		r = rendered{res: markdown.Result{HTML: `<pre class="render-fallback">` + html.EscapeString(rev.Text) + `</pre>`}}
	} else if err != nil {
		return nil, err
	}
	return b.assemble(ctx, r, rev)
}

// A hook that fails is logged and skipped: a save never fails because of
// an extension, and the page renders without that hook's contribution.

func (b *builder) preprocess(title, src string) string {
	for _, e := range PreprocessHook.Entries() {
		start := time.Now()
		out, err := e.Fn(title, src)
		hooks.Observe("pageinfo.preprocess", e.ID, time.Since(start), err != nil)
		if err != nil {
			b.log.Warn("markdown preprocess hook failed", "hook", e.ID, "title", title, "err", err)
			continue
		}
		src = out
	}
	return src
}

func (b *builder) postprocess(title, html string) string {
	entries := PostprocessHook.Entries()
	for _, e := range entries {
		start := time.Now()
		out, err := e.Fn(title, html)
		hooks.Observe("pageinfo.postprocess", e.ID, time.Since(start), err != nil)
		if err != nil {
			b.log.Warn("html postprocess hook failed", "hook", e.ID, "title", title, "err", err)
			continue
		}
		html = out
	}
	if len(entries) > 0 {
		html = markdown.Sanitize(html)
	}
	return html
}

// sectionsOf returns the headings of text, the page's own (unexpanded)
// text, as the sections ?section=N edits: section N is the Nth.
func (b *builder) sectionsOf(title, text string) []markdown.SectionMark {
	hs := b.md.Sections(text, title).Headings
	marks := make([]markdown.SectionMark, len(hs))
	for i, h := range hs {
		marks[i] = markdown.SectionMark{N: i + 1, Level: h.Level, Anchor: h.Anchor, Text: h.Text}
	}
	return marks
}

func (b *builder) extensionData(ctx context.Context, pi *PageInfo) map[string]json.RawMessage {
	return hooks.CollectExt("pageinfo.info", &InfoHook, b.log, func(fn InfoFilter) (any, error) {
		return fn(ctx, b.st, *pi)
	}, "title", pi.Title, "rev", pi.RevID)
}
