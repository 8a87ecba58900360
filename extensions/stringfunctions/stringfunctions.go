// Package stringfunctions is an example extension of template expansion:
// MediaWiki's string parser functions, {{#len:text}}, {{#sub:text|start|
// length}} (from the ParserFunctions extension), and {{#lc:…}},
// {{#uc:…}} and {{#urlencode:…|style}} (core's lc, uc and urlencode, as
// parser functions here), registered in pageinfo.ParserFunctionHook.
//
// Like every PageInfo hook they run when a revision's templates are
// expanded (at save time, or when a template it uses changes), never on a
// page view: their output is frozen in the PageInfo. Their arguments come
// expanded and trimmed; what they return is included in the page's
// Markdown as it is, and sanitized with the page.
package stringfunctions

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
)

// MaxLength bounds, in characters, the strings the functions but #len
// take, as MediaWiki's $wgPFStringLengthLimit: a longer one is an error,
// shown in the page.
const MaxLength = 1000

// ErrTooLong is the error of a string over MaxLength characters.
var ErrTooLong = fmt.Errorf("string exceeds %d character limit", MaxLength)

// A Func computes a parser function's output from its arguments: the text
// after the colon first, then each "|" part, expanded and trimmed.
type Func func(args []string) (string, error)

// Functions are the extension's parser functions, by name (without '#').
// lc and uc map case fully, as PHP's mb_strtolower and mb_strtoupper
// ("ß" upper-cases to "SS").
var Functions = map[string]Func{
	"len":       length,
	"sub":       limited(sub),
	"lc":        limited(func(args []string) (string, error) { return cases.Lower(language.Und).String(arg(args, 0)), nil }),
	"uc":        limited(func(args []string) (string, error) { return cases.Upper(language.Und).String(arg(args, 0)), nil }),
	"urlencode": limited(urlencode),
}

func init() {
	hooks.RegisterExtension(hooks.Extension{ID: "stringfunctions", Doc: "MediaWiki's string parser functions in templates: {{#len:}}, {{#sub:}}, {{#lc:}}, {{#uc:}}, {{#urlencode:}}"})
	for name, fn := range Functions {
		pageinfo.ParserFunctionHook.Register("stringfunctions."+name, 100, func() (string, transclude.Func) {
			return name, func(_ *transclude.Frame, args []string) (string, error) { return fn(args) }
		})
	}
}

// arg returns argument i, "" when there is none.
func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// limited refuses a first argument over MaxLength characters.
func limited(fn Func) Func {
	return func(args []string) (string, error) {
		if utf8.RuneCountInString(arg(args, 0)) > MaxLength {
			return "", ErrTooLong
		}
		return fn(args)
	}
}

// length is {{#len:text}}: the number of characters.
func length(args []string) (string, error) {
	return fmt.Sprint(utf8.RuneCountInString(arg(args, 0))), nil
}

// sub is {{#sub:text|start|length}}, as PHP's mb_substr: characters from
// start (counted from the end when negative) to the end, or length of
// them (all but the last -length when negative); a length of 0, or none,
// means to the end.
func sub(args []string) (string, error) {
	s := []rune(arg(args, 0))
	n := len(s)
	start, count := phpInt(arg(args, 1), n), phpInt(arg(args, 2), n)
	if start < 0 {
		start = max(0, n+start)
	}
	if start > n {
		return "", nil
	}
	end := n
	switch {
	case count > 0:
		end = min(n, start+count)
	case count < 0:
		end = n + count
	}
	if end <= start {
		return "", nil
	}
	return string(s[start:end]), nil
}

// phpInt reads s as PHP's (int) cast does: an optional sign and the digits
// that follow it, 0 without any; clamped to ±limit, which is as far as a
// string of limit characters reaches.
func phpInt(s string, limit int) int {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	v := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = min(v*10+int(s[i]-'0'), limit+1)
	}
	if neg {
		return -v
	}
	return v
}

// urlencode is {{#urlencode:text|style}}, as MediaWiki's urlencode:
// QUERY (the default) as PHP's urlencode (a space is "+"), PATH as its
// rawurlencode (a space is "%20"), WIKI as a title in a URL (a space is
// "_", and "/", ":" and a few more stay as they are).
func urlencode(args []string) (string, error) {
	s := arg(args, 0)
	switch strings.ToUpper(arg(args, 1)) {
	case "PATH":
		return escape(s, "-_.~", "%20"), nil
	case "WIKI":
		return escape(strings.ReplaceAll(s, " ", "_"), "-_.;@$!*(),/~:", "+"), nil
	}
	return escape(s, "-_.", "+"), nil
}

// escape percent-encodes the bytes of s but ASCII letters, digits and
// keep, and writes a space as space.
func escape(s, keep, space string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			b.WriteString(space)
		case c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
