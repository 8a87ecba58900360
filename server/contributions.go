package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

type contribRow struct {
	Time, URL, Title, PageURL, HistURL, DiffURL, Summary string
	Delta                                                sizeDelta
	Minor, New, Current                                  bool
}

// userContributions lists a user's edits newest first, a page at a time
// (before= the last revision shown), as MediaWiki's Special:Contributions:
// time (linking the revision), diff and history links, size change,
// minor and new-page marks, page, summary, and "current" on the page's
// latest revision. Anonymous editors' addresses work as names too.
func (s *Server) userContributions(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx := r.Context()
	name := contributorName(m.Params.Get("user"))
	limit := int(m.Params.Int("limit"))
	cs, err := s.Store.Contributions(ctx, store.ContributionsQuery{UserName: name, Before: m.Params.Int("before"), Limit: limit + 1})
	if err != nil {
		return err
	}
	var next string
	if len(cs) > limit {
		cs = cs[:limit]
		next = s.contributionsURL(name) + "?" +
			url.Values{"before": {itoa(cs[limit-1].ID)}, "limit": {strconv.Itoa(limit)}}.Encode()
	}
	users, err := s.userLinks(ctx, []string{name})
	if err != nil {
		return err
	}
	rows, loc, l := make([]contribRow, len(cs)), zoneOf(r), s.lang(r, m)
	for i, c := range cs {
		row := contribRow{Time: whenIn(l, loc, c.Timestamp), URL: s.revisionURL(c.ID), Title: router.DisplayTitle(c.Title),
			PageURL: router.TitleURL(c.Title), HistURL: s.Routes.Path("page.history", "title", c.Title),
			Summary: c.Summary, Delta: deltaOf(l, c.ParentSize, c.Size), Minor: c.Minor, New: c.ParentID == 0, Current: c.Current}
		if c.ParentID != 0 {
			row.DiffURL = s.diffURL(c.ParentID, c.ID)
		}
		rows[i] = row
	}
	// The user's links go into a sentence ("For …"): rendered first.
	userHTML, err := bodyIn(l, "userlinks", users[name])
	if err != nil {
		return err
	}
	return s.view(w, r, m, http.StatusOK, l.T("contributions-title", "User", name), "contributions", map[string]any{
		"User": userHTML, "Rows": rows, "Next": next,
		"Newest": m.Params.Int("before") > 0, "NewestURL": s.contributionsURL(name),
	})
}

// contributorName is the stored form of a name from the URL: an account's
// name normalized as at registration (Ada_lovelace → Ada lovelace), or an
// anonymous editor's address as given, underscores as spaces.
func contributorName(raw string) string {
	if n, err := userinfo.NormalizeUserName(raw); err == nil {
		return n
	}
	return strings.TrimSpace(strings.ReplaceAll(raw, "_", " "))
}
