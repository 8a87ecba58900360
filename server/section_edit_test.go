package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// sectionsPage's sections: 1 One, 2 Two, 3 Three, 4 Four (with 5), 5 Four.a.
const sectionsPage = "Intro.\n\n## One\n\none\n\n## Two\n\ntwo\n\n## Three\n\nthree\n\n## Four\n\nfour\n\n### Four.a\n\nfour a"

var (
	textareaField = regexp.MustCompile(`(?s)<textarea name="text"[^>]*>(.*?)</textarea>`)
	summaryField  = regexp.MustCompile(`name="summary" value="([^"]*)"`)
)

// sectionForm opens the edit form of a section and returns its csrf, base
// and text fields and the whole page.
func (c *client) sectionForm(title, section string) (csrf, base, text, body string) {
	c.t.Helper()
	body = mustStatus(c.t, c.do("GET", "/-/edit/"+title+"?section="+section, nil), http.StatusOK, "section form "+section)
	return csrfField.FindStringSubmatch(body)[1], baseField.FindStringSubmatch(body)[1], textareaField.FindStringSubmatch(body)[1], body
}

func (c *client) saveSection(title, section, csrf, base, text, summary string) string {
	c.t.Helper()
	rec := c.do("POST", "/-/edit/"+title, url.Values{"csrf": {csrf}, "base": {base}, "section": {section}, "text": {text}, "summary": {summary}, "save": {"1"}})
	if rec.Code != http.StatusSeeOther {
		c.t.Fatalf("save of section %s = %d\n%s", section, rec.Code, rec.Body.String())
	}
	return rec.Header().Get("Location")
}

// TestSectionEdit: editor A edits section 2 while B changes section 4;
// both changes survive. Section forms hold only their section, with the
// heading as the summary, and section=new appends a section.
func TestSectionEdit(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	alice, bob, anon := newClient(t, srv), newClient(t, srv), newClient(t, srv)
	alice.mustLogin("Alice")
	bob.mustLogin("Bob")
	csrf, base := alice.editForm("Sections")
	mustStatus(t, alice.save("Sections", csrf, base, sectionsPage, "new page"), http.StatusSeeOther, "create")

	csrfA, baseA, text, form := alice.sectionForm("Sections", "2")
	if text != "## Two\n\ntwo\n\n" {
		t.Errorf("section 2's form holds %q, want section 2 only", text)
	}
	mustContain(t, form, `<input type="hidden" name="section" value="2">`, "section form")
	mustContain(t, form, "<title>Editing Sections (section)", "section form")
	if got := summaryField.FindStringSubmatch(form); got == nil || got[1] != "/* Two */ " {
		t.Errorf("summary field = %q, want the heading as MediaWiki's /* Two */", got)
	}
	mustContain(t, form, `href="/wiki/Sections#two">Cancel`, "section form: cancel returns to the section")

	csrfB, baseB, text, _ := bob.sectionForm("Sections", "4")
	if text != "## Four\n\nfour\n\n### Four.a\n\nfour a" {
		t.Errorf("section 4's form holds %q, want section 4 with its subsection", text)
	}
	if loc := bob.saveSection("Sections", "4", csrfB, baseB, "## Four\r\n\r\nfour, by Bob\r\n\r\n### Four.a\r\n\r\nfour a", "/* Four */ bob"); loc != "/wiki/Sections#four" {
		t.Errorf("after a section save, Location = %q, want the section", loc)
	}
	alice.saveSection("Sections", "2", csrfA, baseA, "## Two\n\ntwo, by Alice\n", "/* Two */ alice")
	want := strings.NewReplacer("\ntwo\n", "\ntwo, by Alice\n", "\nfour\n", "\nfour, by Bob\n").Replace(sectionsPage)
	if raw := mustStatus(t, anon.do("GET", "/-/raw/Sections", nil), 200, "raw"); raw != want {
		t.Errorf("after both section edits the page is\n%q\nwant\n%q", raw, want)
	}

	// section=new: an empty box, the summary field is the subject.
	csrf, base, text, form = alice.sectionForm("Sections", "new")
	if text != "" {
		t.Errorf("new section form holds %q", text)
	}
	mustContain(t, form, "<label>Subject <input", "new section form")
	mustContain(t, form, "<title>Editing Sections (new section)", "new section form")
	rec := alice.do("POST", "/-/edit/Sections", url.Values{"csrf": {csrf}, "base": {base}, "section": {"new"}, "summary": {"A question"}, "text": {"  \r\n"}, "save": {"1"}})
	mustContain(t, mustStatus(t, rec, http.StatusBadRequest, "new section without text"), `value="A question"`, "the refused form keeps the subject")
	if loc := alice.saveSection("Sections", "new", csrf, base, "Why?", "A question"); loc != "/wiki/Sections#a-question" {
		t.Errorf("after a new section, Location = %q", loc)
	}
	raw := mustStatus(t, anon.do("GET", "/-/raw/Sections", nil), 200, "raw")
	if raw != want+"\n\n## A question\n\nWhy?" {
		t.Errorf("after section=new the page is\n%q", raw)
	}
	mustContain(t, mustStatus(t, anon.do("GET", "/-/history/Sections", nil), 200, "history"), "/* A question */ new section", "history")
}

// TestSectionEditConflict: a section edit of a section someone changed
// meanwhile is a 409 on the whole page, with nothing lost.
func TestSectionEditConflict(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	alice, bob := newClient(t, srv), newClient(t, srv)
	alice.mustLogin("Alice")
	bob.mustLogin("Bob")
	csrf, base := alice.editForm("Clash")
	mustStatus(t, alice.save("Clash", csrf, base, sectionsPage, "new page"), http.StatusSeeOther, "create")
	csrfA, baseA, _, _ := alice.sectionForm("Clash", "1")
	csrfB, baseB, _, _ := bob.sectionForm("Clash", "1")
	bob.saveSection("Clash", "1", csrfB, baseB, "## One\n\none, by Bob\n\n", "bob")
	rec := alice.do("POST", "/-/edit/Clash", url.Values{"csrf": {csrfA}, "base": {baseA}, "section": {"1"}, "text": {"## One\n\none, by Alice\n\n"}, "save": {"1"}})
	body := mustStatus(t, rec, http.StatusConflict, "conflicting section edit")
	mustContain(t, body, "one, by Alice", "409 form keeps Alice's section")
	mustContain(t, body, "one, by Bob", "409 form shows the current text")
	mustContain(t, body, "## Four", "409 form holds the whole page")
	if strings.Contains(body, `name="section"`) {
		t.Error("the conflict form still edits a section: its text is the whole page")
	}
}

// TestSectionEditBadInput: sections that do not exist and malformed
// numbers are clear 400s, never 5xx; a refused save keeps the text.
func TestSectionEditBadInput(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	alice := newClient(t, srv)
	alice.mustLogin("Alice")
	csrf, base := alice.editForm("Short")
	mustStatus(t, alice.save("Short", csrf, base, "Intro\n\n## Only\n\ntext\n", "new page"), http.StatusSeeOther, "create")
	for _, q := range []string{"2", "99", "abc", "-1", "T-1"} {
		body := mustStatus(t, alice.do("GET", "/-/edit/Short?section="+url.QueryEscape(q), nil), http.StatusBadRequest, "section="+q)
		if !strings.Contains(body, "section") {
			t.Errorf("section=%s: the error does not say what is wrong:\n%s", q, body)
		}
	}
	_, base, _, _ = alice.sectionForm("Short", "1")
	rec := alice.do("POST", "/-/edit/Short", url.Values{"csrf": {csrf}, "base": {base}, "section": {"7"}, "text": {"typed text"}, "save": {"1"}})
	mustContain(t, mustStatus(t, rec, http.StatusBadRequest, "save of a missing section"), "typed text", "the refused form keeps the text")
	// A preview of a section renders that section only.
	rec = alice.do("POST", "/-/edit/Short", url.Values{"csrf": {csrf}, "base": {base}, "section": {"1"}, "text": {"## Only\n\n**bold** text\n"}, "preview": {"1"}})
	body := mustStatus(t, rec, http.StatusOK, "section preview")
	mustContain(t, body, "<strong>bold</strong>", "section preview")
	mustContain(t, body, `href="/wiki/Short#only">Cancel`, "section preview: cancel returns to the section")
	if strings.Contains(body, "<p>Intro</p>") {
		t.Error("the section preview shows the whole page")
	}
}

// TestSectionEditLinks: a logged-in editor's view has an edit link on
// each section heading, which opens that section; an anonymous reader,
// who may not edit, gets none.
func TestSectionEditLinks(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	alice, anon := newClient(t, srv), newClient(t, srv)
	alice.mustLogin("Alice")
	csrf, base := alice.editForm("Linked")
	mustStatus(t, alice.save("Linked", csrf, base, sectionsPage, "new page"), http.StatusSeeOther, "create")
	view := mustStatus(t, alice.do("GET", "/wiki/Linked", nil), 200, "editor's view")
	links := regexp.MustCompile(`<span class="mw-editsection"><a href="(/-/edit/Linked\?section=(\d+))" aria-label="Edit section: ([^"]+)">edit</a></span>`).FindAllStringSubmatch(view, -1)
	if len(links) != 5 {
		t.Fatalf("the editor's view has %d edit-section links, want 5:\n%s", len(links), view)
	}
	for i, l := range links {
		if l[2] != string(rune('1'+i)) {
			t.Errorf("link %d is to section %s", i+1, l[2])
		}
		_, _, text, _ := alice.sectionForm("Linked", l[2])
		heading := strings.Repeat("#", 2+strings.Count(l[3], ".")) + " " + l[3] + "\n"
		if !strings.HasPrefix(text, heading) {
			t.Errorf("the link of %q opens %q", l[3], text)
		}
	}
	mustContain(t, view, `<div class="mw-heading mw-heading2"><h2 id="one">One</h2><span class="mw-editsection">`, "editor's view")
	anonView := mustStatus(t, anon.do("GET", "/wiki/Linked", nil), 200, "anonymous view")
	if strings.Contains(anonView, "mw-editsection") || strings.Contains(anonView, "mw-heading") {
		t.Error("an anonymous reader, who may not edit, sees edit-section links")
	}
}
