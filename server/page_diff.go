package server

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/diff"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// The most of a diff the page shows: lines (context included) and bytes of
// line text. What is beyond is left out with a notice, so that a diff of two
// large revisions stays a page a browser can show. The line diff itself is
// bounded by internal/diff's budgets, and the texts by --max-page-bytes.
const (
	diffMaxLines = 2000
	diffMaxBytes = 512 << 10
)

// nextScan bounds the edits a rollback may revert.
const nextScan = 2000

// diffSide is the header of one side of a diff.
type diffSide struct {
	ID                 int64
	URL, Time, Summary string
	User, UserURL      string
	Size               int
	Delta              string // the size change from the revision's parent, "+12", "−3"
	Minor              bool
	NavURL, NavText    string // "← Older edit" on the old side, "Newer edit →" on the new
	Title, TitleURL    string // the page, shown when the two sides are of different pages
	UndoURL            string // the new side, for those who may edit
	RollbackURL, CSRF  string // the new side, when it is current, for those who may roll back
	RollbackFrom       string
	Current            bool
}

// pageDiff shows the changes from revision a to revision b, inline or side by
// side (view=side), line by line with the changed words marked, under
// headers naming both revisions, as MediaWiki's diff page.
func (s *Server) pageDiff(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, u := r.Context(), userOf(r)
	a, err := s.visibleRevision(r, m.Params.Int("a"))
	if err != nil {
		return err
	}
	b, err := s.visibleRevision(r, m.Params.Int("b"))
	if err != nil {
		return err
	}
	side := m.Params.Get("view") == "side"
	samePage, l := a.PageID == b.PageID, s.lang(r, m)
	title := l.T("difference-title", "Title", router.DisplayTitle(b.Title))
	if !samePage {
		title = l.T("difference-title-multipage", "Old", router.DisplayTitle(a.Title), "New", router.DisplayTitle(b.Title))
	}

	old := s.diffSide(ctx, l, zoneOf(r), a, store.Revision{})
	nw := s.diffSide(ctx, l, zoneOf(r), b, a) // b's parent is often a: its size is known
	if !samePage {
		old.Title, old.TitleURL = router.DisplayTitle(a.Title), router.TitleURL(a.Title)
		nw.Title, nw.TitleURL = router.DisplayTitle(b.Title), router.TitleURL(b.Title)
	}
	if a.ParentID != 0 {
		old.NavURL, old.NavText = s.diffURL(a.ParentID, a.ID), l.T("previousdiff")
	}
	page, err := s.Store.PageByTitle(ctx, b.Title) // its current revision, without a text; none when deleted
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	nw.Current = page.ID != 0 && page.LatestRev == b.ID
	if next, err := s.nextRevision(ctx, b, page); err != nil {
		return err
	} else if next != 0 {
		nw.NavURL, nw.NavText = s.diffURL(b.ID, next), l.T("nextdiff")
	}
	if samePage && a.ID < b.ID && b.ParentID != 0 && !b.Deleted && u.Can(router.RightEdit) {
		q := url.Values{"undo": {itoa(b.ID)}}
		if a.ID != b.ParentID {
			q.Set("undoafter", itoa(a.ID))
		}
		nw.UndoURL = s.Routes.Path("page.edit", "title", b.Title) + "?" + q.Encode()
	}
	if nw.Current && u.Can(router.RightRollback) && b.UserName != "" {
		nw.RollbackURL = s.Routes.Path("page.rollback", "title", b.Title)
		nw.RollbackFrom = b.UserName
		nw.CSRF = s.Users.CSRFToken(w, r, u)
	}

	if side { // the neighbours' diffs keep the layout
		for _, sd := range []*diffSide{&old, &nw} {
			if sd.NavURL != "" {
				sd.NavURL += "?" + url.Values{"view": {"side"}}.Encode()
			}
		}
	}
	d := map[string]any{"Old": old, "New": nw, "Same": a.Text == b.Text, "Side": side}
	base := s.diffURL(a.ID, b.ID)
	d["InlineURL"], d["SideURL"] = base, base+"?"+url.Values{"view": {"side"}}.Encode()
	if a.Text != b.Text {
		lines := diff.Lines(a.Text, b.Text)
		added, removed := diff.Stats(lines)
		hunks, cut := diff.Truncate(diff.Hunks(lines, 3), diffMaxLines, diffMaxBytes)
		table := diff.HTML(hunks)
		if side {
			table = diff.SideHTML(hunks)
		}
		d["Added"], d["Removed"], d["Cut"], d["Table"] = added, removed, cut, template.HTML(table)
		d["MaxLines"] = diffMaxLines
	}
	return s.view(w, r, m, http.StatusOK, title, "diff", d)
}

// diffSide is the header of revision rev; known is a revision already
// read, used when it is rev's parent (zero: none).
//
// It is in l, its time in loc, the reader's zone.
func (s *Server) diffSide(ctx context.Context, l *i18n.Lang, loc *time.Location, rev, known store.Revision) diffSide {
	d := diffSide{ID: rev.ID, URL: s.revisionURL(rev.ID), Time: whenIn(l, loc, rev.Timestamp), Summary: rev.Summary,
		User: rev.UserName, Size: rev.Size, Minor: rev.Minor}
	if rev.UserName != "" {
		d.UserURL = router.TitleURL(router.UserTitle(rev.UserName))
	}
	switch {
	case rev.ParentID != 0 && rev.ParentID == known.ID:
		d.Delta = deltaOf(l, known.Size, rev.Size).Text
	case rev.ParentID != 0:
		if p, err := s.Store.RevisionByID(ctx, rev.ParentID); err == nil {
			d.Delta = deltaOf(l, p.Size, rev.Size).Text
		}
	default:
		d.Delta = deltaOf(l, 0, rev.Size).Text
	}
	return d
}

// nextRevision returns the id of the revision of rev's page saved after
// rev, or 0 when rev is current or its page is now another (page is rev's
// title's page, zero when there is none).
func (s *Server) nextRevision(ctx context.Context, rev store.Revision, page store.Page) (int64, error) {
	if page.ID == 0 || page.ID != rev.PageID || page.LatestRev == rev.ID {
		return 0, nil
	}
	return s.Store.NextRevision(ctx, rev.PageID, rev.ID)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
