package pageinfo

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/foliowiki/folio/pageinfo/markdown"
)

var updateShape = flag.Bool("update-shape", false, "rewrite testdata/pageinfo.json")

// TestEncodeShape pins the bytes of a parse-cache row: a change of
// PageInfo's fields, tags or types that changes them needs a new Version.
func TestEncodeShape(t *testing.T) {
	pi := &PageInfo{
		Version: "pi1+mdTEST", Title: "Foo/Bar", DisplayTitle: "Foo/Bar <b>", PageID: 7, RevID: 42,
		Timestamp: time.Date(2024, 5, 6, 7, 8, 9, 10, time.UTC), Author: "Alice", Size: 1234,
		HTML:       "<p>a & b</p>",
		TOC:        []markdown.TOCEntry{{Level: 2, Anchor: "intro", Text: "Intro"}},
		Links:      []Link{{Title: "Baz", Exists: true}, {Title: "Qux"}},
		Categories: []string{"Cats"},
		Redirect:   "Elsewhere", Summary: "a & b", Words: 3,
		Pair:  Link{Title: "Talk:Foo/Bar", Exists: true},
		Needs: markdown.Needs{Highlight: true, Mermaid: true},
		Ext:   map[string]json.RawMessage{"readingtime": json.RawMessage(`{"minutes":1}`)},
	}
	got, err := encode(pi)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "pageinfo.json")
	if *updateShape {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, bytes.TrimSuffix(want, []byte("\n"))) {
		t.Errorf("encode changed the parse-cache bytes:\n got %s\nwant %s", got, want)
	}
	back, err := decode(got)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := encode(back)
	if !bytes.Equal(again, got) {
		t.Errorf("decode+encode is not the identity:\n got %s\nwant %s", again, got)
	}
	var zero PageInfo
	if z, _ := encode(&zero); string(z) != `{"version":"","title":"","display_title":"","page_id":0,"rev_id":0,"timestamp":"0001-01-01T00:00:00Z","author":"","size":0,"html":"","pair":{"title":"","exists":false},"words":0,"needs":{}}` {
		t.Errorf("zero PageInfo encodes as %s", z)
	}
}
