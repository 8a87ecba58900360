package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

type changeRow struct {
	Time, Title, PageURL, DiffURL, Kind, Target, TargetURL, Summary string
	User                                                            userLink
	Delta                                                           sizeDelta
	Minor                                                           bool
}

// recent lists recent changes, newest first, filtered by user, namespace
// and hideminor, a page at a time (before= the last change id shown).
func (s *Server) recent(w http.ResponseWriter, r *http.Request, m router.Match) error {
	limit := int(m.Params.Int("limit"))
	q := store.RecentQuery{Limit: limit + 1, Before: m.Params.Int("before"), UserName: m.Params.Get("user"),
		HideMinor: m.Params.Int("hideminor") == 1, Namespace: m.Params.Get("namespace")}
	changes, err := s.Store.Recent(r.Context(), q)
	if err != nil {
		return err
	}
	var next string
	if len(changes) > limit {
		changes = changes[:limit]
		v := url.Values{"before": {itoa(changes[limit-1].ID)}, "limit": {strconv.Itoa(limit)}}
		for k, val := range map[string]string{"user": q.UserName, "namespace": q.Namespace} {
			if val != "" {
				v.Set(k, val)
			}
		}
		if q.HideMinor {
			v.Set("hideminor", "1")
		}
		next = s.Routes.Path("recent") + "?" + v.Encode()
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.UserName
	}
	users, err := s.userLinks(r.Context(), names)
	if err != nil {
		return err
	}
	rows := make([]changeRow, len(changes))
	for i, c := range changes {
		rows[i] = s.changeRowOf(c)
		rows[i].User = users[c.UserName]
	}
	return s.view(w, r, m, http.StatusOK, "Recent changes", "recent", map[string]any{
		"Action": s.Routes.Path("recent"), "FeedURL": s.Routes.Path("recent.feed"), "Changes": rows, "Next": next, "User": q.UserName, "Namespace": q.Namespace, "HideMinor": q.HideMinor,
	})
}

func (s *Server) changeRowOf(c store.Change) changeRow {
	row := changeRow{Time: when(c.Timestamp), Title: router.DisplayTitle(c.Title), PageURL: router.TitleURL(c.Title),
		Kind: c.Kind, Summary: c.Summary, Minor: c.Minor, Delta: deltaOf(c.OldSize, c.NewSize)}
	if c.Target != "" {
		row.Target, row.TargetURL = router.DisplayTitle(c.Target), router.TitleURL(c.Target)
	}
	if c.Kind == store.ChangeEdit && c.OldRevID != 0 {
		row.DiffURL = s.diffURL(c.OldRevID, c.RevID)
	}
	return row
}
