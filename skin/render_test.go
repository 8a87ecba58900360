package skin_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/foliowiki/folio/skin"
)

// TestRenderScripts: every bundle lists mustache.js and folio-render.js,
// in that order, at fingerprinted URLs the Set serves as JavaScript; the
// vendored mustache.js is 4.2.0 as its README's hash says.
func TestRenderScripts(t *testing.T) {
	set := loadSkins(t)
	b := set.Bundle("minimal", "fr")
	if len(b.RenderScripts) != 2 || !strings.HasSuffix(b.RenderScripts[0], "/"+skin.MustacheFile) || !strings.HasSuffix(b.RenderScripts[1], "/"+skin.RenderFile) {
		t.Fatalf("render-scripts %v", b.RenderScripts)
	}
	for i, u := range b.RenderScripts {
		hash, file, _ := strings.Cut(strings.TrimPrefix(u, "/static/"), "/")
		a, ok := set.Asset(hash, file)
		if !ok || a.ContentType != "text/javascript; charset=utf-8" {
			t.Fatalf("%s: served %v, type %q", u, ok, a.ContentType)
		}
		src, err := os.ReadFile("js/" + file)
		if err != nil || string(src) != string(a.Body) {
			t.Fatalf("%s is not js/%s: %v", u, file, err)
		}
		if _, ok := set.Asset("0123456789abcdef", file); ok {
			t.Errorf("%s is served under another hash", file)
		}
		if i == 0 {
			sum := sha256.Sum256(a.Body)
			readme, err := os.ReadFile("js/README.md")
			if err != nil || !strings.Contains(string(readme), hex.EncodeToString(sum[:])) {
				t.Errorf("js/mustache.js's sha256 %x is not the one js/README.md gives (%v)", sum, err)
			}
		}
	}
	if !strings.Contains(string(mustRead(t, "js/folio-render.js")), "FolioRender") {
		t.Error("folio-render.js defines no FolioRender")
	}
	for _, bad := range []string{skin.RenderFile, "../x.js", ""} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RegisterRenderScript(%q) did not panic", bad)
				}
			}()
			skin.RegisterRenderScript(bad, []byte("1"))
		}()
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
