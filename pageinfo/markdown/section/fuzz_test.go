package section_test

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/section"
)

// FuzzSections checks, for any source, that the sections are in order and
// within it, that sections 0 and the top-level ones partition it, that
// replacing any section by its own text changes nothing, and that Replace
// and Append never panic.
func FuzzSections(f *testing.F) {
	for _, s := range []string{page, "", "#", "# a\n## b\n# c", "a\n---\nb\n===\n", "x\n\n## \n\n##\n", "> # q\n# r\r\n", "```\n# x\n"} {
		f.Add(s, "new text")
	}
	f.Fuzz(func(t *testing.T, src, text string) {
		d := section.Parse(src)
		last := -1
		for _, h := range d.Headings {
			if h.Start <= last || h.Start > len(src) || h.Level < 1 || h.Level > 6 {
				t.Fatalf("bad heading %+v after %d in %q", h, last, src)
			}
			last = h.Start
		}
		var whole strings.Builder
		s0, _, _ := d.Get(0)
		whole.WriteString(s0)
		top := 7
		for n := 0; n <= d.Len(); n++ {
			got, _, ok := d.Get(n)
			if !ok {
				t.Fatalf("Get(%d) of %d sections failed", n, d.Len())
			}
			if out, ok := d.Replace(n, got); !ok || out != src {
				t.Fatalf("Replace(%d, Get(%d)) = %q, want %q", n, n, out, src)
			}
			if _, ok := d.Replace(n, text); !ok {
				t.Fatalf("Replace(%d) failed", n)
			}
			if n > 0 && d.Headings[n-1].Level <= top {
				top = d.Headings[n-1].Level
				whole.WriteString(got)
			}
		}
		if whole.String() != src {
			t.Fatalf("section 0 and the outermost sections give %q, not %q", whole.String(), src)
		}
		_ = section.Append(src, text, text)
	})
}
