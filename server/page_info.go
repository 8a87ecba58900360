package server

import (
	"net/http"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// infoRedirectsShown is how many redirects to a page its information lists.
const infoRedirectsShown = 50

// pageInfo shows facts about a page, as MediaWiki's action=info: its
// length and id, where it redirects, the redirects to it, the links in and
// out, its categories, its protection, and its edit history (creator and
// creation, latest editor and edit, number of edits and distinct authors).
func (s *Server) pageInfo(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title := r.Context(), m.Title()
	p, err := s.Store.PageByTitle(ctx, title)
	if err != nil {
		return err
	}
	stats, err := s.Store.RevisionStats(ctx, p.ID)
	if err != nil {
		return err
	}
	users, err := s.userLinks(ctx, []string{stats.First.UserName, stats.Latest.UserName})
	if err != nil {
		return err
	}
	backlinks, err := s.Store.CountBacklinks(ctx, title)
	if err != nil {
		return err
	}
	out, err := s.Store.OutgoingLinks(ctx, p.ID)
	if err != nil {
		return err
	}
	cats, err := s.Store.PageCategories(ctx, p.ID)
	if err != nil {
		return err
	}
	redirects, err := s.Store.RedirectsTo(ctx, title, infoRedirectsShown+1)
	if err != nil {
		return err
	}
	prot, err := s.Store.ProtectionOf(ctx, title, time.Now())
	if err != nil {
		return err
	}
	more := len(redirects) > infoRedirectsShown
	redirects = redirects[:min(len(redirects), infoRedirectsShown)]
	redirectLinks := make([]link, len(redirects))
	for i, t := range redirects {
		redirectLinks[i] = titleLink(t)
	}
	catLinks := make([]link, len(cats))
	for i, c := range cats {
		catLinks[i] = link{URL: router.TitleURL(router.CategoryTitle(c)), Text: c}
	}
	loc, l := zoneOf(r), s.lang(r, m)
	d := map[string]any{
		"ViewURL": router.TitleURL(title), "HistoryURL": s.Routes.Path("page.history", "title", title),
		"BacklinksURL": s.Routes.Path("page.backlinks", "title", title),
		"DisplayTitle": router.DisplayTitle(title), "PageID": p.ID, "Length": l.Number(p.Size),
		"Redirects": redirectLinks, "MoreRedirects": more, "Backlinks": l.Number(int(backlinks)), "LinksOut": l.Number(len(out)),
		"Categories":     catLinks,
		"EditProtection": protectionText(l, prot.Edit), "MoveProtection": protectionText(l, prot.Move),
		"Creator": users[stats.First.UserName], "Created": whenIn(l, loc, stats.First.Timestamp), "CreatedURL": s.revisionURL(stats.First.ID),
		"LatestEditor": users[stats.Latest.UserName], "Latest": whenIn(l, loc, stats.Latest.Timestamp), "LatestURL": s.revisionURL(stats.Latest.ID),
		"Edits": l.Number(int(stats.Edits)), "Authors": l.Number(int(stats.Authors)),
	}
	if p.Redirect != "" {
		d["RedirectTo"] = titleLink(p.Redirect)
	}
	if prot.Edit != "" || prot.Move != "" {
		d["ProtectionExpires"] = l.T("pageinfo-infinite")
		if !prot.Expires.IsZero() {
			d["ProtectionExpires"] = whenIn(l, loc, prot.Expires)
		}
	}
	return s.view(w, r, m, http.StatusOK, l.T("pageinfo-title", "Title", router.DisplayTitle(title)), "info", d)
}

// protectionText says in l who may do what a protection level guards.
func protectionText(l *i18n.Lang, group string) string {
	if group == "" {
		return l.T("pageinfo-protect-all")
	}
	return l.T("pageinfo-protect-group", "Group", group)
}
