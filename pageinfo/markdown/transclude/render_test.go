package transclude_test

import (
	"context"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
	"github.com/foliowiki/folio/router"
)

// TestRendered: expanded text rendered by Folio's renderer: the error box
// and a missing template's red link survive the sanitizer, a parameter
// cannot smuggle script in, and a code span keeps its call.
func TestRendered(t *testing.T) {
	src := pages{
		"Template:Self":   "{{Self}}",
		"Template:Notice": "**Notice:** {{{1}}}",
	}
	text := "{{Self}} {{Missing}} {{Notice|<script>alert(1)</script>[[Foo|foo]]}} `{{Notice}}`"
	res, err := transclude.Expand(context.Background(), "P", text, src, options())
	if err != nil {
		t.Fatal(err)
	}
	r := markdown.New(markdown.Default, markdown.Options{NormalizeTitle: router.NormalizeTitle, TitleURL: router.TitleURL})
	out, err := r.Render([]byte(res.Text), markdown.DocContext{Title: "P", Exists: func(t string) bool { return t == "Foo" }})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<strong class="error">Template loop detected: <a class="new"`,
		`>Template:Missing</a>`,
		`<strong>Notice:</strong>`,
		`<a href="/wiki/Foo" title="Foo">foo</a>`,
		`<code>{{Notice}}</code>`,
	} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("no %s in\n%s", want, out.HTML)
		}
	}
	if strings.Contains(out.HTML, "<script") {
		t.Errorf("script passed:\n%s", out.HTML)
	}
}
