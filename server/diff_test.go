package server_test

import (
	"context"
	"flag"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/server"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// saveAs saves a page through the save path as user, with a summary, and
// returns the new revision's id.
func saveAs(t *testing.T, srv *server.Server, title, user, text, summary string) int64 {
	t.Helper()
	base := int64(0)
	if p, err := srv.Store.PageByTitle(context.Background(), title); err == nil {
		base = p.LatestRev
	}
	res, err := srv.Saver.Save(context.Background(), pageinfo.Edit{Title: title, Text: text, BaseRevID: base, UserName: user, Summary: summary})
	if err != nil {
		t.Fatal(err)
	}
	return res.Revision.ID
}

var textArea = regexp.MustCompile(`(?s)<textarea name="text"[^>]*>(.*?)</textarea>`)

// formText returns the edit form's text and summary.
func formText(t *testing.T, page string) (text, summary string) {
	t.Helper()
	m := textArea.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no text area in\n%s", page)
	}
	s := regexp.MustCompile(`name="summary" value="([^"]*)"`).FindStringSubmatch(page)
	return html.UnescapeString(m[1]), html.UnescapeString(s[1])
}

func rawOf(t *testing.T, c *client, title string) string {
	t.Helper()
	return mustStatus(t, c.do("GET", "/-/raw/"+title, nil), 200, "raw "+title)
}

// lines joins lines; the save path drops the final newline.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

// TestUndo: three edits, the middle one undone through /-/edit/T?undo=N and
// saved: the text lacks only that change. Undoing an edit that later edits
// changed again is refused with MediaWiki's message.
func TestUndo(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	saveAs(t, srv, "Doc", "Bob", lines("one", "x", "x", "three", "x", "x", "five"), "start")
	r1 := saveAs(t, srv, "Doc", "Bob", lines("ONE", "x", "x", "three", "x", "x", "five"), "first")
	r2 := saveAs(t, srv, "Doc", "Carol", lines("ONE", "x", "x", "THREE", "x", "x", "five"), "second")
	saveAs(t, srv, "Doc", "Bob", lines("ONE", "x", "x", "THREE", "x", "x", "FIVE"), "third")

	hist := mustStatus(t, c.do("GET", "/-/history/Doc", nil), 200, "history")
	mustContain(t, hist, `<a href="/-/edit/Doc?undo=`+itoa(r2)+`">undo</a>`, "history")
	page := mustStatus(t, c.do("GET", "/-/edit/Doc?undo="+itoa(r2), nil), 200, "undo form")
	mustContain(t, page, "The edit can be undone", "undo form")
	text, summary := formText(t, page)
	if want := lines("ONE", "x", "x", "three", "x", "x", "FIVE"); text != want {
		t.Fatalf("undo text = %q, want %q", text, want)
	}
	if want := "Undo revision " + itoa(r2) + " by Carol"; summary != want {
		t.Fatalf("undo summary = %q, want %q", summary, want)
	}
	csrf, base := csrfField.FindStringSubmatch(page)[1], baseField.FindStringSubmatch(page)[1]
	mustStatus(t, c.save("Doc", csrf, base, text, summary), http.StatusSeeOther, "save the undo")
	if got := rawOf(t, c, "Doc"); got != lines("ONE", "x", "x", "three", "x", "x", "FIVE") {
		t.Fatalf("text after undo = %q", got)
	}
	mustContain(t, mustStatus(t, c.do("GET", "/-/history/Doc", nil), 200, "history"), "Undo revision "+itoa(r2)+" by Carol", "history")

	// MediaWiki's URL maps to the same form.
	rec := c.do("GET", "/index.php?title=Doc&action=edit&undo="+itoa(r1)+"&undoafter="+itoa(r1-1), nil)
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusMovedPermanently || loc != "/-/edit/Doc?undo="+itoa(r1)+"&undoafter="+itoa(r1-1) {
		t.Fatalf("legacy undo = %d %q", rec.Code, loc)
	}

	// A conflicting undo: the first line was changed again since.
	saveAs(t, srv, "Doc", "Bob", lines("One!", "x", "x", "three", "x", "x", "FIVE"), "fourth")
	page = mustStatus(t, c.do("GET", "/-/edit/Doc?undo="+itoa(r1), nil), 200, "conflicting undo")
	mustContain(t, page, "The edit could not be undone due to conflicting intermediate edits.", "conflicting undo")
	if text, _ := formText(t, page); text != lines("One!", "x", "x", "three", "x", "x", "FIVE") {
		t.Fatalf("conflicting undo shows %q, want the current text", text)
	}

	// Revisions of other pages, and the creation, cannot be undone.
	other := saveAs(t, srv, "Other", "Bob", "other\n", "")
	mustStatus(t, c.do("GET", "/-/edit/Doc?undo="+itoa(other), nil), http.StatusBadRequest, "undo of another page's revision")
	saveAs(t, srv, "Other", "Bob", "other 2\n", "")
	mustStatus(t, c.do("GET", "/-/edit/Other?undo="+itoa(other), nil), http.StatusBadRequest, "undo of a creation")
}

var rollbackForm = regexp.MustCompile(`<form method="post" action="([^"]+)" class="diff-rollback"><input type="hidden" name="csrf" value="([^"]+)"><input type="hidden" name="from" value="([^"]*)">`)

// TestRollback: a sysop rolls back Bob's consecutive edits to Alice's text
// from the diff page's form, in one save; a stale from is refused, and so is
// a page whose only author is the user.
func TestRollback(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Sysop", "sysop")
	createUser(t, srv, "Alice")
	saveAs(t, srv, "Doc", "Carol", "carol's text", "")
	alice := saveAs(t, srv, "Doc", "Alice", "alice's text", "")
	saveAs(t, srv, "Doc", "Bob", "bob 1", "")
	bob := saveAs(t, srv, "Doc", "Bob", "bob 2 vandalism", "")

	// Who may: not Alice, a plain user.
	a := newClient(t, srv)
	a.mustLogin("Alice")
	if strings.Contains(mustStatus(t, a.do("GET", "/-/diff/"+itoa(alice)+"/"+itoa(bob), nil), 200, "diff as Alice"), "diff-rollback") {
		t.Fatal("a user without the rollback right is offered rollback")
	}
	token := a.csrf("/-/edit/Doc")
	mustStatus(t, a.do("POST", "/-/rollback/Doc", url.Values{"csrf": {token}, "from": {"Bob"}}), http.StatusForbidden, "rollback by Alice")

	c := newClient(t, srv)
	c.mustLogin("Sysop")
	page := mustStatus(t, c.do("GET", "/-/diff/"+itoa(alice)+"/"+itoa(bob), nil), 200, "diff as sysop")
	f := rollbackForm.FindStringSubmatch(page)
	if f == nil || f[1] != "/-/rollback/Doc" || f[3] != "Bob" {
		t.Fatalf("no rollback form for Bob's edits:\n%s", page)
	}
	// Without the token, nothing happens.
	mustStatus(t, c.do("POST", f[1], url.Values{"from": {"Bob"}}), http.StatusForbidden, "rollback without csrf")
	// A stale link: the latest edit is not Alice's.
	body := mustStatus(t, c.do("POST", f[1], url.Values{"csrf": {f[2]}, "from": {"Alice"}}), http.StatusConflict, "stale rollback")
	mustContain(t, body, "the latest edit is by Bob", "stale rollback")
	if got := rawOf(t, c, "Doc"); got != "bob 2 vandalism" {
		t.Fatalf("a refused rollback changed the text to %q", got)
	}
	// GET asks first.
	mustContain(t, mustStatus(t, c.do("GET", "/-/rollback/Doc?from=Bob", nil), 200, "rollback form"), "last revision by Alice", "rollback form")

	mustStatus(t, c.do("POST", f[1], url.Values{"csrf": {f[2]}, "from": {"Bob"}}), http.StatusSeeOther, "rollback")
	if got := rawOf(t, c, "Doc"); got != "alice's text" {
		t.Fatalf("text after rollback = %q, want Alice's", got)
	}
	hist := mustStatus(t, c.do("GET", "/-/history/Doc", nil), 200, "history")
	mustContain(t, hist, "Reverted edits by Bob (talk) to last revision by Alice", "history")
	if n := strings.Count(hist, "/-/revision/"); n != 5 {
		t.Fatalf("history has %d revisions after the rollback, want 5 (one save)", n)
	}
	// The same link again is stale: the latest edit is the sysop's now.
	mustStatus(t, c.do("POST", f[1], url.Values{"csrf": {f[2]}, "from": {"Bob"}}), http.StatusConflict, "second rollback")

	// A page whose only author is Bob cannot be rolled back.
	saveAs(t, srv, "Solo", "Bob", "one\n", "")
	saveAs(t, srv, "Solo", "Bob", "two\n", "")
	body = mustStatus(t, c.do("POST", "/-/rollback/Solo", url.Values{"csrf": {f[2]}, "from": {"Bob"}}), http.StatusConflict, "rollback of a sole author")
	mustContain(t, body, "only author", "rollback of a sole author")

	// MediaWiki's URL.
	rec := c.do("GET", "/index.php?title=Doc&action=rollback&from=Bob", nil)
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusMovedPermanently || loc != "/-/rollback/Doc?from=Bob" {
		t.Fatalf("legacy rollback = %d %q", rec.Code, loc)
	}
}

// TestDiffPage: headers with authors, summaries, sizes, neighbours' links,
// undo for editors, the side-by-side toggle, "No difference", cross-page
// diffs and the cap on huge diffs.
func TestDiffPage(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	r1 := saveAs(t, srv, "Doc", "Alice", "a\nthe b line", "created")
	r2 := saveAs(t, srv, "Doc", "Bob", "a\nthe B line", "fixed b")
	r3 := saveAs(t, srv, "Doc", "Alice", "a\nthe B line\nc", "added c")

	anon := newClient(t, srv)
	page := mustStatus(t, anon.do("GET", "/-/diff/"+itoa(r2)+"/"+itoa(r3), nil), 200, "diff")
	for _, want := range []string{
		`<a href="/wiki/User:Bob">Bob</a>`, `<a href="/wiki/User:Alice">Alice</a>`,
		"(fixed b)", "(added c)", "12 bytes (0)", "14 bytes (&#43;2)",
		`<a href="/-/diff/` + itoa(r1) + `/` + itoa(r2) + `">← Older edit</a>`,
		`<a href="/-/diff/` + itoa(r2) + `/` + itoa(r3) + `?view=side">Side by side</a>`,
		"Difference between revisions of &#34;Doc&#34;", `class="diff"`, "<ins>", "&#43;2 −1 lines",
	} {
		mustContain(t, page, want, "diff page")
	}
	for _, no := range []string{"Newer edit", "diff-undo", "diff-rollback"} {
		if strings.Contains(page, no) {
			t.Errorf("the anonymous diff of the current revision has %q", no)
		}
	}
	page = mustStatus(t, anon.do("GET", "/-/diff/"+itoa(r1)+"/"+itoa(r2)+"?view=side", nil), 200, "side by side")
	for _, want := range []string{
		`class="diff diff-side"`, `<a href="/-/diff/` + itoa(r2) + `/` + itoa(r3) + `?view=side">Newer edit →</a>`,
		`<a href="/-/diff/` + itoa(r1) + `/` + itoa(r2) + `">Inline</a>`, `the <del>b</del> line`, `the <ins>B</ins> line`,
	} {
		mustContain(t, page, want, "side-by-side diff")
	}

	c := newClient(t, srv)
	c.mustLogin("Alice")
	page = mustStatus(t, c.do("GET", "/-/diff/"+itoa(r1)+"/"+itoa(r2), nil), 200, "diff as an editor")
	mustContain(t, page, `href="/-/edit/Doc?undo=`+itoa(r2)+`"`, "undo link")
	page = mustStatus(t, c.do("GET", "/-/diff/"+itoa(r1)+"/"+itoa(r3), nil), 200, "diff of two edits")
	mustContain(t, page, `href="/-/edit/Doc?undo=`+itoa(r3)+`&amp;undoafter=`+itoa(r1)+`"`, "undo link of a range")

	// The next revision found in the history, not as the current one's parent.
	saveAs(t, srv, "Doc", "Bob", "a\nthe B line\nc\nd", "added d")
	page = mustStatus(t, anon.do("GET", "/-/diff/"+itoa(r1)+"/"+itoa(r2), nil), 200, "older diff")
	mustContain(t, page, `<a href="/-/diff/`+itoa(r2)+`/`+itoa(r3)+`">Newer edit →</a>`, "older diff")

	mustContain(t, mustStatus(t, anon.do("GET", "/-/diff/"+itoa(r2)+"/"+itoa(r2), nil), 200, "same"), "No difference", "same revision")
	o := saveAs(t, srv, "Other page", "Carol", "a\nz\n", "")
	page = mustStatus(t, anon.do("GET", "/-/diff/"+itoa(r2)+"/"+itoa(o), nil), 200, "cross-page")
	mustContain(t, page, "Difference between pages &#34;Doc&#34; and &#34;Other page&#34;", "cross-page diff")
	mustContain(t, page, `<a href="/wiki/Other_page">Other page</a>`, "cross-page diff")
	mustStatus(t, anon.do("GET", "/-/diff/"+itoa(r2)+"/999999", nil), http.StatusNotFound, "missing revision")

	var big1, big2 strings.Builder
	for i := range 5000 {
		big1.WriteString("line " + strconv.Itoa(i) + "\n")
		big2.WriteString("LINE " + strconv.Itoa(i) + "\n")
	}
	b1 := saveAs(t, srv, "Big", "Bob", big1.String(), "")
	b2 := saveAs(t, srv, "Big", "Bob", big2.String(), "")
	page = mustStatus(t, anon.do("GET", "/-/diff/"+itoa(b1)+"/"+itoa(b2), nil), 200, "big diff")
	mustContain(t, page, "too large to show in full", "big diff")
	if n := strings.Count(page, "<tr class="); n > 2001 {
		t.Fatalf("big diff shows %d rows", n)
	}
}

var stamp = regexp.MustCompile(`\d\d:\d\d, \d{1,2} [A-Z][a-z]+ \d{4}`) // whenIn in English: "10:01, 6 December 2026"

// TestDiffGolden keeps the diff page's body, inline and side by side, in
// testdata/diff.*.golden.html: indentation and runs of spaces are kept.
func TestDiffGolden(t *testing.T) {
	srv, _ := newServer(t)
	old := "# Notes\n\nSome intro text, kept.\n\n    indented  code\n\tthen a tab\n\nEnd line one.\nEnd line two.\n"
	new := "# Notes\n\nSome opening text, kept.\n\n    indented   code!\n\tthen a tab\n\nEnd line two.\nAdded <line> & more.\n"
	a := saveAs(t, srv, "Notes", "Alice", old, "first <draft>")
	b := saveAs(t, srv, "Notes", "Bob", new, "")
	c := newClient(t, srv)
	for _, view := range []string{"inline", "side"} {
		target := "/-/diff/" + itoa(a) + "/" + itoa(b)
		if view == "side" {
			target += "?view=side"
		}
		page := mustStatus(t, c.do("GET", target, nil), 200, view)
		start := strings.Index(page, `<div class="diff-page">`)
		end := strings.Index(page, "</table>\n</div>")
		if start < 0 || end < start {
			t.Fatalf("no diff body in\n%s", page)
		}
		got := stamp.ReplaceAllString(page[start:end+len("</table>\n</div>")], "TIME") + "\n"
		compareGolden(t, filepath.Join("testdata", "diff."+view+".golden.html"), got)
	}
}

func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./server -run TestDiffGolden -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s is stale (run go test ./server -run TestDiffGolden -update); got:\n%s", file, got)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
