package transclude_test

import (
	"context"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
)

// FuzzExpand checks, for any page and template text, that Expand never
// panics, that the output is bounded by the page, the include size and
// the error boxes, that Used is sorted and without duplicates, and that a
// text without "{{" or inclusion tags comes back unchanged.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{
		"{{T|a|b=c}}", "{{{1|x}}}", "{{{{{1}}}}}", "{{T|[[a|b]]}}", "`{{T}}` {{T}}",
		"```\n{{T}}\n```", "{{#if:x|{{T}}|y}}", "{{#switch:a|a|b=c|d}}", "{{PAGENAME}}",
		"<noinclude>{{T}}</noinclude><includeonly>x</includeonly>", "{{T", "}}{{", "{{T}}{{T}}{{U}}",
		"<onlyinclude>{{{1}}}</onlyinclude>", "<!-- {{T}}", "[[{{T}}|{{T}}]]", "{{:T}}",
	} {
		f.Add(s, "[{{{1|d}}}] {{U}} {{T}}")
	}
	opts := options()
	opts.MaxIncludeBytes = 4 << 10
	opts.MaxNodes = 20_000
	f.Fuzz(func(t *testing.T, page, tmpl string) {
		src := pages{"Template:T": tmpl, "Template:U": tmpl + tmpl}
		res, err := transclude.Expand(context.Background(), "Fuzz", page, src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page, "{{") && !strings.Contains(strings.ToLower(page), "include") && res.Text != page {
			t.Fatalf("Expand(%q) = %q, want it unchanged", page, res.Text)
		}
		// Page text, the include size, a few error boxes (each once per
		// frame being unwound at most: depth 40), and the red links and
		// unset parameters written as they are (bounded by the nodes).
		if bound := len(page) + opts.MaxIncludeBytes + 3*200*(transclude.DefaultMaxDepth+1) + 64*opts.MaxNodes/10; len(res.Text) > bound {
			t.Fatalf("%d bytes out, bound %d", len(res.Text), bound)
		}
		for i := 1; i < len(res.Used); i++ {
			if res.Used[i-1] >= res.Used[i] {
				t.Fatalf("Used not sorted or duplicated: %q", res.Used)
			}
		}
	})
}
