package server

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// meta=siteinfo and meta=userinfo.

var siteProps = []string{"general", "namespaces", "namespacealiases", "statistics"}

// siteInfo is meta=siteinfo: siprop general (the default), namespaces,
// namespacealiases, statistics.
func (run *queryRun) siteInfo() error {
	q := run.q
	for _, p := range q.values("siteinfo", "siprop", siteProps, "general") {
		switch p {
		case "general":
			run.query["general"] = q.siteGeneral()
		case "namespaces":
			run.query["namespaces"] = q.siteNamespaces()
		case "namespacealiases":
			list := []any{}
			aliases := router.NamespaceAliases()
			names := make([]string, 0, len(aliases))
			for a := range aliases {
				names = append(names, a)
			}
			slices.Sort(names)
			for _, a := range names {
				e := map[string]any{"id": nsIDs[aliases[a]]}
				q.content(e, "alias", router.DisplayTitle(a))
				list = append(list, e)
			}
			run.query["namespacealiases"] = list
		case "statistics":
			if !q.canRead() { // a private wiki's counts are its readers'
				q.warn("siteinfo", "You need read permission for siprop=statistics.")
				continue
			}
			st, err := q.siteStatistics()
			if err != nil {
				return err
			}
			run.query["statistics"] = st
		}
	}
	q.get("sifilteriw")
	q.get("sishowalldb")
	q.get("sinumberingroup")
	q.get("siinlanguagecode")
	return nil
}

func (q *apiRequest) siteGeneral() map[string]any {
	cfg := q.s.Routes.Config()
	base := q.s.baseURL(q.r)
	script := strings.TrimSuffix(q.r.URL.Path, "/api.php")
	caseRule := "case-sensitive"
	if cfg.Titles.CapitalLinks {
		caseRule = "first-letter"
	}
	host := base
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	g := map[string]any{
		"mainpage": router.DisplayTitle(cfg.MainPage), "base": base + router.TitleURL(cfg.MainPage),
		"sitename": q.s.site.WikiName(), "generator": mwGenerator, "phpversion": "", "phpsapi": "",
		"dbtype": q.s.Store.Backend(), "dbversion": "", "lang": q.s.Config.Lang, "fallback": []any{}, "rtl": false,
		"case": caseRule, "articlepath": router.TitleURL("$1"), "scriptpath": script, "script": script + "/index.php",
		"server": base, "servername": host, "wikiid": "folio", "time": mwTime(time.Now()), "timezone": "UTC", "timeoffset": 0,
		"writeapi": true, "maxarticlesize": q.s.Config.MaxPageBytes, "legaltitlechars": ` %!"$&'()*,\-.\/0-9:;=?@A-Z\\^_` + "`" + `a-z~\x80-\xFF+`,
		"contentmodel": contentModel, "readonly": false,
	}
	if !q.fv2 {
		g["writeapi"], g["rtl"] = "", nil
		delete(g, "rtl")
		delete(g, "readonly")
	}
	return g
}

// siteNamespaces are the namespaces by number: MediaWiki's numbers for
// Folio's names.
func (q *apiRequest) siteNamespaces() map[string]any {
	out := map[string]any{}
	caseRule := "case-sensitive"
	if q.s.Routes.Config().Titles.CapitalLinks {
		caseRule = "first-letter"
	}
	add := func(id int, name string) {
		e := map[string]any{"id": id, "case": caseRule, "canonical": router.DisplayTitle(name)}
		q.content(e, "name", router.DisplayTitle(name))
		if q.fv2 {
			e["subpages"], e["content"], e["nonincludable"] = id%2 == 1 || id == 2, id == 0, false
		} else {
			q.setFlag(e, "subpages", id%2 == 1 || id == 2)
			q.setFlag(e, "content", id == 0)
		}
		if id == 0 {
			delete(e, "canonical")
		}
		out[strconv.Itoa(id)] = e
	}
	add(0, "")
	add(-2, "Media")
	for _, name := range router.Namespaces() {
		if id, ok := nsIDs[name]; ok {
			add(id, name)
		}
	}
	return out
}

// siteStatistics are the site's counts: pages (articles counts them all),
// users, and edits, the newest revision's number (revisions are numbered
// in order).
func (q *apiRequest) siteStatistics() (map[string]any, error) {
	ctx := q.r.Context()
	pages, err := q.s.Store.CountPages(ctx)
	if err != nil {
		return nil, err
	}
	users, err := q.s.Store.CountUsers(ctx)
	if err != nil {
		return nil, err
	}
	edits := int64(0)
	if ch, err := q.s.Store.Recent(ctx, store.RecentQuery{Limit: 1}); err != nil {
		return nil, err
	} else if len(ch) > 0 {
		edits = max(ch[0].RevID, ch[0].OldRevID)
	}
	return map[string]any{"pages": pages, "articles": pages, "edits": edits, "images": 0, "users": users,
		"activeusers": 0, "admins": 0, "jobs": 0}, nil
}

var userProps = []string{"blockinfo", "hasmsg", "groups", "groupmemberships", "implicitgroups", "rights", "changeablegroups", "options", "editcount", "ratelimits", "theoreticalratelimits", "email", "realname", "acceptlang", "registrationdate", "unreadcount", "centralids", "latestcontrib", "cancreateaccount"}

// rightNames are MediaWiki's names of Folio's rights.
var rightNames = map[router.Right][]string{
	router.RightRead: {"read"}, router.RightEdit: {"edit", "writeapi"}, router.RightCreate: {"createpage", "createtalk"},
	router.RightMove: {"move"}, router.RightDelete: {"delete", "undelete"}, router.RightProtect: {"protect"},
	router.RightRollback: {"rollback"}, router.RightBlock: {"block"}, router.RightAdmin: {"userrights", "editinterface"},
	router.RightUpload: {"upload"}, router.RightReupload: {"reupload"},
}

// userInfo is meta=userinfo: id, name, anon; uiprop rights, groups,
// blockinfo.
func (run *queryRun) userInfo() {
	q := run.q
	u := q.u
	out := map[string]any{"id": u.ID, "name": u.Name}
	if u.Anonymous {
		out["id"], out["name"] = 0, peerAddr(q.r)
		q.setFlag(out, "anon", true)
	}
	for _, p := range q.values("userinfo", "uiprop", userProps) {
		switch p {
		case "rights":
			rights := []string{}
			for _, r := range u.Rights {
				rights = append(rights, rightNames[r]...)
			}
			if u.InGroup("bot") {
				rights = append(rights, "bot")
			}
			slices.Sort(rights)
			out["rights"] = slices.Compact(rights)
		case "groups", "implicitgroups":
			groups := []string{"*"}
			if !u.Anonymous {
				groups = append(groups, "user")
			}
			if p == "groups" {
				groups = append(groups, u.Groups...)
			}
			out[p] = groups
		case "blockinfo":
			if u.Blocked() {
				b := u.Block
				out["blockid"], out["blockedby"], out["blockreason"] = b.UserID, b.By, b.Reason
				out["blockedtimestamp"], out["blockexpiry"] = mwTime(b.Created), "infinite"
				if !b.Expires.IsZero() {
					out["blockexpiry"] = mwTime(b.Expires)
				}
			}
		case "hasmsg":
			q.setFlag(out, "messages", false)
		case "editcount":
			out["editcount"] = 0
		}
	}
	q.get("uiattachedwiki")
	run.query["userinfo"] = out
}
