package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

type historyRow struct {
	URL, DiffURL, Time, User, Summary string
	UndoURL                           string // for those who may edit
	Size                              int
	Minor                             bool
}

// pageHistory lists a page's revisions, newest first, a page at a time
// (before= the last id shown), each linking its revision and its diff.
func (s *Server) pageHistory(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title := r.Context(), m.Title()
	p, err := s.Store.PageByTitle(ctx, title)
	if err != nil {
		return err
	}
	limit := int(m.Params.Int("limit"))
	revs, err := s.Store.History(ctx, p.ID, m.Params.Int("before"), limit+1)
	if err != nil {
		return err
	}
	var next string
	if len(revs) > limit {
		revs = revs[:limit]
		next = s.Routes.Path("page.history", "title", title) + "?" +
			url.Values{"before": {itoa(revs[limit-1].ID)}, "limit": {strconv.Itoa(limit)}}.Encode()
	}
	canEdit := userOf(r).Can(router.RightEdit)
	rows := make([]historyRow, len(revs))
	for i, rev := range revs {
		rows[i] = historyRow{URL: s.revisionURL(rev.ID), Time: when(rev.Timestamp), User: rev.UserName,
			Summary: rev.Summary, Size: rev.Size, Minor: rev.Minor}
		if rev.ParentID != 0 {
			rows[i].DiffURL = s.diffURL(rev.ParentID, rev.ID)
			if canEdit {
				rows[i].UndoURL = s.Routes.Path("page.edit", "title", title) + "?" + url.Values{"undo": {itoa(rev.ID)}}.Encode()
			}
		}
	}
	return s.view(w, r, m, http.StatusOK, "History of "+router.DisplayTitle(title), "history", map[string]any{
		"ViewURL": router.TitleURL(title), "FeedURL": s.Routes.Path("page.feed", "title", title),
		"Revisions": rows, "Next": next,
	})
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
