package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

const linkPage = "[[Foo]] [[B]] [[Foo]] [[b]] [[C|c]] [d](./D.md) [[#Here]]\n"

// TestExistsPerRender checks that red and blue are decided per call, and
// that Exists is asked once per distinct title.
func TestExistsPerRender(t *testing.T) {
	var asked []string
	exists := func(ok bool) func(string) bool {
		return func(title string) bool { asked = append(asked, title); return ok }
	}
	blue, err := testRenderer.Render([]byte(linkPage), DocContext{Title: "P", Exists: exists(true), CanCreate: true})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(asked)
	if want := []string{"B", "C", "D", "Foo"}; !slices.Equal(asked, want) {
		t.Errorf("Exists asked %q, want %q", asked, want)
	}
	red, err := testRenderer.Render([]byte(linkPage), DocContext{Title: "P", Exists: exists(false), CanCreate: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(blue.HTML, `class="new"`); n != 0 {
		t.Errorf("all pages exist, yet %d red links:\n%s", n, blue.HTML)
	}
	if n := strings.Count(red.HTML, `class="new"`); n != 6 {
		t.Errorf("no page exists, got %d red links, want 6:\n%s", n, red.HTML)
	}
	if !slices.Equal(blue.Links, red.Links) {
		t.Errorf("links differ: %q and %q", blue.Links, red.Links)
	}
}

// TestLinks checks that Links, which only parses, agrees with Render.
func TestLinks(t *testing.T) {
	src := []byte("#REDIRECT [[Target]]\n" + linkPage + "[[Category:X]] [[:Category:Y]]\n")
	res, err := testRenderer.Render(src, DocContext{Title: "Dir/P"})
	if err != nil {
		t.Fatal(err)
	}
	got := testRenderer.Links(src, "Dir/P")
	want := []string{"Target", "Foo", "B", "C", "Dir/D", "Category:Y"}
	if !slices.Equal(got, want) || !slices.Equal(res.Links, want) {
		t.Errorf("Links = %q, Render links = %q, want %q", got, res.Links, want)
	}
}

// TestParseThenRender checks that one parse, its links looked up, then
// rendered gives what Render gives, for every golden case under its own
// settings, asking Exists nothing before Render and once per target in it.
func TestParseThenRender(t *testing.T) {
	for _, path := range goldenPaths(t) {
		a := readArchive(t, path)
		src := a.get("in.md")
		dc := docContext(string(a.comment))
		want, err := testRenderer.Render(src, dc)
		if err != nil {
			t.Fatal(err)
		}
		asked := map[string]int{}
		exists := func(title string) bool {
			asked[title]++
			return dc.Exists == nil || dc.Exists(title)
		}
		p := testRenderer.Parse(src, dc.Title)
		links := p.Links()
		if len(asked) != 0 {
			t.Errorf("%s: Parse asked Exists about %v", path, asked)
		}
		got, err := p.Render(exists, dc.CanCreate)
		if err != nil {
			t.Fatal(err)
		}
		if got.HTML != want.HTML || !bytes.Equal(metaJSON(got), metaJSON(want)) {
			t.Errorf("%s: Parse+Render differs from Render:\n got %s\n%s\nwant %s\n%s", path, got.HTML, metaJSON(got), want.HTML, metaJSON(want))
		}
		if !slices.Equal(links, want.Links) {
			t.Errorf("%s: Parsed.Links = %q, want %q", path, links, want.Links)
		}
		for _, l := range links {
			if asked[l] != 1 {
				t.Errorf("%s: Exists(%q) asked %d times, want once", path, l, asked[l])
			}
		}
		if len(asked) != len(links) {
			t.Errorf("%s: Exists asked about %v, links %q", path, asked, links)
		}
		if _, err := p.Render(exists, dc.CanCreate); err == nil {
			t.Errorf("%s: a second Render of one parse succeeded", path)
		}
	}
}

// TestConcurrentRender renders from many goroutines (run with -race).
func TestConcurrentRender(t *testing.T) {
	srcs := []string{linkPage, "# A\n## A\n```go\nx := 1\n```\n", "[[Category:C]] text"}
	want := make([]string, len(srcs))
	for i, s := range srcs {
		res, _ := testRenderer.Render([]byte(s), DocContext{Title: "P"})
		want[i] = res.HTML
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(srcs)
				res, err := testRenderer.Render([]byte(srcs[k]), DocContext{Title: "P"})
				if err != nil || res.HTML != want[k] {
					t.Errorf("goroutine %d: got %q, %v", g, res.HTML, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestSanitizerKeepsOwnOutput renders every golden input without raw HTML
// and checks the sanitizer removed nothing the renderer emitted: the
// element and attribute sequence is unchanged but for rel="nofollow" on
// external links.
func TestSanitizerKeepsOwnOutput(t *testing.T) {
	for name, src := range goldenInputs(t) {
		if strings.ContainsAny(src, "<") {
			continue
		}
		dc := docContext("")
		p := testRenderer.Parse([]byte(src), dc.Title)
		p.d.CanCreate = dc.CanCreate
		p.d.Resolve(dc.Exists)
		root := p.root
		var raw bytes.Buffer
		if err := testRenderer.md.Renderer().Render(&raw, []byte(src), root); err != nil {
			t.Fatal(err)
		}
		got, want := tags(sanitize(raw.Bytes())), tags(raw.String())
		if !slices.Equal(got, want) {
			t.Errorf("%s: sanitizer changed tags\n got: %q\nwant: %q", name, got, want)
		}
	}
}

// goldenInputs returns in.md of every golden case by name.
func goldenInputs(t *testing.T) map[string]string {
	out := make(map[string]string)
	for _, path := range goldenPaths(t) {
		out[path] = string(readArchive(t, path).get("in.md"))
	}
	return out
}

// tags lists the start tags of s with their attributes, in order, leaving
// out rel="nofollow".
func tags(s string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		var b strings.Builder
		b.WriteString(tok.Data)
		for _, a := range tok.Attr {
			if a.Key != "rel" {
				fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
			}
		}
		out = append(out, b.String())
	}
}

// TestDefaults renders with zero Options: wikidoc's title rules and URLs.
func TestDefaults(t *testing.T) {
	r := New(Default, Options{})
	res, err := r.Render([]byte("[[foo  bar#Sec|x]] [[a<b]] [[Missing]]"), DocContext{Exists: set("foo_bar"), CanCreate: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><a href="/wiki/foo_bar#sec" title="foo bar">x</a> [[a&lt;b]] <a class="new" href="/-/edit/Missing" title="Missing (page does not exist)">Missing</a></p>` + "\n"
	if res.HTML != want {
		t.Errorf("got  %s\nwant %s", res.HTML, want)
	}
}

// TestConfigOff checks that each flag really removes its extension.
func TestConfigOff(t *testing.T) {
	src := "#REDIRECT [[Foo]]\n\n[[Bar]] [[Category:C]] ~~s~~ https://x.org <kbd>k</kbd> [m](./m.md)\n\n```go\nx\n```\n"
	res, err := New(Config{}, testOptions).Render([]byte(src), DocContext{Title: "P"})
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>#REDIRECT [[Foo]]</p>\n<p>[[Bar]] [[Category:C]] ~~s~~ https://x.org k <a href=\"./m.md\">m</a></p>\n<pre><code>x\n</code></pre>\n"
	if res.HTML != want || res.Redirect != "" || len(res.Links)+len(res.Categories) != 0 || res.Needs.Highlight {
		t.Errorf("got %+v\nwant HTML %s", res, want)
	}
}

func TestHighlightCSS(t *testing.T) {
	css := HighlightCSS()
	for _, want := range []string{".chroma .k {", "@media (prefers-color-scheme: dark)", ".bg {"} {
		if !strings.Contains(css, want) {
			t.Errorf("HighlightCSS lacks %q", want)
		}
	}
}

// TestExtensionsAndSanitize adds an extension through Config.Extensions
// and checks Sanitize is the Render policy (classes not the renderer's
// dropped).
func TestExtensionsAndSanitize(t *testing.T) {
	cfg := Default
	cfg.Extensions = append(cfg.Extensions, extension.Typographer)
	res, err := New(cfg, testOptions).Render([]byte(`"quoted" -- dash`), DocContext{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>“quoted” – dash</p>\n"; res.HTML != want {
		t.Errorf("got %q, want %q", res.HTML, want)
	}
	if Default.Extensions != nil {
		t.Error("appending to a copy changed Default")
	}
	in := `<p class="site-nav" onclick="alert(1)">a</p><script>b</script><a href="https://x.org">c</a>`
	if got, want := Sanitize(in), `<p>a</p><a href="https://x.org" rel="nofollow">c</a>`; got != want {
		t.Errorf("Sanitize = %q, want %q", got, want)
	}
}
