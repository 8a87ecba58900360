package mdlink

import (
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

func TestResolve(t *testing.T) {
	site := wikidoc.Site{}.WithDefaults()
	for _, c := range []struct {
		page, dest, title, frag string
		ok                      bool
	}{
		{"Foo/Bar", "./x.md", "Foo/x", "", true},
		{"Foo/Bar", "x.md#a", "Foo/x", "a", true},
		{"Foo/Bar", "../dir/page.md#a", "dir/page", "a", true},
		{"Foo/Bar", "sub/y.MD?highlight=z#b", "Foo/sub/y", "b", true},
		{"Foo/Bar", "/top.md", "top", "", true},
		{"Foo/Bar", "../My%20Page.md", "My_Page", "", true},
		{"Top", "./x.md", "x", "", true},
		{"Foo/Bar", "../../x.md", "", "", false},
		{"Foo/Bar", "./pic.svg", "", "", false},
		{"Foo/Bar", ".md", "", "", false},
		{"Foo/Bar", "../.md", "", "", false},
		{"Foo/Bar", "./a|b.md", "", "", false},
	} {
		title, frag, ok := Resolve(site, c.page, c.dest)
		if title != c.title || frag != c.frag || ok != c.ok {
			t.Errorf("Resolve(%q, %q) = %q, %q, %v; want %q, %q, %v", c.page, c.dest, title, frag, ok, c.title, c.frag, c.ok)
		}
	}
}

func TestIsExternal(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://x.org": true, "HTTP://x": true, "mailto:a@b": true, "//x.org/y": true, "ftp://x": true,
		"javascript:alert(1)": false, "./x.md": false, "/wiki/Foo": false, "#a": false, "data:x": false,
	} {
		if got := IsExternal(dest); got != want {
			t.Errorf("IsExternal(%q) = %v, want %v", dest, got, want)
		}
	}
}
