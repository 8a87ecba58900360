package markdown

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo/markdown/category"
	"github.com/foliowiki/folio/pageinfo/markdown/embed"
	"github.com/foliowiki/folio/pageinfo/markdown/footnote"
	"github.com/foliowiki/folio/pageinfo/markdown/frontmatter"
	"github.com/foliowiki/folio/pageinfo/markdown/highlight"
	"github.com/foliowiki/folio/pageinfo/markdown/limits"
	"github.com/foliowiki/folio/pageinfo/markdown/mdlink"
	"github.com/foliowiki/folio/pageinfo/markdown/redirect"
	"github.com/foliowiki/folio/pageinfo/markdown/section"
	"github.com/foliowiki/folio/pageinfo/markdown/toc"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
	"github.com/foliowiki/folio/pageinfo/markdown/wikilink"
)

// Version identifies the renderer's output; it is part of the parse-cache
// key. Bump it whenever the HTML or metadata for some input changes.
const Version = "6" // 6: templates expanded, <strong class="error"> kept

// ErrTooComplex is the error of Render on a page over the renderer's work
// budget (Config.Budget); the error wrapping it says which limit the page
// went over. It is bad input, like a page over the size limit.
var ErrTooComplex = limits.ErrTooComplex

// Options are the site's title rules and URL shapes, injected by the
// caller (Folio passes router.NormalizeTitle and friends).
type Options struct {
	// NormalizeTitle turns a link target into a canonical title, or returns
	// an error for a bad title. Default: wikidoc.DefaultNormalizeTitle.
	NormalizeTitle func(string) (string, error)
	// TitleURL is the view URL of a canonical title. Default: "/wiki/" and
	// the title, URL-escaped but for "/" and ":".
	TitleURL func(title string) string
	// EditURL is the edit URL of a canonical title. Default: "/-/edit/" and
	// the escaped title.
	EditURL func(title string) string
	// FileURL is the URL of an uploaded file's bytes (width 0) or of its
	// thumbnail width px wide (a width of embed.Ladder). "" means the file
	// cannot be linked: its embeds are red links. Default: always "".
	FileURL func(sha, name string, width int) string
	// UploadURL is the upload form with the name filled in, where embeds
	// of a missing file link; "" (the default) links the File page.
	UploadURL func(name string) string
}

// DocContext is what Render needs to know about the page being rendered.
type DocContext struct {
	// Title is the page's canonical title. Relative .md links resolve
	// against its folder ("Foo/Bar" lives in "Foo/"); links to it are
	// neither red nor listed in Result.Links.
	Title string
	// Exists reports whether a page exists; nil makes every link blue.
	// Render calls it once per distinct link target (a caller may also look
	// them all up first: see Renderer.Parse).
	Exists func(title string) bool
	// CanCreate sends red links to the edit URL rather than the view URL.
	CanCreate bool
	// Files are the uploaded files, by name without "File:", among which
	// the page's embeds are found (see Parsed.FileNames); nil: none.
	Files map[string]blob.FileInfo
}

// Renderer turns Markdown into sanitized HTML and page metadata. It holds
// one goldmark.Markdown built by New and is safe for concurrent use: each
// call parses with a fresh parser.Context.
type Renderer struct {
	md        goldmark.Markdown
	highlight bool // Config.Highlight: Parse starts highlighting code blocks
}

// New builds a Renderer with the extensions cfg selects.
func New(cfg Config, opts Options) *Renderer {
	site := wikidoc.Site{NormalizeTitle: opts.NormalizeTitle, TitleURL: opts.TitleURL, EditURL: opts.EditURL,
		FileURL: opts.FileURL, UploadURL: opts.UploadURL}
	ropts := []renderer.Option{}
	if cfg.RawHTML {
		ropts = append(ropts, html.WithUnsafe())
	}
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extensions(cfg, site)...),
		goldmark.WithRendererOptions(ropts...),
	), highlight: cfg.Highlight}
}

func extensions(cfg Config, site wikidoc.Site) []goldmark.Extender {
	exts := []goldmark.Extender{toc.New(), toc.Demote(), limits.NewWithBudget(cfg.Budget)}
	add := func(on bool, e goldmark.Extender) {
		if on {
			exts = append(exts, e)
		}
	}
	align := extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)
	add(cfg.Tables && !cfg.WikiLinks, extension.NewTable(align))
	add(cfg.Tables && cfg.WikiLinks, wikilink.NewTable(align)) // "| [[Foo|label]] |" is one cell
	add(cfg.Strikethrough, extension.Strikethrough)
	add(cfg.TaskLists, extension.TaskList)
	add(cfg.Linkify, extension.Linkify)
	add(cfg.Footnotes, footnote.New()) // goldmark's extension.Footnote, in linear time
	add(cfg.DefinitionLists, extension.DefinitionList)
	add(cfg.Highlight, highlight.New())
	add(cfg.Files, embed.New(site))
	add(cfg.WikiLinks, wikilink.New(site))
	add(cfg.Categories, category.New(site))
	add(cfg.Redirects, redirect.New(site))
	add(cfg.MarkdownLinks, mdlink.New(site))
	add(cfg.FrontMatter, frontmatter.New())
	return append(exts, cfg.Extensions...)
}

// Render parses src and renders it for the page dc.Title. Red and blue
// links are decided through dc.Exists, so rendering the same src with
// another Exists gives the other colours. The error wraps ErrTooComplex
// for a page over the work budget, and is otherwise only ever a failure
// of the underlying goldmark renderer.
func (r *Renderer) Render(src []byte, dc DocContext) (Result, error) {
	p := r.Parse(src, dc.Title)
	p.SetFiles(dc.Files)
	return p.Render(dc.Exists, dc.CanCreate)
}

// Links parses src on the page title and returns its distinct outgoing
// link targets without rendering. A caller that renders next should use
// Parse instead, which parses once for both.
func (r *Renderer) Links(src []byte, title string) []string {
	return r.parse(src, title).Links()
}

// Parsed is a document parsed by Renderer.Parse whose links are not yet
// red or blue: the caller looks up the existence of Links, all at once,
// and then renders. It serves one goroutine and one Render.
type Parsed struct {
	r        *Renderer
	src      []byte
	d        *wikidoc.Doc
	root     ast.Node
	err      error // over the budget: Render fails with it
	rendered bool
}

// Parse parses src for the page title (see DocContext.Title) without
// deciding which linked pages exist; Render does that. Parse then Render
// gives the output of Renderer.Render with the same arguments, with one
// parse:
//
//	p := r.Parse(src, title)
//	exists := lookup(p.Links()) // one query
//	res, err := p.Render(func(t string) bool { return exists[t] }, true)
//
// Parse starts highlighting the code blocks on another goroutine (see
// highlight.Ahead), which Render then waits for: src must not change
// until Render returns, and a Parsed is meant to be rendered.
func (r *Renderer) Parse(src []byte, title string) *Parsed {
	return r.parseAhead(src, title, r.highlight)
}

// parse parses src for the page title, without highlighting ahead.
func (r *Renderer) parse(src []byte, title string) *Parsed {
	return r.parseAhead(src, title, false)
}

func (r *Renderer) parseAhead(src []byte, title string, ahead bool) *Parsed {
	d := &wikidoc.Doc{Title: title, Deferred: true}
	pc := parser.NewContext(parser.WithIDs(toc.NewIDs()))
	wikidoc.Set(pc, d)
	if ahead {
		highlight.Ahead(pc)
	}
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return &Parsed{r: r, src: src, d: d, root: root, err: limits.Exceeded(pc)}
}

// Links returns the distinct outgoing link targets of the document, in
// order of appearance, the page itself excluded: what Render asks exists
// about and lists in Result.Links. A document over its budget, which will
// not render, has none.
func (p *Parsed) Links() []string {
	if p.err != nil {
		return nil
	}
	return p.d.Links()
}

// FileNames returns the distinct names (without "File:") of the files the
// document embeds or links with [[Media:…]], in order of discovery: what
// the caller looks up, all at once, for SetFiles. A document over its
// budget has none.
func (p *Parsed) FileNames() []string {
	if p.err != nil {
		return nil
	}
	return p.d.FileNames()
}

// SetFiles gives the render the files that exist among FileNames, by
// name; a name not in files (or a nil map) is a missing file, a red link
// to its upload. Call it before Render.
func (p *Parsed) SetFiles(files map[string]blob.FileInfo) { p.d.Files = files }

// Err returns the error Render will return for a document over its work
// budget (wrapping ErrTooComplex), or nil.
func (p *Parsed) Err() error { return p.err }

// errRendered is the error of a second Render of one Parsed.
var errRendered = errors.New("markdown: a parsed document renders once")

// Render decides red and blue links through exists (nil makes every link
// blue; it is called once per distinct target), sending red links to the
// edit URL if canCreate, and renders the document. It may be called once.
// The error wraps ErrTooComplex for a document over the work budget (see
// Err), and is otherwise only ever a failure of the underlying goldmark
// renderer.
func (p *Parsed) Render(exists func(title string) bool, canCreate bool) (Result, error) {
	if p.rendered {
		return Result{}, errRendered
	}
	p.rendered = true
	d := p.d
	if p.err != nil {
		return Result{}, fmt.Errorf("markdown: render %q: %w", d.Title, p.err)
	}
	d.CanCreate = canCreate
	d.Resolve(exists)
	aside := newAside()
	if doc, ok := p.root.(*ast.Document); ok {
		highlight.SetAside(doc, aside)
	}
	var buf bytes.Buffer
	buf.Grow(len(p.src) + len(p.src)/2)
	if err := p.r.md.Renderer().Render(&buf, p.src, p.root); err != nil {
		return Result{}, fmt.Errorf("markdown: render %q: %w", d.Title, err)
	}
	res := Result{
		TOC:        d.TOC,
		Links:      d.Links(),
		Categories: d.Categories,
		Files:      d.FileNames(),
		Redirect:   d.Redirect,
		Needs:      d.Needs,
		// The fragment of the section a redirect names.
		RedirectFragment: d.RedirectFragment,
	}
	// Summarize first: the code blocks may still be highlighting.
	res.Summary, res.Words = summarize(p.root, p.src)
	html, err := sanitizeFinish(buf.Bytes(), aside)
	if err != nil {
		return Result{}, fmt.Errorf("markdown: render %q: %w", d.Title, err)
	}
	res.HTML = html
	res.Sections = sectionMarks(html, section.Find(p.root, p.src))
	return res, nil
}

// HighlightCSS returns the stylesheet for highlighted code: chroma's
// classes in a light theme and, under prefers-color-scheme: dark, a dark
// one.
func HighlightCSS() string { return highlight.CSS() }
