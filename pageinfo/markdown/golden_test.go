package markdown

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/render")

// meta is the want.json part of a golden case: Result without HTML.
type meta struct {
	TOC        []TOCEntry `json:"toc,omitempty"`
	Links      []string   `json:"links,omitempty"`
	Categories []string   `json:"categories,omitempty"`
	Redirect   string     `json:"redirect,omitempty"`
	Summary    string     `json:"summary,omitempty"`
	Needs      Needs      `json:"needs"`
	Words      int        `json:"words"`
}

func metaJSON(r Result) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(meta{r.TOC, r.Links, r.Categories, r.Redirect, r.Summary, r.Needs, r.Words}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestGolden renders every testdata/render/*.txtar: in.md with the
// settings in the archive comment (see docContext), compared with
// want.html and want.json. -update rewrites both.
func TestGolden(t *testing.T) {
	for _, path := range goldenPaths(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			checkGolden(t, path)
		})
	}
}

func goldenPaths(t *testing.T) []string {
	paths, err := filepath.Glob(filepath.Join("testdata", "render", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	return paths
}

func readArchive(t *testing.T, path string) *archive {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseArchive(data)
}

func checkGolden(t *testing.T, path string) {
	a := readArchive(t, path)
	res, err := testRenderer.Render(a.get("in.md"), docContext(string(a.comment)))
	if err != nil {
		t.Fatal(err)
	}
	gotHTML, gotJSON := []byte(res.HTML), metaJSON(res)
	if len(gotHTML) > 0 && gotHTML[len(gotHTML)-1] != '\n' {
		gotHTML = append(gotHTML, '\n')
	}
	if *update {
		a.set("want.html", gotHTML)
		a.set("want.json", gotJSON)
		if err := os.WriteFile(path, a.format(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := a.get("want.html"); !bytes.Equal(gotHTML, want) {
		t.Errorf("HTML:\n got: %s\nwant: %s", gotHTML, want)
	}
	if want := a.get("want.json"); !bytes.Equal(gotJSON, want) {
		t.Errorf("JSON:\n got: %s\nwant: %s", gotJSON, want)
	}
}
