package router

import "strings"

// DisplayTitle turns a DB key into the title shown to readers: underscores
// become spaces.
func DisplayTitle(key string) string { return strings.ReplaceAll(key, "_", " ") }

// TitleURL returns the canonical path of the page view of the DB key key:
// the path of the built-in page.view route, "/wiki/" followed by
// EscapeTitle(key). It is Path("page.view", "title", key) of every
// registry Build makes, without a registry (for code that has none, and
// before the registry is built).
func TitleURL(key string) string { return viewPrefix + EscapeTitle(key) }

// viewPrefix is the pattern of the built-in page.view route before its
// title: "/wiki/".
var viewPrefix = builtinPrefix("page.view", "*title")

// builtinPrefix returns the pattern of the built-in route name without its
// last wildcard, which must be wildcard; it panics otherwise.
func builtinPrefix(name, wildcard string) string {
	for _, rt := range routes {
		if rt.Name == name {
			if prefix, ok := strings.CutSuffix(rt.Pattern, wildcard); ok && !strings.ContainsAny(prefix, ":*") {
				return prefix
			}
			panic("router: the pattern of " + name + " does not end in its only wildcard, " + wildcard)
		}
	}
	panic("router: no built-in route " + name)
}

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

// fragmentSuffix is the end of a Location for the fragment f of Split:
// "#" and f escaped as EscapeTitle does, or "" for no fragment.
func fragmentSuffix(f string) string {
	if f == "" {
		return ""
	}
	return "#" + EscapeTitle(f)
}

// CleanPath resolves the "." and ".." segments of an escaped URL path as
// RFC 3986 does (a ".." removes one segment, an empty one too), then
// turns runs of '/' into one: MediaWiki's second try at a path that
// matches no route ("//wiki/Foo" and "/x/../wiki/Foo" are /wiki/Foo). It
// returns p itself when there is nothing to clean.
func CleanPath(p string) string {
	if strings.Contains(p, "/.") || strings.HasPrefix(p, ".") {
		p = removeDotSegments(p)
	}
	if !strings.Contains(p, "//") {
		return p
	}
	b := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && i > 0 && p[i-1] == '/' {
			continue
		}
		b = append(b, p[i])
	}
	return string(b)
}

// removeDotSegments is RFC 3986, section 5.2.4.
func removeDotSegments(in string) string {
	out := make([]byte, 0, len(in))
	pop := func() { // the last segment of out and its '/'
		i := strings.LastIndexByte(string(out), '/')
		out = out[:max(i, 0)]
	}
	for in != "" {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../"):
			in = in[3:]
			pop()
		case in == "/..":
			in = "/"
			pop()
		case in == "." || in == "..":
			in = ""
		default:
			j := strings.IndexByte(in[1:], '/') + 1
			if j == 0 {
				j = len(in)
			}
			out = append(out, in[:j]...)
			in = in[j:]
		}
	}
	return string(out)
}

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
