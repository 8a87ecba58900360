package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// action=query: its meta, prop and list modules over one set of pages
// (titles=, pageids= or revids=, redirects=1), and continuation as
// MediaWiki's: "continue" holds what to send again for the next batch,
// and "batchcomplete" says the props of this batch's pages are complete.

// queryRun is the state of one action=query.
type queryRun struct {
	q     *apiRequest
	query map[string]any // the answer's "query"
	cont  map[string]string
	// pages is the page set; revids the revisions asked for by revids=
	// (their pages are in pages).
	pages    []*apiPage
	revids   map[int64][]int64 // page id → revisions asked for
	propMore bool              // a prop module continues
}

// apiPage is one page of the page set.
type apiPage struct {
	title   string // DB key; "" for an invalid title or a missing pageid
	page    store.Page
	exists  bool
	out     map[string]any
	missing int64 // a missing pageid
}

var (
	queryProps = []string{"revisions", "info", "categories", "links", "templates"}
	queryLists = []string{"allpages", "recentchanges", "search", "backlinks", "categorymembers", "usercontribs", "logevents", "watchlist"}
	queryMetas = []string{"siteinfo", "tokens", "userinfo"}
)

func (q *apiRequest) query() (map[string]any, error) {
	run := &queryRun{q: q, query: map[string]any{}, cont: map[string]string{}}
	props := q.values("query", "prop", queryProps)
	lists := q.values("query", "list", queryLists)
	metas := q.values("query", "meta", queryMetas)
	q.get("continue")
	q.get("rawcontinue")
	q.get("indexpageids")
	q.get("export")
	gen := q.get("generator")
	read := len(props) > 0 || len(lists) > 0 || gen != "" || q.has("titles") || q.has("pageids") || q.has("revids")
	if read && !q.canRead() {
		return nil, apiErr("readapidenied", "You need read permission to use this module.")
	}
	var err error
	switch {
	case gen != "" && (q.has("titles") || q.has("pageids") || q.has("revids")):
		err = apiErr("invalidparammix", `The parameters "generator" and "titles", "pageids" or "revids" can not be used together.`)
	case gen != "":
		err = run.generate(gen)
	default:
		err = run.pageSet()
	}
	if err != nil {
		return nil, err
	}
	for _, p := range props {
		var err error
		switch p {
		case "revisions":
			err = run.revisions()
		case "info":
			err = run.info()
		case "categories":
			err = run.categories()
		case "links":
			err = run.links()
		case "templates":
			err = run.templates()
		}
		if err != nil {
			return nil, err
		}
	}
	for _, l := range lists {
		var err error
		switch l {
		case "allpages":
			err = run.allPages()
		case "recentchanges":
			err = run.recentChanges()
		case "search":
			err = run.search()
		case "backlinks":
			err = run.backlinks()
		case "categorymembers":
			err = run.categoryMembers()
		case "usercontribs":
			err = run.userContribs()
		case "logevents":
			err = run.logEvents()
		case "watchlist":
			err = run.watchlist()
		}
		if err != nil {
			return nil, err
		}
	}
	for _, m := range metas {
		var err error
		switch m {
		case "siteinfo":
			err = run.siteInfo()
		case "tokens":
			q.metaTokens(run.query)
		case "userinfo":
			run.userInfo()
		}
		if err != nil {
			return nil, err
		}
	}
	return run.result(), nil
}

// result is the answer: query (when it holds anything), continue and
// batchcomplete.
func (run *queryRun) result() map[string]any {
	q := run.q
	if run.pages != nil {
		if q.fv2 {
			list := make([]any, 0, len(run.pages))
			for _, p := range run.pages {
				list = append(list, p.out)
			}
			run.query["pages"] = list
		} else {
			byID := map[string]any{}
			missing := -1
			for _, p := range run.pages {
				key := strconv.FormatInt(p.page.ID, 10)
				if !p.exists {
					key = strconv.Itoa(missing)
					missing--
				}
				byID[key] = p.out
			}
			run.query["pages"] = byID
		}
	}
	out := map[string]any{}
	if len(run.query) > 0 {
		out["query"] = run.query
	}
	if len(run.cont) > 0 {
		c := map[string]any{}
		for k, v := range run.cont {
			c[k] = v
		}
		c["continue"] = "-||"
		if run.propMore {
			c["continue"] = "||"
		}
		out["continue"] = c
	}
	if !run.propMore {
		out["batchcomplete"] = q.flag()
	}
	return out
}

// pageSet reads titles=, pageids= or revids= (one of them) and
// redirects=, and fills run.pages with "normalized" and "redirects" as
// MediaWiki's.
func (run *queryRun) pageSet() error {
	q := run.q
	titles, ids, revids := q.list("titles"), q.list("pageids"), q.list("revids")
	redirects := q.has("redirects")
	q.has("converttitles")
	n := 0
	for _, l := range [][]string{titles, ids, revids} {
		if len(l) > 0 {
			n++
		}
		if len(l) > mwMaxValues {
			return apiErr("toomanyvalues", "Too many values supplied for a parameter. The limit is "+strconv.Itoa(mwMaxValues)+".")
		}
	}
	if n > 1 {
		return apiErr("invalidparammix", `The parameters "titles", "pageids" and "revids" can not be used together.`)
	}
	if n == 0 {
		return nil
	}
	ctx := q.r.Context()
	run.pages = []*apiPage{}
	var normalized, redirected []any
	seen := map[string]bool{}
	addTitle := func(title string) error {
		if redirects {
			t, from, err := run.followRedirect(title)
			if err != nil {
				return err
			}
			if from != "" {
				redirected = append(redirected, map[string]any{"from": router.DisplayTitle(from), "to": router.DisplayTitle(t)})
			}
			title = t
		}
		if seen[title] {
			return nil
		}
		seen[title] = true
		p, err := q.s.Store.PageByTitle(ctx, title)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		run.pages = append(run.pages, run.newPage(title, p, err == nil))
		return nil
	}
	for _, raw := range titles {
		title, err := router.NormalizeTitle(raw)
		if err != nil || router.IsSpecial(title) {
			reason := "The requested page title is invalid."
			if err != nil {
				reason = capitalize(userMessage(err)) + "."
			}
			out := map[string]any{"title": raw, "invalidreason": reason}
			q.setFlag(out, "invalid", true)
			run.pages = append(run.pages, &apiPage{out: out})
			continue
		}
		if d := router.DisplayTitle(title); d != raw {
			normalized = append(normalized, map[string]any{"fromencoded": false, "from": raw, "to": d})
		}
		if err := addTitle(title); err != nil {
			return err
		}
	}
	for _, raw := range ids {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return apiErr("badinteger", `Invalid value "`+raw+`" for integer parameter "pageids".`)
		}
		p, err := q.s.Store.PageByID(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			out := map[string]any{"pageid": id}
			q.setFlag(out, "missing", true)
			run.pages = append(run.pages, &apiPage{out: out, missing: id})
		case err != nil:
			return err
		default:
			if err := addTitle(p.Title); err != nil {
				return err
			}
		}
	}
	if len(revids) > 0 {
		if err := run.revisionSet(revids); err != nil {
			return err
		}
	}
	if normalized != nil {
		run.query["normalized"] = normalized
	}
	if redirected != nil {
		run.query["redirects"] = redirected
	}
	return nil
}

// revisionSet fills the page set from revids=: the pages of the
// revisions; the revisions that do not exist (or belong to a deleted
// page) are "badrevids".
func (run *queryRun) revisionSet(raw []string) error {
	q := run.q
	run.revids = map[int64][]int64{}
	bad := map[string]any{}
	byPage := map[int64]*apiPage{}
	for _, v := range raw {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return apiErr("badinteger", `Invalid value "`+v+`" for integer parameter "revids".`)
		}
		rev, err := q.s.visibleRevision(q.r, id)
		if err == nil && rev.Deleted {
			err = store.ErrNotFound
		}
		var p store.Page
		if err == nil {
			p, err = q.s.Store.PageByID(q.r.Context(), rev.PageID)
		}
		if err != nil {
			if classify(err).Status >= 500 {
				return err
			}
			e := map[string]any{"revid": id}
			q.setFlag(e, "missing", true)
			bad[v] = e
			continue
		}
		if byPage[p.ID] == nil {
			byPage[p.ID] = run.newPage(p.Title, p, true)
			run.pages = append(run.pages, byPage[p.ID])
		}
		run.revids[p.ID] = append(run.revids[p.ID], id)
	}
	if len(bad) > 0 {
		run.query["badrevids"] = bad
	}
	return nil
}

// followRedirect resolves title when it is a redirect (one step, as
// MediaWiki's redirects=1): the target and the redirect's title, or title
// and "".
func (run *queryRun) followRedirect(title string) (string, string, error) {
	p, err := run.q.s.Store.PageByTitle(run.q.r.Context(), title)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return title, "", nil
	case err != nil:
		return "", "", err
	case p.Redirect == "" || p.Redirect == title:
		return title, "", nil
	}
	return p.Redirect, title, nil
}

// newPage is a page of the set: pageid, ns and title, or missing.
func (run *queryRun) newPage(title string, p store.Page, exists bool) *apiPage {
	out := map[string]any{"ns": nsID(title), "title": router.DisplayTitle(title)}
	if exists {
		out["pageid"] = p.ID
	} else {
		run.q.setFlag(out, "missing", true)
	}
	return &apiPage{title: title, page: p, exists: exists, out: out}
}

// MediaWiki's namespace numbers of Folio's namespaces (router.Namespaces).
var nsIDs = map[string]int{
	"": 0, "Talk": 1, "User": 2, "User_talk": 3, "Project": 4, "Project_talk": 5, "File": 6, "File_talk": 7,
	"MediaWiki": 8, "MediaWiki_talk": 9, "Template": 10, "Template_talk": 11, "Help": 12, "Help_talk": 13,
	"Category": 14, "Category_talk": 15, "Special": -1, "Media": -2,
}

// nsID is the namespace number of a canonical title.
func nsID(title string) int {
	if i := strings.IndexByte(title, ':'); i > 0 {
		if id, ok := nsIDs[title[:i]]; ok && router.InNamespace(title, title[:i]) {
			return id
		}
	}
	return 0
}

// nsName is the canonical name of a namespace number, "" for the main one;
// ok is false for a number Folio does not have.
func nsName(id int) (string, bool) {
	for name, n := range nsIDs {
		if n == id {
			return name, true
		}
	}
	return "", false
}
