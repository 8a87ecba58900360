package limits

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func render(t *testing.T, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(New())).Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDepth(t *testing.T) {
	for _, marker := range []string{"> ", "- ", "1. ", "* "} {
		out := render(t, strings.Repeat(marker, 1000)+"x\n")
		opens := strings.Count(out, "<blockquote>") + strings.Count(out, "<li>")
		if opens > MaxDepth || !strings.Contains(out, "x") {
			t.Errorf("%q×1000: %d nested containers, want at most %d", marker, opens, MaxDepth)
		}
	}
	shallow := "> > - a\n> >   - b\n> >     1. c\n\n- x\n  > y\n"
	var plain bytes.Buffer
	if err := goldmark.Convert([]byte(shallow), &plain); err != nil {
		t.Fatal(err)
	}
	if out := render(t, shallow); out != plain.String() {
		t.Errorf("shallow nesting changed:\n got: %s\nwant: %s", out, plain.String())
	}
}

func TestLinkText(t *testing.T) {
	short := "[" + strings.Repeat("a", MaxLinkText-1) + "](/x)"
	if out := render(t, short); !strings.Contains(out, `<a href="/x">`) {
		t.Errorf("link text under the limit is not a link")
	}
	long := "[" + strings.Repeat("a", MaxLinkText+1) + "](/x)"
	if out := render(t, long); strings.Contains(out, "<a ") {
		t.Errorf("link text over the limit is a link")
	}
	if out := render(t, "[a [b](/y) c](/x) ![i](/i.png) [d][e]\n\n[e]: /e\n"); strings.Count(out, "<a ") != 2 || !strings.Contains(out, `<img src="/i.png"`) {
		t.Errorf("ordinary links changed: %s", out)
	}
}

func TestBudget(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(NewWithBudget(Budget{Links: 5, Nodes: 100})))
	parse := func(src string) (ast.Node, error) {
		pc := parser.NewContext()
		root := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
		return root, Exceeded(pc)
	}
	if _, err := parse(strings.Repeat("[a](/b) ", 5)); err != nil {
		t.Errorf("5 links: %v", err)
	}
	root, err := parse(strings.Repeat("[a](/b) ", 6))
	if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "more than 5 links") {
		t.Errorf("6 links: err = %v", err)
	}
	if root.FirstChild() != nil {
		t.Error("a document over its budget keeps its tree")
	}
	if _, err := parse(strings.Repeat("*a* ", 40)); !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "nodes") {
		t.Errorf("122 nodes: err = %v", err)
	}
	if b := (Budget{Links: 7}).WithDefaults(); b != (Budget{Nodes: MaxNodes, Footnotes: MaxFootnotes, Links: 7, Nesting: MaxNesting}) {
		t.Errorf("WithDefaults = %+v", b)
	}
}
