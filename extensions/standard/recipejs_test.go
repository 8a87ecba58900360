package standard_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/extensions/readingtime"
	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/internal/renderjs"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/userinfo"
)

// TestRecipeJSWithExtensions: with the bundled extensions compiled in,
// folio-render.js — with the extensions' render scripts, which the
// bundles list, loaded as a page loads them — gives the data and the
// bytes of the server's views: the reading time's indicator (the twin
// of readingtime.skin) in several languages, for anonymous, logged-in
// and sysop readers, in both skins.
func TestRecipeJSWithExtensions(t *testing.T) {
	renderjs.Node(t)
	hooks.FreezeAll()
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	page := func(title string, words int) *pageinfo.PageInfo {
		pi := &pageinfo.PageInfo{Version: pageinfo.Version, Title: title, PageID: 1, RevID: 9, Timestamp: when, Author: "Alice",
			HTML: "<p>Some text.</p>", Words: words}
		if words > 0 {
			pi.Ext = map[string]json.RawMessage{readingtime.ID: mustJSON(t, readingtime.Of(words))}
		}
		return pi
	}
	pages := []*pageinfo.PageInfo{page("Guide", 650), page("Long_read", 4321), page("Empty", 0)}
	rights := []router.Right{router.RightCreate, router.RightEdit, router.RightRead}
	readers := map[string]*userinfo.UserInfo{
		"anonymous": {Anonymous: true, Rights: []router.Right{router.RightRead}},
		"alice":     {ID: 2, Name: "Alice", Groups: []string{}, Rights: rights, CSRF: "csrf-token", Version: 1, Notifications: blob.Notifications{Unread: 3}},
		"sysop": {ID: 1, Name: "Root", Groups: []string{"sysop"}, Rights: append(rights, router.RightDelete, router.RightMove, router.RightProtect),
			Preferences: userinfo.Preferences{Language: "de", Timezone: "Europe/Berlin"}},
		"alice-ar": {ID: 3, Name: "Alia", Groups: []string{}, Rights: rights, Preferences: userinfo.Preferences{Language: "ar"}},
	}
	run := renderjs.New()
	for _, pi := range pages {
		run.Page(mustJSON(t, skin.NewPagePayload(pi)))
	}
	var bundle *skin.Bundle
	for _, sk := range set.Names() {
		for who, u := range readers {
			up := set.UserPayload(u)
			up.Skin = sk
			user := run.User(mustJSON(t, up))
			raw, _, _ := set.BundleJSON(sk, up.Language)
			key := sk + "/" + up.Language
			run.Bundle(key, raw)
			var b skin.Bundle
			if err := json.Unmarshal(raw, &b); err != nil {
				t.Fatal(err)
			}
			bundle = &b
			for i, pi := range pages {
				var pp skin.PagePayload
				if err := json.Unmarshal(run.Pages[i], &pp); err != nil {
					t.Fatal(err)
				}
				meta := skin.Meta{CanonicalURL: router.TitleURL(pi.Title), RouteName: "page.view", Class: router.ClassView, Page: pi.Title}
				d, err := set.PayloadData(&pp, up, &b, meta)
				if err != nil {
					t.Fatal(err)
				}
				if wantIndicator := pi.Words > 0; wantIndicator != (len(d.Indicators) == 1) {
					t.Fatalf("%s: indicators %v", pi.Title, d.Indicators)
				}
				var html bytes.Buffer
				if err := set.View(pi, u, meta, sk).Render(&html); err != nil {
					t.Fatal(err)
				}
				s := html.String()
				run.View(sk+"/"+who+"/"+pi.Title, key, i, user, map[string]any{"title": pi.Title}, mustJSON(t, d), &s)
			}
		}
	}
	if !strings.Contains(strings.Join(bundle.DataHooks, " "), "readingtime.skin") {
		t.Fatalf("the bundle's data-hooks are %v, without readingtime.skin", bundle.DataHooks)
	}
	for _, u := range bundle.RenderScripts {
		hash, file, _ := strings.Cut(strings.TrimPrefix(u, "/static/"), "/")
		a, ok := set.Asset(hash, file)
		if !ok {
			t.Fatalf("the render script %s is not served", u)
		}
		run.Scripts = append(run.Scripts, string(a.Body))
	}
	if len(run.Scripts) != 3 {
		t.Fatalf("render scripts %v: want mustache.js, folio-render.js and readingtime.js", bundle.RenderScripts)
	}
	run.Check(t)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
