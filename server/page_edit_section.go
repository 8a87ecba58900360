package server

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown/section"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Section editing, as MediaWiki's: ?section=N opens the edit form on
// section N of the page (0 the text before the first heading, N the Nth
// top-level heading with its subsections: package section), and saving
// replaces that section of the form's base revision, so a concurrent edit
// elsewhere in the page merges (editConflict) like any edit.
// ?section=new opens an empty box whose summary field is the new
// section's subject; saving appends "## Subject" and the text to the
// current text.

// sectionNew is the section parameter of a new section.
const sectionNew = "new"

// parseSection reads a section parameter: a section number, or new.
func parseSection(v string) (n int, isNew bool, err error) {
	if v == sectionNew {
		return 0, true, nil
	}
	n, err = strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false, errorMsg(http.StatusBadRequest, "section-bad", "Section", v)
	}
	return n, false, nil
}

// noSection is the error of a section number the text does not have.
func noSection(n, last int) error {
	return errorMsg(http.StatusBadRequest, "section-missing", "Section", n, "Last", last)
}

// sectionForm narrows the edit form f of the page title, whose current
// revision is cur, to the section sec asks for.
func (s *Server) sectionForm(f *editForm, title string, cur store.Revision, sec string) error {
	n, isNew, err := parseSection(sec)
	if err != nil {
		return err
	}
	if isNew {
		f.Section, f.NewSection, f.Text = sectionNew, true, ""
		return nil
	}
	doc := s.Saver.Sections(title, cur.Text)
	text, h, ok := doc.Get(n)
	if !ok {
		return noSection(n, doc.Len())
	}
	f.Section, f.Text = strconv.Itoa(n), text
	if n > 0 {
		f.Summary = "/* " + h.Text + " */ "
		f.ViewURL = sectionURL(title, h.Anchor)
	}
	return nil
}

// sectionURL is the view of title at the heading anchor.
func sectionURL(title, anchor string) string {
	if anchor == "" {
		return router.TitleURL(title)
	}
	return router.TitleURL(title) + "#" + anchor
}

// sectionPost previews or saves the section form f (its base, text,
// summary and minor already read) for section sec.
func (s *Server) sectionPost(w http.ResponseWriter, r *http.Request, m router.Match, f editForm, sec string) error {
	n, isNew, err := parseSection(sec)
	if err != nil {
		he := classify(err)
		return s.editView(w, r, m, he.Status, capitalize(he.Safe), f)
	}
	if isNew {
		f.Section, f.NewSection = sectionNew, true
		return s.newSectionPost(w, r, m, f)
	}
	f.Section = strconv.Itoa(n)
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	watch, _ := watchOf(r, u) // checked by editPost
	edit := pageinfo.Edit{Title: title, BaseRevID: f.Base, Summary: f.Summary, UserID: u.ID, UserName: editorName(r, u), Minor: f.Minor,
		Watch: toWatch(u, title, watch.Watch)}
	baseText, ok := s.baseText(ctx, edit)
	if !ok {
		return s.editView(w, r, m, http.StatusBadRequest, s.lang(r, m).T("section-bad-base"), f)
	}
	doc := s.Saver.Sections(title, baseText)
	if n > 0 && n <= doc.Len() {
		f.ViewURL = sectionURL(title, doc.Headings[n-1].Anchor) // Cancel returns to the section
	}
	if r.PostForm.Get("preview") != "" {
		return s.sectionPreview(w, r, m, f, f.Text)
	}
	if edit.Text, ok = doc.Replace(n, f.Text); !ok {
		he := classify(noSection(n, doc.Len()))
		return s.editView(w, r, m, he.Status, capitalize(he.Safe), f)
	}
	_, err = s.Saver.Save(ctx, edit)
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		// As MediaWiki, a conflict is resolved on the whole page: the
		// form holds the whole text with the user's section in it.
		f.Text, f.Section = edit.Text, ""
		return s.editConflict(w, r, m, f, edit)
	}
	if err != nil {
		return s.editRefused(w, r, m, f, err)
	}
	s.afterSaveWatch(ctx, u, title, watch)
	anchor := ""
	if n > 0 {
		if d := s.Saver.Sections(title, edit.Text); n <= d.Len() {
			anchor = d.Headings[n-1].Anchor
		}
	}
	http.Redirect(w, r, sectionURL(title, anchor), http.StatusSeeOther)
	return nil
}

// newSectionAttempts bounds the saves of a new section racing other edits.
const newSectionAttempts = 3

// newSectionPost previews or saves a new section: the summary field is its
// subject, the text its body, appended to the current text (not the
// base's: two new sections never conflict), with the summary
// "/* Subject */ new section", as MediaWiki's.
func (s *Server) newSectionPost(w http.ResponseWriter, r *http.Request, m router.Match, f editForm) error {
	subject := strings.Join(strings.Fields(f.Summary), " ")
	if strings.TrimSpace(f.Text) == "" {
		return s.editView(w, r, m, http.StatusBadRequest, s.lang(r, m).T("section-new-empty"), f)
	}
	if r.PostForm.Get("preview") != "" {
		return s.sectionPreview(w, r, m, f, section.Append("", subject, f.Text))
	}
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	summary := "new section"
	if subject != "" {
		summary = "/* " + subject + " */ new section"
	}
	watch, _ := watchOf(r, u) // checked by editPost
	edit := pageinfo.Edit{Title: title, Summary: summary, UserID: u.ID, UserName: editorName(r, u), Minor: f.Minor, Watch: toWatch(u, title, watch.Watch)}
	_, text, err := s.saveNewSection(ctx, edit, subject, f.Text)
	switch {
	case errors.Is(err, errSectionBusy):
		return s.editView(w, r, m, http.StatusConflict, s.lang(r, m).T("section-new-busy"), f)
	case err != nil:
		return s.editRefused(w, r, m, f, err)
	}
	s.afterSaveWatch(ctx, u, title, watch)
	anchor := ""
	if d := s.Saver.Sections(title, text); d.Len() > 0 && subject != "" {
		anchor = d.Headings[d.Len()-1].Anchor
	}
	http.Redirect(w, r, sectionURL(title, anchor), http.StatusSeeOther)
	return nil
}

// errSectionBusy is a new section that could not be saved: other saves
// got in before each attempt.
var errSectionBusy = errors.New("the page changed during each attempt to add the section")

// saveNewSection appends a section (## subject, then text) to the current
// text of edit.Title and saves it with edit's summary, author and flags:
// appended to the current text, not to a base's, so two new sections never
// conflict; a save that lost a race appends to the newer text (at most
// newSectionAttempts times, then errSectionBusy). It returns the save and
// the text saved. The web's form and the Action API's section=new use it.
func (s *Server) saveNewSection(ctx context.Context, edit pageinfo.Edit, subject, text string) (store.SaveResult, string, error) {
	for range newSectionAttempts {
		cur, err := s.Store.LatestRevision(ctx, edit.Title)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return store.SaveResult{}, "", err
		}
		edit.Text, edit.BaseRevID = section.Append(cur.Text, subject, text), cur.ID
		res, err := s.Saver.Save(ctx, edit)
		var ce *store.ConflictError
		if errors.As(err, &ce) {
			continue // saved meanwhile: append to the newer text
		}
		return res, edit.Text, err
	}
	return store.SaveResult{}, "", errSectionBusy
}

// sectionPreview shows the section form f with text, what the section (or
// the new section) would show, rendered above it in the chrome of its view, as editPost's preview.
func (s *Server) sectionPreview(w http.ResponseWriter, r *http.Request, m router.Match, f editForm, text string) error {
	pi, err := s.Saver.Preview(r.Context(), m.Title(), text)
	if err != nil {
		return s.editRefused(w, r, m, f, err)
	}
	f.Preview = template.HTML(pi.HTML)
	return s.editPreview(w, r, m, f, pi)
}
