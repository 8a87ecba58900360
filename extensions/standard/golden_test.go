package standard_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/foliowiki/folio/extensions/standard"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/extensions/readingtime"
	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/userinfo"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestSkinGolden renders a page view in each bundled skin with the
// bundled extensions' data (the reading time from PageInfo) and the
// reader's from core: the notifications count, the new-messages bar, the
// watch star of a watched page.
func TestSkinGolden(t *testing.T) {
	hooks.FreezeAll()
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	pi := &pageinfo.PageInfo{
		Version: pageinfo.Version, Title: "Guide", DisplayTitle: "Guide", PageID: 1, RevID: 9, Timestamp: when, Author: "Alice",
		HTML: "<p>Some text.</p>", Words: 650,
		Ext: map[string]json.RawMessage{readingtime.ID: json.RawMessage(`{"words":650,"minutes":4}`)},
	}
	u := &userinfo.UserInfo{ID: 2, Name: "Alice", Rights: []router.Right{router.RightCreate, router.RightEdit, router.RightRead}, CSRF: "csrf-token", Version: 1,
		Notifications: blob.Notifications{Unread: 3, NewMessages: true}, Watched: blob.NewWatchSet([]string{"Guide", "Talk:Guide"})}
	meta := skin.Meta{CanonicalURL: "/wiki/Guide", RouteName: "page.view", Class: router.ClassView, Page: "Guide"}
	for _, name := range set.Names() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := set.Render(&buf, set.ViewData(pi, u, meta, skin.Site{Name: "Folio"}, name)); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"4 min read", `href="/-/notifications"`, ">3<", `class="usermessage"`,
				`action="/-/unwatch/Guide"`, `aria-pressed="true"`} {
				if !strings.Contains(buf.String(), want) {
					t.Errorf("%s skin: the page lacks %q", name, want)
				}
			}
			if n := strings.Count(buf.String(), `id="pt-notifications"`); n != 1 {
				t.Errorf("%s skin: %d elements with id pt-notifications, want 1", name, n)
			}
			file := "testdata/" + name + ".golden.html"
			if *update {
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil || !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s is stale or missing (go test ./extensions/standard -update): %v", file, err)
			}
		})
	}
}

// TestSkinDataHooksArePure: a SkinData hook is a function of the template
// data alone — no context, no store, no handle to do I/O with.
func TestSkinDataHooksArePure(t *testing.T) {
	ft := reflect.TypeOf(skin.DataFilter(nil))
	if ft.NumIn() != 1 || ft.In(0) != reflect.TypeOf(skin.Data{}) || ft.NumOut() != 1 || ft.Out(0) != reflect.TypeOf(skin.Data{}) {
		t.Fatalf("skin.DataFilter is %s, want func(skin.Data) skin.Data", ft)
	}
	// Nor can the data smuggle one in: no field of Data is a func, a chan,
	// an interface or a pointer to something with methods.
	var walk func(reflect.Type, string)
	walk = func(rt reflect.Type, path string) {
		switch rt.Kind() {
		case reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
			t.Errorf("skin.Data%s is a %s", path, rt.Kind())
		case reflect.Struct:
			for i := range rt.NumField() {
				walk(rt.Field(i).Type, path+"."+rt.Field(i).Name)
			}
		case reflect.Slice, reflect.Array, reflect.Pointer, reflect.Map:
			walk(rt.Elem(), path+"[]")
		}
	}
	walk(reflect.TypeOf(skin.Data{}), "")
}
