// Package style is the stylesheet of the code that package highlight
// renders: chroma's CSS for the classes it emits, in a light and a dark
// theme. It imports chroma's formatter and styles only — not goldmark — so
// the skin, which serves the stylesheet, need not import the Markdown
// renderer.
package style

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Themes used by CSS: a light one, and a dark one under
// prefers-color-scheme: dark.
const (
	LightTheme = "github"
	DarkTheme  = "github-dark"
)

// lightFixes darkens the light theme's colours that miss WCAG AA (4.5:1)
// on its background: github's NameBuiltinPseudo #6a737d is 4.49:1 on
// #f7f7f7; #57606a is its comment colour (5.9:1). TestColoursPassAA checks
// every colour of both themes.
var lightFixes = strings.NewReplacer("color: #6a737d", "color: #57606a")

// CSS returns the stylesheet for the classes highlighted blocks carry:
// LightTheme, then DarkTheme inside @media (prefers-color-scheme: dark).
func CSS() string { return css() }

var css = sync.OnceValue(func() string {
	f := html.New(html.WithClasses(true))
	var b strings.Builder
	var light strings.Builder
	_ = f.WriteCSS(&light, styles.Get(LightTheme))
	b.WriteString(lightFixes.Replace(light.String()))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(DarkTheme))
	b.WriteString("}\n")
	return b.String()
})
