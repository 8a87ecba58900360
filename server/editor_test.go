package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
)

// editorText has what the preview must show as the view does: a table of
// contents (three headings), a category, highlighted code, a blue link and
// a red one.
const editorText = "Intro with [[Main Page]] and [[No such page]].\n\n## One\n\ntext\n\n## Two\n\n```go\nfunc main() {}\n```\n\n## Three\n\nend\n\n[[Category:Editing]]\n"

// postJSON posts body to target with the CSRF token in X-CSRF-Token.
func (c *client) postJSON(target, token, body string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest("POST", target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("X-CSRF-Token", token)
	}
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec
}

type previewAnswer struct {
	Title       string   `json:"title"`
	HTML        string   `json:"html"`
	TOC         string   `json:"toc"`
	Stylesheets []string `json:"stylesheets"`
	Error       string   `json:"error"`
}

func decodePreview(t *testing.T, rec *httptest.ResponseRecorder) previewAnswer {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want JSON\n%s", ct, rec.Body.String())
	}
	var a previewAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("%v\n%s", err, rec.Body.String())
	}
	return a
}

// The box "Watch this page" is checked (the preference's default), as the
// save then watches the page: the saved view's star is filled.
func previewBody(title, text string) string {
	b, _ := json.Marshal(map[string]any{"title": title, "text": text, "section": 1, "watch": true})
	return string(b)
}

// TestLivePreviewIsTheView: the live preview's HTML is, byte for byte, the
// article region of the view of the page once the same text is saved, in
// both skins, with the table of contents and the stylesheets it needs.
func TestLivePreviewIsTheView(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	csrf, base := c.editForm("Editor_test")
	previews := map[string]previewAnswer{}
	for _, sk := range []string{"desktop", "minimal"} {
		c.do("POST", "/-/preferences", url.Values{"csrf": {csrf}, "skin": {sk}})
		rec := c.postJSON("/api/v1/preview", csrf, previewBody("Editor test", editorText))
		a := decodePreview(t, mustRec(t, rec, http.StatusOK, "POST /api/v1/preview"))
		if a.Title != "Editor_test" {
			t.Errorf("title = %q", a.Title)
		}
		for _, want := range []string{`class="categories"`, "Editing", `class="new"`, "chroma", `id="one"`} {
			if !strings.Contains(a.HTML, want) {
				t.Errorf("%s: preview lacks %q:\n%s", sk, want, a.HTML)
			}
		}
		if !strings.Contains(strings.Join(a.Stylesheets, " "), "highlight.css") {
			t.Errorf("%s: stylesheets %v lack highlight.css", sk, a.Stylesheets)
		}
		previews[sk] = a
	}
	if previews["desktop"].TOC == "" || !strings.Contains(previews["desktop"].TOC, "Three") {
		t.Errorf("desktop: the TOC is outside the article, so the preview sends it: %q", previews["desktop"].TOC)
	}
	if !strings.Contains(previews["minimal"].HTML, `class="toc"`) {
		t.Errorf("minimal: the article has the TOC:\n%s", previews["minimal"].HTML)
	}
	mustStatus(t, c.save("Editor_test", csrf, base, editorText, "s"), http.StatusSeeOther, "save")
	for sk, a := range previews {
		view := mustStatus(t, c.do("GET", "/wiki/Editor_test?useskin="+sk, nil), http.StatusOK, "view")
		if !strings.Contains(view, a.HTML) {
			t.Errorf("%s: the view lacks the preview's article HTML\npreview:\n%s\nview:\n%s", sk, a.HTML, view)
		}
	}
}

func mustRec(t *testing.T, rec *httptest.ResponseRecorder, want int, what string) *httptest.ResponseRecorder {
	t.Helper()
	mustStatus(t, rec, want, what)
	return rec
}

// TestLivePreviewRefuses: what is wrong with a preview request is a clear
// 4xx in JSON.
func TestLivePreviewRefuses(t *testing.T) {
	cfg := config.Default()
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	csrf, _ := c.editForm("Editor_test")
	big := strings.Repeat("x", cfg.MaxPageBytes+70<<10)
	for _, tc := range []struct {
		name, token, body string
		status            int
		msg               string
	}{
		{"no token", "", previewBody("P", "x"), http.StatusForbidden, "CSRF"},
		{"wrong token", "nope", previewBody("P", "x"), http.StatusForbidden, "CSRF"},
		{"bad JSON", csrf, `{"title": "P", "text": `, http.StatusBadRequest, "malformed JSON"},
		{"unknown field", csrf, `{"title": "P", "text": "x", "html": 1}`, http.StatusBadRequest, "malformed JSON"},
		{"no text", csrf, `{"title": "P"}`, http.StatusBadRequest, `needs a "text"`},
		{"bad title", csrf, previewBody("a|b", "x"), http.StatusBadRequest, "not valid"},
		{"too large", csrf, previewBody("P", big), http.StatusRequestEntityTooLarge, "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := decodePreview(t, mustRec(t, c.postJSON("/api/v1/preview", tc.token, tc.body), tc.status, tc.name))
			if !strings.Contains(a.Error, tc.msg) {
				t.Errorf("error = %q, want %q in it", a.Error, tc.msg)
			}
		})
	}
	t.Run("text over the page limit", func(t *testing.T) {
		rec := c.postJSON("/api/v1/preview", csrf, previewBody("P", strings.Repeat("y", cfg.MaxPageBytes+1)))
		a := decodePreview(t, rec)
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(a.Error, "too large") {
			t.Fatalf("status %d, error %q; want 413, page too large", rec.Code, a.Error)
		}
	})
	t.Run("anonymous", func(t *testing.T) {
		anon := newClient(t, srv)
		token := anon.csrf("/-/login")
		rec := anon.postJSON("/api/v1/preview", token, previewBody("P", "x"))
		if rec.Code != http.StatusForbidden {
			t.Fatalf("anonymous preview = %d, want 403\n%s", rec.Code, rec.Body.String())
		}
	})
}

// TestClassicPreviewParity: "Show preview" shows the text in the chrome of
// its view: the table of contents, the category bar and the highlight
// stylesheet, and the form keeps the text.
func TestClassicPreviewParity(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	csrf, base := c.editForm("Editor_test")
	mustStatus(t, c.save("Editor_test", csrf, base, editorText, "s"), http.StatusSeeOther, "save")
	view := mustStatus(t, c.do("GET", "/wiki/Editor_test", nil), http.StatusOK, "view")
	csrf, base = c.editForm("Editor_test")
	for _, sk := range []string{"desktop", "minimal"} {
		prev := mustStatus(t, c.do("POST", "/-/edit/Editor_test?useskin="+sk, url.Values{"csrf": {csrf}, "base": {base},
			"text": {editorText}, "preview": {"1"}}), http.StatusOK, "preview")
		for _, want := range []string{`class="toc"`, `<nav class="categories"`, "highlight.css", "editor.js", `<textarea name="text"`, "This is only a preview"} {
			if !strings.Contains(prev, want) {
				t.Errorf("%s: the preview page lacks %q", sk, want)
			}
		}
		if sk == "desktop" {
			for _, part := range []string{between(view, `<nav class="toc"`, "</nav>"), between(view, `<nav class="categories"`, "</nav>")} {
				if part == "" || !strings.Contains(prev, part) {
					t.Errorf("the preview lacks the view's %q", part)
				}
			}
		}
	}
	if strings.Contains(view, "editor.js") {
		t.Error("a page view loads the editor's script")
	}
}

// between returns s from the first start to the next end, inclusive.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return ""
	}
	return s[i : i+j+len(end)]
}

// TestPostEditCookie: a save's redirect sets the one-shot post-edit cookie,
// "saved", or "nochange" for a null edit; a refused save sets none.
func TestPostEditCookie(t *testing.T) {
	cfg := config.Default()
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	csrf, base := c.editForm("Editor_test")
	postEdit := func(rec *httptest.ResponseRecorder) *http.Cookie {
		for _, ck := range rec.Result().Cookies() {
			if ck.Name == "folio_postedit" {
				return ck
			}
		}
		return nil
	}
	rec := c.save("Editor_test", csrf, base, "first", "s")
	mustStatus(t, rec, http.StatusSeeOther, "save")
	ck := postEdit(rec)
	if ck == nil || ck.Value != "saved" || ck.Path != "/" || ck.MaxAge <= 0 || ck.MaxAge > 300 || ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("after a save: cookie %+v, want folio_postedit=saved, Path=/, short Max-Age, SameSite=Lax, readable by scripts", ck)
	}
	_, base = c.editForm("Editor_test")
	rec = c.save("Editor_test", csrf, base, "first", "again")
	mustStatus(t, rec, http.StatusSeeOther, "null edit")
	if ck := postEdit(rec); ck == nil || ck.Value != "nochange" {
		t.Fatalf("after a null edit: cookie %+v, want folio_postedit=nochange", ck)
	}
	rec = c.save("Editor_test", csrf, base, strings.Repeat("z", cfg.MaxPageBytes+10), "too big")
	if rec.Code < 400 || rec.Code >= 500 {
		t.Fatalf("a too large save = %d, want a 4xx", rec.Code)
	}
	if ck := postEdit(rec); ck != nil {
		t.Fatalf("a refused save set %+v", ck)
	}
	// The view after a save is the same cacheable page: the cookie is the
	// browser's business.
	anon := newClient(t, srv)
	r1 := anon.do("GET", "/wiki/Editor_test", nil)
	req := httptest.NewRequest("GET", "/wiki/Editor_test", nil)
	req.AddCookie(&http.Cookie{Name: "folio_postedit", Value: "saved"})
	r2 := httptest.NewRecorder()
	srv.ServeHTTP(r2, req)
	if r1.Body.String() != r2.Body.String() || r1.Header().Get("Cache-Control") != r2.Header().Get("Cache-Control") || r2.Header().Get("Vary") != r1.Header().Get("Vary") {
		t.Errorf("the post-edit cookie changes the anonymous view: %v vs %v", r1.Header(), r2.Header())
	}
}
