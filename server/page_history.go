package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

type historyRow struct {
	URL, DiffURL, Time, User, Summary string
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
		next = fmt.Sprintf("/-/history/%s?before=%d&limit=%d", router.EscapeTitle(title), revs[limit-1].ID, limit)
	}
	rows := make([]historyRow, len(revs))
	for i, rev := range revs {
		rows[i] = historyRow{URL: revisionURL(rev.ID), Time: when(rev.Timestamp), User: rev.UserName,
			Summary: rev.Summary, Size: rev.Size, Minor: rev.Minor}
		if rev.ParentID != 0 {
			rows[i].DiffURL = diffURL(rev.ParentID, rev.ID)
		}
	}
	return s.view(w, r, m, http.StatusOK, "History of "+router.DisplayTitle(title), "history", map[string]any{
		"ViewURL": router.TitleURL(title), "FeedURL": "/-/feed/history/" + router.EscapeTitle(title),
		"Revisions": rows, "Next": next,
	})
}

func revisionURL(id int64) string { return "/-/revision/" + strconv.FormatInt(id, 10) }

func diffURL(a, b int64) string {
	return "/-/diff/" + strconv.FormatInt(a, 10) + "/" + strconv.FormatInt(b, 10)
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
