package i18n

import (
	"strconv"
	"strings"
)

// fill returns text with each {{.Name}} replaced by parameter Name of kv
// (name, value pairs; the last of a name wins; an int Count in l's
// digits), as go-i18n's text/template renders it — "<no value>" for a
// parameter not given — without parsing a template: every message but a
// plural one takes this path. ok is false when text has another kind of
// action or a value is not a string or an int: go-i18n renders it then.
func (l *Lang) fill(text string, kv []any) (s string, ok bool) {
	i := strings.Index(text, "{{")
	if i < 0 {
		return text, true
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for i >= 0 {
		b.WriteString(text[:i])
		rest := text[i:]
		end := strings.Index(rest, "}}")
		if end < 0 || len(rest) < 4 || rest[2] != '.' || !isIdent(rest[3:end]) {
			return "", false
		}
		v, ok := l.param(rest[3:end], kv)
		if !ok {
			return "", false
		}
		b.WriteString(v)
		text = rest[end+2:]
		i = strings.Index(text, "{{")
	}
	b.WriteString(text)
	return b.String(), true
}

// param returns parameter name of kv as text/template prints it.
func (l *Lang) param(name string, kv []any) (string, bool) {
	for i := len(kv) - 2; i >= 0; i -= 2 {
		if n, _ := kv[i].(string); n != name {
			continue
		}
		switch v := kv[i+1].(type) {
		case string:
			return v, true
		case int:
			if name == "Count" {
				return l.Number(v), true
			}
			return strconv.Itoa(v), true
		case int64:
			return strconv.FormatInt(v, 10), true
		case nil:
			return "<no value>", true
		}
		return "", false
	}
	return "<no value>", true
}

// isIdent reports whether s is a Go identifier of ASCII letters, digits
// and underscores.
func isIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
