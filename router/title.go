package router

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxTitleBytes is the longest canonical title, in bytes of UTF-8.
const MaxTitleBytes = 255

// ErrBadTitle is wrapped by every error about a title that cannot name a
// page, so callers map it to 400 with errors.Is(err, router.ErrBadTitle).
var ErrBadTitle = errors.New("bad title")

// IsSpecial reports whether a canonical title is in the Special namespace:
// pages Folio builds (Special:RecentChanges …), never stored ones.
func IsSpecial(title string) bool { return strings.HasPrefix(title, "Special:") }

// ErrSpecialTitle refuses to create a page in the Special namespace (by a
// save, an import or a move): it would be unreachable behind the special
// page of the same name, or a 404. It wraps ErrBadTitle.
var ErrSpecialTitle = fmt.Errorf("%w: pages in the Special namespace are built in; no page can be saved or moved there", ErrBadTitle)

// TitleError says why a title was rejected. It wraps ErrBadTitle.
type TitleError struct {
	Title  string // the rejected input
	Reason string // what is wrong with it, e.g. "contains '#'"
}

// Error returns "bad title "Foo#bar": contains '#'", quoting at most the
// first 64 bytes of the input.
func (e *TitleError) Error() string {
	t := e.Title
	if len(t) > 64 {
		t = t[:64] + "…"
	}
	return fmt.Sprintf("bad title %q: %s", t, e.Reason)
}

// Unwrap returns ErrBadTitle.
func (e *TitleError) Unwrap() error { return ErrBadTitle }

func badTitle(s, reason string) error { return &TitleError{Title: s, Reason: reason} }

// TitleRules are the site's title conventions. The zero value keeps the case
// of the first letter; DefaultTitleRules is MediaWiki's default.
type TitleRules struct {
	// CapitalLinks upper-cases the first letter of a title, and the first
	// letter after a namespace prefix, as MediaWiki's $wgCapitalLinks.
	CapitalLinks bool
}

// DefaultTitleRules are the rules of NormalizeTitle and TitleFromPath.
var DefaultTitleRules = TitleRules{CapitalLinks: true}

// namespaces are the namespace prefixes, in their canonical spelling. They
// match case-insensitively, with spaces or underscores.
var namespaces = []string{"Talk", "User", "User_talk", "Project", "File", "Help", "Category", "Special"}

// Namespaces returns the recognized namespace prefixes, canonically spelt
// and without the colon.
func Namespaces() []string { return append([]string(nil), namespaces...) }

// NormalizeTitle turns raw title text (a link target, a file name without
// its extension, a form field, an already-decoded query value) into the
// canonical DB key with DefaultTitleRules. It does not percent-decode: a
// "%XX" sequence is rejected. See TitleRules.Normalize.
func NormalizeTitle(s string) (string, error) { return DefaultTitleRules.Normalize(s) }

// TitleFromPath percent-decodes an escaped URL path segment (such as the
// "*title" part of /wiki/*title) once, then normalizes it with
// DefaultTitleRules. "+" stays a plus sign.
func TitleFromPath(escaped string) (string, error) { return DefaultTitleRules.FromPath(escaped) }

// FromPath percent-decodes an escaped URL path segment once and normalizes
// the result. A '%' not followed by two hex digits is kept as is.
func (tr TitleRules) FromPath(escaped string) (string, error) {
	return tr.Normalize(unescape(escaped))
}

// Normalize returns the canonical DB key of the title s, or a *TitleError:
//
//   - s must be valid UTF-8 and is put in Unicode NFC;
//   - spaces (including other Unicode spaces) and underscores become one
//     underscore, runs of '_' or '/' collapse, and '_' and '/' are trimmed
//     from both ends; a leading ':' is dropped; directional marks are removed;
//   - a namespace prefix (User:, Category:, Special:, …, see Namespaces) is
//     matched case-insensitively and spelt canonically;
//   - with CapitalLinks, the first letter, and the first letter after a
//     namespace prefix, are upper-cased;
//   - rejected: empty results, control characters, U+FFFD, any of # < > [ ]
//     { } |, "%XX" percent-encoding, "." or ".." path segments, a namespace
//     with nothing after it, and keys longer than MaxTitleBytes.
//
// Normalize is idempotent, and allocates nothing when s is already canonical.
func (tr TitleRules) Normalize(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", badTitle(s, "invalid UTF-8")
	}
	in := s
	for range 4 {
		canon, err := tr.inspect(s)
		if err != nil {
			return "", rename(err, in)
		}
		if canon {
			return s, nil
		}
		s = tr.rewrite(s)
	}
	return "", badTitle(in, "does not normalize") // not reached: rewrite converges
}

// rename reports a title error against the caller's input rather than an
// intermediate rewrite.
func rename(err error, in string) error {
	var te *TitleError
	if errors.As(err, &te) {
		return badTitle(in, te.Reason)
	}
	return err
}

// inspect reports whether s is canonical. It returns an error for what no
// rewrite can fix: forbidden characters anywhere, and, once s is otherwise
// canonical, emptiness, length, dot segments and empty namespaced titles.
func (tr TitleRules) inspect(s string) (bool, error) {
	canon, ascii, err := scanChars(s)
	if err != nil || !canon {
		return false, err
	}
	if s == "" {
		return false, badTitle(s, "empty")
	}
	if strings.IndexByte("_/:", s[0]) >= 0 || strings.IndexByte("_/", s[len(s)-1]) >= 0 {
		return false, nil
	}
	if !ascii && !norm.NFC.IsNormalString(s) { // ASCII is always NFC; the check allocates
		return false, nil
	}
	ns, rest := tr.splitNamespace(s)
	if ns != "" && (s[:len(ns)] != ns || s[len(ns)] != ':') {
		return false, nil
	}
	if ns != "" && rest == "" {
		return false, badTitle(s, "namespace "+ns+" with no title")
	}
	if rest[0] == '_' || (tr.CapitalLinks && !isUpperFirst(rest)) {
		return false, nil
	}
	return true, checkShape(s)
}

// scanChars rejects forbidden characters and reports whether s is free of
// what rewrite changes at the character level, and whether it is ASCII.
func scanChars(s string) (canon, ascii bool, err error) {
	canon, ascii = true, true
	var prev byte
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError:
				return false, false, badTitle(s, "contains U+FFFD or invalid UTF-8")
			case unicode.IsControl(r):
				return false, false, badTitle(s, fmt.Sprintf("contains control character %U", r))
			case isSpace(r) || isBidi(r):
				canon = false
			}
			prev = 0
			i += n
			continue
		}
		switch asciiClass[c] {
		case asciiControl:
			return false, false, badTitle(s, fmt.Sprintf("contains control character %U", rune(c)))
		case asciiForbidden:
			return false, false, badTitle(s, fmt.Sprintf("contains %q", rune(c)))
		case asciiPercent:
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				return false, false, badTitle(s, "contains percent-encoding "+s[i:i+3])
			}
		case asciiSpace:
			canon = false
		case asciiSeparator:
			canon = canon && prev != c
		}
		prev = c
		i++
	}
	return canon, ascii, nil
}

// The classes of ASCII bytes in titles.
const (
	asciiPlain byte = iota
	asciiControl
	asciiForbidden
	asciiPercent
	asciiSpace
	asciiSeparator // '_' and '/': runs collapse
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range 0x20 {
		t[c] = asciiControl
	}
	t[0x7f] = asciiControl
	for _, c := range []byte("#<>[]{}|") {
		t[c] = asciiForbidden
	}
	t['%'], t[' '], t['_'], t['/'] = asciiPercent, asciiSpace, asciiSeparator, asciiSeparator
	return t
}()

// checkShape rejects canonical-looking keys that still cannot be titles.
func checkShape(s string) error {
	if len(s) > MaxTitleBytes {
		return badTitle(s, fmt.Sprintf("longer than %d bytes", MaxTitleBytes))
	}
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '/')
		if end < 0 {
			end = len(s) - start
		}
		if seg := s[start : start+end]; seg == "." || seg == ".." {
			return badTitle(s, "contains a \".\" or \"..\" path segment")
		}
		start += end + 1
	}
	return nil
}

// rewrite moves s one step towards its canonical form; Normalize repeats it
// until inspect is satisfied.
func (tr TitleRules) rewrite(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	last := rune(-1)
	for _, r := range s {
		switch {
		case isBidi(r):
			continue
		case isSpace(r):
			r = '_'
		}
		if (r == '_' || r == '/') && r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	t := strings.TrimLeft(strings.Trim(b.String(), "_/"), ":_/")
	t = norm.NFC.String(t)
	if i := strings.IndexByte(t, ':'); i > 0 {
		if ns := lookupNamespace(strings.TrimRight(t[:i], "_")); ns != "" {
			return ns + ":" + tr.capitalize(strings.TrimLeft(t[i+1:], "_"))
		}
	}
	return tr.capitalize(t)
}

// splitNamespace returns the canonical namespace of s ("" if none) and the
// title after the prefix (all of s if none).
func (tr TitleRules) splitNamespace(s string) (ns, rest string) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", s
	}
	if ns = lookupNamespace(strings.TrimRight(s[:i], "_")); ns == "" {
		return "", s
	}
	return ns, s[i+1:]
}

// lookupNamespace returns the canonical spelling of the namespace name, or "".
func lookupNamespace(name string) string {
	for _, ns := range namespaces {
		if len(ns) == len(name) && strings.EqualFold(ns, name) {
			return ns
		}
	}
	return ""
}

func (tr TitleRules) capitalize(s string) string {
	if !tr.CapitalLinks || s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	u := unicode.ToUpper(r)
	if u == r {
		return s
	}
	return string(u) + s[n:]
}

func isUpperFirst(s string) bool {
	if s[0] < utf8.RuneSelf {
		return s[0] < 'a' || s[0] > 'z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.ToUpper(r) == r
}

// isSpace reports the spaces that become underscores: ' ' and the Unicode
// space separators (controls such as tab are rejected instead).
func isSpace(r rune) bool {
	return r == ' ' || (r > unicode.MaxASCII && unicode.IsSpace(r) && !unicode.IsControl(r))
}

// isBidi reports the invisible directional marks MediaWiki strips from titles.
func isBidi(r rune) bool {
	return r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
