package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/store"
)

// transclude saves title with text through the store, recording templates
// as the titles its revision transcluded (SaveRequest.Templates, as the
// save path writes them once it expands templates), and links as its
// links. The page's cached renderings are not told: save it before
// viewing what lists it.
func transclude(t *testing.T, srv *server.Server, title, text string, templates, links []string) {
	t.Helper()
	ctx := context.Background()
	base := int64(0)
	if p, err := srv.Store.PageByTitle(ctx, title); err == nil {
		base = p.LatestRev
	}
	if _, err := srv.Store.SaveRevision(ctx, store.SaveRequest{Title: title, Text: text, BaseRevID: base, UserName: "Tester",
		Templates: templates, Links: links}); err != nil {
		t.Fatal(err)
	}
}

// TestEditTemplatesUsed: the edit form of a page that transcludes lists
// "Templates used on this page:", each linked, a missing one red (to its
// edit form, class "new"), titles escaped; a page transcluding nothing,
// and a page being created, have no such list.
func TestEditTemplatesUsed(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	saveAs(t, srv, "Template:Notice", "Alice", "Note: {{{1}}}", "")
	saveAs(t, srv, `Template:A_&_"B"`, "Alice", "AB", "")
	transclude(t, srv, "Home", "{{Notice|hi}} {{Gone}} {{A & \"B\"}}", []string{`Template:A_&_"B"`, "Template:Gone", "Template:Notice"}, nil)

	form := mustStatus(t, c.do("GET", "/-/edit/Home", nil), http.StatusOK, "edit form of Home")
	mustContain(t, form, `<div class="templatesUsed"><p class="mw-templatesUsedExplanation">Templates used on this page:</p><ul>`+
		`<li><a href="/wiki/Template:A_%26_%22B%22">Template:A &amp; &#34;B&#34;</a></li>`+
		`<li><a href="/-/edit/Template:Gone" class="new" title="Template:Gone (page does not exist)">Template:Gone</a></li>`+
		`<li><a href="/wiki/Template:Notice">Template:Notice</a></li></ul></div>`, "edit form of Home")
	if i, j := strings.Index(form, `id="editor-text"`), strings.Index(form, "templatesUsed"); j < i {
		t.Errorf("the templates used come before the edit box")
	}

	saveAs(t, srv, "Plain", "Alice", "No templates.", "")
	for _, target := range []string{"/-/edit/Plain", "/-/edit/Not_yet"} {
		if form := mustStatus(t, c.do("GET", target, nil), http.StatusOK, target); strings.Contains(form, "templatesUsed") {
			t.Errorf("%s lists templates used:\n%s", target, form)
		}
	}
}

// TestBacklinksTransclusions: "What links here" merges the pages that
// transclude the title with those linking to it, in title order, each
// transclusion marked "(transclusion)", a page doing both once; paging
// by offset walks the merged list without losing or repeating a page.
func TestBacklinksTransclusions(t *testing.T) {
	srv, _ := newServer(t)
	saveAs(t, srv, "Template:Notice", "Tester", "Note", "")
	transclude(t, srv, "Alpha", "[[Template:Notice]]", nil, []string{"Template:Notice"})
	transclude(t, srv, "Beta", "{{Notice}}", []string{"Template:Notice"}, nil)
	transclude(t, srv, "Gamma", "{{Notice}} [[Template:Notice]]", []string{"Template:Notice"}, []string{"Template:Notice"})
	transclude(t, srv, "Delta", "{{Notice}}", []string{"Template:Notice"}, nil)
	transclude(t, srv, "Epsilon", "[[Template:Notice]]", nil, []string{"Template:Notice"})
	transclude(t, srv, "Other", "{{Other}}", []string{"Template:Other"}, []string{"Template:Other"})

	item := func(title string, tr bool) string {
		s := `<li><a href="/wiki/` + title + `">` + title + `</a>`
		if tr {
			s += " (transclusion)"
		}
		return s + "</li>"
	}
	all := item("Alpha", false) + "\n" + item("Beta", true) + "\n" + item("Delta", true) + "\n" + item("Epsilon", false) + "\n" + item("Gamma", true)
	body := mustStatus(t, get(t, srv, "GET", "/-/backlinks/Template:Notice"), http.StatusOK, "what links here")
	mustContain(t, body, "<ul class=\"titles\">\n"+all+"\n</ul>", "what links here")
	if strings.Contains(body, "Other") || strings.Contains(body, "Next page") {
		t.Errorf("what links here lists another template's users, or pages on:\n%s", body)
	}

	// Two at a time: the pages follow each other in the same order.
	var got []string
	next := "/-/backlinks/Template:Notice?limit=2"
	for i := 0; next != ""; i++ {
		if i > 5 {
			t.Fatal("paging does not end")
		}
		body := mustStatus(t, get(t, srv, "GET", next), http.StatusOK, next)
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "<li><a href=\"/wiki/") {
				got = append(got, l)
			}
		}
		next = ""
		if _, after, ok := strings.Cut(body, `<p class="paging"><a href="`); ok {
			next = strings.ReplaceAll(after[:strings.Index(after, `"`)], "&amp;", "&")
		}
	}
	if strings.Join(got, "\n") != all {
		t.Errorf("paged by two:\n%s\nwant\n%s", strings.Join(got, "\n"), all)
	}
}

// TestTemplatePageUsers: a Template page lists "Pages using this
// template", and follows the saves that stop transcluding it and the
// moves and deletes of the pages using it (their Template pages'
// PageInfo is dropped as a File page's usage is).
func TestTemplatePageUsers(t *testing.T) {
	srv, _ := newServer(t)
	used := []string{"Template:Notice"}
	transclude(t, srv, "Alpha", "{{Notice}}", used, nil)
	transclude(t, srv, "Beta", "{{Notice}}", used, nil)
	transclude(t, srv, `Gamma_&_"G"`, "{{Notice}}", used, nil)
	saveAs(t, srv, "Template:Notice", "Tester", "Note", "")

	section := func(items ...string) string {
		s := `<section class="template-users" aria-labelledby="template-users-heading">` + "\n" +
			`    <h2 id="template-users-heading">Pages using this template</h2>` + "\n"
		if len(items) == 0 {
			return s + "    <p>No page uses this template.</p>\n"
		}
		s += `    <ul class="titles">` + "\n"
		for _, it := range items {
			s += "      <li>" + it + "</li>\n"
		}
		return s + "    </ul>\n"
	}
	alpha, beta := `<a href="/wiki/Alpha">Alpha</a>`, `<a href="/wiki/Beta">Beta</a>`
	waitBody(t, srv, "/wiki/Template:Notice", section(alpha, beta, `<a href="/wiki/Gamma_%26_%22G%22">Gamma &amp; &#34;G&#34;</a>`))

	saveAs(t, srv, "Alpha", "Tester", "No template now.", "")
	waitBody(t, srv, "/wiki/Template:Notice", section(beta, `<a href="/wiki/Gamma_%26_%22G%22">Gamma &amp; &#34;G&#34;</a>`))
	if _, err := srv.Saver.Move(context.Background(), `Gamma_&_"G"`, "Delta", false, pageinfo.Action{UserName: "Tester"}); err != nil {
		t.Fatal(err)
	}
	waitBody(t, srv, "/wiki/Template:Notice", section(beta, `<a href="/wiki/Delta">Delta</a>`))
	for _, title := range []string{"Beta", "Delta"} {
		if _, err := srv.Saver.Delete(context.Background(), title, pageinfo.Action{UserName: "Tester", Reason: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	waitBody(t, srv, "/wiki/Template:Notice", section())
	if page := waitBody(t, srv, "/wiki/Alpha", "No template now."); strings.Contains(page, "template-users") {
		t.Errorf("a page outside the Template namespace lists its users:\n%s", page)
	}
}
