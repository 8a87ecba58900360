// Package markdown renders Folio's page text, Markdown with MediaWiki
// links, into sanitized HTML plus the facts a PageInfo needs: table of
// contents, outgoing links, categories, redirect target, summary, word
// count and the extra assets (highlighting CSS, math, mermaid) a skin must
// load.
//
// One Renderer is built at start from a Config and the site's title rules
// and shared by all goroutines; each Render call parses with fresh
// per-document state (heading ids, links, categories), so red and blue
// links are decided per call by DocContext.Exists:
//
//	r := markdown.New(markdown.Default, markdown.Options{
//		NormalizeTitle: router.NormalizeTitle,
//		TitleURL:       router.TitleURL,
//		EditURL:        func(t string) string { return reg.Path("page.edit", "title", t) },
//	})
//	res, err := r.Render(src, markdown.DocContext{Title: "Foo/Bar", Exists: exists, CanCreate: true})
//	// res.HTML is safe to embed; res.Links feed the backlinks table.
//
// A caller that prefers one store query for all links parses first with
// Renderer.Parse, looks up Parsed.Links in one query, and renders the same
// parse with Parsed.Render: red and blue are decided between the two.
//
// Wiki syntax lives in subpackages, each a goldmark.Extender: wikilink
// ([[Title#Section|label]]), embed ([[File:Name|thumb|…]], [[Media:Name]],
// ![alt](File:Name): files the caller looks up between Parse and Render,
// see Parsed.FileNames), category ([[Category:Name]]), redirect
// (#REDIRECT [[Target]]), mdlink (relative .md links), toc (heading ids),
// highlight (chroma), footnote (goldmark's footnotes in linear time),
// frontmatter and limits (guards against goldmark's quadratic cases, and
// the work budget). They share per-document state through wikidoc.
//
// Every render has a work budget (Config.Budget, package limits: nodes,
// footnotes, links, nesting), like MediaWiki's parser limits: a page over
// it is not rendered, and Render returns an error wrapping ErrTooComplex
// that names the limit, after work linear in the page's size.
//
// All output goes through two passes, whatever Config.RawHTML says: one
// bluemonday policy (UGC, with no attributes on formatting elements, plus
// the attributes the renderer emits and the link schemes a wiki uses),
// then an HTML5 parse and re-serialization that balances the output (it
// never closes an element it did not open, such as the skin's), prefixes
// the ids a page writes with "user-content-" (heading and footnote ids
// stay, so /wiki/Page#Section works) and keeps only the renderer's
// classes (see balance.go). Links to other sites get class="external" and
// rel="nofollow" (no target, so no noopener is needed); wiki links get
// neither. Version is part of the parse-cache key: bump it when output
// changes.
package markdown
