package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/router"
)

// pagesAll lists every page A–Z from ?from=, a page of titles at a time.
func (s *Server) pagesAll(w http.ResponseWriter, r *http.Request, m router.Match) error {
	limit := int(m.Params.Int("limit"))
	pages, err := s.Store.ListPages(r.Context(), m.Params.Get("from"), limit+1)
	if err != nil {
		return err
	}
	l := s.lang(r, m)
	d := map[string]any{"Empty": l.T("allpages-empty")}
	if len(pages) > limit {
		d["Next"] = s.Routes.Path("pages.all") + "?" + url.Values{"from": {pages[limit].Title}, "limit": {strconv.Itoa(limit)}}.Encode()
		pages = pages[:limit]
	}
	links := make([]link, len(pages))
	for i, p := range pages {
		links[i] = titleLink(p.Title)
	}
	d["Titles"] = links
	return s.view(w, r, m, http.StatusOK, l.T("allpages-title"), "titles", d)
}

// pageBacklinks lists the pages that link to a page or transclude it
// ("what links here"), merged in title order, each transclusion marked as
// MediaWiki's; a page that does both is listed once.
func (s *Server) pageBacklinks(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	limit, offset := int(m.Params.Int("limit")), int(m.Params.Int("offset"))
	from, err := s.backlinks(r.Context(), title, offset+limit+1)
	if err != nil {
		return err
	}
	from = from[min(offset, len(from)):]
	l := s.lang(r, m)
	d := map[string]any{"Intro": l.T("whatlinkshere-intro", "Title", router.DisplayTitle(title)), "Empty": l.T("whatlinkshere-empty")}
	if len(from) > limit {
		from = from[:limit]
		d["Next"] = s.Routes.Path("page.backlinks", "title", title) + "?" +
			url.Values{"offset": {strconv.Itoa(offset + limit)}, "limit": {strconv.Itoa(limit)}}.Encode()
	}
	links := make([]link, len(from))
	for i, b := range from {
		links[i] = titleLink(b.title)
		if b.transcludes {
			links[i].Note = l.T("istemplate")
		}
	}
	d["Titles"] = links
	return s.view(w, r, m, http.StatusOK, l.T("whatlinkshere-title", "Title", router.DisplayTitle(title)), "titles", d)
}

// backlink is a page in "what links here": it links to the title, or
// transcludes it, or both.
type backlink struct {
	title       string
	transcludes bool
}

// backlinks returns the first n pages linking to title or transcluding
// it, in title order, each once: the first n of each list, merged.
func (s *Server) backlinks(ctx context.Context, title string, n int) ([]backlink, error) {
	linking, err := s.Store.Backlinks(ctx, title, "", n)
	if err != nil {
		return nil, fmt.Errorf("what links here %q: %w", title, err)
	}
	using, err := s.Store.PagesTranscluding(ctx, title, "", n)
	if err != nil {
		return nil, fmt.Errorf("what links here %q: %w", title, err)
	}
	out := make([]backlink, 0, min(n, len(linking)+len(using)))
	for len(out) < n && (len(linking) > 0 || len(using) > 0) {
		switch {
		case len(using) == 0 || len(linking) > 0 && linking[0] < using[0]:
			out, linking = append(out, backlink{title: linking[0]}), linking[1:]
		case len(linking) > 0 && linking[0] == using[0]:
			out, linking, using = append(out, backlink{title: using[0], transcludes: true}), linking[1:], using[1:]
		default:
			out, using = append(out, backlink{title: using[0], transcludes: true}), using[1:]
		}
	}
	return out, nil
}
