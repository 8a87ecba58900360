package wikilink_test

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
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
