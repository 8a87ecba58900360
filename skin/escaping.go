package skin

import (
	"fmt"
	"strings"

	"github.com/foliowiki/folio/skin/engine"
)

// isHTMLKey reports whether name ("html-x", or "data-y.html-x") names raw
// HTML by the contract's convention.
func isHTMLKey(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.HasPrefix(name, "html-")
}

// checkRaw enforces the escaping rule: html-* keys only in triple
// mustaches, and every other variable escaped.
func checkRaw(file string, toks []engine.Token) error {
	for _, t := range toks {
		switch {
		case t.Kind == '&' && !isHTMLKey(t.Name):
			return fmt.Errorf("%s:%d: %s renders %q unescaped: only html-* keys may be, use {{%s}}", file, t.Line, t, t.Name, t.Name)
		case t.Kind == 'v' && isHTMLKey(t.Name):
			return fmt.Errorf("%s:%d: %s escapes HTML: html-* keys are HTML, use {{{%s}}}", file, t.Line, t, t.Name)
		}
	}
	return nil
}

// lineOf returns the line of the first tag of kind with name, or 0.
func lineOf(toks []engine.Token, kinds, name string) int {
	for _, t := range toks {
		if t.Name == name && strings.IndexByte(kinds, t.Kind) >= 0 {
			return t.Line
		}
	}
	return 0
}
