package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight"
)

// renderRaw parses and renders src without sanitizing, with its code
// blocks set aside into a if a is not nil.
func renderRaw(t testing.TB, src []byte, dc DocContext, a *highlight.Aside) []byte {
	t.Helper()
	p := testRenderer.Parse(src, dc.Title)
	p.d.CanCreate = dc.CanCreate
	p.d.Resolve(dc.Exists)
	if a != nil {
		highlight.SetAside(p.root.OwnerDocument(), a)
	}
	var buf bytes.Buffer
	if err := testRenderer.md.Renderer().Render(&buf, src, p.root); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkAside checks that sanitizing src with its code blocks set aside
// gives what sanitizing it whole gives, and reports whether the blocks
// could be spliced (rather than sanitized after all).
func checkAside(t testing.TB, src []byte) (spliced bool) {
	t.Helper()
	dc := docContext("")
	want := sanitize(renderRaw(t, src, dc, nil))
	a := newAside()
	raw := renderRaw(t, src, dc, a)
	if got := sanitizeAside(raw, a); got != want {
		t.Fatalf("input %q:\nset aside: %s\nwhole:     %s", src, got, want)
	}
	_, spliced = splice(policy().SanitizeBytes(raw), a)
	return spliced && a.Len() > 0
}

const asideCode = "```go\nfunc main() { fmt.Println(\"<hi>\" + 'x' & 1) } // &amp; &#34;\n```\n"

// TestSanitizeAsideSame compares both ways of sanitizing on code blocks
// in every context raw HTML can put them in, and checks that the blocks
// are spliced exactly where nothing before them interferes.
func TestSanitizeAsideSame(t *testing.T) {
	// Raw HTML after which a block does not come out of the sanitizer as
	// it went in: the blocks must be sanitized with the rest.
	interfering := []string{
		"<object>", "<textarea>", "<title>", "<noscript>", "<svg><style>", "<xmp>",
		"<plaintext>", "<iframe>", "<script>", "<style>", "<noembed>", "<noframes>",
	}
	// Openers that leave the blocks alone (some are no HTML to goldmark
	// and come out as text).
	harmless := []string{
		"", "<div>", "<b>", "<a>", "<span>", "<code>", "<span class=x>", "<span onclick=x>",
		"<code title=\"\x01\">", "<table><tr><td>", "<details>", "</span>", "</code>", "</pre>",
		"<select>", "<math>", "<svg>", "<kbd>", "<a href=\"javascript:x\">", "<a title=\"",
	}
	// Either way, as long as the output is the same: as a block, "<!--"
	// and "<pre " swallow the rest of the page, and the tag "<div " left
	// open takes the block's first tag in as attributes.
	other := []string{"<pre>", "<!--", "<!-- x -->", "<pre ", "<div ", "<pre title=\"x\" ", "<![CDATA[", "<?php", "<!DOCTYPE html>", "<html>"}
	if checkAside(t, []byte("<div \n\n"+asideCode)) {
		t.Errorf("block after an open tag spliced")
	}
	contexts := []func(w string) string{
		func(w string) string { return w + "\n\n" + asideCode + "\nafter </span></div>\n" },
		func(w string) string { return "x " + w + " y\n\n" + asideCode + "\n\n" + asideCode },
		func(w string) string { return "- " + w + "\n\n  " + strings.ReplaceAll(asideCode, "\n", "\n  ") + "\n" },
		func(w string) string {
			return "> " + w + "\n>\n> " + strings.ReplaceAll(asideCode, "\n", "\n> ") + "\n"
		},
	}
	for _, w := range interfering {
		for i, c := range contexts {
			if checkAside(t, []byte(c(w))) {
				t.Errorf("%q (context %d): blocks spliced", w, i)
			}
		}
	}
	for _, w := range harmless {
		for i, c := range contexts {
			if !checkAside(t, []byte(c(w))) {
				t.Errorf("%q (context %d): blocks sanitized, not spliced", w, i)
			}
		}
	}
	for _, w := range other {
		for _, c := range contexts {
			checkAside(t, []byte(c(w)))
		}
	}
	for name, src := range goldenInputs(t) {
		t.Run(name, func(t *testing.T) { checkAside(t, []byte(src)) })
	}
	for _, s := range xssSeeds {
		checkAside(t, []byte(s))
	}
	// "\r" and NUL stay in place, sanitized with the rest.
	for _, s := range []string{"```go\r\nx := 1\r\n```\r\n", "```go\nx := \"\x00\"\n```\n", "```\na\rb\n```\n"} {
		checkAside(t, []byte(s+asideCode))
	}
}

// TestAsideFixedPoint highlights code with every chroma lexer and checks
// that the blocks are spliced and equal what the sanitizer makes of them.
func TestAsideFixedPoint(t *testing.T) {
	t.Parallel() // seconds of CPU under -race: beside the package's other long tests
	sample := "a <b> & \"c\" 'd' &amp; &#39; &lt;x&gt; \\n \t é ü 日本 \U0001F600 \xff\n" +
		"func f(x int) { return x + 1 } // comment\n# comment\n<tag attr=\"v\">text</tag>\n" +
		"let s = \"str\\\"ing\"; 0x1F 3.14e10 $var @attr `tick` ]]> <!-- c -->\n"
	n := 0
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		cfg := l.Config()
		lang := ""
		for _, a := range append([]string{cfg.Name}, cfg.Aliases...) {
			if highlight.SafeClass(a) {
				lang = a
				break
			}
		}
		if lang == "" {
			continue
		}
		src := []byte(fmt.Sprintf("```%s\n%s```\n\n```%s\n%s```\n", lang, sample, lang, cfg.Name))
		if !checkAside(t, src) {
			t.Errorf("%s: blocks not spliced", lang)
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d lexers tried", n)
	}
}

// FuzzSanitizeAside checks on arbitrary input that setting code blocks
// aside never changes the sanitized HTML.
func FuzzSanitizeAside(f *testing.F) {
	for _, s := range xssSeeds {
		f.Add(s + "\n\n" + asideCode)
	}
	f.Add("<span>\n\n" + asideCode)
	f.Add("<pre \n\n" + asideCode)
	f.Add("x <textarea> y\n\n" + asideCode)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 64<<10 {
			t.Skip("too large")
		}
		checkAside(t, []byte(src))
	})
}

// TestFinishAsideSame checks that keeping the code blocks out of finish's
// HTML5 parse (sanitizeFinish) gives what parsing everything gives, in the
// contexts of TestSanitizeAsideSame, on the golden inputs and the corpora.
// The one difference by design: formatting elements the page left open
// and the parser reopens are not reopened inside code blocks.
func TestFinishAsideSame(t *testing.T) {
	t.Parallel() // seconds of CPU under -race: beside the package's other long tests
	check := func(t *testing.T, src []byte) {
		t.Helper()
		dc := docContext("")
		want, werr := finish(sanitize(renderRaw(t, src, dc, nil)))
		a := newAside()
		got, gerr := sanitizeFinish(renderRaw(t, src, dc, a), a)
		if got != want || (werr == nil) != (gerr == nil) {
			t.Errorf("input %q:\nset aside: %s (%v)\nwhole:     %s (%v)", src, got, gerr, want, werr)
		}
	}
	openers := []string{
		"", "<div>", "<b>", "<a>", "<span>", "<code>", "<span class=x>", "<table><tr><td>", "<details>",
		"</span>", "</code>", "</pre>", "<select>", "<kbd>", "<a title=\"", "<pre>", "<!--", "<div ", "<p>",
		"</div></div>", "<ul><li>", "<textarea>", "<object>",
	}
	contexts := []func(w string) string{
		func(w string) string { return w + "\n\n" + asideCode + "\nafter </span></div>\n" },
		func(w string) string { return "x " + w + " y\n\n" + asideCode + "\n\n" + asideCode },
		func(w string) string { return "- " + w + "\n\n  " + strings.ReplaceAll(asideCode, "\n", "\n  ") + "\n" },
		func(w string) string {
			return "> " + w + "\n>\n> " + strings.ReplaceAll(asideCode, "\n", "\n> ") + "\n"
		},
	}
	for _, w := range openers {
		for _, c := range contexts {
			check(t, []byte(c(w)))
		}
	}
	for _, src := range goldenInputs(t) {
		check(t, []byte(src))
	}
	for _, name := range []string{"rustc-dev-guide", "silverbullet-docs"} {
		c := loadCorpus(t, name)
		for _, title := range c.titles() {
			check(t, c.pages[title])
		}
	}
}
