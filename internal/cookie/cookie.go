// Package cookie finds one cookie of a request without allocating:
// net/http's Request.Cookie parses every cookie of the header into a new
// slice of *http.Cookie, and a page view looks its session cookie up on
// every request.
package cookie

import (
	"net/http"
	"strings"
)

// maxCookies is net/http's limit on the cookies of a request (its
// httpcookiemaxnum default): past it, Request.Cookie finds none.
const maxCookies = 3000

// Value returns the value of the first valid cookie called name in h's
// Cookie headers, as http.Request.Cookie does (quotes stripped; cookies
// with invalid names or values passed over).
func Value(h http.Header, name string) (string, bool) {
	lines := h["Cookie"]
	if len(lines) == 0 {
		return "", false
	}
	n := 0
	for _, line := range lines {
		n += strings.Count(line, ";") + 1
	}
	if n > maxCookies {
		return "", false
	}
	for _, line := range lines {
		line = trim(line)
		var part string
		for len(line) > 0 {
			part, line, _ = strings.Cut(line, ";")
			part = trim(part)
			if part == "" {
				continue
			}
			k, v, _ := strings.Cut(part, "=")
			if k = trim(k); k != name || !isToken(k) {
				continue
			}
			if v, ok := parseValue(v); ok {
				return v, true
			}
		}
	}
	return "", false
}

// Has reports whether h has a valid cookie called name.
func Has(h http.Header, name string) bool {
	_, ok := Value(h, name)
	return ok
}

// trim removes ASCII spaces and tabs around s, as textproto.TrimString.
func trim(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// parseValue strips a value's quotes and checks its bytes.
func parseValue(raw string) (string, bool) {
	if len(raw) > 1 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		raw = raw[1 : len(raw)-1]
	}
	for i := 0; i < len(raw); i++ {
		if b := raw[i]; b < 0x20 || b >= 0x7f || b == '"' || b == ';' || b == '\\' {
			return "", false
		}
	}
	return raw, true
}

// isToken reports whether s is an HTTP token (RFC 7230), as a cookie name
// must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}
