package markdown

import (
	"strings"
	"testing"
	"unicode"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// countWordsOf is the plain count CountWords must equal: runs of
// non-space runes in the whole text.
func countWordsOf(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// TestCountWords checks wikidoc.CountWords, which counts without building
// the text, against counting the text WriteText builds.
func TestCountWords(t *testing.T) {
	inputs := []string{
		"", "a", "  a  b ", "a&nbsp;b c", "x\u3000y", "x&#x3000;y z", "**a**\u00a0*b*", "é\xffü \xe3\x81",
		"a\\\u3000b", "[a](x)\u2003[b](y)", "`x`\u3000`y`", "a\n\u3000b\n\nc", "&#12288;", "\xe3\x80",
		"# T\n\n- a\n- b\u2028c\n\n> q\n\n```go\nno words here\n```\n",
	}
	for _, src := range goldenInputs(t) {
		inputs = append(inputs, src)
	}
	for _, name := range []string{"rustc-dev-guide", "silverbullet-docs"} {
		for _, src := range loadCorpus(t, name).pages {
			inputs = append(inputs, string(src))
		}
	}
	for _, s := range inputs {
		p := testRenderer.parse([]byte(s), "P")
		var b strings.Builder
		wikidoc.WriteText(&b, p.root, p.src)
		if got, want := wikidoc.CountWords(p.root, p.src), countWordsOf(b.String()); got != want {
			t.Errorf("%.60q: CountWords = %d, want %d", s, got, want)
		}
	}
}
