package cdn

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// minify shrinks the engine's JavaScript for CloudFront's 10 KB limit: it
// drops comments, indentation and the spaces between tokens that do not
// need them, puts the whole engine on one line, and renames the
// engine's own identifiers to one or two characters. It knows the
// engine's dialect: strings in quotes, a regular expression literal
// wherever a '/' appears (the engine never divides), no template literals,
// a semicolon after every statement, arrow functions for anonymous ones, and object keys only after '{' or ','.
func minify(js string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(js, "\n") {
		top := line != "" && line[0] != ' ' && line[0] != '}' && line[0] != ')'
		if line = minifyLine(line); line == "" {
			continue
		}
		// A top-level statement follows one that ends in ';' or '}': it
		// needs no line break of its own.
		if !top && b.Len() > 0 && needsSpace(b.String(), line[0]) {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	b.WriteByte('\n')
	return rename(b.String())
}

// keep are the identifiers rename leaves alone: the language's, the
// runtime's, and the names CloudFront (handler) and the tests (decide, D)
// call the code by.
var keep = strings.Fields(`break case catch const continue do else false for function if in instanceof let new null
	return this throw true try typeof undefined var void while
	Math Object RegExp String decodeURIComponent encodeURIComponent parseInt
	handler decide D`)

// rename gives the engine's identifiers longer than two characters short
// names, the most frequent first. Property names (after '.') and object
// keys ('{' or ',' before, ':' after) keep their spelling.
func rename(js string) string {
	toks := tokens(js)
	count := map[string]int{}
	used := map[string]bool{}
	for i, t := range toks {
		if isName(t) {
			used[t] = true
			if renamable(toks, i) {
				count[t]++
			}
		}
	}
	var names []string
	for n := range count {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(count[b]*len(b), count[a]*len(a)), strings.Compare(a, b))
	})
	short := shortNames(used)
	to := map[string]string{}
	for _, n := range names {
		s := short()
		if len(s) >= len(n) {
			continue
		}
		to[n] = s
	}
	var b strings.Builder
	for i, t := range toks {
		if s, ok := to[t]; ok && renamable(toks, i) {
			t = s
		}
		b.WriteString(t)
	}
	return b.String()
}

// renamable reports whether the name at toks[i] is a variable: not kept,
// not a property, not an object key.
func renamable(toks []string, i int) bool {
	t := toks[i]
	if !isName(t) || slices.Contains(keep, t) {
		return false
	}
	prev, next := "", ""
	for j := i - 1; j >= 0 && prev == ""; j-- {
		prev = strings.TrimSpace(toks[j])
	}
	for j := i + 1; j < len(toks) && next == ""; j++ {
		next = strings.TrimSpace(toks[j])
	}
	return prev != "." && !(next == ":" && (prev == "{" || prev == ","))
}

// shortNames returns a generator of names used nowhere in the code: the
// capital letters, then '$' or '_' and a letter or digit.
func shortNames(used map[string]bool) func() string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var all []string
	for _, c := range chars[:26] {
		all = append(all, string(c))
	}
	for _, p := range "$_" {
		for _, c := range chars {
			all = append(all, string(p)+string(c))
		}
	}
	i := 0
	return func() string {
		for ; i < len(all); i++ {
			if !used[all[i]] {
				i++
				return all[i-1]
			}
		}
		i++
		return fmt.Sprintf("$%d", i)
	}
}

// tokens splits minified code into names, numbers, strings, regular
// expressions and single bytes (punctuation, whitespace).
func tokens(js string) []string {
	var out []string
	for i := 0; i < len(js); {
		n := tokenLen(js[i:])
		if isIdent(js[i]) {
			for n = 1; i+n < len(js) && isIdent(js[i+n]); n++ {
			}
		}
		out = append(out, js[i:i+n])
		i += n
	}
	return out
}

func isName(t string) bool { return t != "" && isIdent(t[0]) && (t[0] < '0' || t[0] > '9') }

// minifyLine minifies one line of the engine.
func minifyLine(line string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			space = true
			i++
			continue
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			return strings.TrimSpace(b.String())
		}
		if space && needsSpace(b.String(), c) {
			b.WriteByte(' ')
		}
		space = false
		n := tokenLen(line[i:])
		b.WriteString(line[i : i+n])
		i += n
	}
	return b.String()
}

// tokenLen is the length of the token at the start of s: a quoted string
// or a regular expression literal as a whole, else one byte.
func tokenLen(s string) int {
	switch s[0] {
	case '\'', '"':
		return quotedLen(s)
	case '/':
		return regexpLen(s)
	}
	return 1
}

func quotedLen(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case s[0]:
			return i + 1
		}
	}
	return len(s)
}

// regexpLen measures /…/flags, where '/' may appear unescaped inside a
// character class.
func regexpLen(s string) int {
	inClass := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			i++
			for i < len(s) && isIdent(s[i]) {
				i++
			}
			return i
		}
	}
	return len(s)
}

// needsSpace reports whether the space between what was written and the
// next byte must stay: between two identifier characters, and between
// operators that would fuse (a + +b).
func needsSpace(written string, next byte) bool {
	if written == "" {
		return false
	}
	prev := written[len(written)-1]
	return isIdent(prev) && isIdent(next) || (prev == '+' || prev == '-') && prev == next
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}
