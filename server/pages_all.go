package server

import (
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
	d := map[string]any{"Empty": "No pages."}
	if len(pages) > limit {
		d["Next"] = s.Routes.Path("pages.all") + "?" + url.Values{"from": {pages[limit].Title}, "limit": {strconv.Itoa(limit)}}.Encode()
		pages = pages[:limit]
	}
	links := make([]link, len(pages))
	for i, p := range pages {
		links[i] = titleLink(p.Title)
	}
	d["Titles"] = links
	return s.view(w, r, m, http.StatusOK, "All pages", "titles", d)
}

// pageBacklinks lists the pages that link to a page ("what links here").
func (s *Server) pageBacklinks(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	limit, offset := int(m.Params.Int("limit")), int(m.Params.Int("offset"))
	from, err := s.Store.Backlinks(r.Context(), title, "", offset+limit+1)
	if err != nil {
		return err
	}
	from = from[min(offset, len(from)):]
	d := map[string]any{"Intro": "Pages that link to " + router.DisplayTitle(title) + ":", "Empty": "No page links here."}
	if len(from) > limit {
		from = from[:limit]
		d["Next"] = s.Routes.Path("page.backlinks", "title", title) + "?" +
			url.Values{"offset": {strconv.Itoa(offset + limit)}, "limit": {strconv.Itoa(limit)}}.Encode()
	}
	links := make([]link, len(from))
	for i, t := range from {
		links[i] = titleLink(t)
	}
	d["Titles"] = links
	return s.view(w, r, m, http.StatusOK, "What links here: "+router.DisplayTitle(title), "titles", d)
}
