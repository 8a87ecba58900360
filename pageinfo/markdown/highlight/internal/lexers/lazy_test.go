package lexers

import (
	"reflect"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromalexers "github.com/alecthomas/chroma/v2/lexers"
)

// TestLazyLexersAreChromas: the lexers chroma builds at package init from
// XML files are made here on first use only (none is made by the package's
// init: this file's tests run before any other use of them), and then
// tokenise as chroma's own, with chroma's configurations.
func TestLazyLexersAreChromas(t *testing.T) {
	code := "<p class=\"x\">{{ .Name }} <%= @a %> {% if b %}(defun f (x) (car x)){% endif %}</p>\nkey: [1, 'two']\n# c\n"
	for _, c := range []struct {
		name       string
		ours, want chroma.Lexer
	}{
		{"HTML", HTML, chromalexers.HTML},
		{"CommonLisp", CommonLisp, chromalexers.CommonLisp},
		{"EmacsLisp", EmacsLisp, chromalexers.EmacsLisp},
		{"ERB", ERB, chromalexers.ERB},
		{"GoHTMLTemplate", GoHTMLTemplate, chromalexers.GoHTMLTemplate},
		{"GoTextTemplate", GoTextTemplate, chromalexers.GoTextTemplate},
		{"YAMLJinja", YAMLJinja, chromalexers.YAMLJinja},
	} {
		l, ok := c.ours.(*lazyLexer)
		if !ok {
			t.Errorf("%s is a %T, not made on first use", c.name, c.ours)
			continue
		}
		if l.lexer != nil {
			t.Errorf("%s was made at package init", c.name)
		}
		got, want := *c.ours.Config(), *c.want.Config()
		got.Analyse, want.Analyse = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: config %+v, chroma's %+v", c.name, got, want)
		}
		if got, want := tokens(t, c.ours, code), tokens(t, c.want, code); !reflect.DeepEqual(got, want) || len(got) < 3 {
			t.Errorf("%s: tokens %v\nchroma's %v", c.name, got, want)
		}
		if c.name == "HTML" {
			continue // not registered: the registry's is its file's lazyXML
		}
		for _, name := range append([]string{want.Name}, want.Aliases...) {
			if Get(name) != c.ours {
				t.Errorf("Get(%q) = %v, want %s", name, Get(name), c.name)
			}
		}
	}
}
