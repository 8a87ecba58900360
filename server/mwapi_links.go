package server

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// prop=categories|links|templates, list=backlinks|categorymembers|
// usercontribs|logevents, and generator= over the lists.

// pageTitles is a prop over the page set: each existing page's titles
// (categories, links, templates) from read, at most limit of them (the
// rest continues from the title after, under contKey).
func (run *queryRun) pageTitles(module, key, limitName, contName string, read func(store.Page) ([]string, error), title func(string) string) error {
	q := run.q
	limit, err := q.limit(module, limitName, 10, mwLimit)
	if err != nil {
		return err
	}
	// Continuation: "pageid|title" of the first entry not yet given.
	contPage, contFrom := int64(0), ""
	if c := q.get(contName); c != "" {
		id, from, _ := strings.Cut(c, "|")
		if contPage, err = strconv.ParseInt(id, 10, 64); err != nil {
			return apiErr("badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.")
		}
		contFrom = from
	}
	n := 0
	for _, p := range run.pages {
		if !p.exists || p.page.ID < contPage {
			continue
		}
		titles, err := read(p.page)
		if err != nil {
			return err
		}
		list := []any{}
		for _, t := range titles {
			t = title(t)
			if p.page.ID == contPage && t < contFrom {
				continue
			}
			if n == limit {
				run.cont[contName] = strconv.FormatInt(p.page.ID, 10) + "|" + t
				run.propMore = true
				break
			}
			list = append(list, map[string]any{"ns": nsID(t), "title": router.DisplayTitle(t)})
			n++
		}
		if len(list) > 0 {
			p.out[key] = list
		}
		if run.propMore {
			break
		}
	}
	return nil
}

func (run *queryRun) categories() error {
	run.q.get("clprop")
	run.q.get("clshow")
	run.q.get("clcategories")
	return run.pageTitles("categories", "categories", "cllimit", "clcontinue", func(p store.Page) ([]string, error) {
		return run.q.s.Store.PageCategories(run.q.r.Context(), p.ID)
	}, func(c string) string { return router.NamespaceTitle(router.CategoryNamespace, c) })
}

func (run *queryRun) links() error {
	run.q.get("plnamespace")
	run.q.get("pltitles")
	return run.pageTitles("links", "links", "pllimit", "plcontinue", func(p store.Page) ([]string, error) {
		return run.q.s.Store.OutgoingLinks(run.q.r.Context(), p.ID)
	}, func(t string) string { return t })
}

func (run *queryRun) templates() error {
	run.q.get("tlnamespace")
	run.q.get("tltemplates")
	return run.pageTitles("templates", "templates", "tllimit", "tlcontinue", func(p store.Page) ([]string, error) {
		return run.q.s.Store.PageTemplates(run.q.r.Context(), p.ID)
	}, func(t string) string { return t })
}

// titleList lists titles from read(from, limit+1) as pages (pageid, ns,
// title) under key, continued from the first title not listed (contName).
func (run *queryRun) titleList(module, key, limitName, contName string, from string, read func(from string, limit int) ([]string, error)) error {
	q := run.q
	limit, err := q.limit(module, limitName, 10, mwLimit)
	if err != nil {
		return err
	}
	if c := q.get(contName); c != "" {
		from = c
	}
	titles, err := read(from, limit+1)
	if err != nil {
		return err
	}
	out := []any{}
	for i, t := range titles {
		if i == limit {
			run.cont[contName] = t
			break
		}
		e := map[string]any{"ns": nsID(t), "title": router.DisplayTitle(t)}
		p, err := q.s.Store.PageByTitle(q.r.Context(), t)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		e["pageid"] = p.ID
		out = append(out, e)
	}
	run.query[key] = out
	return nil
}

// titleParam reads a required title parameter (or its page id twin).
func (q *apiRequest) titleParam(name, idName string) (string, error) {
	if q.get(idName) == "" && q.get(name) == "" {
		return "", apiErr("missingparam", `The "`+name+`" parameter must be set.`)
	}
	return q.pageParam(name, idName)
}

// backlinks is list=backlinks: bltitle (or blpageid), bllimit,
// blcontinue; the pages linking to it, by title.
func (run *queryRun) backlinks() error {
	q := run.q
	title, err := q.titleParam("bltitle", "blpageid")
	if err != nil {
		return err
	}
	for _, p := range []string{"blnamespace", "bldir", "blfilterredir", "blredirect"} {
		q.get(p)
	}
	return run.titleList("backlinks", "backlinks", "bllimit", "blcontinue", "", func(from string, limit int) ([]string, error) {
		return q.s.Store.Backlinks(q.r.Context(), title, from, limit)
	})
}

// categoryMembers is list=categorymembers: cmtitle (Category:…, or
// cmpageid), cmlimit, cmcontinue; members by title.
func (run *queryRun) categoryMembers() error {
	q := run.q
	title, err := q.titleParam("cmtitle", "cmpageid")
	if err != nil {
		return err
	}
	name, ok := router.CutNamespace(title, router.CategoryNamespace)
	if !ok {
		return apiErr("invalidcategory", "The category name you entered is not valid.")
	}
	for _, p := range []string{"cmprop", "cmnamespace", "cmtype", "cmsort", "cmdir", "cmstart", "cmend", "cmstarthexsortkey", "cmendhexsortkey", "cmstartsortkeyprefix", "cmendsortkeyprefix"} {
		q.get(p)
	}
	return run.titleList("categorymembers", "categorymembers", "cmlimit", "cmcontinue", "", func(from string, limit int) ([]string, error) {
		return q.s.Store.CategoryMembers(q.r.Context(), name, from, limit)
	})
}

// userContribs is list=usercontribs: ucuser (one), uclimit, uccontinue,
// ucprop; newest first.
func (run *queryRun) userContribs() error {
	q := run.q
	user := q.get("ucuser")
	if user == "" {
		return apiErr("missingparam", `The "ucuser" parameter must be set.`)
	}
	if strings.Contains(user, "|") {
		return apiErr("badvalue", "This wiki's usercontribs takes one user.")
	}
	limit, err := q.limit("usercontribs", "uclimit", 10, mwLimit)
	if err != nil {
		return err
	}
	props := map[string]bool{}
	for _, p := range q.values("usercontribs", "ucprop", []string{"ids", "title", "timestamp", "comment", "parsedcomment", "size", "sizediff", "flags", "patrolled", "tags"}, "ids", "title", "timestamp", "comment", "size", "flags") {
		props[p] = true
	}
	for _, p := range []string{"ucnamespace", "ucshow", "ucdir", "ucstart", "ucend", "ucuserprefix", "ucuserids", "uciprange", "uctag", "uctoponly"} {
		q.get(p)
	}
	cq := store.ContributionsQuery{UserName: strings.ReplaceAll(user, "_", " "), Limit: limit + 1}
	if c := q.get("uccontinue"); c != "" {
		_, id, _ := strings.Cut(c, "|")
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return apiErr("badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.")
		}
		cq.Before = n + 1
	}
	contribs, err := q.s.Store.Contributions(q.r.Context(), cq)
	if err != nil {
		return err
	}
	out := []any{}
	for i, c := range contribs {
		if i == limit {
			run.cont["uccontinue"] = mwTimeDigits(c.Timestamp) + "|" + strconv.FormatInt(c.ID, 10)
			break
		}
		e := map[string]any{"userid": c.UserID, "user": c.UserName}
		if props["ids"] {
			e["pageid"], e["revid"], e["parentid"] = c.PageID, c.ID, c.ParentID
		}
		if props["title"] {
			e["ns"], e["title"] = nsID(c.Title), router.DisplayTitle(c.Title)
		}
		if props["timestamp"] {
			e["timestamp"] = mwTime(c.Timestamp)
		}
		if props["comment"] {
			e["comment"] = c.Summary
		}
		if props["parsedcomment"] {
			e["parsedcomment"] = escapeHTML(c.Summary)
		}
		if props["size"] {
			e["size"] = c.Size
		}
		if props["sizediff"] {
			e["sizediff"] = c.Size - c.ParentSize
		}
		if props["flags"] {
			if q.fv2 {
				e["new"], e["minor"], e["top"] = c.ParentID == 0, c.Minor, c.Current
			} else {
				q.setFlag(e, "new", c.ParentID == 0)
				q.setFlag(e, "minor", c.Minor)
				q.setFlag(e, "top", c.Current)
			}
		}
		if props["tags"] {
			e["tags"] = []string{}
		}
		out = append(out, e)
	}
	run.query["usercontribs"] = out
	return nil
}

// logEvents is list=logevents: letype (delete, move, protect), letitle,
// lelimit, lecontinue; newest first.
func (run *queryRun) logEvents() error {
	q := run.q
	limit, err := q.limit("logevents", "lelimit", 10, mwLimit)
	if err != nil {
		return err
	}
	lq := store.LogQuery{Limit: limit + 1}
	// MediaWiki's types: delete holds deletions and restorations.
	kinds := map[string][]string{"": nil, "delete": {store.LogDelete, store.LogUndelete}, "move": {store.LogMove}, "protect": {store.LogProtect}}
	typ := q.get("letype")
	want, ok := kinds[typ]
	if !ok {
		return badValue("letype", typ)
	}
	if len(want) == 1 {
		lq.Kind = want[0]
	}
	if raw := q.get("letitle"); raw != "" {
		if lq.Title, err = router.NormalizeTitle(raw); err != nil {
			return apiErr("invalidtitle", `Bad title "`+raw+`".`)
		}
	}
	if c := q.get("lecontinue"); c != "" {
		_, id, _ := strings.Cut(c, "|")
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return apiErr("badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.")
		}
		lq.Before = n + 1
	}
	for _, p := range []string{"leprop", "leaction", "lestart", "leend", "ledir", "leuser", "lenamespace", "leprefix", "letag"} {
		q.get(p)
	}
	entries, err := run.logEntries(lq, want)
	if err != nil {
		return err
	}
	out := []any{}
	for i, e := range entries {
		if i == limit {
			run.cont["lecontinue"] = mwTimeDigits(e.Timestamp) + "|" + strconv.FormatInt(e.ID, 10)
			break
		}
		typ, action := logTypeAction(e.Kind)
		m := map[string]any{"logid": e.ID, "ns": nsID(e.Title), "title": router.DisplayTitle(e.Title), "pageid": e.PageID, "logpage": e.PageID,
			"type": typ, "action": action, "user": e.UserName, "userid": e.UserID, "timestamp": mwTime(e.Timestamp), "comment": e.Reason, "params": map[string]any{}}
		if e.Kind == store.LogMove {
			m["params"] = map[string]any{"target_ns": nsID(e.Target), "target_title": router.DisplayTitle(e.Target)}
		}
		out = append(out, m)
	}
	run.query["logevents"] = out
	return nil
}

// logEntriesScan bounds the log entries one request reads past those it
// lists.
const logEntriesScan = 5000

// logEntries reads lq.Limit entries of the kinds want (all when nil):
// the store filters one kind; more are filtered here, reading on.
func (run *queryRun) logEntries(lq store.LogQuery, want []string) ([]store.LogEntry, error) {
	if len(want) < 2 {
		return run.q.s.Store.LogEntries(run.q.r.Context(), lq)
	}
	var out []store.LogEntry
	for scanned := 0; len(out) < lq.Limit && scanned < logEntriesScan; {
		batch, err := run.q.s.Store.LogEntries(run.q.r.Context(), store.LogQuery{Title: lq.Title, Before: lq.Before, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, e := range batch {
			if slices.Contains(want, e.Kind) && len(out) < lq.Limit {
				out = append(out, e)
			}
		}
		if len(batch) < 500 {
			break
		}
		scanned += len(batch)
		lq.Before = batch[len(batch)-1].ID
	}
	return out, nil
}

// logTypeAction is MediaWiki's log type and action of a log entry's kind.
func logTypeAction(kind string) (string, string) {
	switch kind {
	case store.LogDelete:
		return "delete", "delete"
	case store.LogUndelete:
		return "delete", "restore"
	case store.LogMove:
		return "move", "move"
	case store.LogProtect:
		return "protect", "protect"
	}
	return kind, kind
}

// generators are the lists a generator= may name, with their parameters'
// prefix.
var generators = map[string]string{"allpages": "ap", "search": "sr", "categorymembers": "cm", "backlinks": "bl"}

// generate runs the list gen with its g-prefixed parameters, and makes its
// titles the page set; its continuation comes back g-prefixed.
func (run *queryRun) generate(gen string) error {
	q := run.q
	prefix, ok := generators[gen]
	if !ok {
		return badValue("generator", gen)
	}
	for k, v := range q.params {
		if strings.HasPrefix(k, "g"+prefix) {
			q.used[k] = true
			q.params[k[1:]] = v
		}
	}
	sub := &queryRun{q: q, query: map[string]any{}, cont: map[string]string{}}
	var err error
	switch gen {
	case "allpages":
		err = sub.allPages()
	case "search":
		err = sub.search()
	case "categorymembers":
		err = sub.categoryMembers()
	case "backlinks":
		err = sub.backlinks()
	}
	if err != nil {
		return err
	}
	for k, v := range sub.cont {
		run.cont["g"+k] = v
	}
	list, _ := sub.query[gen].([]any)
	run.pages = []*apiPage{}
	for _, e := range list {
		title, err := router.NormalizeTitle(e.(map[string]any)["title"].(string))
		if err != nil {
			continue
		}
		p, err := q.s.Store.PageByTitle(q.r.Context(), title)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		run.pages = append(run.pages, run.newPage(title, p, err == nil))
	}
	return nil
}
