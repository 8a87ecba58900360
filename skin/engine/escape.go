package engine

import "bytes"

// escapes are the replacements of {{name}}: those of Go's
// html/template.HTMLEscapeString, which cbroglie applies. mustache.js
// escapes more by default (also / ` and =); a JavaScript renderer that
// must give the same bytes sets Mustache.escape to these replacements.
var escapes = [256]string{
	'"':  "&#34;",
	'\'': "&#39;",
	'&':  "&amp;",
	'<':  "&lt;",
	'>':  "&gt;",
	0:    "\uFFFD",
}

// Escapes returns the escaping of {{name}}: the replacement of each byte
// that is replaced (", ', &, < and >, and NUL by U+FFFD); every other
// byte stands for itself.
func Escapes() map[byte]string {
	m := map[byte]string{}
	for c, rep := range escapes {
		if rep != "" {
			m[byte(c)] = rep
		}
	}
	return m
}

// EscapeHTML writes s to b escaped as {{name}} escapes it, as
// template.HTMLEscapeString does, without allocating.
func EscapeHTML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		rep := escapes[s[i]]
		if rep == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}
