package markdown

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// xssSeeds are attack strings beyond those in testdata/render/xss-*.txtar.
var xssSeeds = []string{
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](&#x6A;avascript:alert(1))",
	"![x](data:text/html;base64,PHNjcmlwdD4=)",
	"<a href=\"\tjavascript:alert(1)\">x</a>",
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	"<svg><style><img src=x onerror=alert(1)></style></svg>",
	"[[Foo\" onmouseover=\"x]]",
	"[[javascript:alert(1)]]",
	"[[Category:\"><script>alert(1)</script>]]",
	"```\"><script>alert(1)</script>\nx\n```",
	"#REDIRECT [[javascript:alert(1)]]",
	"# <img src=x onerror=alert(1)>",
	"[a]: javascript:alert(1)\n\n[a]",
	"<details open ontoggle=alert(1)>",
	"- [x] <input onfocus=alert(1) autofocus>",
	"[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
	"<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
	"[[File:Cat.png|thumb|link=javascript:alert(1)|\"><script>alert(1)</script>]]",
	"[[File:Cat.png|alt=\" onerror=\"alert(1)|link=//evil.example/]]",
	"[[File:\" onerror=alert(1) x=.png|thumb]] [[Media:Doc.pdf|<img src=x onerror=alert(1)>]]",
	"![\" onerror=\"alert(1)](File:Cat.png) ![x](Image:Small.gif \"t\")",
	"<img src=x srcset=\"javascript:alert(1) 2x\">",
}

// fileContext is docContext("") with the test files uploaded.
func fileContext() DocContext {
	dc := docContext("")
	dc.Files = testFiles
	return dc
}

// FuzzRender renders arbitrary input and checks that the output is inert:
// no script, style or embedding element, no event-handler or style
// attribute, no javascript:, vbscript: or data: URL, both as tokenized and
// as parsed into a tree by golang.org/x/net/html. It also never panics.
func FuzzRender(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "render", "*.txtar"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(parseArchive(data).get("in.md")))
		}
	}
	for _, s := range xssSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 64<<10 {
			t.Skip("too large")
		}
		res, err := fileRenderer.Render([]byte(src), fileContext())
		if errors.Is(err, ErrTooComplex) {
			return // over the work budget (512 nested elements fit in 3 KB)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := checkInert(res.HTML); err != nil {
			t.Fatalf("%v\ninput: %q\noutput: %s", err, src, res.HTML)
		}
		if err := balanced(res.HTML); err != nil {
			t.Fatalf("unbalanced: %v\ninput: %q\noutput: %s", err, src, res.HTML)
		}
	})
}

// TestXSSSeeds runs the fuzz property on the seeds in normal test runs.
func TestXSSSeeds(t *testing.T) {
	for _, s := range xssSeeds {
		res, err := fileRenderer.Render([]byte(s), fileContext())
		if err != nil {
			t.Fatal(err)
		}
		if err := checkInert(res.HTML); err != nil {
			t.Errorf("%q: %v\n%s", s, err, res.HTML)
		}
	}
}

// checkInert returns why out could run script, or nil.
func checkInert(out string) error {
	if strings.Contains(strings.ToLower(out), "<script") {
		return fmt.Errorf("<script in output")
	}
	if err := checkTokens(out); err != nil {
		return err
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		return nil // nested deeper than x/net/html's 512 elements; the tokens were checked
	}
	return checkTree(doc)
}

func checkTokens(out string) error {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return nil
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if err := checkElement(tok.Data, tok.Attr); err != nil {
			return fmt.Errorf("token %s: %w", tok.String(), err)
		}
	}
}

func checkTree(n *html.Node) error {
	if n.Type == html.ElementNode {
		if err := checkElement(n.Data, n.Attr); err != nil {
			return fmt.Errorf("element <%s>: %w", n.Data, err)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := checkTree(c); err != nil {
			return err
		}
	}
	return nil
}

var forbiddenElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true, "base": true,
	"meta": true, "link": true, "svg": true, "math": true, "form": true, "frame": true,
	"frameset": true, "noscript": true, "template": true,
}

var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"srcset": true, "poster": true, "background": true, "cite": true, "data": true,
}

func checkElement(name string, attrs []html.Attribute) error {
	if forbiddenElements[name] {
		return fmt.Errorf("forbidden element")
	}
	for _, a := range attrs {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			return fmt.Errorf("event handler %s", a.Key)
		case key == "style":
			return fmt.Errorf("style attribute")
		case urlAttrs[key] && dangerousURL(a.Val) && !(name == "img" && key == "src" && rasterDataURL(a.Val)):
			return fmt.Errorf("%s URL %q", a.Key, a.Val)
		}
	}
	return nil
}

// rasterDataURL reports whether v is a base64 data: URL of a PNG, GIF,
// JPEG or WebP image, which an img may show (never SVG).
func rasterDataURL(v string) bool {
	for _, t := range []string{"png", "gif", "jpeg", "webp"} {
		if strings.HasPrefix(v, "data:image/"+t+";base64,") && !strings.ContainsAny(v, "<>\"' ") {
			return true
		}
	}
	return false
}

// dangerousURL reports whether a browser would see a javascript:,
// vbscript: or data: URL in v: it drops white space and controls anywhere
// in the scheme and ignores case.
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")
}
