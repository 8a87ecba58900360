// Package style is the stylesheet of the code that package highlight
// renders: chroma's CSS for the classes it emits, in a light and a dark
// theme. It imports neither goldmark nor chroma: the stylesheet is
// generated from chroma's styles into themes.css (TestThemesAreChromas
// checks it, -update rewrites it), as building it at start meant
// importing chroma's styles, whose package init parses every style it
// holds (about 10 ms of each process's start).
package style

import _ "embed" // themes.css

// Themes used by CSS: a light one, and a dark one under
// prefers-color-scheme: dark.
const (
	LightTheme = "github"
	DarkTheme  = "github-dark"
)

// CSS returns the stylesheet for the classes highlighted blocks carry:
// LightTheme, then DarkTheme inside @media (prefers-color-scheme: dark).
func CSS() string { return themes }

//go:embed themes.css
var themes string
