package server

import (
	"testing"

	"github.com/foliowiki/folio/i18n"
)

// TestTemplatesParse: the views and the forms, parsed on first use rather
// than at package init, parse, and every language's clone holds them.
func TestTemplatesParse(t *testing.T) {
	for _, code := range i18n.Default().Codes() {
		l := i18n.Default().Lang(code)
		if v := viewsIn(l); v.Lookup("move") == nil || v.Lookup("delete") == nil {
			t.Errorf("%s: no move or delete view among %d templates", code, len(v.Templates()))
		}
		if f := formsIn(l); f.Lookup("login") == nil {
			t.Errorf("%s: no login form", code)
		}
	}
}
