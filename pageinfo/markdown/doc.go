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
//		EditURL:        func(t string) string { return "/-/edit/" + router.EscapeTitle(t) },
//	})
//	res, err := r.Render(src, markdown.DocContext{Title: "Foo/Bar", Exists: exists, CanCreate: true})
//	// res.HTML is safe to embed; res.Links feed the backlinks table.
//
// A caller that prefers one store query for all links parses first with
// Renderer.Parse, looks up Parsed.Links in one query, and renders the same
// parse with Parsed.Render: red and blue are decided between the two.
//
// Wiki syntax lives in subpackages, each a goldmark.Extender: wikilink
// ([[Title#Section|label]]), category ([[Category:Name]]), redirect
// (#REDIRECT [[Target]]), mdlink (relative .md links), toc (heading ids),
// highlight (chroma), frontmatter and limits (guards against goldmark's
// quadratic cases). They share per-document state through wikidoc.
//
// All output goes through one bluemonday policy (UGC plus the classes,
// ids and attributes the renderer emits), whatever Config.RawHTML says.
// Links to other sites get class="external" and rel="nofollow" (no
// target, so no noopener is needed); wiki links get neither.
// Version is part of the parse-cache key: bump it when output changes.
package markdown
