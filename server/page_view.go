package server

import (
	"context"
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
// is a 404 that says so (as MediaWiki), with its deletion log line when it
// was deleted; a category page lists its members below its text.
func (s *Server) pageView(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	pi, err := s.Pages.Latest(r.Context(), title)
	if errors.Is(err, store.ErrNotFound) {
		return s.missingPage(w, r, m)
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
	extra, err := s.categoryMembers(r.Context(), title)
	if err != nil {
		return err
	}
	return writeHTML(w, r, http.StatusOK, plainData{
		Site: s.Config.SiteName, Heading: pi.DisplayTitle, Canonical: m.CanonicalURL(), Description: pi.Summary,
		Body:   template.HTML(tocHTML(pi)+pi.HTML+categoriesHTML(pi)) + extra, // sanitized at render time
		Footer: fmt.Sprintf("Revision %d, %s, by %s.", pi.RevID, pi.Timestamp.Format("2 January 2006 15:04 MST"), pi.Author),
	})
}

// missingPage answers a title without a page: 404, a link to create it for
// those who may, the deletion log line if it was deleted, and the members
// of a category that has no page of its own.
func (s *Server) missingPage(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	d := map[string]any{}
	if u.Can(router.RightCreate) {
		d["CreateURL"] = "/-/edit/" + router.EscapeTitle(title)
	}
	logs, err := s.Store.LogEntries(ctx, store.LogQuery{Title: title, Kind: store.LogDelete, Limit: 1})
	if err != nil {
		return err
	}
	if len(logs) > 0 {
		l := logs[0]
		deleted := map[string]any{"Log": map[string]string{"Time": when(l.Timestamp), "User": l.UserName, "Reason": l.Reason}}
		if u.Can(router.RightDelete) {
			deleted["CanUndelete"], deleted["UndeleteURL"] = true, "/-/delete/"+router.EscapeTitle(title)
		}
		d["Deleted"] = deleted
	}
	if members, err := s.memberList(ctx, title); err != nil {
		return err
	} else if members != nil {
		d["Members"] = members
	}
	return s.view(w, r, m, http.StatusNotFound, router.DisplayTitle(title), "missing", d)
}

const categoryPrefix = "Category:"

// memberList is the list data of a category's members, nil for other pages.
func (s *Server) memberList(ctx context.Context, title string) (map[string]any, error) {
	name, ok := strings.CutPrefix(title, categoryPrefix)
	if !ok {
		return nil, nil
	}
	members, err := s.Store.CategoryMembers(ctx, name, "", 500)
	if err != nil {
		return nil, err
	}
	links := make([]link, len(members))
	for i, t := range members {
		links[i] = titleLink(t)
	}
	return map[string]any{"Intro": fmt.Sprintf("Pages in category “%s”:", router.DisplayTitle(name)),
		"Titles": links, "Empty": "This category has no pages."}, nil
}

// categoryMembers renders the member list of a category page. Members
// change with other pages' saves, so unlike the page's own text they are
// read at view time (the CDN still caches the view).
func (s *Server) categoryMembers(ctx context.Context, title string) (template.HTML, error) {
	d, err := s.memberList(ctx, title)
	if d == nil || err != nil {
		return "", err
	}
	return body("titles", d)
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
		fmt.Fprintf(&b, ` <a href="%s">%s</a>`, template.HTMLEscapeString(router.TitleURL(categoryPrefix+c)),
			template.HTMLEscapeString(router.DisplayTitle(c)))
	}
	b.WriteString(`</div>`)
	return b.String()
}
