package skin

import (
	"bytes"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skins"
)

// TestLoadLazyCompilesOnFirstUse: LoadLazy of the bundled skins (what
// folio serve does) compiles no template; a view compiles the skin it is
// in and no other; Load compiles every skin.
func TestLoadLazyCompilesOnFirstUse(t *testing.T) {
	set, err := LoadLazy(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	parsed := func() map[string]bool {
		m := map[string]bool{}
		for name, sk := range set.skins {
			m[name] = sk.parsed.Load()
		}
		return m
	}
	if got := parsed(); got["desktop"] || got["minimal"] {
		t.Fatalf("LoadLazy parsed templates: %v", got)
	}
	pi := &blob.PageInfo{Title: "Main_Page", HTML: "<p>Hi</p>", RevID: 1}
	m := Meta{RouteName: "page.view", Class: router.ClassView}
	var b bytes.Buffer
	if err := set.View(pi, nil, m, "").Render(&b); err != nil || !bytes.Contains(b.Bytes(), []byte("<p>Hi</p>")) {
		t.Fatalf("view in the default skin: %v\n%s", err, b.Bytes())
	}
	if got := parsed(); !got["desktop"] || got["minimal"] {
		t.Fatalf("after a view in desktop: parsed %v, want desktop only", got)
	}
	b.Reset()
	if err := set.View(pi, nil, m, "minimal").Render(&b); err != nil || !bytes.Contains(b.Bytes(), []byte("<p>Hi</p>")) {
		t.Fatalf("view in minimal: %v\n%s", err, b.Bytes())
	}
	if got := parsed(); !got["minimal"] {
		t.Fatalf("after a view in minimal: parsed %v", got)
	}

	prepared, err := LoadLazy(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	prepared.Prepare(prepared.Default())
	if !prepared.skins["desktop"].parsed.Load() || prepared.skins["minimal"].parsed.Load() {
		t.Error("Prepare of the default skin did not compile it alone")
	}

	strict, err := Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	for name, sk := range strict.skins {
		if !sk.parsed.Load() {
			t.Errorf("Load left skin %s to compile later", name)
		}
	}
}
