package markdown

import (
	"strings"
	"testing"
)

// TestErrorBox: the error markup of template expansion (package
// transclude, MediaWiki's <strong class="error">) survives both
// sanitizer passes, on strong, span and div, with its wiki link; no other
// attribute passes on strong, and other classes still do not.
func TestErrorBox(t *testing.T) {
	res := render(t, `a <strong class="error">Template loop detected: [[Template:Self]]</strong> b

<span class="error">x</span> <div class="error">y</div>

<strong class="error site-nav" title="t">z</strong> <strong class="site-nav">w</strong>
`)
	for _, want := range []string{
		`<strong class="error">Template loop detected: <a class="new" href="/-/edit/Template:Self"`,
		`<span class="error">x</span>`,
		`<div class="error">y</div>`,
		`<strong>w</strong>`,
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("no %s in\n%s", want, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "site-nav") || strings.Contains(res.HTML, `title="t"`) {
		t.Errorf("a class or title not allowed passed:\n%s", res.HTML)
	}
}
