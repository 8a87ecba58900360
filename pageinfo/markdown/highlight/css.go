package highlight

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

// CSS returns the stylesheet for the classes highlighted blocks carry:
// LightTheme, then DarkTheme inside @media (prefers-color-scheme: dark).
func CSS() string { return css() }

var css = sync.OnceValue(func() string {
	f := html.New(html.WithClasses(true))
	var b strings.Builder
	_ = f.WriteCSS(&b, styles.Get(LightTheme))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(DarkTheme))
	b.WriteString("}\n")
	return b.String()
})
