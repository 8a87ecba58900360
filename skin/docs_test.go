package skin_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/foliowiki/folio/skin"
)

// TestGuideSkin loads the example skin of docs/skins.md, so the guide's
// templates stay valid.
func TestGuideSkin(t *testing.T) {
	b, err := os.ReadFile("../docs/skins.md")
	if err != nil {
		t.Skipf("no guide: %v", err)
	}
	guide := string(b)
	fsys := fstest.MapFS{
		"paper/skin.json":                 {Data: []byte(block(t, guide, "## 2. skin.json"))},
		"paper/templates/skin.mustache":   {Data: []byte(block(t, guide, "`templates/skin.mustache`:"))},
		"paper/templates/header.mustache": {Data: []byte(block(t, guide, "`templates/header.mustache`:"))},
	}
	for _, f := range []string{"paper.css", "paper.js", "math.css", "mermaid.min.js"} {
		fsys["paper/static/"+f] = &fstest.MapFile{Data: []byte("/* */")}
	}
	if _, err := skin.Load(fsys); err != nil {
		t.Errorf("the guide's skin does not load: %v", err)
	}
}

// block returns the first fenced code block after the line marker.
func block(t *testing.T, doc, marker string) string {
	t.Helper()
	_, rest, ok := strings.Cut(doc, marker)
	if !ok {
		t.Fatalf("docs/skins.md lacks %q", marker)
	}
	_, rest, _ = strings.Cut(rest, "```")
	_, rest, _ = strings.Cut(rest, "\n")
	code, _, _ := strings.Cut(rest, "```")
	return code
}
