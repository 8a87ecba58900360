package markdown

// Tests for the findings of the security review: render budget (A),
// balanced output, user ids and classes (B), redirect labels (C), link
// schemes and data images (D). Special: links (E) are decided in pageinfo.

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/foliowiki/folio/pageinfo/markdown/limits"
)

func render(t *testing.T, src string) Result {
	t.Helper()
	res, err := testRenderer.Render([]byte(src), DocContext{Title: "P", Exists: existing, CanCreate: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A: 50,000 footnotes are over the budget: an error naming it, found in
// time linear in the page (BenchmarkFootnotes measures the time).
func TestFootnotesOverBudget(t *testing.T) {
	src := []byte(footnotes(50000))
	p := testRenderer.Parse(src, "P")
	if links := p.Links(); len(links) != 0 {
		t.Errorf("a page over its budget lists %d links to look up", len(links))
	}
	_, err := p.Render(nil, true)
	if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "footnotes") {
		t.Fatalf("50,000 footnotes: err = %v, want ErrTooComplex naming footnotes", err)
	}
}

// A: each limit of the budget, just under and just over.
func TestBudget(t *testing.T) {
	for _, c := range []struct {
		what      string
		under     string
		over      string
		errorText string
	}{
		{"footnotes", footnotes(limits.MaxFootnotes / 2), footnotes(limits.MaxFootnotes/2 + 1), "footnotes"},
		{"links", strings.Repeat("[[a]] ", limits.MaxLinks), strings.Repeat("[[a]] ", limits.MaxLinks+1), "links"},
		{"nodes", strings.Repeat("*a* ", limits.MaxNodes/3-2), strings.Repeat("*a* ", limits.MaxNodes/3+1), "nodes"},
		{"nesting", strings.Repeat("<div>", 400) + "x", strings.Repeat("<div>", limits.MaxNesting+1) + "x", "nest"},
	} {
		t.Run(c.what, func(t *testing.T) {
			if _, err := testRenderer.Render([]byte(c.under), DocContext{Title: "P"}); err != nil {
				t.Errorf("under the budget: %v", err)
			}
			_, err := testRenderer.Render([]byte(c.over), DocContext{Title: "P"})
			if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), c.errorText) {
				t.Errorf("over the budget: err = %v, want ErrTooComplex naming %s", err, c.errorText)
			}
		})
	}
}

// A: a renderer may be given a larger budget.
func TestBudgetConfig(t *testing.T) {
	t.Parallel() // seconds of CPU under -race: beside the package's other long tests
	cfg := Default
	cfg.Budget = limits.Budget{Footnotes: 200000, Nodes: 1 << 30}
	r := New(cfg, testOptions)
	res, err := r.Render([]byte(footnotes(50000)), DocContext{Title: "P"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(res.HTML, `role="doc-backlink"`); n != 50000 {
		t.Errorf("%d back links, want 50000", n)
	}
}

// B: the output is balanced whatever the text: no end tag closes an
// element the page did not open (the skin's containers).
func TestBalanced(t *testing.T) {
	for _, src := range []string{
		"</div></div></article></main>\n\nafter",
		"<div>\n\nx</div></div></div></body></html>",
		"text </p></li></ul></td></tr></table></section></article> more",
		"<table><tr><td>cell</div></td></tr></table></div>",
		"<b><i>misnested</b></i> <a href=/x><div><a href=/y>y</a></div></a>",
		"<p><div>block in p</div></p></div>",
		"- item </li></ul></div>\n- next",
		"```go\nx := 1\n```\n\n</pre></code></div>\n\n```go\ny := 2\n```\n",
	} {
		out := render(t, src).HTML
		if err := balanced(out); err != nil {
			t.Errorf("%q:\n%s\n%v", src, out, err)
		}
	}
}

// balanced reports the first end tag of s that closes nothing s opened,
// or an element s leaves open.
func balanced(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) > 0 {
				return fmt.Errorf("left open: %q", stack)
			}
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				return fmt.Errorf("</%s> closes %q", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// B: distinct formatting elements left open, then reopened by every
// paragraph, made the HTML5 tree builder clone them all each time
// (the adoption agency's reconstruction): 18 s for 160 KB. Formatting
// elements carry no attributes now, so there are at most three alike
// and the output stays proportional to the input.
func TestFormattingReconstruction(t *testing.T) {
	var b strings.Builder
	b.WriteString("<p>")
	for i := range 400 {
		fmt.Fprintf(&b, `<b title="%d"><i id="i%d"><code class="k">`, i, i)
	}
	b.WriteString(strings.Repeat("</p><p>x", 2000))
	res, err := testRenderer.Render([]byte(b.String()), DocContext{Title: "P"})
	if err != nil && !errors.Is(err, ErrTooComplex) {
		t.Fatal(err)
	}
	if max := 20 * b.Len(); len(res.HTML) > max {
		t.Errorf("%d bytes of HTML for %d of input, want at most %d", len(res.HTML), b.Len(), max)
	}
}

// B: ids the page writes get "user-content-", and links to them follow;
// heading and footnote ids stay as they are, so /wiki/P#section works.
func TestUserIDs(t *testing.T) {
	res := render(t, `# Install

<span id="pt-login">fake login</span> <a name="top">anchor</a> <div id="install">dup</div>

[to span](#pt-login) [to top](#top) [to heading](#install) [[#Install]] [elsewhere](#nowhere) note[^1]

[^1]: The note.
`)
	for _, want := range []string{
		`<h2 id="install">Install</h2>`,
		`<span id="user-content-pt-login">`,
		`<a name="user-content-top">`,
		`<div id="user-content-install">`,
		`<a href="#user-content-pt-login">to span</a>`,
		`<a href="#user-content-top">to top</a>`,
		`<a href="#install">to heading</a>`,
		`<a href="#install">#Install</a>`,
		`<a href="#nowhere">elsewhere</a>`,
		`<sup id="fnref:1"><a class="footnote-ref" href="#fn:1" role="doc-noteref">1</a></sup>`,
		`<li id="fn:1">`,
		`<a class="footnote-backref" href="#fnref:1" role="doc-backlink">`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
	if len(res.TOC) != 1 || res.TOC[0].Anchor != "install" {
		t.Errorf("TOC = %+v", res.TOC)
	}
	// Sanitize, which hooks' output goes through again, keeps all that.
	if again := Sanitize(res.HTML); again != res.HTML {
		t.Errorf("Sanitize is not idempotent:\n got: %s\nwant: %s", again, res.HTML)
	}
}

// B: a heading cannot take an id the skins use for their own elements.
func TestReservedHeadingIDs(t *testing.T) {
	res := render(t, "# pt-login\n\n## Content\n\n[x](#content)\n")
	for _, want := range []string{`<h2 id="pt-login-1">`, `<h2 id="content-1">`} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
	if strings.Contains(res.HTML, `id="pt-login"`) || strings.Contains(res.HTML, `id="content"`) {
		t.Errorf("a skin id in the page:\n%s", res.HTML)
	}
}

// B: classes are limited to those the renderer emits.
func TestClassAllowList(t *testing.T) {
	res := render(t, `<div class="site-nav personal tabs">a</div> <span class="new external k bogus">b</span> <p class="redirect">c</p>

`+"```go\nfunc f() {}\n```\n")
	for _, want := range []string{`<div>a</div>`, `<span class="new external k">b</span>`, `<p class="redirect">c</p>`, `<pre class="chroma language-go" tabindex="0" role="region" aria-label="Code: go"><code><span class="kd">func</span>`} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
	for _, bad := range []string{"site-nav", "personal", "tabs", "bogus"} {
		if strings.Contains(res.HTML, bad) {
			t.Errorf("class %s kept:\n%s", bad, res.HTML)
		}
	}
}

// C: the label of a redirect is text, like any wiki link label.
func TestRedirectLabelEscaped(t *testing.T) {
	res := render(t, `#REDIRECT [[Foo#<a href="https://evil.example/">Log in</a>]]`+"\n")
	if strings.Contains(res.HTML, "evil.example/\">") || strings.Count(res.HTML, "<a ") != 1 {
		t.Errorf("live markup in the redirect label:\n%s", res.HTML)
	}
	if !strings.Contains(res.HTML, `Foo#&lt;a href=`) {
		t.Errorf("label not shown as text:\n%s", res.HTML)
	}
	if res.Redirect != "Foo" {
		t.Errorf("Redirect = %q", res.Redirect)
	}
}

// D: link schemes a wiki uses stay links.
func TestLinkSchemes(t *testing.T) {
	for _, href := range []string{
		"ftp://ftp.example.org/pub/x.tar.gz", "tel:+15551234567", "irc://irc.libera.chat/folio",
		"ircs://irc.libera.chat:6697/folio", "xmpp:someone@example.org", "mailto:someone@example.org",
		"https://example.org/", "http://example.org/",
	} {
		res := render(t, "[x]("+href+")")
		if !strings.Contains(res.HTML, `href="`+href+`"`) {
			t.Errorf("%s: lost its href:\n%s", href, res.HTML)
		}
	}
	for _, href := range []string{"javascript:alert(1)", "vbscript:x", "data:text/html,<b>x</b>", "file:///etc/passwd"} {
		res := render(t, "[x]("+href+`) <a href="`+href+`">y</a>`)
		if strings.Contains(res.HTML, "href") {
			t.Errorf("%s: kept:\n%s", href, res.HTML)
		}
	}
}

// D: data: images of the raster types, up to MaxDataURL bytes.
func TestDataImages(t *testing.T) {
	png := "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\nfake"))
	for _, typ := range []string{"png", "gif", "jpeg", "webp"} {
		src := strings.Replace(png, "png", typ, 1)
		res := render(t, "![i]("+src+`) <img src="`+src+`" alt="j">`)
		if strings.Count(res.HTML, `src="`+src+`"`) != 2 {
			t.Errorf("%s: src lost:\n%s", typ, res.HTML)
		}
	}
	huge := "data:image/png;base64," + base64.StdEncoding.EncodeToString(make([]byte, MaxDataURL))
	svg := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(`<svg onload="alert(1)"/>`))
	for _, src := range []string{huge, svg, "data:text/html;base64,PGI+", "data:image/png,notbase64"} {
		res := render(t, "![i]("+src+`) <img src="`+src+`">`)
		if strings.Contains(res.HTML, "src=") {
			t.Errorf("%.40s…: kept", src)
		}
	}
	res := render(t, `<a href="`+png+`">img link</a>`)
	if strings.Contains(res.HTML, "href") {
		t.Errorf("a data: link kept:\n%s", res.HTML)
	}
}

// B: on the two corpora, every TOC entry and every same-page link the
// renderer made still has its target in the page.
func TestCorpusAnchors(t *testing.T) {
	for _, name := range []string{"rustc-dev-guide", "silverbullet-docs"} {
		c := loadCorpus(t, name)
		for _, title := range c.titles() {
			res, err := testRenderer.Render(c.pages[title], DocContext{Title: title, Exists: c.exists})
			if err != nil {
				t.Fatalf("%s: %v", title, err)
			}
			for _, h := range res.TOC {
				if !strings.Contains(res.HTML, ` id="`+h.Anchor+`"`) {
					t.Errorf("%s: TOC entry #%s has no target", title, h.Anchor)
				}
			}
			for _, frag := range []string{"#fn:", "#fnref"} {
				for _, s := range strings.Split(res.HTML, `href="`+frag)[1:] {
					id := frag[1:] + s[:strings.IndexByte(s, '"')]
					if !strings.Contains(res.HTML, ` id="`+id+`"`) {
						t.Errorf("%s: footnote link #%s has no target", title, id)
					}
				}
			}
		}
	}
}
