package skin_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/cbroglie/mustache"

	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
)

// renderWithProvider renders d in the bundled skin name the plain cbroglie
// way: the data as its JSON, the partials fetched at render time.
func renderWithProvider(t *testing.T, name string, d *skin.Data) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	srcs := map[string]string{}
	files, err := fs.Glob(skins.FS, name+"/templates/*.mustache")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(skins.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[strings.TrimSuffix(f[strings.LastIndexByte(f, '/')+1:], ".mustache")] = string(b)
	}
	tmpl, err := mustache.ParseStringPartials(srcs["skin"], &mustache.StaticProvider{Partials: srcs})
	if err != nil {
		t.Fatal(err)
	}
	out, err := tmpl.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
