package skin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

// TestArticleIsTheViewsArticle: the live preview's article (Set.Article) is
// a piece of the page view of the same PageInfo, byte for byte, in every
// skin and for every kind of reader; a skin that shows the TOC outside the
// article sends it apart.
func TestArticleIsTheViewsArticle(t *testing.T) {
	set, site := loadSet(t), testSite()
	pi := renderPage(t, "Cats", tocSource)
	for _, name := range set.Names() {
		for _, u := range []struct {
			name string
			u    func() *userinfo.UserInfo
		}{{"anonymous", anonymousUser}, {"alice", alice}, {"sysop", sysop}} {
			a, err := set.Article(pi, u.u(), site, name, false)
			if err != nil {
				t.Fatal(err)
			}
			var view bytes.Buffer
			if err := set.Render(&view, set.ViewData(pi, u.u(), viewMeta("Cats"), site, name)); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.HTML, `<article`) || !strings.Contains(view.String(), a.HTML) {
				t.Errorf("%s/%s: the view lacks the article\n%s", name, u.name, a.HTML)
			}
			if !strings.Contains(a.HTML, "Animals") || !strings.Contains(strings.Join(a.Stylesheets, " "), skin.HighlightFile) {
				t.Errorf("%s/%s: article without categories or highlight.css: %v", name, u.name, a.Stylesheets)
			}
			if toc := strings.Contains(a.HTML, "#history") || strings.Contains(a.TOC, "#history"); !toc {
				t.Errorf("%s/%s: no table of contents", name, u.name)
			}
		}
	}
}

// TestEditorScript: the edit form's page, and its preview, load the shared
// editor script; no other page does. The preview has the view's TOC,
// categories and stylesheets.
func TestEditorScript(t *testing.T) {
	set, site := loadSet(t), testSite()
	pi := renderPage(t, "Cats", tocSource)
	edit := skin.Meta{RouteName: skin.EditRoute, Class: router.ClassAction, Page: "Cats"}
	has := func(d *skin.Data) bool {
		for _, s := range d.Scripts {
			if strings.HasSuffix(s.URL, "/"+skin.EditorFile) {
				return true
			}
		}
		return false
	}
	for _, name := range set.Names() {
		if d := set.PageData("Editing Cats", "<form></form>", alice(), edit, site, name); !has(d) {
			t.Errorf("%s: the edit form has no editor script: %v", name, d.Scripts)
		}
		d := set.PreviewData("Editing Cats", "<form></form>", pi, alice(), edit, site, name)
		if !has(d) || !d.HasCategories || len(d.Stylesheets) < 2 {
			t.Errorf("%s: preview: editor %v, categories %v, stylesheets %v", name, has(d), d.HasCategories, d.Stylesheets)
		}
		if m, _ := set.Manifest(name); m.Capabilities.TOC && !d.HasTOC {
			t.Errorf("%s: the preview has no TOC", name)
		}
		if d := set.ViewData(pi, alice(), viewMeta("Cats"), site, name); has(d) {
			t.Errorf("%s: a view loads the editor script", name)
		}
		if d := set.PageData("History", "", alice(), skin.Meta{RouteName: "page.history", Class: router.ClassDynamic, Page: "Cats"}, site, name); has(d) {
			t.Errorf("%s: the history loads the editor script", name)
		}
		var b bytes.Buffer
		if err := set.Render(&b, d); err != nil {
			t.Fatal(err)
		}
	}
	u := set.PageData("x", "", alice(), edit, site, "")
	url := u.Scripts[len(u.Scripts)-1].URL
	hash, file, _ := strings.Cut(strings.TrimPrefix(url, "/static/"), "/")
	if a, ok := set.Asset(hash, file); !ok || !strings.Contains(string(a.Body), "form.edit") || !strings.HasPrefix(a.ContentType, "text/javascript") {
		t.Errorf("%s is not served: %v %q", url, ok, a.ContentType)
	}
}
