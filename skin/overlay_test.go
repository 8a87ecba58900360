package skin_test

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
)

// TestOverlay: a disk skin replaces the embedded skin of its name
// entirely, and adds a skin of a new name.
func TestOverlay(t *testing.T) {
	disk := fstest.MapFS{}
	for name, f := range testSkin() {
		disk[name] = f
		disk["desktop"+strings.TrimPrefix(name, "t")] = f
	}
	disk["desktop/skin.json"] = &fstest.MapFile{Data: bytes.ReplaceAll(disk["t/skin.json"].Data, []byte(`"t"`), []byte(`"desktop"`))}
	disk["desktop/static/t.css"] = &fstest.MapFile{Data: []byte("/* disk */")}
	disk["notes.txt"] = &fstest.MapFile{Data: []byte("not a skin")}
	o := skin.Overlay(disk, skins.FS)
	if err := fstest.TestFS(o, "desktop/skin.json", "minimal/skin.json", "t/templates/skin.mustache"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(o, "desktop/static/desktop.css"); err == nil {
		t.Error("an embedded file shows through the disk skin of its name")
	}
	set, err := skin.Load(o)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Names(); !slices.Equal(got, []string{"desktop", "minimal", "t"}) {
		t.Errorf("Names() = %v", got)
	}
	var buf bytes.Buffer
	if err := set.Render(&buf, set.PageData("Hello", "", nil, skin.Meta{}, testSite(), "desktop")); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.HasPrefix(got, "<title>Hello") {
		t.Errorf("desktop is not the disk skin: %.80q", got)
	}
}

// TestReloader: with watch on, a changed file is picked up on the next
// Current; a broken change keeps the last good skins and reports why.
func TestReloader(t *testing.T) {
	fsys := testSkin()
	r, err := skin.NewReloader(fsys, "t", true)
	if err != nil {
		t.Fatal(err)
	}
	render := func() (string, error) {
		set, err := r.Current()
		var buf bytes.Buffer
		if rerr := set.Render(&buf, set.PageData("Hi", "", nil, skin.Meta{}, testSite(), "")); rerr != nil {
			t.Fatal(rerr)
		}
		return buf.String(), err
	}
	if out, err := render(); err != nil || !strings.HasPrefix(out, "<title>Hi") {
		t.Fatalf("first render: %v %.40q", err, out)
	}
	touch := func(src string) {
		fsys["t/templates/skin.mustache"] = &fstest.MapFile{Data: []byte(src), ModTime: time.Now()}
	}
	touch("<h1>{{page-heading}}</h1>{{#data-tabs}}{{> tab}}{{/data-tabs}}")
	if out, err := render(); err != nil || !strings.HasPrefix(out, "<h1>Hi</h1>") {
		t.Fatalf("after an edit: %v %.40q", err, out)
	}
	touch("<h1>{{page-headin}}</h1>{{#data-tabs}}{{> tab}}{{/data-tabs}}")
	for range 2 {
		out, err := render()
		if err == nil || !strings.Contains(err.Error(), "{{page-headin}}") || !strings.HasPrefix(out, "<h1>Hi</h1>") {
			t.Fatalf("after a broken edit: %v %.40q", err, out)
		}
	}
	touch("<p>{{page-heading}}</p>{{#data-tabs}}{{> tab}}{{/data-tabs}}")
	if out, err := render(); err != nil || !strings.HasPrefix(out, "<p>Hi</p>") {
		t.Fatalf("after the fix: %v %.40q", err, out)
	}
	if _, err := skin.NewReloader(fstest.MapFS{}, "", false); err == nil {
		t.Error("NewReloader of nothing succeeded")
	}
}
