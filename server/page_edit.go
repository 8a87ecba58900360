package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/diff"
	"github.com/foliowiki/folio/internal/merge"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// editForm is the data of the edit view.
type editForm struct {
	Action, ViewURL, CSRF string
	Title                 string     // the page's DB key, for the live preview
	ContentLang           *i18n.Lang // the wiki's language (--lang): the text's lang and dir, whatever the interface's
	PreviewURL            string     // the live preview's endpoint (api.preview)
	UploadURL             string     // the upload form, for files dropped on the text; "" without the upload right
	Base                  int64
	Text, Summary         string
	Minor                 bool
	Preview               template.HTML
	Conflict              bool
	Undo                  bool // the form undoes an edit: Diff is its change to the current text
	Current               string
	Diff                  template.HTML
	Section               string // ?section=: a section number or "new" (page_edit_section.go); "" the whole page
	NewSection            bool   // section=new: the summary field is the new section's subject
	CurrentBase           int64  // conflict: the current revision, base of the merged text's form
	Merged                string // conflict: the partial merge, its conflicts between markers; "" for none
	Conflicts             int    // conflict: the number of conflicts marked in Merged
	WatchShown            bool   // a logged-in editor: the form has "Watch this page"
	Watch                 bool   // "Watch this page" is checked
	WatchExpiry           string // the chosen watch period (watchExpiries)
	WatchExpiries         []watchExpiry
	WatchExpiryOptions    []option       // WatchExpiries in the reader's language (editView)
	Templates             []templateUsed // "Templates used on this page": what the current revision transcluded (templates_used.go)

	pageID int64 // the page's id, 0 when it does not exist yet: whose templates the form lists
}

// pageEdit shows the edit form (GET) and previews or saves (POST: text,
// summary, base, minor, csrf; "preview" renders without saving). A save on
// a page that moved on since base is merged when the changes do not
// overlap; otherwise the answer is a 409 with the user's text, the current
// text and the difference: nothing is lost.
func (s *Server) pageEdit(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	cur, err := s.Store.LatestRevision(ctx, title)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if !exists && !u.Can(router.RightCreate) {
		if r.Method != http.MethodPost {
			// A red link followed by a reader who may not create the page
			// leads to its view, as MediaWiki's redlink=1.
			http.Redirect(w, r, router.TitleURL(title), http.StatusSeeOther)
			return nil
		}
		return forbidden(u, router.RightCreate)
	}
	if err := s.checkProtection(ctx, title, u, protectEdit); err != nil {
		return err
	}
	f := editForm{Action: s.Routes.Path("page.edit", "title", title), ViewURL: router.TitleURL(title), CSRF: s.Users.CSRFToken(w, r, u),
		Title: title, PreviewURL: s.Routes.Path("api.preview"), Base: cur.ID, Text: cur.Text, pageID: cur.PageID}
	if u.Can(router.RightUpload) {
		f.UploadURL = s.Routes.Path("file.upload")
	}
	if r.Method != http.MethodPost {
		formWatch(&f, u, title)
		msg := ""
		if undo := m.Params.Int("undo"); undo > 0 && exists {
			if msg, err = s.undo(r, &f, cur, undo, m.Params.Int("undoafter")); err != nil {
				return err
			}
		} else if sec := m.Params.Get("section"); sec != "" {
			if err := s.sectionForm(&f, title, cur, sec); err != nil {
				return err
			}
		}
		if msg != "" {
			msg = s.lang(r, m).T(msg)
		}
		return s.editView(w, r, m, http.StatusOK, msg, f)
	}
	return s.editPost(w, r, m, f)
}

// The messages of an undo, as MediaWiki's.
const (
	undoSuccess  = "undo-success"
	undoConflict = "undo-failure"
	undoNothing  = "undo-nochange"
)

// undo fills the edit form f of the page whose current revision is cur with
// the change from revision undoafter (by default undo's parent) to revision
// undo reverted, as MediaWiki's action=edit&undo=N&undoafter=M: a three-way
// merge whose base is undo's text, ours the current text and theirs
// undoafter's. On a conflict the form keeps the current text and the
// message says so. The message's key is returned; bad revisions are errors.
func (s *Server) undo(r *http.Request, f *editForm, cur store.Revision, undo, undoafter int64) (string, error) {
	merged, summary, conflict, err := s.undoText(r, cur, undo, undoafter)
	if err != nil {
		return "", err
	}
	if conflict {
		return undoConflict, nil
	}
	f.Text, f.Summary = merged, summary
	if merged == cur.Text {
		return undoNothing, nil
	}
	f.Undo = true
	f.Diff = template.HTML(diff.HTML(diff.Hunks(diff.Lines(cur.Text, merged), 3)))
	return undoSuccess, nil
}

func (s *Server) editPost(w http.ResponseWriter, r *http.Request, m router.Match, f editForm) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	base, err := strconv.ParseInt(r.PostForm.Get("base"), 10, 64)
	if err != nil || base < 0 {
		return errorMsg(http.StatusBadRequest, "edit-bad-base")
	}
	// Browsers send textarea lines with CRLF; the store keeps LF. Merging
	// and diffing need both sides alike.
	text := strings.ReplaceAll(r.PostForm.Get("text"), "\r\n", "\n")
	f.Base, f.Text, f.Summary, f.Minor = base, text, r.PostForm.Get("summary"), r.PostForm.Get("minor") != ""
	watch, err := watchOf(r, u)
	if err != nil {
		return err
	}
	keepWatch(&f, watch)
	if sec := r.PostForm.Get("section"); sec != "" {
		return s.sectionPost(w, r, m, f, sec)
	}
	if r.PostForm.Get("preview") != "" {
		pi, err := s.Saver.Preview(ctx, title, f.Text)
		if err != nil {
			return s.editRefused(w, r, m, f, err)
		}
		f.Preview = template.HTML(pi.HTML)
		return s.editPreview(w, r, m, f, pi)
	}
	edit := pageinfo.Edit{Title: title, Text: f.Text, BaseRevID: base, Summary: f.Summary, UserID: u.ID, UserName: editorName(r, u), Minor: f.Minor,
		Watch: toWatch(u, title, watch.Watch)}
	res, err := s.Saver.Save(ctx, edit)
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		return s.editConflict(w, r, m, f, edit)
	}
	if err != nil {
		return s.editRefused(w, r, m, f, err)
	}
	s.afterSaveWatch(ctx, u, title, watch)
	s.setPostEdit(w, r, res.Unchanged)
	http.Redirect(w, r, router.TitleURL(title), http.StatusSeeOther)
	return nil
}

// undoText is the current text cur with the change from revision
// undoafter (by default undo's parent) to revision undo reverted: a
// three-way merge (conflict when the change cannot be reverted cleanly),
// and the summary of the undo. Bad revisions are errors. The web's
// undo form and the Action API's edit with undo= use it.
func (s *Server) undoText(r *http.Request, cur store.Revision, undo, undoafter int64) (text, summary string, conflict bool, err error) {
	rev, err := s.visibleRevision(r, undo)
	if err != nil {
		return "", "", false, err
	}
	if rev.PageID != cur.PageID || rev.Deleted {
		return "", "", false, errorMsg(http.StatusBadRequest, "undo-bad-revision", "ID", undo)
	}
	if undoafter == 0 {
		undoafter = rev.ParentID
	}
	if undoafter == 0 {
		return "", "", false, errorMsg(http.StatusBadRequest, "undo-first-revision", "ID", undo)
	}
	after, err := s.visibleRevision(r, undoafter)
	if err != nil {
		return "", "", false, err
	}
	if after.PageID != cur.PageID || after.Deleted || after.ID >= rev.ID {
		return "", "", false, errorMsg(http.StatusBadRequest, "undo-bad-undoafter", "After", undoafter, "ID", undo)
	}
	merged, conflict := merge.Merge(rev.Text, cur.Text, after.Text)
	return merged, "Undo revision " + itoa(rev.ID) + " by " + rev.UserName, conflict, nil
}

// conflictMarkers name the sides of a conflict in a partial merge.
var conflictMarkers = merge.Markers{Ours: "current text", Theirs: "your text"}

// editConflict tries a three-way merge of the user's text with what was
// saved since their base revision, and saves it when the changes do not
// overlap; otherwise it answers 409 with everything the user needs: their
// text, the current text, the difference and, when there is a base to
// merge from, the partial merge with its conflicts marked.
//
// The editable box keeps the user's text (as MediaWiki's "Your text"):
// nothing typed is lost, and a user who only wants their own version back
// need do nothing. The partial merge is offered beside it, in a form of
// its own that opens it in the editor (a preview, based on the current
// revision): it is usually the quickest way out — every change that did
// not collide is already in it, and only the marked regions need a choice
// — but it is never saved without the user seeing it, since a marker left
// in would end up in the page.
func (s *Server) editConflict(w http.ResponseWriter, r *http.Request, m router.Match, f editForm, edit pageinfo.Edit) error {
	mr, err := s.mergeEdit(r.Context(), edit)
	if err != nil {
		return err
	}
	if mr.Saved {
		s.setPostEdit(w, r, mr.Result.Unchanged)
		http.Redirect(w, r, router.TitleURL(edit.Title), http.StatusSeeOther)
		return nil
	}
	if mr.Conflicts > 0 && edit.BaseRevID != 0 {
		// (A page created meanwhile has nothing in common with the
		// user's: its "merge" would be both texts, whole, shown below.)
		f.Merged, f.Conflicts = mr.Merged, mr.Conflicts
	}
	cur := mr.Current
	f.Conflict, f.Current, f.Base, f.CurrentBase = true, cur.Text, cur.ID, cur.ID
	f.Diff = template.HTML(diff.HTML(diff.Hunks(diff.Lines(cur.Text, edit.Text), 3)))
	return s.editView(w, r, m, http.StatusConflict, s.lang(r, m).T("editconflict-notice"), f)
}

// mergeResult is what mergeEdit did with a conflicting edit.
type mergeResult struct {
	Saved     bool             // merged without conflicts and saved
	Result    store.SaveResult // the save, when Saved
	Current   store.Revision   // the current revision the edit conflicted with
	Merged    string           // the three-way merge, its conflicts marked
	Conflicts int              // the conflicts in Merged; 0 when Saved
}

// mergeEdit handles an edit whose save was refused with a conflict (its
// base is not the current revision): a three-way merge of the editor's
// text with what was saved since their base, saved when the changes do
// not overlap. The web's editor and the Action API's action=edit both
// resolve conflicts through it.
func (s *Server) mergeEdit(ctx context.Context, edit pageinfo.Edit) (mergeResult, error) {
	cur, err := s.Store.LatestRevision(ctx, edit.Title)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return mergeResult{}, fmt.Errorf("edit conflict: %w", err)
	}
	mr := mergeResult{Current: cur}
	if baseText, ok := s.baseText(ctx, edit); ok && cur.ID != 0 {
		mr.Merged, mr.Conflicts = merge.Marked(baseText, cur.Text, edit.Text, conflictMarkers)
		if mr.Conflicts == 0 {
			edit.Text, edit.BaseRevID = mr.Merged, cur.ID
			if edit.Summary == "" {
				edit.Summary = "merged with a concurrent edit"
			}
			if res, err := s.Saver.Save(ctx, edit); err == nil {
				mr.Saved, mr.Result = true, res
			}
		}
	}
	return mr, nil
}

// baseText is the text the user started from: their base revision of this
// page ("" when they were creating it).
func (s *Server) baseText(ctx context.Context, edit pageinfo.Edit) (string, bool) {
	if edit.BaseRevID == 0 {
		return "", true
	}
	rev, err := s.Store.RevisionByID(ctx, edit.BaseRevID)
	if err != nil || rev.Title != edit.Title {
		return "", false
	}
	return rev.Text, true
}

// editRefused shows the form again with the user's text and why the save
// was refused (bad text, too large): nothing typed is lost.
func (s *Server) editRefused(w http.ResponseWriter, r *http.Request, m router.Match, f editForm, err error) error {
	he := classify(err)
	if he.Status >= 500 {
		return err
	}
	return s.editView(w, r, m, he.Status, he.text(s.lang(r, m), zoneOf(r)), f)
}

// editPreview shows the form under the preview of its text pi, in the
// skin's chrome of a view of pi: its table of contents, category bar and
// stylesheets (highlighting, math …), as the saved page will show them.
func (s *Server) editPreview(w http.ResponseWriter, r *http.Request, m router.Match, f editForm, pi *pageinfo.PageInfo) error {
	if err := s.templatesUsed(r.Context(), &f); err != nil {
		return err
	}
	l := s.lang(r, m)
	f.WatchExpiryOptions = watchExpiryOptions(l, f.WatchExpiry)
	f.ContentLang = s.site.ContentLanguage()
	b, err := bodyIn(l, "edit", f)
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Title: editHeading(l, f, m), Body: b, Preview: pi})
}

func (s *Server) editView(w http.ResponseWriter, r *http.Request, m router.Match, status int, msg string, f editForm) error {
	if err := s.templatesUsed(r.Context(), &f); err != nil {
		return err
	}
	l := s.lang(r, m)
	f.WatchExpiryOptions = watchExpiryOptions(l, f.WatchExpiry)
	f.ContentLang = s.site.ContentLanguage()
	b, err := bodyIn(l, "edit", f)
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: status, Title: editHeading(l, f, m), Message: msg, Body: b})
}

// editHeadings are the headings of the edit form, as MediaWiki's: by
// whether the page exists, then by whether the form edits the whole page,
// a section or a new section.
var editHeadings = [2][3]string{
	{"creating", "creating-section", "creating-new-section"},
	{"editing", "editing-section", "editing-new-section"},
}

// editHeading is the heading of the edit form in l: "Editing T", or
// "Creating T" for a page that does not exist yet, with "(section)" or
// "(new section)" for a section's form.
func editHeading(l *i18n.Lang, f editForm, m router.Match) string {
	exists, what := 1, 0
	if f.Base == 0 {
		exists = 0
	}
	switch {
	case f.NewSection:
		what = 2
	case f.Section != "":
		what = 1
	}
	return l.T(editHeadings[exists][what], "Title", router.DisplayTitle(m.Title()))
}

// MarkerYours, MarkerSeparator and MarkerCurrent are the conflict markers
// of the merged text, as its explanation shows them.
func (editForm) MarkerYours() template.HTML {
	return template.HTML("<code>&lt;&lt;&lt;&lt;&lt;&lt;&lt; " + template.HTMLEscapeString(conflictMarkers.Theirs) + "</code>")
}

func (editForm) MarkerSeparator() template.HTML { return "<code>=======</code>" }

func (editForm) MarkerCurrent() template.HTML {
	return template.HTML("<code>&gt;&gt;&gt;&gt;&gt;&gt;&gt; " + template.HTMLEscapeString(conflictMarkers.Ours) + "</code>")
}

// editorName is the name recorded on a revision: the account, or for an
// anonymous edit (--anonymous-edit) the peer's address, as MediaWiki.
// (Behind --trusted-proxies that is the proxy's; Server.clientAddr would
// name the client.)
func editorName(r *http.Request, u *userinfo.UserInfo) string {
	if u.Anonymous {
		return peerAddr(r)
	}
	return u.Name
}

// Protection levels checked by checkProtection.
const (
	protectEdit = "edit"
	protectMove = "move"
)

// checkProtection refuses an edit or move of a protected page to users
// outside the group its protection names.
func (s *Server) checkProtection(ctx context.Context, title string, u *userinfo.UserInfo, what string) error {
	p, err := s.Store.ProtectionOf(ctx, title, time.Now())
	if err != nil {
		return err
	}
	level := p.Edit
	if what == protectMove {
		level = p.Move
	}
	if level != "" && !u.InGroup(level) {
		if what == protectMove {
			return errorMsg(http.StatusForbidden, "protected-move", "Group", level)
		}
		return errorMsg(http.StatusForbidden, "protected-edit", "Group", level)
	}
	return nil
}
