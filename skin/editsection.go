package skin

import (
	"html"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// editSections returns pi's HTML with an edit link for each of its
// sections (pi.Sections), for a reader who may edit: each heading element
// is wrapped as MediaWiki 1.41+ wraps it,
//
//	<div class="mw-heading mw-heading2"><h2 id="…">…</h2><span class="mw-editsection"><a href="/-/edit/T?section=N" aria-label="Edit section: …">edit</a></span></div>
//
// with the link outside the heading, whose accessible name stays its text.
// It runs when a page's data is built, so once per revision, skin and
// reader class (the specialization of Set.View), never per request. Marks
// that do not fit the HTML leave it as it is. The link's text and label
// are in lang (MediaWiki's editsection, editsectionhint).
func editSections(pi *blob.PageInfo, reg *router.Registry, lang *i18n.Lang) string {
	if len(pi.Sections) == 0 {
		return pi.HTML
	}
	edit := routeURL(reg, "page.edit", "title", pi.Title)
	if edit == "" {
		return pi.HTML
	}
	src := pi.HTML
	var b strings.Builder
	b.Grow(len(src) + len(pi.Sections)*(200+len(edit)))
	text := `">` + html.EscapeString(lang.T("editsection")) + `</a></span></div>`
	at := 0
	for _, m := range pi.Sections {
		if m.Start < at || m.End < m.Start || m.End > len(src) || m.Level < 1 || m.Level > 6 {
			return src
		}
		lv := strconv.Itoa(m.Level)
		b.WriteString(src[at:m.Start])
		b.WriteString(`<div class="mw-heading mw-heading` + lv + `">`)
		b.WriteString(src[m.Start:m.End])
		b.WriteString(`<span class="mw-editsection"><a href="`)
		b.WriteString(html.EscapeString(edit + "?section=" + strconv.Itoa(m.N)))
		b.WriteString(`" aria-label="`)
		b.WriteString(html.EscapeString(lang.T("editsectionhint", "Section", m.Text)))
		b.WriteString(text)
		at = m.End
	}
	b.WriteString(src[at:])
	return b.String()
}
