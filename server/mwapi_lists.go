package server

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// list=allpages, list=recentchanges and list=search, with MediaWiki's
// continuation (apcontinue, rccontinue, sroffset).

// allPagesScan bounds the pages one list=allpages request reads past
// those it lists (other namespaces, filtered redirects): past it, the
// answer continues where the scan stopped.
const allPagesScan = 5000

// allPages is list=allpages: apfrom, apcontinue, apto, apprefix,
// apnamespace (one), apfilterredir, aplimit; in title order.
func (run *queryRun) allPages() error {
	q := run.q
	limit, err := q.limit("allpages", "aplimit", 10, mwLimit)
	if err != nil {
		return err
	}
	ns := 0
	if v := q.get("apnamespace"); v != "" {
		if ns, err = strconv.Atoi(v); err != nil {
			return badValue("apnamespace", v)
		}
	}
	nsPrefix, ok := nsName(ns)
	if !ok || ns < 0 {
		return badValue("apnamespace", strconv.Itoa(ns))
	}
	filter := q.get("apfilterredir")
	switch filter {
	case "", "all", "redirects", "nonredirects":
	default:
		return badValue("apfilterredir", filter)
	}
	if d := q.get("apdir"); d != "" && d != "ascending" {
		return apiErr("badvalue", `apdir=`+d+` is not supported by this wiki: pages are listed in ascending order.`)
	}
	for _, p := range []string{"apminsize", "apmaxsize", "apprtype", "apprlevel", "apprfiltercascade", "apfilterlanglinks", "apprexpiry"} {
		if q.get(p) != "" {
			q.warn("allpages", `The parameter "`+p+`" is not supported by this wiki and was ignored.`)
		}
	}
	// Titles within the namespace, without its prefix, as MediaWiki's.
	name := func(p string) (string, error) {
		if p == "" {
			return "", nil
		}
		t, err := router.NormalizeTitle(router.NamespaceTitle(nsPrefix, p))
		if err != nil {
			return "", apiErr("invalidtitle", `Bad title "`+p+`".`)
		}
		return t, nil
	}
	from, err := name(firstOf(q.get("apcontinue"), q.get("apfrom")))
	if err != nil {
		return err
	}
	to, err := name(q.get("apto"))
	if err != nil {
		return err
	}
	prefix := ""
	if p := q.get("apprefix"); p != "" {
		if prefix, err = name(p + "0"); err != nil {
			return err
		}
		prefix = strings.TrimSuffix(prefix, "0")
	} else if nsPrefix != "" {
		prefix = nsPrefix + ":"
	}
	if from < prefix {
		from = prefix
	}
	out := []any{}
	ctx := q.r.Context()
	scanned := 0
	for {
		batch, err := q.s.Store.ListPages(ctx, from, min(limit+1, 500))
		if err != nil {
			return err
		}
		for _, p := range batch {
			scanned++
			if !strings.HasPrefix(p.Title, prefix) || to != "" && p.Title > to {
				goto done
			}
			if nsID(p.Title) != ns || filter == "redirects" && p.Redirect == "" || filter == "nonredirects" && p.Redirect != "" {
				continue
			}
			if len(out) == limit || scanned > allPagesScan {
				run.cont["apcontinue"] = strings.TrimPrefix(p.Title, nsPrefix+":")
				if nsPrefix == "" {
					run.cont["apcontinue"] = p.Title
				}
				goto done
			}
			out = append(out, map[string]any{"pageid": p.ID, "ns": ns, "title": router.DisplayTitle(p.Title)})
		}
		if len(batch) < min(limit+1, 500) {
			break
		}
		from = batch[len(batch)-1].Title + "\x00"
	}
done:
	run.query["allpages"] = out
	return nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

var rcProps = []string{"user", "userid", "comment", "parsedcomment", "flags", "timestamp", "title", "ids", "sizes", "redirect", "patrolled", "loginfo", "tags", "sha1"}

// recentChanges is list=recentchanges: rcprop, rclimit, rcuser,
// rcnamespace (one), rctype, rcshow (!minor), rccontinue; newest first.
func (run *queryRun) recentChanges() error {
	q := run.q
	limit, err := q.limit("recentchanges", "rclimit", 10, mwLimit)
	if err != nil {
		return err
	}
	props := map[string]bool{}
	for _, p := range q.values("recentchanges", "rcprop", rcProps, "title", "timestamp", "ids") {
		props[p] = true
	}
	rq := store.RecentQuery{Limit: limit + 1, UserName: q.get("rcuser")}
	if d := q.get("rcdir"); d != "" && d != "older" {
		return apiErr("badvalue", `rcdir=`+d+` is not supported by this wiki: changes are listed newest first.`)
	}
	if v := q.get("rcnamespace"); v != "" && v != "*" {
		ns, err := strconv.Atoi(v)
		name, ok := nsName(ns)
		if err != nil || !ok || ns < 0 {
			return badValue("rcnamespace", v)
		}
		if ns == 0 {
			q.warn("recentchanges", "rcnamespace=0 lists every namespace on this wiki.")
		}
		rq.Namespace = name
	}
	show := q.values("recentchanges", "rcshow", []string{"minor", "!minor", "bot", "!bot", "anon", "!anon", "redirect", "!redirect", "patrolled", "!patrolled", "unpatrolled", "autopatrolled", "!autopatrolled"})
	for _, s := range show {
		if s == "!minor" {
			rq.HideMinor = true
		}
	}
	types := q.values("recentchanges", "rctype", []string{"edit", "new", "log", "external", "categorize"}, "edit", "new", "log")
	if c := q.get("rccontinue"); c != "" {
		_, id, _ := strings.Cut(c, "|")
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return apiErr("badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.")
		}
		rq.Before = n + 1
	}
	for _, p := range []string{"rcstart", "rcend", "rcexcludeuser", "rctag", "rctoponly", "rctitle", "rcgeneraterevisions", "rcslot"} {
		if q.get(p) != "" {
			q.warn("recentchanges", `The parameter "`+p+`" is not supported by this wiki and was ignored.`)
		}
	}
	changes, err := q.s.Store.Recent(q.r.Context(), rq)
	if err != nil {
		return err
	}
	out := []any{}
	for i, c := range changes {
		if i == limit {
			run.cont["rccontinue"] = mwTimeDigits(c.Timestamp) + "|" + strconv.FormatInt(c.ID, 10)
			break
		}
		typ := rcType(c)
		if !slices.Contains(types, typ) || slices.Contains(show, "minor") && !c.Minor {
			continue
		}
		out = append(out, q.recentChange(c, typ, props))
	}
	run.query["recentchanges"] = out
	return nil
}

// rcType is a change's type as MediaWiki's: edit, new or log.
func rcType(c store.Change) string {
	switch c.Kind {
	case store.ChangeEdit:
		return "edit"
	case store.ChangeNew:
		return "new"
	}
	return "log"
}

// recentChange is one change as props ask.
func (q *apiRequest) recentChange(c store.Change, typ string, props map[string]bool) map[string]any {
	e := map[string]any{"type": typ}
	if props["title"] {
		e["ns"], e["title"] = nsID(c.Title), router.DisplayTitle(c.Title)
	}
	if props["ids"] {
		e["rcid"], e["pageid"], e["revid"], e["old_revid"] = c.ID, c.PageID, c.RevID, c.OldRevID
	}
	if props["user"] {
		e["user"] = c.UserName
		q.setFlag(e, "anon", c.UserID == 0)
	}
	if props["userid"] {
		e["userid"] = c.UserID
	}
	if props["comment"] {
		e["comment"] = c.Summary
	}
	if props["parsedcomment"] {
		e["parsedcomment"] = escapeHTML(c.Summary)
	}
	if props["flags"] {
		if q.fv2 {
			e["new"], e["minor"], e["bot"] = c.New, c.Minor, false
		} else {
			q.setFlag(e, "new", c.New)
			q.setFlag(e, "minor", c.Minor)
		}
	}
	if props["timestamp"] {
		e["timestamp"] = mwTime(c.Timestamp)
	}
	if props["sizes"] {
		e["oldlen"], e["newlen"] = c.OldSize, c.NewSize
	}
	if props["loginfo"] && typ == "log" {
		e["logtype"], e["logaction"] = logOf(c)
		if c.Kind == store.ChangeMove {
			e["logparams"] = map[string]any{"target_ns": nsID(c.Target), "target_title": router.DisplayTitle(c.Target)}
		}
	}
	if props["tags"] {
		e["tags"] = []string{}
	}
	return e
}

// logOf is the log type and action of a page action's change.
func logOf(c store.Change) (string, string) {
	switch c.Kind {
	case store.ChangeDelete:
		return "delete", "delete"
	case store.ChangeUndelete:
		return "delete", "restore"
	case store.ChangeMove:
		return "move", "move"
	}
	return "", ""
}

// search is list=search: srsearch, srwhat (text, title, nearmatch),
// srlimit, sroffset, srprop, srinfo.
func (run *queryRun) search() error {
	q := run.q
	text := q.get("srsearch")
	if strings.TrimSpace(text) == "" {
		return apiErr("missingparam", `The "srsearch" parameter must be set.`)
	}
	limit, err := q.limit("search", "srlimit", 10, mwLimit)
	if err != nil {
		return err
	}
	offset, err := q.integer("sroffset")
	if err != nil {
		return err
	}
	if offset > int64(store.SearchWindow) {
		offset = int64(store.SearchWindow)
	}
	props := map[string]bool{}
	for _, p := range q.values("search", "srprop", []string{"size", "wordcount", "timestamp", "snippet", "titlesnippet", "redirecttitle", "redirectsnippet", "sectiontitle", "sectionsnippet", "isfilematch", "categorysnippet", "score", "hasrelated", "extensiondata"}, "size", "wordcount", "timestamp", "snippet") {
		props[p] = true
	}
	info := q.values("search", "srinfo", []string{"totalhits", "suggestion", "rewrittenquery"}, "totalhits", "suggestion", "rewrittenquery")
	for _, p := range []string{"srnamespace", "srinterwiki", "srenablerewrites", "srsort", "srqiprofile", "srbackend"} {
		q.get(p)
	}
	ctx, cancel := searchContext(q.r)
	defer cancel()
	var titles []string
	snippets := map[string]string{}
	total := 0
	switch what := q.get("srwhat"); what {
	case "", "text":
		hits, t, err := q.s.Store.SearchPages(ctx, text, int(offset), limit+1)
		if err != nil {
			return searchAPIError(err)
		}
		total = t.Count
		for _, h := range hits {
			titles = append(titles, h.Title)
			snippets[h.Title] = h.Snippet
		}
	case "title", "nearmatch":
		prefix, ok := titlePrefix(text)
		if ok {
			found, err := q.s.Store.TitlesWithPrefix(ctx, prefix, store.MaxPrefixTitles)
			if err != nil {
				return searchAPIError(err)
			}
			if what == "nearmatch" {
				found = filterEqual(found, prefix)
			}
			total = len(found)
			if int(offset) < len(found) {
				titles = found[offset:]
			}
		}
	default:
		return badValue("srwhat", what)
	}
	out := []any{}
	for i, title := range titles {
		if i == limit {
			run.cont["sroffset"] = strconv.FormatInt(offset+int64(limit), 10)
			break
		}
		e := map[string]any{"ns": nsID(title), "title": router.DisplayTitle(title)}
		p, err := q.s.Store.PageByTitle(q.r.Context(), title)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		e["pageid"] = p.ID
		if props["size"] {
			e["size"] = p.Size
		}
		if props["wordcount"] {
			e["wordcount"] = len(strings.Fields(snippets[title])) // the snippet's: the page's own count is its PageInfo's
		}
		if props["timestamp"] {
			e["timestamp"] = mwTime(p.Touched)
		}
		if props["snippet"] {
			e["snippet"] = escapeHTML(snippets[title])
		}
		if props["titlesnippet"] {
			e["titlesnippet"] = escapeHTML(router.DisplayTitle(title))
		}
		out = append(out, e)
	}
	if slices.Contains(info, "totalhits") {
		run.query["searchinfo"] = map[string]any{"totalhits": total}
	}
	run.query["search"] = out
	return nil
}

// filterEqual keeps the titles equal to t.
func filterEqual(titles []string, t string) []string {
	for _, x := range titles {
		if x == t {
			return []string{x}
		}
	}
	return nil
}

// searchAPIError is a search's error: one that took too long is
// MediaWiki's search-backend error, not an internal one.
func searchAPIError(err error) error {
	if he := classify(searchError(err)); he.Status < 500 || he.Status == 503 {
		return apiErr("search-error", "An error has occurred while searching: "+capitalize(he.Safe))
	}
	return err
}

// apiWatchlistDays is how far back list=watchlist looks by default, as the
// web's watchlist at most.
const apiWatchlistDays = 30

// watchlist is list=watchlist: the logged-in user's watched pages' changes
// since wlend (default: 30 days), newest first, at most wllimit: wlprop as
// rcprop; wlshow !minor, wlexcludeuser (the user themselves) hide some.
// There is no continuation: the store reads the newest changes only.
func (run *queryRun) watchlist() error {
	q := run.q
	if q.u.Anonymous {
		return apiErr("notloggedin", "Please log in to view and edit your watchlist.")
	}
	limit, err := q.limit("watchlist", "wllimit", 10, mwLimit)
	if err != nil {
		return err
	}
	props := map[string]bool{}
	for _, p := range q.values("watchlist", "wlprop", []string{"ids", "title", "flags", "user", "userid", "comment", "parsedcomment", "timestamp", "patrol", "sizes", "notificationtimestamp", "loginfo", "tags", "expiry"}, "ids", "title", "flags") {
		props[p] = true
	}
	since, err := q.timestamp("wlend")
	if err != nil {
		return err
	}
	if min := time.Now().Add(-apiWatchlistDays * 24 * time.Hour); since.Before(min) {
		since = min
	}
	wq := store.WatchlistQuery{UserID: q.u.ID, Since: since, Limit: limit}
	for _, s := range q.values("watchlist", "wlshow", []string{"minor", "!minor", "bot", "!bot", "anon", "!anon", "patrolled", "!patrolled", "autopatrolled", "!autopatrolled", "unread", "!unread"}) {
		wq.HideMinor = wq.HideMinor || s == "!minor"
	}
	if ex := q.get("wlexcludeuser"); ex != "" && strings.ReplaceAll(ex, "_", " ") == q.u.Name {
		wq.HideOwn = true
	}
	for _, p := range []string{"wlstart", "wldir", "wlnamespace", "wluser", "wltype", "wlcontinue", "wlowner", "wltoken", "wlallrev"} {
		if q.get(p) != "" {
			q.warn("watchlist", `The parameter "`+p+`" is not supported by this wiki and was ignored.`)
		}
	}
	changes, err := q.s.Store.WatchlistChanges(q.r.Context(), wq)
	if err != nil {
		return err
	}
	out := []any{}
	for _, c := range changes {
		out = append(out, q.recentChange(c, rcType(c), props))
	}
	run.query["watchlist"] = out
	return nil
}
