package embed

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo/markdown/mdlink"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

type htmlRenderer struct{}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, r.render)
}

func (r *htmlRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*Embed)
		var b strings.Builder
		n.write(&b)
		_, _ = w.WriteString(b.String())
	}
	return ast.WalkSkipChildren, nil
}

// IsImage reports whether the file can be shown as an image: a raster or
// SVG type with known dimensions.
func IsImage(f blob.FileInfo) bool {
	return f.Width > 0 && f.Height > 0 && strings.HasPrefix(f.Mime, "image/")
}

// vector reports whether f scales itself (SVG): it is shown from its
// original at any width, with no thumbnails.
func vector(f blob.FileInfo) bool { return f.Mime == "image/svg+xml" }

// write writes the embed's HTML.
func (n *Embed) write(b *strings.Builder) {
	f, ok := n.doc.Files[n.Name]
	switch {
	case !ok || n.site.FileURL(f.SHA, f.Name, 0) == "":
		n.writeMissing(b)
	case n.Media:
		label := n.Target
		if n.Spec.Caption != "" {
			label = n.Spec.Caption
		}
		b.WriteString(`<a href="`)
		attr(b, n.site.FileURL(f.SHA, f.Name, 0))
		b.WriteString(`" class="internal" title="`)
		attr(b, wikidoc.DisplayTitle(n.Name))
		b.WriteString(`">`)
		attr(b, label)
		b.WriteString(`</a>`)
	case !IsImage(f):
		n.wrap(b, func() {
			b.WriteString(`<a href="`)
			attr(b, n.site.TitleURL(Prefix+n.Name))
			b.WriteString(`" title="`)
			attr(b, wikidoc.DisplayTitle(Prefix+n.Name))
			b.WriteString(`">`)
			attr(b, wikidoc.DisplayTitle(n.Name))
			b.WriteString(`</a>`)
		})
	default:
		n.wrap(b, func() { n.writeImage(b, f) })
	}
}

// wrap writes inner inside the figure of a thumb or frame, or the span
// of an aligned inline image.
func (n *Embed) wrap(b *strings.Builder, inner func()) {
	align := n.Spec.Align
	switch {
	case n.figure():
		if align == "" {
			align = "right"
		}
		b.WriteString(`<figure class="thumb t`)
		b.WriteString(align)
		b.WriteString(`">`)
		inner()
		if n.Spec.Caption != "" {
			b.WriteString(`<figcaption>`)
			attr(b, n.Spec.Caption)
			b.WriteString(`</figcaption>`)
		}
		b.WriteString(`</figure>`)
	case align == "center":
		b.WriteString(`<span class="center">`)
		inner()
		b.WriteString(`</span>`)
	case align != "":
		b.WriteString(`<span class="float`)
		b.WriteString(align)
		b.WriteString(`">`)
		inner()
		b.WriteString(`</span>`)
	default:
		inner()
	}
}

// writeMissing writes the red link of a missing file: to the upload form
// with the name filled in, or to the File page.
func (n *Embed) writeMissing(b *strings.Builder) {
	href := n.site.UploadURL(n.Name)
	if href == "" {
		href = n.site.TitleURL(Prefix + n.Name)
	}
	label := wikidoc.DisplayTitle(Prefix + n.Name)
	if n.Media && n.Spec.Caption != "" {
		label = n.Spec.Caption
	}
	link := func() {
		b.WriteString(`<a href="`)
		attr(b, href)
		b.WriteString(`" class="new" title="`)
		attr(b, wikidoc.DisplayTitle(Prefix+n.Name))
		b.WriteString(`">`)
		attr(b, label)
		b.WriteString(`</a>`)
	}
	if n.Media {
		link()
		return
	}
	n.wrap(b, link)
}

// writeImage writes the image, in a link to its File page or to link=.
func (n *Embed) writeImage(b *strings.Builder, f blob.FileInfo) {
	s := n.Spec
	w, h := s.Size(f.Width, f.Height)
	href, external := n.href()
	if href != "" {
		b.WriteString(`<a href="`)
		attr(b, href)
		b.WriteString(`" class="`)
		if external {
			b.WriteString(`external image`)
		} else {
			b.WriteString(`image`)
		}
		b.WriteString(`"`)
		if !n.figure() && !n.Inline && s.Caption != "" {
			b.WriteString(` title="`)
			attr(b, s.Caption)
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
	}
	src := ""
	if !n.Inline && !vector(f) {
		src = n.site.FileURL(f.SHA, f.Name, Served(w, 1, f.Width))
	}
	if src == "" { // inline, or no thumbnail route: the original
		src = n.site.FileURL(f.SHA, f.Name, 0)
	}
	b.WriteString(`<img src="`)
	attr(b, src)
	b.WriteString(`" alt="`)
	attr(b, n.alt())
	b.WriteString(`" width="`)
	b.WriteString(strconv.Itoa(w))
	b.WriteString(`" height="`)
	b.WriteString(strconv.Itoa(h))
	b.WriteString(`"`)
	if set := n.srcset(f, w, src); set != "" {
		b.WriteString(` srcset="`)
		attr(b, set)
		b.WriteString(`"`)
	}
	if s.Border {
		b.WriteString(` class="thumbborder"`)
	}
	b.WriteString(` loading="lazy" decoding="async">`)
	if href != "" {
		b.WriteString(`</a>`)
	}
}

// srcset lists the images for denser screens, 1.5× and 2×, each the
// smallest ladder width that is enough, or the original; those the same
// as src or as the previous one are left out.
func (n *Embed) srcset(f blob.FileInfo, w int, src string) string {
	if n.Inline || vector(f) {
		return ""
	}
	var parts []string
	last := src
	for _, d := range [...]struct {
		x     float64
		label string
	}{{1.5, "1.5x"}, {2, "2x"}} {
		u := n.site.FileURL(f.SHA, f.Name, Served(w, d.x, f.Width))
		if u == "" || u == last || strings.ContainsAny(u, " \t\n") {
			continue
		}
		parts = append(parts, u+" "+d.label)
		last = u
	}
	return strings.Join(parts, ", ")
}

// alt is the image's alternative text: alt=, else the caption, else the
// file's name, so that the link around it has a name.
func (n *Embed) alt() string {
	switch {
	case n.Spec.HasAlt:
		return n.Spec.Alt
	case n.Spec.Caption != "":
		return n.Spec.Caption
	}
	return wikidoc.DisplayTitle(n.Name)
}

// href is where the image links: the File page, link='s title or
// external URL, or nowhere ("link=" alone, or a link= that is neither).
func (n *Embed) href() (string, bool) {
	if !n.Spec.HasLink {
		return n.site.TitleURL(Prefix + n.Name), false
	}
	l := n.Spec.Link
	if l == "" {
		return "", false
	}
	if mdlink.IsExternal(l) {
		return l, true
	}
	t, ok := wikidoc.ParseTarget([]byte(l))
	if !ok || t.Page == "" {
		return "", false
	}
	title, err := n.site.NormalizeTitle(t.Page)
	if err != nil {
		return "", false
	}
	if t.Fragment != "" {
		return n.site.TitleURL(title) + "#" + wikidoc.Anchor(t.Fragment), false
	}
	return n.site.TitleURL(title), false
}

// attr writes s escaped for HTML text and attribute values.
func attr(b *strings.Builder, s string) {
	b.Write(util.EscapeHTML([]byte(s)))
}
