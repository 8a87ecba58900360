package server

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// pageView answers GET /wiki/T from the PageInfo of the page's current
// revision: on a warm cache it reads nothing from the store. A missing page
// is a 404 that says so (as MediaWiki), cacheable like the view.
func (s *Server) pageView(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	pi, err := s.Pages.Latest(r.Context(), title)
	if errors.Is(err, store.ErrNotFound) {
		return writeHTML(w, r, http.StatusNotFound, plainData{
			Site: s.Config.SiteName, Heading: router.DisplayTitle(title), Canonical: m.CanonicalURL(),
			Message: "There is currently no text in this page.",
		})
	}
	if err != nil {
		return err
	}
	etag := `"` + viewETag(pi) + `"`
	w.Header().Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	return writeHTML(w, r, http.StatusOK, plainData{
		Site: s.Config.SiteName, Heading: pi.DisplayTitle, Canonical: m.CanonicalURL(), Description: pi.Summary,
		Body:   template.HTML(tocHTML(pi) + pi.HTML + categoriesHTML(pi)), // sanitized at render time
		Footer: fmt.Sprintf("Revision %d, %s, by %s.", pi.RevID, pi.Timestamp.Format("2 January 2006 15:04 MST"), pi.Author),
	})
}

// viewETag names what a view's bytes depend on: the revision and the
// renderer version (and, with skins, the skin's version).
func viewETag(pi *pageinfo.PageInfo) string {
	return fmt.Sprintf("r%d-%s", pi.RevID, pi.Version)
}

// tocHTML is the stand-in table of contents until skins render it.
func tocHTML(pi *pageinfo.PageInfo) string {
	if len(pi.TOC) < 3 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<nav class="toc"><h2>Contents</h2><ul>`)
	for _, e := range pi.TOC {
		fmt.Fprintf(&b, `<li class="toc-level-%d"><a href="#%s">%s</a></li>`, e.Level,
			template.HTMLEscapeString(e.Anchor), template.HTMLEscapeString(e.Text))
	}
	b.WriteString(`</ul></nav>`)
	return b.String()
}

// categoriesHTML is the stand-in category bar until skins render it.
func categoriesHTML(pi *pageinfo.PageInfo) string {
	if len(pi.Categories) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<div class="categories">Categories:`)
	for _, c := range pi.Categories {
		fmt.Fprintf(&b, ` <a href="%s">%s</a>`, template.HTMLEscapeString(router.TitleURL("Category:"+c)),
			template.HTMLEscapeString(router.DisplayTitle(c)))
	}
	b.WriteString(`</div>`)
	return b.String()
}
