package router

import "strings"

// DisplayTitle turns a DB key into the title shown to readers: underscores
// become spaces.
func DisplayTitle(key string) string { return strings.ReplaceAll(key, "_", " ") }

// TitleURL returns the canonical path of the page view of the DB key key,
// "/wiki/" followed by EscapeTitle(key).
func TitleURL(key string) string { return "/wiki/" + EscapeTitle(key) }

// EscapeTitle percent-encodes a DB key for a URL path the way MediaWiki's
// wfUrlencode does, so migrated links keep their spelling: letters, digits
// and - _ . ~ ; @ $ ! * ( ) , / : stay readable, every other byte becomes
// %XX (upper-case hex). It returns key itself when nothing needs escaping.
func EscapeTitle(key string) string {
	n := 0
	for i := 0; i < len(key); i++ {
		if mustEscape(key[i]) {
			n++
		}
	}
	if n == 0 {
		return key
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(key)+2*n)
	for i := 0; i < len(key); i++ {
		c := key[i]
		if mustEscape(c) {
			b = append(b, '%', hex[c>>4], hex[c&15])
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

func mustEscape(c byte) bool { return !urlSafe[c] }

// urlSafe marks the bytes EscapeTitle keeps.
var urlSafe = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-_.~;@$!*(),/:", byte(c)) >= 0
	}
	return t
}()

// unescape decodes each %XX once; other bytes, '+' and a stray '%' are kept.
func unescape(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
