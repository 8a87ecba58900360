package pageinfo

import (
	"strings"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
)

// ParserFunctionHook adds parser functions, {{#name:…}}, to template
// expansion (package transclude). Like the other PageInfo hooks they run
// at parse time only, when a revision is expanded (at save, or when a
// template it uses changes), never on a view: their output is frozen in
// the revision's PageInfo until the next re-render.
var ParserFunctionHook hooks.Point[ParserFunction]

// ParserFunction declares a parser function an extension registers: it
// returns the function's name, without the '#' (matched
// case-insensitively), and the function. The built-in if, ifeq and switch
// cannot be replaced. (A func, as every hook point's type, so that it is
// called only when the functions are collected.)
type ParserFunction func() (name string, fn transclude.Func)

// ParserFunctions returns the registered parser functions by lower-case
// name, for transclude.Options.Functions; when two share a name, the one
// that runs first (priority, then ID) wins.
func ParserFunctions() map[string]transclude.Func {
	es := ParserFunctionHook.Entries()
	m := make(map[string]transclude.Func, len(es))
	for _, e := range es {
		name, fn := e.Fn()
		name = strings.ToLower(strings.TrimSpace(name))
		if _, dup := m[name]; name == "" || fn == nil || dup {
			continue
		}
		m[name] = fn
	}
	return m
}

func init() {
	hooks.Describe(hooks.Doc{Name: "pageinfo.parser-function", When: "parse time: when a revision's templates are expanded (a save, a re-render after a template changed)",
		Receives: "the expansion frame (page title, template, arguments) and its arguments, expanded; returns text (Markdown, sanitized with the page)",
		Touches:  "nothing else: pure, its output is frozen in the PageInfo"}, &ParserFunctionHook)
}
