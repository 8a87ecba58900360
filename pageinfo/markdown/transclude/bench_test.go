package transclude_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
)

// BenchmarkExpand50 expands a page of about 10 KB with 50 template calls
// (an infobox, notices, citations) through five templates, one calling
// another, with parameters, parser functions and a code block.
func BenchmarkExpand50(b *testing.B) {
	src := pages{
		"Template:Infobox":  "| {{{name}}} | {{#if:{{{born|}}}|born {{{born}}}|}} |\n<noinclude>Docs.</noinclude>",
		"Template:Cite":     "[{{{title}}}]({{{url}}}){{#if:{{{date|}}}| ({{{date}}})}}",
		"Template:Notice":   "> **{{{1}}}** {{Small|{{{2|}}}}}",
		"Template:Small":    "<small>{{{1}}}</small>",
		"Template:Category": "{{#switch:{{{1}}}|a=[[Category:A]]|b=[[Category:B]]|#default=[[Category:Other]]}}",
	}
	var page strings.Builder
	page.WriteString("{{Infobox|name=Ada|born=1815}}\n\n")
	for i := range 49 {
		fmt.Fprintf(&page, "Paragraph %d with some text, a [[Link|label]] and `code {{x}}`.\n\n", i)
		switch i % 3 {
		case 0:
			fmt.Fprintf(&page, "See {{Cite|title=Source %d|url=https://example.org/%d|date=2020}}.\n\n", i, i)
		case 1:
			fmt.Fprintf(&page, "{{Notice|Note %d|small print}}\n\n", i)
		default:
			fmt.Fprintf(&page, "{{Category|%c}}\n\n", 'a'+i%4)
		}
		if i%10 == 0 {
			page.WriteString("```go\nfunc f() { return {{not a call}} }\n```\n\n")
		}
	}
	text := page.String()
	ctx := context.Background()
	opts := options()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := transclude.Expand(ctx, "Ada", text, src, opts)
		if err != nil || len(res.Used) != 5 || res.Errors != nil {
			b.Fatal(err, res.Used, res.Errors)
		}
	}
}
