package server

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// action=edit, action=move and action=delete: POSTed with the csrf token
// (checked before they run), through the web's save path (pageinfo.Saver
// with the web's conflict merge, mergeEdit, and its new-section append,
// saveNewSection), its rights and protection checks.

// pageParam reads the page a write module works on: title= or pageid=.
func (q *apiRequest) pageParam(titleName, idName string) (string, error) {
	raw, id := q.get(titleName), q.get(idName)
	switch {
	case raw != "" && id != "":
		return "", apiErr("invalidparammix", `The parameters "`+titleName+`" and "`+idName+`" can not be used together.`)
	case id != "":
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return "", apiErr("badinteger", `Invalid value "`+id+`" for integer parameter "`+idName+`".`)
		}
		p, err := q.s.Store.PageByID(q.r.Context(), n)
		if errors.Is(err, store.ErrNotFound) {
			return "", apiErr("nosuchpageid", "There is no page with ID "+id+".")
		}
		return p.Title, err
	case raw == "":
		return "", apiErr("missingparam", `The "`+titleName+`" parameter must be set.`)
	}
	title, err := router.NormalizeTitle(raw)
	if err != nil || router.IsSpecial(title) {
		return "", apiErr("invalidtitle", `Bad title "`+raw+`".`)
	}
	return title, nil
}

// rightError is MediaWiki's error for a missing right: blocked, or
// permission denied (code for an anonymous user, anonCode).
func (q *apiRequest) rightError(right router.Right, code, anonCode, info string) error {
	switch {
	case q.u.Blocked():
		return apiErr("blocked", "You have been blocked from editing: "+q.u.Block.Reason)
	case q.u.Anonymous && anonCode != "":
		return apiErr(anonCode, info+" Log in first.")
	}
	return apiErr(code, info)
}

// protectionError turns the web's protection refusals into the API's.
func protectionError(err error) error {
	if he := classify(err); he.Status == 403 {
		return apiErr("protectedpage", capitalize(he.Safe))
	}
	return err
}

// watchParam reads watchlist= (watch, unwatch, preferences, nochange) and
// the old watch=/unwatch=: whether the save should watch the page.
func (q *apiRequest) watchParam() bool {
	want := !q.u.Anonymous && q.u.Preferences.WatchesEdits()
	switch q.get("watchlist") {
	case "watch":
		want = true
	case "unwatch", "nochange":
		want = false
	}
	if q.has("watch") {
		want = true
	}
	if q.has("unwatch") {
		want = false
	}
	q.get("watchlistexpiry")
	return want
}

func (q *apiRequest) edit() (map[string]any, error) {
	ctx, u := q.r.Context(), q.u
	title, err := q.pageParam("title", "pageid")
	if err != nil {
		return nil, err
	}
	if q.has("redirect") {
		run := &queryRun{q: q}
		if title, _, err = run.followRedirect(title); err != nil {
			return nil, err
		}
	}
	_, hasText := q.params["text"]
	_, hasAppend := q.params["appendtext"]
	_, hasPrepend := q.params["prependtext"]
	text, appendText, prependText := q.get("text"), q.get("appendtext"), q.get("prependtext")
	undo, err := q.integer("undo")
	if err != nil {
		return nil, err
	}
	undoAfter, err := q.integer("undoafter")
	if err != nil {
		return nil, err
	}
	if !hasText && !hasAppend && !hasPrepend && undo == 0 {
		return nil, apiErr("missingparam", `One of the parameters "text", "appendtext", "prependtext" and "undo" is required.`)
	}
	if cm := q.get("contentmodel"); cm != "" && cm != contentModel && cm != "wikitext" && cm != "text" {
		return nil, badValue("contentmodel", cm)
	}
	q.get("contentformat")
	for _, p := range []string{"bot", "recreate", "tags", "captchaword", "captchaid", "returnto", "returntoquery", "returntoanchor", "nosuppress", "notminor"} {
		q.has(p)
	}
	summary, minor := q.get("summary"), q.has("minor") && !q.has("notminor")
	watch := q.watchParam()
	if !u.Can(router.RightEdit) {
		return nil, q.rightError(router.RightEdit, "permissiondenied", "", "You don't have permission to edit pages.")
	}
	cur, err := q.s.Store.LatestRevision(ctx, title)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	switch {
	case !exists && q.has("nocreate"):
		return nil, apiErr("missingtitle", "The page you specified doesn't exist.")
	case exists && q.has("createonly"):
		return nil, apiErr("articleexists", "The article you tried to create has been created already.")
	case !exists && !u.Can(router.RightCreate):
		return nil, q.rightError(router.RightCreate, "cantcreate", "cantcreate-anon", "You don't have permission to create new pages.")
	}
	if err := q.s.checkProtection(ctx, title, u, protectEdit); err != nil {
		return nil, protectionError(err)
	}
	base, err := q.editBase(ctx, cur)
	if err != nil {
		return nil, err
	}
	if v := q.get("md5"); v != "" {
		sum := md5.Sum([]byte(text))
		if !hasText {
			sum = md5.Sum([]byte(prependText + appendText))
		}
		if !strings.EqualFold(v, hex.EncodeToString(sum[:])) {
			return nil, apiErr("badmd5", "The supplied MD5 hash was incorrect.")
		}
	}
	q.get("starttimestamp") // deletions since are seen by the save itself
	edit := pageinfo.Edit{Title: title, BaseRevID: base.ID, Summary: summary, UserID: u.ID, UserName: editorName(q.r, u), Minor: minor,
		Watch: toWatch(u, title, watch)}
	if undo > 0 && !hasText {
		return q.editUndo(edit, cur, undo, undoAfter)
	}
	sec := q.get("section")
	if sec == sectionNew {
		return q.editNewSection(edit, cur, text+appendText, prependText)
	}
	if edit.Text, err = q.editedText(title, base.Text, sec, hasText, text, prependText, appendText); err != nil {
		return nil, err
	}
	return q.save(edit, cur)
}

// editedText is the page's new text: text (when replace), or the base
// text with prepend and appendText around it; with section=N, the same of
// that section of the base text, put back in its place.
func (q *apiRequest) editedText(title, baseText, sec string, replace bool, text, prepend, appendText string) (string, error) {
	edited := func(old string) string {
		if replace {
			return text
		}
		return prepend + old + appendText
	}
	if sec == "" {
		return edited(baseText), nil
	}
	n, isNew, err := parseSection(sec)
	if err != nil || isNew {
		return "", apiErr("invalidsection", `The "section" parameter must be a valid section ID or "new".`)
	}
	doc := q.s.Saver.Sections(title, baseText)
	part, _, ok := doc.Get(n)
	if !ok {
		return "", apiErr("nosuchsection", "There is no section "+sec+".")
	}
	out, _ := doc.Replace(n, edited(part))
	return out, nil
}

// editBase is the revision an edit is based on: baserevid=, else the
// revision current at basetimestamp=, else the current one (the edit
// replaces whatever is there, as MediaWiki's).
func (q *apiRequest) editBase(ctx context.Context, cur store.Revision) (store.Revision, error) {
	id, err := q.integer("baserevid")
	if err != nil {
		return store.Revision{}, err
	}
	ts, err := q.timestamp("basetimestamp")
	if err != nil {
		return store.Revision{}, err
	}
	switch {
	case id > 0:
		rev, err := q.s.Store.RevisionByID(ctx, id)
		if errors.Is(err, store.ErrNotFound) || err == nil && (rev.PageID != cur.PageID || rev.Deleted) {
			return store.Revision{}, apiErr("nosuchrevid", "There is no revision with ID "+strconv.FormatInt(id, 10)+" of this page.")
		}
		return rev, err
	case !ts.IsZero() && cur.ID != 0:
		return q.revisionAt(ctx, cur, ts)
	}
	return cur, nil
}

// revisionAt is the page's revision that was current at ts (to the
// second, as MediaWiki's timestamps): an empty one when the page did not
// exist yet, so that the save sees the conflict.
func (q *apiRequest) revisionAt(ctx context.Context, cur store.Revision, ts time.Time) (store.Revision, error) {
	const batch, batches = 100, 20
	before := int64(0)
	for range batches {
		revs, err := q.s.Store.History(ctx, cur.PageID, before, batch)
		if err != nil {
			return store.Revision{}, err
		}
		for _, rev := range revs {
			if !rev.Timestamp.Truncate(time.Second).After(ts) {
				return q.s.Store.RevisionByID(ctx, rev.ID) // History's revisions may come without text
			}
		}
		if len(revs) < batch {
			return store.Revision{}, nil
		}
		before = revs[len(revs)-1].ID
	}
	return store.Revision{}, apiErr("editconflict", "Edit conflict: basetimestamp is older than this wiki looks back.")
}

// editUndo is undo= (and undoafter=): the current text with that change
// reverted, as the web's undo link makes it, saved.
func (q *apiRequest) editUndo(edit pageinfo.Edit, cur store.Revision, undo, undoAfter int64) (map[string]any, error) {
	if cur.ID == 0 {
		return nil, apiErr("missingtitle", "The page you specified doesn't exist.")
	}
	text, summary, conflict, err := q.s.undoText(q.r, cur, undo, undoAfter)
	if err != nil {
		if he := classify(err); he.Status < 500 {
			return nil, apiErr("undofailure", capitalize(he.Safe))
		}
		return nil, err
	}
	if conflict {
		return nil, apiErr("undofailure", "The edit could not be undone due to conflicting intermediate edits.")
	}
	edit.Text, edit.BaseRevID = text, cur.ID
	if edit.Summary == "" {
		edit.Summary = summary
	}
	return q.save(edit, cur)
}

// editNewSection is section=new: text appended as a new section whose
// heading is sectiontitle (or the summary), as the web's form does.
func (q *apiRequest) editNewSection(edit pageinfo.Edit, cur store.Revision, text, prepend string) (map[string]any, error) {
	if prepend != "" {
		return nil, apiErr("invalidparammix", `prependtext can not be used with section=new.`)
	}
	subject := strings.Join(strings.Fields(firstOf(q.get("sectiontitle"), edit.Summary)), " ")
	if q.get("sectiontitle") == "" || edit.Summary == "" {
		edit.Summary = "new section"
		if subject != "" {
			edit.Summary = "/* " + subject + " */ new section"
		}
	}
	res, _, err := q.s.saveNewSection(q.r.Context(), edit, subject, text)
	if errors.Is(err, errSectionBusy) {
		return nil, apiErr("editconflict", "Edit conflict.")
	}
	if err != nil {
		return nil, err
	}
	return q.editResult(res, cur), nil
}

// save saves edit; a conflict goes through the web's three-way merge.
func (q *apiRequest) save(edit pageinfo.Edit, cur store.Revision) (map[string]any, error) {
	ctx := q.r.Context()
	// The save path trims trailing whitespace from what it stores: trimmed
	// here too, the text merges with the stored ones line for line.
	edit.Text = strings.TrimRight(strings.ReplaceAll(edit.Text, "\r\n", "\n"), " \t\r\n")
	res, err := q.s.Saver.Save(ctx, edit)
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		mr, err := q.s.mergeEdit(ctx, edit)
		if err != nil {
			return nil, err
		}
		if !mr.Saved {
			return nil, apiErr("editconflict", "Edit conflict.")
		}
		res, cur = mr.Result, mr.Current
	} else if err != nil {
		return nil, q.saveError(err)
	}
	return q.editResult(res, cur), nil
}

// saveError is the API's error for a save the save path refused.
func (q *apiRequest) saveError(err error) error {
	switch he := classify(err); {
	case he.Status == 413:
		return apiErr("contenttoobig", capitalize(he.Safe)+".")
	case he.Status == 400:
		return apiErr("badtext", capitalize(he.Safe)+".")
	}
	return err
}

// editResult is action=edit's answer for the save res over cur.
func (q *apiRequest) editResult(res store.SaveResult, cur store.Revision) map[string]any {
	out := map[string]any{"result": "Success", "pageid": res.Page.ID, "title": router.DisplayTitle(res.Page.Title), "contentmodel": contentModel}
	if res.Unchanged {
		q.setFlag(out, "nochange", true)
	} else {
		out["oldrevid"], out["newrevid"], out["newtimestamp"] = cur.ID, res.Revision.ID, mwTime(res.Revision.Timestamp)
		q.setFlag(out, "new", res.Created)
	}
	q.setFlag(out, "watched", !q.u.Anonymous && (q.u.Watched.Has(res.Page.Title) || q.has("watchlist") && q.get("watchlist") == "watch"))
	return map[string]any{"edit": out}
}

// move is action=move: from (or fromid), to, reason, noredirect, movetalk
// (the talk page moves too, when it exists and its new title is free).
func (q *apiRequest) move() (map[string]any, error) {
	ctx, u := q.r.Context(), q.u
	from, err := q.pageParam("from", "fromid")
	if err != nil {
		return nil, err
	}
	raw := q.get("to")
	if raw == "" {
		return nil, apiErr("missingparam", `The "to" parameter must be set.`)
	}
	to, err := router.NormalizeTitle(raw)
	if err != nil || router.IsSpecial(to) {
		return nil, apiErr("invalidtitle", `Bad title "`+raw+`".`)
	}
	for _, p := range []string{"movesubpages", "ignorewarnings", "tags"} {
		q.has(p)
	}
	watch := q.watchParam()
	if !u.Can(router.RightMove) {
		return nil, q.rightError(router.RightMove, "cantmove", "cantmove-anon", "You don't have permission to move pages.")
	}
	if from == to {
		return nil, apiErr("selfmove", "The title is the same; cannot move a page over itself.")
	}
	reason, redirect := q.get("reason"), !q.has("noredirect")
	out := map[string]any{"from": router.DisplayTitle(from), "to": router.DisplayTitle(to), "reason": reason}
	created, err := q.movePage(ctx, from, to, reason, redirect, watch)
	if err != nil {
		return nil, err
	}
	q.setFlag(out, "redirectcreated", created)
	if q.fv2 {
		out["redirectcreated"], out["moveoverredirect"] = created, false
	}
	if q.has("movetalk") {
		tf, okf := router.PairTitle(from)
		tt, okt := router.PairTitle(to)
		if okf && okt && !router.IsTalk(from) {
			if _, err := q.s.Store.PageByTitle(ctx, tf); err == nil {
				if _, err := q.movePage(ctx, tf, tt, reason, redirect, watch); err != nil {
					ae := q.apiError(err)
					out["talkmove-errors"] = []any{map[string]any{"code": ae.Code, "text": ae.Info}}
				} else {
					out["talkfrom"], out["talkto"] = router.DisplayTitle(tf), router.DisplayTitle(tt)
				}
			}
		}
	}
	return map[string]any{"move": out}, nil
}

// movePage moves one page as the web's move form does, and reports
// whether a redirect was left.
func (q *apiRequest) movePage(ctx context.Context, from, to, reason string, redirect, watch bool) (bool, error) {
	p, err := q.s.Store.PageByTitle(ctx, from)
	if errors.Is(err, store.ErrNotFound) {
		return false, apiErr("missingtitle", "The page you specified doesn't exist.")
	}
	if err != nil {
		return false, err
	}
	if err := q.s.checkProtection(ctx, from, q.u, protectMove); err != nil {
		return false, protectionError(err)
	}
	if err := q.s.checkMoveTarget(ctx, to, q.u); err != nil {
		return false, protectionError(err)
	}
	if _, err := q.s.Store.PageByTitle(ctx, to); err == nil {
		return false, apiErr("articleexists", "A page of that name already exists, or the name you have chosen is not valid. Please choose another name.")
	}
	res, err := q.s.Saver.Move(ctx, from, to, redirect, pageinfo.Action{BaseRevID: p.LatestRev, Reason: reason,
		UserID: q.u.ID, UserName: editorName(q.r, q.u), Watch: watch})
	if err != nil {
		var ce *store.ConflictError
		if errors.As(err, &ce) { // the page changed since it was read
			return false, apiErr("editconflict", "Edit conflict: the page changed meanwhile.")
		}
		if errors.Is(err, store.ErrConflict) { // the target exists, or is a deleted page
			return false, apiErr("articleexists", "A page of that name already exists, or the name you have chosen is not valid. Please choose another name.")
		}
		if errors.Is(err, pageinfo.ErrFileMove) {
			return false, apiErr("imagenocanmove", capitalize(userMessage(err))+".")
		}
		return false, err
	}
	return res.Redirect != nil, nil
}

// delete is action=delete: title (or pageid), reason.
func (q *apiRequest) delete() (map[string]any, error) {
	ctx, u := q.r.Context(), q.u
	title, err := q.pageParam("title", "pageid")
	if err != nil {
		return nil, err
	}
	for _, p := range []string{"tags", "deletetalk", "oldimage"} {
		q.has(p)
	}
	q.watchParam()
	if !u.Can(router.RightDelete) {
		return nil, q.rightError(router.RightDelete, "permissiondenied", "", "You don't have permission to delete pages.")
	}
	p, err := q.s.Store.PageByTitle(ctx, title)
	if errors.Is(err, store.ErrNotFound) {
		return nil, apiErr("missingtitle", "The page you specified doesn't exist.")
	}
	if err != nil {
		return nil, err
	}
	reason := q.get("reason")
	if _, err := q.s.Saver.Delete(ctx, title, pageinfo.Action{BaseRevID: p.LatestRev, Reason: reason, UserID: u.ID, UserName: editorName(q.r, u)}); err != nil {
		return nil, err
	}
	return map[string]any{"delete": map[string]any{"title": router.DisplayTitle(title), "reason": reason, "logid": 0}}, nil
}
