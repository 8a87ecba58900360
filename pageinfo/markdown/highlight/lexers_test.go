package highlight_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight"
	"github.com/foliowiki/folio/pageinfo/markdown/highlight/internal/lexers"
)

// TestEveryLexerEnds: a code block in any language chroma knows renders,
// and in bounded time: chroma v2.27's JSONata and Jungle lexers yield
// empty tokens forever on ordinary text, which would hang a save (and
// grow its memory without end) if the renderer followed them.
func TestEveryLexerEnds(t *testing.T) {
	sample := "a <b> & \"c\" 'd' &amp; \\n \t é 日本 \xff\n" +
		"func f(x int) { return x + 1 } // comment\n# comment\n<tag attr=\"v\">text</tag>\n" +
		"let s = \"str\\\"ing\"; 0x1F 3.14e10 $var @attr `tick` ]]> <!-- c -->\n"
	md := goldmark.New(goldmark.WithExtensions(highlight.New()))
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		name := l.Config().Name
		lang := strings.ReplaceAll(strings.ToLower(name), " ", "")
		if !highlight.SafeClass(lang) {
			for _, a := range l.Config().Aliases {
				if highlight.SafeClass(a) {
					lang = a
					break
				}
			}
		}
		if !highlight.SafeClass(lang) || lexers.Get(lang) == nil {
			continue
		}
		src := []byte("```" + lang + "\n" + sample + "```\n")
		done := make(chan error, 1)
		var out bytes.Buffer
		go func() { done <- md.Convert(src, &out) }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if !strings.Contains(out.String(), "</pre>") {
				t.Errorf("%s: no code block in %.200q", name, out.String())
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s (%s): the block does not finish rendering", name, lang)
		}
	}
}
