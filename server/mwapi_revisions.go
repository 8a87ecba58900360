package server

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// prop=revisions and prop=info. A revision's content is its Markdown, with
// contentmodel "markdown" and contentformat "text/markdown".

const (
	contentModel  = "markdown"
	contentFormat = "text/markdown"
)

var revProps = []string{"ids", "flags", "timestamp", "user", "userid", "size", "slotsize", "sha1", "slotsha1", "contentmodel", "comment", "parsedcomment", "content", "tags", "roles"}

// revisionsQuery is what prop=revisions was asked.
type revisionsQuery struct {
	props          map[string]bool
	slots          bool // rvslots= given: content under slots.main
	enum           bool // enumeration mode: one page's revisions
	limit          int
	newer          bool
	startID, endID int64
	continueID     int64
	section        string
}

func (run *queryRun) revisions() error {
	q := run.q
	rq := revisionsQuery{props: map[string]bool{}}
	for _, p := range q.values("revisions", "rvprop", revProps, "ids", "timestamp", "flags", "comment", "user") {
		rq.props[p] = true
	}
	if q.has("rvslots") {
		for _, s := range q.list("rvslots") {
			if s != "main" && s != "*" {
				q.warn("revisions", `Unrecognized value for parameter "rvslots": `+s+`.`)
			}
		}
		rq.slots = true
	} else if rq.props["content"] {
		q.warn("revisions", `Because "rvslots" was not specified, a legacy format has been used for the output. This format is deprecated, and in the future the new format will always be used.`)
	}
	for _, p := range []string{"rvcontentformat", "rvexpandtemplates", "rvparse", "rvgeneratexml", "rvdifftotext", "rvtag"} {
		q.get(p)
	}
	rq.section = q.get("rvsection")
	switch d := q.get("rvdir"); d {
	case "", "older":
	case "newer":
		rq.newer = true
	default:
		return badValue("rvdir", d)
	}
	var err error
	if rq.startID, err = q.integer("rvstartid"); err != nil {
		return err
	}
	if rq.endID, err = q.integer("rvendid"); err != nil {
		return err
	}
	if c := q.get("rvcontinue"); c != "" {
		_, id, _ := strings.Cut(c, "|")
		if rq.continueID, err = strconv.ParseInt(id, 10, 64); err != nil || rq.continueID <= 0 {
			return apiErr("badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.")
		}
	}
	for _, p := range []string{"rvstart", "rvend", "rvuser", "rvexcludeuser"} {
		if q.get(p) != "" {
			q.warn("revisions", `The parameter "`+p+`" is not supported by this wiki and was ignored.`)
		}
	}
	max := mwLimit
	if rq.props["content"] {
		max = mwContentLimit
	}
	rq.enum = q.has("rvlimit") || q.has("rvdir") || rq.startID > 0 || rq.endID > 0 || rq.continueID > 0
	if rq.limit, err = q.limit("revisions", "rvlimit", 10, max); err != nil {
		return err
	}
	if rq.enum && (len(run.pages) > 1 || run.revids != nil) {
		return apiErr("invalidparammix", "rvlimit, rvdir, rvstartid, rvendid and rvcontinue may only be used with a single page.")
	}
	for _, p := range run.pages {
		if !p.exists {
			continue
		}
		var revs []store.Revision
		switch {
		case run.revids != nil:
			for _, id := range run.revids[p.page.ID] {
				rev, err := q.s.Store.RevisionByID(q.r.Context(), id)
				if err != nil {
					return err
				}
				revs = append(revs, rev)
			}
		case rq.enum:
			var next int64
			if revs, next, err = run.history(p.page, rq); err != nil {
				return err
			}
			if next > 0 {
				run.cont["rvcontinue"] = mwTimeDigits(revs[len(revs)-1].Timestamp) + "|" + strconv.FormatInt(next, 10)
				run.propMore = true
			}
		default:
			rev, err := q.s.Store.RevisionByID(q.r.Context(), p.page.LatestRev)
			if err != nil {
				return err
			}
			revs = []store.Revision{rev}
		}
		list := make([]any, 0, len(revs))
		for _, rev := range revs {
			out, err := run.revision(p.title, rev, rq)
			if err != nil {
				return err
			}
			list = append(list, out)
		}
		p.out["revisions"] = list
	}
	return nil
}

// history lists one page's revisions as rq asks: newest first (rvdir
// older, from rvstartid down to rvendid) or oldest first (newer, from
// rvstartid up to rvendid), at most rq.limit; next is the revision to
// continue from, 0 at the end.
func (run *queryRun) history(p store.Page, rq revisionsQuery) ([]store.Revision, int64, error) {
	ctx := run.q.r.Context()
	start := rq.startID
	if rq.continueID > 0 {
		start = rq.continueID
	}
	if !rq.newer {
		before := int64(0)
		if start > 0 {
			before = start + 1
		}
		revs, err := run.q.s.Store.History(ctx, p.ID, before, rq.limit+1)
		if err != nil {
			return nil, 0, err
		}
		var out []store.Revision
		for _, r := range revs {
			if rq.endID > 0 && r.ID < rq.endID {
				break
			}
			out = append(out, r)
		}
		if len(out) > rq.limit {
			return out[:rq.limit], out[rq.limit].ID, nil
		}
		return out, 0, nil
	}
	// Oldest first: the store pages newest first, so step with
	// NextRevision from the one before start.
	var out []store.Revision
	id := start - 1
	if start <= 0 {
		id = 0
	}
	for len(out) <= rq.limit {
		next, err := run.q.s.Store.NextRevision(ctx, p.ID, id)
		if errors.Is(err, store.ErrNotFound) || err == nil && next == 0 {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		if rq.endID > 0 && next > rq.endID {
			break
		}
		if len(out) == rq.limit {
			return out, next, nil
		}
		rev, err := run.q.s.Store.RevisionByID(ctx, next)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, rev)
		id = next
	}
	return out, 0, nil
}

// revision is one revision as rq asks for it.
func (run *queryRun) revision(title string, rev store.Revision, rq revisionsQuery) (map[string]any, error) {
	q := run.q
	out := map[string]any{}
	if rq.props["ids"] {
		out["revid"], out["parentid"] = rev.ID, rev.ParentID
	}
	if rq.props["flags"] {
		if q.fv2 {
			out["minor"] = rev.Minor
		} else {
			q.setFlag(out, "minor", rev.Minor)
		}
	}
	if rq.props["user"] {
		out["user"] = rev.UserName
		q.setFlag(out, "anon", rev.UserID == 0)
	}
	if rq.props["userid"] {
		out["userid"] = rev.UserID
	}
	if rq.props["timestamp"] {
		out["timestamp"] = mwTime(rev.Timestamp)
	}
	if rq.props["size"] {
		out["size"] = rev.Size
	}
	if rq.props["sha1"] {
		out["sha1"] = sha1Hex(rev.Text)
	}
	if rq.props["comment"] {
		out["comment"] = rev.Summary
	}
	if rq.props["parsedcomment"] {
		out["parsedcomment"] = escapeHTML(rev.Summary)
	}
	if rq.props["tags"] {
		out["tags"] = []string{}
	}
	if rq.props["roles"] {
		out["roles"] = []string{"main"}
	}
	text := rev.Text
	if rq.section != "" {
		n, err := strconv.Atoi(rq.section)
		t, _, ok := q.s.Saver.Sections(title, rev.Text).Get(n)
		if err != nil || n < 0 || !ok {
			return nil, apiErr("nosuchsection", "There is no section "+rq.section+".")
		}
		text = t
	}
	if !rq.slots {
		if rq.props["contentmodel"] || rq.props["content"] {
			out["contentmodel"] = contentModel
		}
		if rq.props["content"] {
			out["contentformat"] = contentFormat
			q.content(out, "content", text)
		}
		return out, nil
	}
	main := map[string]any{}
	if rq.props["size"] || rq.props["slotsize"] {
		main["size"] = len(rev.Text)
	}
	if rq.props["sha1"] || rq.props["slotsha1"] {
		main["sha1"] = sha1Hex(rev.Text)
	}
	if rq.props["contentmodel"] || rq.props["content"] {
		main["contentmodel"] = contentModel
	}
	if rq.props["content"] {
		main["contentformat"] = contentFormat
		q.content(main, "content", text)
	}
	out["slots"] = map[string]any{"main": main}
	return out, nil
}

func sha1Hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// mwTimeDigits is a time as MediaWiki's 14 digits, in continuation
// values.
func mwTimeDigits(t time.Time) string { return t.UTC().Format("20060102150405") }

var infoProps = []string{"protection", "talkid", "watched", "watchers", "url", "displaytitle", "preload", "varianttitles", "linkclasses", "notificationtimestamp", "subjectid", "associatedpage", "readable"}

// info is prop=info: contentmodel, pagelanguage, touched, lastrevid,
// length, redirect, new; inprop=url adds the URLs, displaytitle the title,
// protection the page's protection, watched whether the user watches it.
func (run *queryRun) info() error {
	q := run.q
	props := map[string]bool{}
	for _, p := range q.values("info", "inprop", infoProps) {
		props[p] = true
	}
	q.get("intestactions")
	q.get("incontinue")
	lang := q.s.Config.Lang
	for _, p := range run.pages {
		if p.title == "" {
			continue
		}
		out := p.out
		out["contentmodel"], out["pagelanguage"], out["pagelanguagehtmlcode"], out["pagelanguagedir"] = contentModel, lang, lang, "ltr"
		if p.exists {
			out["touched"], out["lastrevid"], out["length"] = mwTime(p.page.Touched), p.page.LatestRev, p.page.Size
			q.setFlag(out, "redirect", p.page.Redirect != "")
		}
		if props["url"] {
			base := q.s.baseURL(q.r)
			out["fullurl"] = base + router.TitleURL(p.title)
			out["editurl"] = base + q.s.Routes.Path("page.edit", "title", p.title)
			out["canonicalurl"] = out["fullurl"]
		}
		if props["displaytitle"] {
			out["displaytitle"] = router.DisplayTitle(p.title)
		}
		if props["watched"] && !q.u.Anonymous {
			q.setFlag(out, "watched", q.u.Watched.Has(p.title))
		}
		if props["protection"] {
			prot, err := q.s.Store.ProtectionOf(q.r.Context(), p.title, time.Now())
			if err != nil {
				return err
			}
			list := []any{}
			for _, l := range []struct{ typ, group string }{{"edit", prot.Edit}, {"move", prot.Move}} {
				if l.group != "" {
					list = append(list, map[string]any{"type": l.typ, "level": l.group, "expiry": "infinity"})
				}
			}
			out["protection"], out["restrictiontypes"] = list, []string{"edit", "move"}
		}
	}
	return nil
}
