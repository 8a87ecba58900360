// Package embed is a goldmark extension for MediaWiki's file embeds:
// [[File:Name.png|thumb|250px|left|link=…|alt=…|Caption]] (Image: is an
// alias of File:), [[Media:Name.pdf]] (a link to the file's bytes) and
// the Markdown image ![alt](File:Name.png). [[:File:Name.png]], with a
// leading colon, is an ordinary wiki link, left to package wikilink.
//
// The names embedded are recorded in the document's wikidoc.Doc
// (AddFile); the caller looks them all up at once between parse and
// render and sets Doc.Files. A name missing from it renders as a red link
// to the upload form (Site.UploadURL), or to the File page when there is
// none. Every URL comes from the Site: Site.FileURL for the image and its
// srcset (the ladder's widths, see Served), Site.TitleURL for the File
// page; a URL the Site cannot build ("") makes the embed a red link too.
//
// A thumb or frame is a <figure class="thumb tright"> with a
// <figcaption>; a paragraph holding only such figures is replaced by
// them. Other images are inline: <a class="image"><img …></a>, wrapped in
// <span class="floatleft|floatright|floatnone|center"> when aligned.
// Every <img> has width and height, loading="lazy" and decoding="async".
package embed

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// Priority of the inline parser: before category (98) and wikilink (99).
const Priority = 97

// Prefix starts every canonical file title.
const Prefix = "File:"

// KindEmbed is the node kind of a file embed.
var KindEmbed = ast.NewNodeKind("FileEmbed")

func init() { limits.CountAsLink(KindEmbed) }

// Embed is one file embed or [[Media:…]] link. It has no children.
type Embed struct {
	ast.BaseInline
	Name   string // canonical, without Prefix
	Target string // the target as written, for a Media link's label
	Spec   Spec
	Media  bool // [[Media:X]]: a link to the bytes
	Inline bool // ![alt](File:X): an inline image at its natural size
	doc    *wikidoc.Doc
	site   *wikidoc.Site
}

// Kind implements ast.Node.
func (n *Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.
func (n *Embed) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// figure reports whether n renders as a block <figure>.
func (n *Embed) figure() bool { return !n.Media && (n.Spec.Type == Thumb || n.Spec.Type == Frame) }

type extender struct{ site *wikidoc.Site }

// New returns the extension, resolving names and URLs with site.
func New(site wikidoc.Site) goldmark.Extender { return &extender{site: site.WithDefaults()} }

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(&inlineParser{site: e.site}, Priority)),
		parser.WithASTTransformers(util.Prioritized(&transformer{site: e.site}, 190)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{}, Priority)))
}

type inlineParser struct{ site *wikidoc.Site }

func (p *inlineParser) Trigger() []byte { return []byte{'['} }

func (p *inlineParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	inside, n, ok := wikidoc.Scan(line)
	if !ok {
		return nil
	}
	e, ok := Parse(p.site, inside)
	if !ok {
		return nil
	}
	d := wikidoc.Get(pc)
	d.AddFile(e.Name)
	e.doc, e.site = d, p.site
	e.SetPos(seg.Start)
	block.Advance(n)
	return e
}

// Parse reads the inside of [[…]] as a file embed or a Media link, or
// reports false when it is neither (another namespace, a leading colon, a
// bad name). The result is not yet attached to a document.
func Parse(site *wikidoc.Site, inside []byte) (*Embed, bool) {
	target, opts, _ := bytes.Cut(inside, []byte("|"))
	target = bytes.TrimSuffix(target, []byte(`\`)) // "\|" separates too
	t, ok := wikidoc.ParseTarget(target)
	if !ok || t.Colon || t.Page == "" {
		return nil, false
	}
	name, media, ok := fileName(site, t.Page)
	if !ok {
		return nil, false
	}
	e := &Embed{Name: name, Target: t.Page, Media: media}
	if len(opts) > 0 || bytes.ContainsRune(inside, '|') {
		e.Spec = ParseSpec(splitOptions(string(opts)))
	}
	return e, true
}

// splitOptions splits the options at '|', a "\|" counting as one.
func splitOptions(s string) []string {
	parts := strings.Split(s, "|")
	for i, o := range parts {
		parts[i] = strings.TrimSuffix(o, `\`)
	}
	return parts
}

// fileName returns the canonical name a target in the File, Image or
// Media namespace names, and whether it was Media.
func fileName(site *wikidoc.Site, page string) (name string, media, ok bool) {
	ns, rest, found := strings.Cut(page, ":")
	if !found {
		return "", false, false
	}
	switch strings.ToLower(strings.Trim(ns, " _")) {
	case "file", "image":
	case "media":
		media = true
	default:
		return "", false, false
	}
	title, err := site.NormalizeTitle(Prefix + strings.TrimSpace(rest))
	if err != nil || !strings.HasPrefix(title, Prefix) || len(title) == len(Prefix) {
		return "", false, false
	}
	return title[len(Prefix):], media, true
}

// transformer turns Markdown images of File: targets into embeds, and
// replaces a paragraph holding only figures by them.
type transformer struct{ site *wikidoc.Site }

func (t *transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	d := wikidoc.Get(pc)
	src := reader.Source()
	var images []*ast.Image
	var paras []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			images = append(images, n)
		case *ast.Paragraph:
			paras = append(paras, n)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		name, media, ok := fileName(t.site, strings.TrimSpace(string(img.Destination)))
		if !ok || media {
			continue
		}
		e := &Embed{Name: name, Target: string(img.Destination), Inline: true, doc: d, site: t.site}
		e.Spec.Alt, e.Spec.HasAlt = wikidoc.PlainText(img, src), true
		e.SetPos(img.Pos())
		d.AddFile(name)
		img.Parent().ReplaceChild(img.Parent(), img, e)
	}
	for _, p := range paras {
		splitFigures(p.(*ast.Paragraph), src)
	}
}

// splitFigures takes the figures (thumbs and frames) out of the
// paragraph p, which a <figure> cannot be in: the paragraph is split
// around them, and the parts left with nothing but white space dropped.
func splitFigures(p *ast.Paragraph, src []byte) {
	has := false
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if e, ok := c.(*Embed); ok && e.figure() {
			has = true
			break
		}
	}
	if !has {
		return
	}
	parent := p.Parent()
	part := ast.NewParagraph()
	flush := func() {
		if !blank(part, src) {
			parent.InsertBefore(parent, p, part)
		}
		part = ast.NewParagraph()
	}
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.RemoveChild(p, c)
		if e, ok := c.(*Embed); ok && e.figure() {
			flush()
			parent.InsertBefore(parent, p, e)
		} else {
			part.AppendChild(part, c)
		}
		c = next
	}
	flush()
	parent.RemoveChild(parent, p)
}

// blank reports whether the paragraph p holds white space only.
func blank(p ast.Node, src []byte) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || len(util.TrimLeftSpace(t.Segment.Value(src))) != 0 {
			return false
		}
	}
	return true
}
