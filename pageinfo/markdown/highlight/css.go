package highlight

import "github.com/foliowiki/folio/pageinfo/markdown/highlight/style"

// Themes used by CSS (see package style).
const (
	LightTheme = style.LightTheme
	DarkTheme  = style.DarkTheme
)

// CSS returns the stylesheet for the classes highlighted blocks carry:
// LightTheme, then DarkTheme inside @media (prefers-color-scheme: dark).
// It is style.CSS, which the skin imports without the renderer.
func CSS() string { return style.CSS() }
