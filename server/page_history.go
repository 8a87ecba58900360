package server

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

type historyRow struct {
	ID                              int64
	URL, Time, Summary              string
	Size                            int
	CurURL, PrevURL, UndoURL        string
	User                            userLink
	Delta                           sizeDelta
	Minor, Current, OldSel, DiffSel bool
}

// pageHistory lists a page's revisions, newest first, a page at a time
// (before= the last id shown), as MediaWiki's action=history: radio buttons
// to compare any two, "cur" and "prev" diffs, the author's user page and
// contributions, the size and its change, the minor mark, and an undo link
// for those who may edit.
//
// The compare form GETs MediaWiki's entry point, /index.php?title=T&
// oldid=A&diff=B, whose mapping to /-/diff/A/B the registry already
// declares (page.diff's Legacy.Query): a GET form cannot fill the diff
// route's path parameters, and that cacheable 301 is exactly MediaWiki's
// own history form, so no extra route is needed.
func (s *Server) pageHistory(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title := r.Context(), m.Title()
	p, err := s.Store.PageByTitle(ctx, title)
	if err != nil {
		return err
	}
	limit := int(m.Params.Int("limit"))
	// One more than shown: whether there is a next page, and the size of
	// the last row's parent.
	revs, err := s.Store.History(ctx, p.ID, m.Params.Int("before"), limit+1)
	if err != nil {
		return err
	}
	sizes := make(map[int64]int, len(revs))
	for _, rev := range revs {
		sizes[rev.ID] = rev.Size
	}
	var next string
	if len(revs) > limit {
		revs = revs[:limit]
		next = s.Routes.Path("page.history", "title", title) + "?" +
			url.Values{"before": {itoa(revs[limit-1].ID)}, "limit": {strconv.Itoa(limit)}}.Encode()
	}
	names := make([]string, len(revs))
	for i, rev := range revs {
		names[i] = rev.UserName
	}
	users, err := s.userLinks(ctx, names)
	if err != nil {
		return err
	}
	canEdit := userOf(r).Can(router.RightEdit)
	rows, loc, l := make([]historyRow, len(revs)), zoneOf(r), s.lang(r, m)
	for i, rev := range revs {
		parentSize, ok := sizes[rev.ParentID]
		if !ok && rev.ParentID != 0 { // not on this page of history (or merged by an undeletion)
			parent, err := s.Store.RevisionByID(ctx, rev.ParentID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			parentSize = parent.Size
		}
		row := historyRow{ID: rev.ID, URL: s.revisionURL(rev.ID), Time: whenIn(l, loc, rev.Timestamp), User: users[rev.UserName],
			Summary: rev.Summary, Size: rev.Size, Delta: deltaOf(l, parentSize, rev.Size), Minor: rev.Minor,
			Current: rev.ID == p.LatestRev}
		if !row.Current {
			row.CurURL = s.diffURL(rev.ID, p.LatestRev)
		}
		if rev.ParentID != 0 {
			row.PrevURL = s.diffURL(rev.ParentID, rev.ID)
			if canEdit {
				row.UndoURL = s.Routes.Path("page.edit", "title", title) + "?undo=" + itoa(rev.ID)
			}
		}
		rows[i] = row
	}
	// Preselected as MediaWiki: the newest shown against the one before it.
	if len(rows) > 1 {
		rows[0].DiffSel, rows[1].OldSel = true, true
	}
	legend, err := historyLegend(l)
	if err != nil {
		return err
	}
	return s.view(w, r, m, http.StatusOK, l.T("history-title", "Title", router.DisplayTitle(title)), "history", map[string]any{
		"ViewURL": router.TitleURL(title), "FeedURL": s.Routes.Path("page.feed", "title", title),
		"InfoURL": s.Routes.Path("page.info", "title", title),
		"Compare": s.Routes.Path("mw.index"), "Title": title,
		"Revisions": rows, "Next": next, "Legend": legend,
	})
}

// historyLegend is the legend of a history in l: what cur, prev and the
// minor mark mean, each shown as in the rows.
func historyLegend(l *i18n.Lang) (template.HTML, error) {
	minor, err := bodyIn(l, "minormark", nil)
	if err != nil {
		return "", err
	}
	bold := func(key string) template.HTML {
		return template.HTML("<b>" + template.HTMLEscapeString(l.T(key)) + "</b>")
	}
	return l.HTML("histlegend", "Cur", bold("cur"), "Last", bold("last"), "Minor", minor), nil
}

// revisionURL is the path of the revision id.
func (s *Server) revisionURL(id int64) string { return s.Routes.Path("page.revision", "id", itoa(id)) }

// diffURL is the path of the changes from revision a to revision b.
func (s *Server) diffURL(a, b int64) string {
	return s.Routes.Path("page.diff", "a", itoa(a), "b", itoa(b))
}

// visibleRevision returns a revision, hiding those of deleted pages from
// readers without the delete right.
func (s *Server) visibleRevision(r *http.Request, id int64) (store.Revision, error) {
	rev, err := s.Store.RevisionByID(r.Context(), id)
	if err != nil {
		return rev, err
	}
	if rev.Deleted && !userOf(r).Can(router.RightDelete) {
		return rev, errorf(http.StatusNotFound, "revision %d belongs to a deleted page", id)
	}
	return rev, nil
}
