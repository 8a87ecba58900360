package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// TestPayloadsMakeTheSkinData: the three payloads, fetched over HTTP as a
// renderer elsewhere would (the page's PageInfo, the reader's UserInfo,
// the bundle its link-skin names), merged by skin.Set.PayloadData, are the
// data "folio skin data" prints for the page (skin.Set.ViewData over the
// cached blobs), byte for byte: for an anonymous reader, a user with
// another language and time zone, a sysop watching the page, and a
// blocked user; over pages with a table of contents, categories,
// highlighted code, a category page and a template page.
func TestPayloadsMakeTheSkinData(t *testing.T) {
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
	carol := createUser(t, srv, "Carol")
	if err := srv.Users.SetPreferences(ctx, bob.ID, userinfo.Preferences{Language: "de", Timezone: "Europe/Berlin", DarkMode: "dark", Skin: "minimal"}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Users.Block(ctx, carol.ID, "spam", "Alice", time.Now().Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"Guide":          "Intro [[Main Page]] and [[Nowhere]].\n\n## One\n\ntext\n\n## Two\n\n```go\npackage main\n```\n\n### Two and a half\n\n## Three\n\n[[Category:Docs]]\n",
		"Category:Docs":  "Pages about docs.",
		"Template:Box":   "A box: {{{1}}}",
		"Uses_box":       "{{Box|hi}}",
		"Talk:Guide":     "Let us talk.",
		"Sandbox/A_page": "# Title\n\nplain",
	}
	for title, text := range pages {
		if _, err := saver.Save(ctx, pageinfo.Edit{Title: title, Text: text, UserID: alice.ID, UserName: "Alice", Watch: true}); err != nil {
			t.Fatalf("save %s: %v", title, err)
		}
	}
	set, err := srv.Skins.Current()
	if err != nil {
		t.Fatal(err)
	}
	readers := map[string]*client{"anonymous": newClient(t, srv)}
	for _, name := range []string{"Alice", "Bob", "Carol"} {
		c := newClient(t, srv)
		c.mustLogin(name)
		readers[name] = c
	}
	for who, c := range readers {
		var up skin.UserPayload
		decode(t, c.get("/api/v1/userinfo"), &up)
		var b skin.Bundle
		decode(t, c.get(up.LinkSkin), &b)
		u := readerOf(t, srv.Users, c)
		for title := range pages {
			title, _ = router.NormalizeTitle(title)
			var pp skin.PagePayload
			decode(t, c.get("/api/v1/pageinfo/"+title), &pp)
			m := router.Classify("GET", "/wiki/"+title)
			got, err := set.PayloadData(&pp, &up, &b, skin.MatchMeta(m))
			if err != nil {
				t.Fatal(err)
			}
			pi, err := srv.Pages.Latest(ctx, title)
			if err != nil {
				t.Fatal(err)
			}
			want := set.ViewData(pi, u, skin.MatchMeta(m), set.Site(), set.Choose("", u))
			switch {
			case who == "Alice" && !got.IsWatched:
				t.Errorf("Alice, %s: not watched (watched %v)", title, up.Watched)
			case who == "Carol" && (!got.IsBlocked || up.Block == nil || up.Block.Expires == ""):
				t.Errorf("Carol, %s: not blocked (%+v)", title, up.Block)
			case who == "Bob" && (got.InterfaceLang != "de" || got.Skin != "minimal" || !strings.Contains(got.PageLastEditedText, "CET") && !strings.Contains(got.PageLastEditedText, "CEST")):
				t.Errorf("Bob, %s: language %s, skin %s, time %q", title, got.InterfaceLang, got.Skin, got.PageLastEditedText)
			}
			if g, w := dataJSON(t, got), dataJSON(t, want); g != w {
				t.Errorf("%s, %s: the payloads' data differ from folio skin data's:\n%s", who, title, firstDiff(g, w))
			}
		}
	}
}

func decode(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if rec.Code != 200 {
		t.Fatalf("%d: %s", rec.Code, rec.Body.String())
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatal(err)
	}
}

// readerOf is the UserInfo of c's session.
func readerOf(t *testing.T, users *userinfo.Manager, c *client) *userinfo.UserInfo {
	t.Helper()
	req := httptest.NewRequest("GET", "/", nil)
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	u, err := users.FromRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func dataJSON(t *testing.T, d *skin.Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := skin.WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// firstDiff shows the first line where two texts part.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\ngot:  %s\nwant: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}
