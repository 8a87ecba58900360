package engine

import (
	"bytes"
	htmltemplate "html/template"
	"testing"
)

// EscapeHTML is Go's HTMLEscapeString, which cbroglie applies, and
// Escapes lists exactly its replacements.
func FuzzEscape(f *testing.F) {
	f.Add(`<a href="x">'&'</a>` + "\x00é/`=")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		EscapeHTML(&b, s)
		if want := htmltemplate.HTMLEscapeString(s); b.String() != want {
			t.Fatalf("EscapeHTML(%q) = %q, want %q", s, b.String(), want)
		}
	})
}

func TestEscapes(t *testing.T) {
	for c := range 256 {
		s := string([]byte{byte(c)})
		want := htmltemplate.HTMLEscapeString(s)
		rep, ok := Escapes()[byte(c)]
		if !ok {
			rep = s
		}
		if rep != want {
			t.Errorf("Escapes()[%q] = %q, want %q", byte(c), rep, want)
		}
	}
}
