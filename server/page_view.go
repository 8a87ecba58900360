package server

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/foliowiki/folio/internal/compression"
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
// deletion log line when it was deleted. A category page's PageInfo lists
// its members, so its view takes the same path. A redirect shows its
// target (followRedirect).
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
	meta := skin.MatchMeta(m)
	if pi, err = s.followRedirect(r, m, pi, &meta); err != nil {
		return err
	}
	meta.UseLang = m.Params.Get("uselang")
	if s.esiRequested(r) {
		return s.esiBody(w, r, m, set, pi, meta)
	}
	view := set.View(pi, s.seen(r, title, pi.Title), meta, m.Params.Get("useskin"))
	enc := view.Negotiate(r.Header.Get("Accept-Encoding"))
	// The client's tag names the view in the encoding it got (the route is
	// SelfEncoded: its If-None-Match arrives as the client sent it).
	if notModified(w, r, view.ETagIn(enc)) {
		return nil
	}
	h := w.Header()
	if link := view.Link(); len(link) > 0 {
		h["Link"] = link
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := view.RenderIn(buf, enc); err != nil {
		return err
	}
	if enc != compression.Identity {
		h["Content-Encoding"] = encodingValues[enc]
	}
	return s.writeHTML(w, r, http.StatusOK, buf)
}

// missingPage answers a title without a page: 404, a link to create it for
// those who may (from the skin), the deletion log line if it was deleted,
// and (from the skin) the members of a category that has no page of its own.
func (s *Server) missingPage(w http.ResponseWriter, r *http.Request, m router.Match) error {
	if s.esiRequested(r) { // its view is not specialized: no holes to cut
		return refuseESI(w)
	}
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	d := map[string]any{}
	logs, err := s.Store.LogEntries(ctx, store.LogQuery{Title: title, Kind: store.LogDelete, Limit: 1})
	if err != nil {
		return err
	}
	if len(logs) > 0 {
		l := logs[0]
		deleted := map[string]any{"Log": map[string]string{"Time": whenIn(s.lang(r, m), zoneOf(r), l.Timestamp), "User": l.UserName, "Reason": l.Reason}}
		if u.Can(router.RightDelete) {
			deleted["CanUndelete"], deleted["UndeleteURL"] = true, s.Routes.Path("page.delete", "title", title)
		}
		d["Deleted"] = deleted
	}
	members, err := s.Pages.Members(ctx, title)
	if err != nil {
		return err
	}
	extra, err := s.body(r, m, "missing", d)
	if err != nil {
		return err
	}
	set, err := s.skins()
	if err != nil {
		return err
	}
	meta := skin.MatchMeta(m)
	meta.Status = http.StatusNotFound
	meta.UseLang = useLang(r, m)
	s.setPairExists(ctx, &meta)
	sd := set.MissingData(title, members, u, meta, s.site, s.skinName(set, r, m, u))
	sd.HTMLBody += string(extra)
	return s.writeSkinned(w, r, set, http.StatusNotFound, sd)
}

// followRedirect returns what the view of pi shows, as MediaWiki: the
// target of a redirect, at the redirect's URL, under "(Redirected from …)"
// and with the target's canonical URL — unless ?redirect=no asks for the
// redirect page itself, the target is missing, or it leads back to the
// redirect (a loop), when the redirect page is shown as it is. A target
// that is itself a redirect is shown as a redirect page, not followed
// again (a double redirect shows as one).
//
// The view stays a page view: both PageInfos are cached, the specialization
// is kept in the target's memo per redirect (Meta is part of its key), and
// an edit of the target reports the redirects to it as changed, so CDNs
// purge them with it (pageinfo.Saver).
func (s *Server) followRedirect(r *http.Request, m router.Match, pi *pageinfo.PageInfo, meta *skin.Meta) (*pageinfo.PageInfo, error) {
	if pi.Redirect == "" || m.Params.Get("redirect") == "no" {
		return pi, nil
	}
	if pi.Redirect == pi.Title {
		meta.RedirectLoop = true
		return pi, nil
	}
	target, err := s.Pages.Latest(r.Context(), pi.Redirect)
	if errors.Is(err, store.ErrNotFound) {
		return pi, nil
	}
	if err != nil {
		return nil, err
	}
	if target.Redirect == pi.Title {
		meta.RedirectLoop = true
		return pi, nil
	}
	meta.Page = target.Title
	meta.CanonicalURL = s.Routes.Path("page.view", "title", target.Title)
	meta.RedirectedFrom = pi.Title
	meta.RedirectFragment = pi.RedirectFragment
	return target, nil
}
