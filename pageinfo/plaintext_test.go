package pageinfo_test

import (
	"testing"

	"github.com/foliowiki/folio/pageinfo"
)

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p>Hello <strong>bold</strong> &amp; <a href="/wiki/X">linked</a></p><h2 id="a">Head</h2><ul><li>one</li><li>two</li></ul>`,
			"Hello bold & linked Head one two"},
		{"<p>a<br>b</p>\n\n<pre><code>x := 1\n</code></pre>", "a b x := 1"},
		{`<p>x</p><script>alert(1)</script><style>p{}</style><p>y&nbsp;z &lt;tag&gt;</p>`, "x y z <tag>"},
		{`<table><tr><td>c1</td><td>c2</td></tr></table>`, "c1 c2"},
		{"", ""},
	} {
		if got := pageinfo.PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
