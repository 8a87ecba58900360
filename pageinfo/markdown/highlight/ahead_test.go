package highlight

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestAheadUsed checks that the renderer takes the tokens Ahead's
// goroutine made, and highlights again a block changed after it was read.
func TestAheadUsed(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(New()))
	src := []byte("```go\nx := 1\n```\n\n- ```rust\n  let y = 2;\n  ```\n\n```nosuchlanguage\nz\n```\n")
	pc := parser.NewContext()
	Ahead(pc)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	a := pc.Get(aheadKey).(*ahead)
	if len(a.byNode) != 2 {
		t.Fatalf("%d jobs, want 2", len(a.byNode))
	}
	var first *job
	for _, j := range a.byNode {
		<-j.done // the goroutine ran them all
		j.markup = []byte("FROM-AHEAD-" + j.lang)
		if j.lang == "go" {
			first = j
		}
	}
	first.code = []byte("changed") // as if a transformer had changed the block
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, root); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "FROM-AHEAD-rust") || strings.Contains(out, "FROM-AHEAD-go") || !strings.Contains(out, `<span class="mi">1</span>`) {
		t.Errorf("tokens not taken from Ahead where they should be, or taken where not:\n%s", out)
	}
}
