package transclude

import (
	"strings"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// redirectTarget returns the canonical target of a redirect page, whose
// first line is "#REDIRECT [[Target]]" (any case, an optional colon, as
// package redirect reads it), or false. A transcluded redirect transcludes
// its target, as in MediaWiki, so a template moved (which leaves a
// redirect) keeps working where it is used.
func (e *expander) redirectTarget(text string) (string, bool) {
	line, _, _ := strings.Cut(strings.TrimLeft(text, " \t\r\n"), "\n")
	if len(line) < 9 || !strings.EqualFold(line[:9], "#redirect") {
		return "", false
	}
	rest := strings.TrimLeft(line[9:], " \t")
	rest = strings.TrimLeft(strings.TrimPrefix(rest, ":"), " \t")
	inside, _, ok := wikidoc.Scan([]byte(rest))
	if !ok {
		return "", false
	}
	t, ok := wikidoc.ParseTarget(inside)
	if !ok || t.Page == "" {
		return "", false
	}
	title, err := e.opts.NormalizeTitle(t.Page)
	return title, err == nil
}
