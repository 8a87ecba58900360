package server

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

type changeRow struct {
	Time, Clock, Title, PageURL, DiffURL, Kind, Target, TargetURL, Summary string
	Action                                                                 template.HTML // what was done, in the reader's language ("moved to <a>B</a>")
	User                                                                   userLink
	Delta                                                                  sizeDelta
	Minor                                                                  bool
}

// changeDay is the rows of one day of the reader's (in their time zone),
// newest first: the recent changes' (changeRow) and the watchlist's.
type changeDay[R any] struct {
	Date    string // "6 December 2026", in the reader's language
	ISO     string // "2026-12-06", for <time datetime>
	Changes []R
}

// byDay groups changes, newest first, into the reader's days (as
// MediaWiki's change lists), each change made a row by row; l writes the
// days' dates.
func byDay[R any](l *i18n.Lang, loc *time.Location, changes []store.Change, row func(store.Change) R) []changeDay[R] {
	var days []changeDay[R]
	for _, c := range changes {
		day := c.Timestamp.In(loc)
		if iso := day.Format("2006-01-02"); len(days) == 0 || days[len(days)-1].ISO != iso {
			days = append(days, changeDay[R]{Date: l.Date(day), ISO: iso})
		}
		d := &days[len(days)-1]
		d.Changes = append(d.Changes, row(c))
	}
	return days
}

// toggle is one show/hide link of the recent changes.
type toggle struct {
	Text, URL string
	On        bool // the filter is applied now
}

// recentFilters are the query of /-/recent, as it round-trips in links.
type recentFilters struct {
	User, Namespace                 string
	HideMinor, HideOwn, HideImports bool
	Limit                           int
}

// values are f as query parameters, defaults left out.
func (f recentFilters) values() url.Values {
	v := url.Values{}
	if f.User != "" {
		v.Set("user", f.User)
	}
	if f.Namespace != "" {
		v.Set("namespace", f.Namespace)
	}
	for k, on := range map[string]bool{"hideminor": f.HideMinor, "hideown": f.HideOwn, "hideimports": f.HideImports} {
		if on {
			v.Set(k, "1")
		}
	}
	if f.Limit != 50 {
		v.Set("limit", strconv.Itoa(f.Limit))
	}
	return v
}

// recent lists recent changes, newest first and grouped by day, filtered by
// user, namespace, hideminor, hideown (the logged-in reader's own changes)
// and hideimports (those of folio import: store.RecentQuery.HideImports), a
// page at a time (before= the last change id shown). The hide/show toggles
// are plain links, so the page needs no script and every view has one URL.
func (s *Server) recent(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u := userOf(r)
	loggedIn := u != nil && u.ID != 0
	f := recentFilters{User: m.Params.Get("user"), Namespace: m.Params.Get("namespace"), Limit: int(m.Params.Int("limit")),
		HideMinor: m.Params.Int("hideminor") == 1, HideOwn: loggedIn && m.Params.Int("hideown") == 1,
		HideImports: m.Params.Int("hideimports") == 1}
	q := store.RecentQuery{Limit: f.Limit + 1, Before: m.Params.Int("before"), UserName: f.User,
		HideMinor: f.HideMinor, Namespace: f.Namespace, HideImports: f.HideImports}
	if f.HideOwn {
		q.HideUserID = u.ID
	}
	changes, err := s.Store.Recent(r.Context(), q)
	if err != nil {
		return err
	}
	base := s.Routes.Path("recent")
	link := func(f recentFilters) string {
		if v := f.values(); len(v) > 0 {
			return base + "?" + v.Encode()
		}
		return base
	}
	var next string
	if len(changes) > f.Limit {
		changes = changes[:f.Limit]
		v := f.values()
		v.Set("before", itoa(changes[f.Limit-1].ID))
		next = base + "?" + v.Encode()
	}
	names := make([]string, len(changes))
	for i, c := range changes {
		names[i] = c.UserName
	}
	users, err := s.userLinks(r.Context(), names)
	if err != nil {
		return err
	}
	loc, l := zoneOf(r), s.lang(r, m)
	days := byDay(l, loc, changes, func(c store.Change) changeRow {
		row := s.changeRowOf(l, loc, c)
		row.User = users[c.UserName]
		return row
	})
	flip := func(t toggleText, on bool, set func(*recentFilters)) toggle {
		g := f
		set(&g)
		return toggle{Text: t.of(l, on), URL: link(g), On: on}
	}
	toggles := []toggle{flip(toggleMinor, f.HideMinor, func(g *recentFilters) { g.HideMinor = !g.HideMinor })}
	if loggedIn {
		toggles = append(toggles, flip(toggleMine, f.HideOwn, func(g *recentFilters) { g.HideOwn = !g.HideOwn }))
	}
	toggles = append(toggles, flip(toggleImports, f.HideImports, func(g *recentFilters) { g.HideImports = !g.HideImports }))
	type option struct {
		Value, Text string
		Selected    bool
	}
	namespaces := []option{{Value: "", Text: l.T("namespacesall"), Selected: f.Namespace == ""}}
	known := f.Namespace == ""
	for _, ns := range router.Namespaces() {
		if ns == "" || ns == "Special" {
			continue
		}
		namespaces = append(namespaces, option{Value: ns, Text: ns, Selected: ns == f.Namespace})
		known = known || ns == f.Namespace
	}
	if !known { // a namespace of the URL that is not declared: keep it shown
		namespaces = append(namespaces, option{Value: f.Namespace, Text: f.Namespace, Selected: true})
	}
	hidden := map[string]string{}
	for k, v := range f.values() {
		if k != "namespace" && k != "user" {
			hidden[k] = v[0]
		}
	}
	return s.view(w, r, m, http.StatusOK, l.T("recentchanges-title"), "recent", map[string]any{
		"Action": base, "FeedURL": s.Routes.Path("recent.feed"), "Days": days, "Next": next,
		"User": f.User, "Namespaces": namespaces, "Toggles": toggles, "Hidden": hidden,
	})
}

// toggleText is the two texts of a show/hide link: the message keys
// of "Hide minor edits" and of "Show minor edits".
type toggleText struct{ Hide, Show string }

var (
	toggleMinor   = toggleText{"rc-hide-minor", "rc-show-minor"}
	toggleMine    = toggleText{"rc-hide-mine", "rc-show-mine"}
	toggleImports = toggleText{"rc-hide-imports", "rc-show-imports"}
)

// of is the text of t in l: "Show …" when the filter is on (hiding).
func (t toggleText) of(l *i18n.Lang, on bool) string {
	if on {
		return l.T(t.Show)
	}
	return l.T(t.Hide)
}

// changeKinds are the message keys of the kinds of change.
var changeKinds = map[string]string{
	store.ChangeEdit: "change-edit", store.ChangeNew: "change-new", store.ChangeDelete: "change-delete",
	store.ChangeUndelete: "change-undelete", store.ChangeMove: "change-move",
}

// changeKind is what change kind did, in l ("edit"); an unknown kind
// is shown as it is.
func changeKind(l *i18n.Lang, kind string) string {
	if key, ok := changeKinds[kind]; ok {
		return l.T(key)
	}
	return kind
}

// changeRowOf is a line of recent changes in l, its times in loc (the
// reader's).
func (s *Server) changeRowOf(l *i18n.Lang, loc *time.Location, c store.Change) changeRow {
	row := changeRow{Time: whenIn(l, loc, c.Timestamp), Clock: l.Time(c.Timestamp.In(loc)), Title: router.DisplayTitle(c.Title),
		PageURL: router.TitleURL(c.Title), Kind: c.Kind, Summary: c.Summary, Minor: c.Minor,
		Delta: deltaOf(l, c.OldSize, c.NewSize)}
	if c.Target != "" {
		row.Target, row.TargetURL = router.DisplayTitle(c.Target), router.TitleURL(c.Target)
	}
	if c.Kind == store.ChangeMove && c.Target != "" {
		row.Action = l.HTML("change-moved-to", "Target", anchor(row.TargetURL, row.Target))
	} else {
		row.Action = template.HTML(template.HTMLEscapeString(changeKind(l, c.Kind)))
	}
	if c.Kind == store.ChangeEdit && c.OldRevID != 0 {
		row.DiffURL = s.diffURL(c.OldRevID, c.RevID)
	}
	return row
}
