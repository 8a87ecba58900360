package server

import (
	"errors"
	"strings"
	"time"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// action=undelete, action=protect and action=watch, as the web's forms do
// them (page_delete.go, page_protect.go, page_watch.go).

// undelete is action=undelete: title, reason, token (POST). Every deleted
// revision comes back, as the web's form restores them.
func (q *apiRequest) undelete() (map[string]any, error) {
	ctx, u := q.r.Context(), q.u
	title, err := q.pageParam("title", "")
	if err != nil {
		return nil, err
	}
	for _, p := range []string{"timestamps", "fileids", "undeletetalk", "tags", "watchlist", "watchlistexpiry"} {
		q.has(p)
	}
	if !u.Can(router.RightDelete) {
		return nil, q.rightError(router.RightDelete, "permissiondenied", "", "You don't have permission to undelete pages.")
	}
	if _, err := q.s.Store.PageByTitle(ctx, title); err == nil {
		return nil, apiErr("cantundelete", "Couldn't undelete: the page exists.")
	}
	reason := q.get("reason")
	res, err := q.s.Saver.Undelete(ctx, title, pageinfo.Action{Reason: reason, UserID: u.ID, UserName: editorName(q.r, u)})
	if errors.Is(err, store.ErrNotFound) {
		return nil, apiErr("cantundelete", "Couldn't undelete: the requested revisions may not exist, or may have been undeleted already.")
	}
	if err != nil {
		return nil, err
	}
	return map[string]any{"undelete": map[string]any{"title": router.DisplayTitle(res.Page.Title), "revisions": 1, "fileversions": 0, "reason": reason}}, nil
}

// protect is action=protect: title, protections (edit=LEVEL|move=LEVEL,
// LEVEL user, sysop or all for none), expiry (one for all: infinite, or a
// duration Go reads, "720h"), reason, token (POST).
func (q *apiRequest) protect() (map[string]any, error) {
	ctx, u := q.r.Context(), q.u
	title, err := q.pageParam("title", "pageid")
	if err != nil {
		return nil, err
	}
	q.has("cascade")
	q.get("tags")
	q.get("watchlist")
	if !u.Can(router.RightProtect) {
		return nil, q.rightError(router.RightProtect, "permissiondenied", "", "You don't have permission to change protection levels.")
	}
	if !q.has("protections") {
		return nil, apiErr("missingparam", `The "protections" parameter must be set.`)
	}
	cur, err := q.s.Store.ProtectionOf(ctx, title, time.Now())
	if err != nil {
		return nil, err
	}
	p := store.Protection{Title: title, Edit: cur.Edit, Move: cur.Move, Reason: q.get("reason"), UserID: u.ID, UserName: u.Name}
	var out []any
	for _, pr := range q.list("protections") {
		typ, level, ok := strings.Cut(pr, "=")
		if level == "all" {
			level = ""
		}
		if !ok || level != "" && level != userinfo.GroupUser && level != userinfo.GroupSysop {
			return nil, apiErr("protect-invalidlevel", `Invalid protection level "`+level+`".`)
		}
		switch typ {
		case "edit":
			p.Edit = level
		case "move":
			p.Move = level
		default:
			return nil, apiErr("protect-invalidaction", `Invalid protection type "`+typ+`".`)
		}
		out = append(out, map[string]any{typ: firstOf(level, "all")})
	}
	expiry := "infinite"
	if e := q.get("expiry"); e != "" && e != "infinite" && e != "indefinite" && e != "infinity" && e != "never" {
		d, err := time.ParseDuration(e)
		if err != nil || d <= 0 {
			return nil, apiErr("invalidexpiry", `Invalid expiry time "`+e+`": this wiki takes "infinite" or a duration such as 720h.`)
		}
		p.Expires = time.Now().Add(d)
		expiry = mwTime(p.Expires)
	}
	for _, m := range out {
		m.(map[string]any)["expiry"] = expiry
	}
	if err := q.s.Store.SetProtection(ctx, p); err != nil {
		return nil, err
	}
	return map[string]any{"protect": map[string]any{"title": router.DisplayTitle(title), "reason": p.Reason, "protections": out}}, nil
}

// watch is action=watch: titles (or title), unwatch, expiry (infinite,
// 1 week, 1 month …, as the web's watch form), token (POST). A page and
// its talk page are watched together, as MediaWiki's.
func (q *apiRequest) watch() (map[string]any, error) {
	ctx, u := q.r.Context(), q.u
	if u.Anonymous {
		return nil, apiErr("notloggedin", "Please log in to view and edit your watchlist.")
	}
	raw := q.list("titles")
	if t := q.get("title"); t != "" {
		raw = append(raw, t)
	}
	if len(raw) == 0 {
		return nil, apiErr("missingparam", `The "titles" parameter must be set.`)
	}
	if len(raw) > mwMaxValues {
		return nil, apiErr("toomanyvalues", "Too many values supplied for the \"titles\" parameter.")
	}
	unwatch := q.has("unwatch")
	until, ok := parseWatchExpiry(firstOf(q.get("expiry"), "infinite"), time.Now())
	if !ok {
		return nil, apiErr("badexpiry", `Invalid expiry time "`+q.get("expiry")+`".`)
	}
	out := []any{}
	for _, r := range raw {
		title, err := router.NormalizeTitle(r)
		pair, okPair := router.PairTitle(title)
		if err != nil || !okPair {
			e := map[string]any{"title": r}
			q.setFlag(e, "invalid", true)
			out = append(out, e)
			continue
		}
		titles := []string{title, pair}
		e := map[string]any{"ns": nsID(title), "title": router.DisplayTitle(title)}
		if unwatch {
			err = q.s.Store.Unwatch(ctx, u.ID, titles)
			q.setFlag(e, "unwatched", true)
		} else {
			err = q.s.Store.Watch(ctx, u.ID, titles, until)
			q.setFlag(e, "watched", true)
			if !until.IsZero() {
				e["expiry"] = mwTime(until)
			}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := q.s.Users.Refresh(ctx, u.ID); err != nil {
		return nil, err
	}
	return map[string]any{"watch": out}, nil
}
