package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
)

// pageView answers GET /wiki/T: the PageInfo of the page's current revision
// and the reader's UserInfo, rendered by the skin from the revision's
// specialized template with the reader's keys filled in (skin.Set.View) — one
// path for anonymous and logged-in readers, which reads nothing from the
// store on a warm cache. A missing page is a 404 that says so (as MediaWiki), with its
// deletion log line when it was deleted; a category page lists its members
// below its text.
func (s *Server) pageView(w http.ResponseWriter, r *http.Request, m router.Match) error {
	title := m.Title()
	pi, err := s.Pages.Latest(r.Context(), title)
	if errors.Is(err, store.ErrNotFound) {
		return s.missingPage(w, r, m)
	}
	if err != nil {
		return err
	}
	set, err := s.skins()
	if err != nil {
		return err
	}
	if strings.HasPrefix(title, categoryPrefix) {
		return s.categoryView(w, r, m, set, pi, s.skinName(set, r, m))
	}
	view := set.View(pi, userOf(r), skin.MatchMeta(m), m.Params.Get("useskin"))
	h := w.Header()
	etag := view.ETag()
	h.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	if link := view.Link(); len(link) > 0 {
		h["Link"] = link
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := view.Render(buf); err != nil {
		return err
	}
	return s.writeHTML(w, r, http.StatusOK, buf)
}

// categoryView answers the view of a category page: its text, then its
// members. Members change with other pages' saves, so the page is rendered
// whole on each view (not specialized), with no ETag.
func (s *Server) categoryView(w http.ResponseWriter, r *http.Request, m router.Match, set *skin.Set, pi *pageinfo.PageInfo, name string) error {
	d := set.ViewData(pi, userOf(r), skin.MatchMeta(m), s.site, name)
	members, err := s.categoryMembers(r.Context(), m.Title())
	if err != nil {
		return err
	}
	d.HTMLBody += string(members)
	return s.writeSkinned(w, r, set, http.StatusOK, d)
}

// missingPage answers a title without a page: 404, a link to create it for
// those who may (from the skin), the deletion log line if it was deleted,
// and the members of a category that has no page of its own.
func (s *Server) missingPage(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	d := map[string]any{}
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
	extra, err := body("missing", d)
	if err != nil {
		return err
	}
	set, err := s.skins()
	if err != nil {
		return err
	}
	meta := skin.MatchMeta(m)
	meta.Status = http.StatusNotFound
	sd := set.MissingData(title, u, meta, s.site, s.skinName(set, r, m))
	sd.HTMLBody += string(extra)
	return s.writeSkinned(w, r, set, http.StatusNotFound, sd)
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
