package wikilink_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
	"github.com/foliowiki/folio/pageinfo/markdown/wikilink"
)

// TestStandalone uses the extension with plain goldmark and wikidoc's
// defaults, as an extension author would.
func TestStandalone(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(wikilink.New(wikidoc.Site{})))
	src := []byte("[[Foo bar#Sec|x]] [[Gone]] `[[Code]]`")
	pc := parser.NewContext()
	d := &wikidoc.Doc{Exists: func(t string) bool { return t == "Foo_bar" }}
	wikidoc.Set(pc, d)
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))); err != nil {
		t.Fatal(err)
	}
	want := `<p><a href="/wiki/Foo_bar#sec" title="Foo bar">x</a> <a href="/wiki/Gone" title="Gone (page does not exist)" class="new">Gone</a> <code>[[Code]]</code></p>` + "\n"
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
	if got := d.Links(); len(got) != 2 || got[0] != "Foo_bar" || got[1] != "Gone" {
		t.Errorf("Links() = %q", got)
	}
}

// TestDeferred leaves existence to Resolve, between parse and render.
func TestDeferred(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(wikilink.New(wikidoc.Site{})))
	src := []byte("[[Foo bar#Sec|x]] [[Gone]] [[Gone]]")
	pc := parser.NewContext()
	d := &wikidoc.Doc{Deferred: true, Exists: func(string) bool { panic("Exists before Resolve") }}
	wikidoc.Set(pc, d)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if got := d.Links(); len(got) != 2 || got[0] != "Foo_bar" || got[1] != "Gone" {
		t.Errorf("Links() = %q", got)
	}
	asked := 0
	d.Resolve(func(t string) bool { asked++; return t == "Foo_bar" })
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, root); err != nil {
		t.Fatal(err)
	}
	want := `<p><a href="/wiki/Foo_bar#sec" title="Foo bar">x</a> <a href="/wiki/Gone" title="Gone (page does not exist)" class="new">Gone</a> <a href="/wiki/Gone" title="Gone (page does not exist)" class="new">Gone</a></p>` + "\n"
	if b.String() != want || asked != 2 {
		t.Errorf("got  %s\nwant %s (Exists asked %d times)", b.String(), want, asked)
	}
}

// render renders src with goldmark, the wiki links and the given table
// extension, with wikidoc's defaults and every page existing.
func render(t testing.TB, table goldmark.Extender, src []byte) string {
	md := goldmark.New(goldmark.WithExtensions(wikilink.New(wikidoc.Site{}), table))
	pc := parser.NewContext()
	wikidoc.Set(pc, &wikidoc.Doc{})
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestTable checks that a '|' inside a wiki link does not split a cell,
// while GFM's rules hold elsewhere, and that goldmark's table options
// still apply.
func TestTable(t *testing.T) {
	src := []byte("| [[A|a]] | b |\n|:--|--:|\n| [[B\\|b]] `x\\|y` | [[C#s|c]] |\n| `[[D|d]]` | e |\n")
	got := render(t, wikilink.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), src)
	want := "<table>\n<thead>\n<tr>\n" +
		`<th align="left"><a href="/wiki/A" title="A">a</a></th>` + "\n" +
		`<th align="right">b</th>` + "\n" +
		"</tr>\n</thead>\n<tbody>\n<tr>\n" +
		`<td align="left"><a href="/wiki/B" title="B">b</a> <code>x|y</code></td>` + "\n" +
		`<td align="right"><a href="/wiki/C#s" title="C">c</a></td>` + "\n" +
		"</tr>\n<tr>\n" +
		"<td align=\"left\">`[[D</td>\n" +
		"<td align=\"right\">d]]`</td>\n" +
		"</tr>\n</tbody>\n</table>\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestTableUnchanged checks that tables without a piped wiki link render
// as with goldmark's own extension.
func TestTableUnchanged(t *testing.T) {
	for _, src := range tableSeeds {
		if strings.Contains(src, "[[") {
			continue
		}
		if got, want := render(t, wikilink.NewTable(), []byte(src)), render(t, extension.Table, []byte(src)); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

var tableSeeds = []string{
	"| a | b |\n|---|---|\n| c | d |\n",
	"| a | b |\n|---|---|\n| `c|d` | e\\|f |\n",
	"| a | b |\n|---|---|\n| `c\\|d` | [[e]] |\n",
	"| [[a|b]] | c |\n| - | - |\n| [[d\\|e]] | `[[f|g]]` |\n",
	"| \\`[[a|b]]` | ``[[c|d]]`` ` [[e|f]] |\n|-|-|\n",
	"> | a | b |\n> |---|---|\n> | [[c|d]] | e |\n",
	"text\n| [[a|b]] |\n|---|\n",
	"| ` `` ``` [[a|b]] ``` `` ` |\n|-|\n",
}

// FuzzTable renders tables with wiki links: it never panics, and a page
// without "[[" renders as with goldmark's own table extension.
func FuzzTable(f *testing.F) {
	for _, s := range tableSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got := render(t, wikilink.NewTable(), []byte(src))
		if strings.Contains(src, "[[") {
			return
		}
		if want := render(t, extension.Table, []byte(src)); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	})
}
