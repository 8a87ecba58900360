package markdown

import (
	"github.com/yuin/goldmark"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
)

// Config selects the Markdown extensions of a Renderer. Each flag appends
// one goldmark extension; heading ids and the TOC are always on, and the
// HTML is always sanitized.
type Config struct {
	Tables          bool // GFM pipe tables; with WikiLinks, "| [[Foo|label]] |" is one cell
	Strikethrough   bool // GFM ~~strikethrough~~
	TaskLists       bool // GFM "- [ ]" and "- [x]" items, rendered as disabled checkboxes
	Linkify         bool // GFM autolinks: bare http(s)://, ftp:// and www. URLs become links
	Footnotes       bool // [^1] references and "[^1]: text" notes
	DefinitionLists bool // PHP Markdown Extra "Term\n: definition"
	Highlight       bool // chroma classes for fenced code; ```mermaid and ```math blocks
	WikiLinks       bool // [[Title]], [[Title#Section|label]], [[#Section]], [[:Category:X]]
	Categories      bool // [[Category:Name]] tags
	Files           bool // [[File:Name|thumb|…]] embeds, [[Media:Name]] links, ![alt](File:Name) images (package embed)
	Redirects       bool // "#REDIRECT [[Target]]" on the first line
	MarkdownLinks   bool // relative links to .md files become wiki links; external links get class="external"
	FrontMatter     bool // a leading YAML "---" block is hidden
	// RawHTML lets raw HTML in the Markdown reach the sanitizer, which keeps
	// what a wiki needs (tables, details, kbd, sup …) and drops the rest.
	// Off, goldmark drops all raw HTML. Either way the output is sanitized.
	RawHTML bool
	// Extensions are more goldmark extensions (from the Markdown extension
	// hook), added after the built-in ones; goldmark's priorities order
	// their parsers and renderers. Their output is sanitized too.
	Extensions []goldmark.Extender
	// Budget bounds the work of one render (see package limits); a page
	// over it is not rendered and Render returns an error wrapping
	// ErrTooComplex. Zero fields take the defaults (limits.MaxNodes …).
	Budget limits.Budget
}

// Default is the configuration of a Folio wiki: everything on.
var Default = Config{
	Tables:          true,
	Strikethrough:   true,
	TaskLists:       true,
	Linkify:         true,
	Footnotes:       true,
	DefinitionLists: true,
	Highlight:       true,
	WikiLinks:       true,
	Categories:      true,
	Files:           true,
	Redirects:       true,
	MarkdownLinks:   true,
	FrontMatter:     true,
	RawHTML:         true,
}
