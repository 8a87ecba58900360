package server_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/renderjs"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// TestPayloadsRenderInNode: the payloads as served over HTTP — the page's
// PageInfo, the reader's UserInfo, the bundle its link-skin names — and
// the render scripts the bundle lists, as served, render in Node
// (folio-render.js) to the bytes the server sends for the view: for an
// anonymous reader, a sysop who watches the pages, and a user with
// another language, time zone and skin; over a page with sections, a
// category, a talk page, and the target of a redirect seen at the
// redirect's URL. So the API and the recipe cannot drift apart.
func TestPayloadsRenderInNode(t *testing.T) {
	renderjs.Node(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loaded, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	srv, saver := newServerAndSaver(t, st, config.Default(), loaded)
	alice := createUser(t, srv, "Alice", "sysop")
	bob := createUser(t, srv, "Bob")
	if err := srv.Users.SetPreferences(ctx, bob.ID, userinfo.Preferences{Language: "de", Timezone: "America/New_York", DarkMode: "dark", Skin: "minimal"}); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"Guide":         "Intro [[Main Page]] and [[Nowhere]].\n\n## One\n\ntext\n\n## Two\n\n```go\npackage main\n```\n\n### Two and a half\n\n## Three\n\n[[Category:Docs]]\n",
		"Category:Docs": "Pages about docs.",
		"Talk:Guide":    "## A topic\n\nLet us talk.",
		"Manual":        "#REDIRECT [[Guide#Two]]",
	}
	for _, title := range []string{"Guide", "Category:Docs", "Talk:Guide", "Manual"} {
		if _, err := saver.Save(ctx, pageinfo.Edit{Title: title, Text: pages[title], UserID: alice.ID, UserName: "Alice", Watch: true}); err != nil {
			t.Fatalf("save %s: %v", title, err)
		}
	}
	readers := map[string]*client{"anonymous": newClient(t, srv)}
	for _, name := range []string{"Alice", "Bob"} {
		c := newClient(t, srv)
		c.mustLogin(name)
		readers[name] = c
	}
	run := renderjs.New()
	pageIdx := map[string]int{}
	for who, c := range readers {
		user := run.User(c.get("/api/v1/userinfo").Body.Bytes())
		var up skin.UserPayload
		decode(t, c.get("/api/v1/userinfo"), &up)
		rec := c.get(up.LinkSkin)
		var b skin.Bundle
		decode(t, rec, &b)
		run.Bundle(up.LinkSkin, rec.Body.Bytes())
		if run.Scripts == nil {
			for _, u := range b.RenderScripts {
				js := c.get(u)
				if js.Code != 200 || js.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
					t.Fatalf("GET %s: %d, Cache-Control %q", u, js.Code, js.Header().Get("Cache-Control"))
				}
				run.Scripts = append(run.Scripts, js.Body.String())
			}
		}
		for _, v := range []struct{ url, page, from string }{
			{"/wiki/Guide", "Guide", ""}, {"/wiki/Category:Docs", "Category:Docs", ""}, {"/wiki/Talk:Guide", "Talk:Guide", ""},
			{"/wiki/Manual", "Guide", "Manual"},
		} {
			i, ok := pageIdx[v.page]
			if !ok {
				p := c.get("/api/v1/pageinfo/" + v.page)
				if p.Code != 200 {
					t.Fatalf("pageinfo %s: %d", v.page, p.Code)
				}
				i = run.Page(p.Body.Bytes())
				pageIdx[v.page] = i
			}
			view := c.get(v.url)
			if view.Code != 200 {
				t.Fatalf("%s: %d", v.url, view.Code)
			}
			meta := map[string]any{"title": v.page}
			if v.from != "" {
				var redirect skin.PagePayload
				decode(t, c.get("/api/v1/pageinfo/"+v.from), &redirect)
				meta = map[string]any{"title": v.from, "redirected-from": v.from, "redirect-fragment": redirect.RedirectSection}
			}
			html := view.Body.String()
			run.View(who+" "+v.url, up.LinkSkin, i, user, meta, nil, &html)
		}
	}
	start := time.Now()
	run.Check(t)
	t.Logf("%d views rendered in node as the server sent them (%v)", len(run.Cases), time.Since(start).Round(time.Millisecond))
}
