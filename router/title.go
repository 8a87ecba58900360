package router

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxTitleBytes is the longest canonical title, in bytes of UTF-8, its
// namespace prefix included. (MediaWiki counts only the part after the
// prefix; Folio stores and links the whole key, so it counts all of it.)
const MaxTitleBytes = 255

// MaxSpecialBytes is the longest title after "Special:", in bytes: special
// pages are never stored, and their subpage may name a long title
// (Special:WhatLinksHere/T), as in MediaWiki.
const MaxSpecialBytes = 512

// ErrBadTitle is wrapped by every error about a title that cannot name a
// page, so callers map it to 400 with errors.Is(err, router.ErrBadTitle).
var ErrBadTitle = errors.New("bad title")

// IsSpecial reports whether a canonical title is in the Special namespace:
// pages Folio builds (Special:RecentChanges …), never stored ones.
func IsSpecial(title string) bool { return InNamespace(title, SpecialNamespace) }

// The namespaces Folio's code treats specially, as Namespaces spells them
// (canonical, without the colon); TalkNamespace is another.
const (
	UserNamespace     = "User"     // user pages: User:Name
	CategoryNamespace = "Category" // category pages, which list their members
	FileNamespace     = "File"     // uploaded files' pages: File:Name.png (Image: is an alias)
	TemplateNamespace = "Template" // templates, {{Name}} transcludes Template:Name; their pages list the pages using them
	SpecialNamespace  = "Special"  // pages Folio builds, never stored
)

// InNamespace reports whether the canonical title is in the namespace ns
// (canonical, without the colon): InNamespace("Category:Birds",
// CategoryNamespace) is true, and so is InNamespace("Birds", "").
func InNamespace(title, ns string) bool {
	_, ok := CutNamespace(title, ns)
	return ok
}

// CutNamespace returns the canonical title without the prefix of the
// namespace ns and true ("Birds" for "Category:Birds" and
// CategoryNamespace), or title and false when it is in another namespace.
// The main namespace is "": CutNamespace(t, "") reports whether t has no
// namespace prefix.
func CutNamespace(title, ns string) (rest string, ok bool) {
	if ns == "" {
		p, _ := splitNamespace(title)
		return title, p == ""
	}
	if len(title) > len(ns) && title[len(ns)] == ':' && title[:len(ns)] == ns {
		return title[len(ns)+1:], true
	}
	return title, false
}

// NamespaceTitle returns the title name in the namespace ns: "ns:name", or
// name for the main namespace (""). Both parts must be canonical already,
// as in NamespaceTitle(CategoryNamespace, "Birds").
func NamespaceTitle(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + ":" + name
}

// CategoryTitle returns the title of the page of a category, given its
// canonical name without the prefix (as PageInfo.Categories lists them):
// "Birds" → "Category:Birds".
func CategoryTitle(name string) string { return NamespaceTitle(CategoryNamespace, name) }

// UserTitle returns the title of the user page of the user name, whose
// spaces become underscores: "Ada Lovelace" → "User:Ada_Lovelace".
func UserTitle(name string) string {
	return NamespaceTitle(UserNamespace, strings.ReplaceAll(name, " ", "_"))
}

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

// namespaces are the namespace prefixes, in their canonical spelling and
// in MediaWiki's order: MediaWiki's standard namespaces, so that a title
// has the same key here as there. They match case-insensitively, with
// spaces or underscores.
var namespaces = []string{
	"Talk", "User", "User_talk", "Project", "Project_talk", "File", "File_talk", "MediaWiki", "MediaWiki_talk",
	"Template", "Template_talk", "Help", "Help_talk", "Category", "Category_talk", "Special",
}

// namespaceAliases are other names of namespaces: MediaWiki's English
// aliases (Image for File), and its virtual Media namespace, whose links
// name a file's page here.
var namespaceAliases = [...][2]string{{"Image", "File"}, {"Image_talk", "File_talk"}, {"Media", "File"}}

// TalkNamespace is the talk namespace of the main namespace. A title in it
// may not start with another namespace prefix: "Talk:User:X" would be the
// talk page of User:X, which is User_talk:X (MediaWiki refuses it too).
const TalkNamespace = "Talk"

// Namespaces returns the recognized namespace prefixes, canonically spelt
// and without the colon.
func Namespaces() []string { return append([]string(nil), namespaces...) }

// NamespaceAliases returns the other names of namespaces (alias →
// canonical namespace), without colons. A title spelt with an alias
// normalizes to the canonical namespace: "Image:X.png" is File:X.png.
func NamespaceAliases() map[string]string {
	m := make(map[string]string, len(namespaceAliases))
	for _, a := range namespaceAliases {
		m[a[0]] = a[1]
	}
	return m
}

// NormalizeTitle turns raw title text (a link target, a file name without
// its extension, a form field, an already-decoded query value) into the
// canonical DB key with DefaultTitleRules. It does not percent-decode: a
// "%XX" sequence is rejected. See TitleRules.Normalize.
func NormalizeTitle(s string) (string, error) { return DefaultTitleRules.Normalize(s) }

// SplitTitle parses title text that may end in a fragment ("Foo#Intro")
// with DefaultTitleRules. See TitleRules.Split.
func SplitTitle(s string) (title, fragment string, err error) { return DefaultTitleRules.Split(s) }

// TitleFromPath percent-decodes an escaped URL path segment (such as the
// "*title" part of /wiki/*title) once, then normalizes it with
// DefaultTitleRules. "+" stays a plus sign.
func TitleFromPath(escaped string) (string, error) { return DefaultTitleRules.FromPath(escaped) }

// FromPath percent-decodes an escaped URL path segment once and normalizes
// the result. A '%' not followed by two hex digits is kept as is.
func (tr TitleRules) FromPath(escaped string) (string, error) {
	return tr.Normalize(unescape(escaped))
}

// Normalize returns the canonical DB key of the title s, or a *TitleError.
// It follows MediaWiki's title parser (docs/titles.md has the table):
//
//   - s must be valid UTF-8 and is put in Unicode NFC; directional marks
//     are removed;
//   - runs of spaces, underscores and the other whitespace MediaWiki knows
//     (U+00A0, U+1680, U+180E, U+2000–U+200A, U+2028, U+2029, U+202F,
//     U+205F, U+3000) become one underscore, trimmed from both ends;
//     slashes are kept as they are (".hack//SIGN", "/Foo" and "Foo/" are
//     titles of their own);
//   - one leading ':' is dropped (it means "the main namespace");
//   - a namespace prefix (User:, Category:, Special:, …, see Namespaces;
//     aliases such as Image: see NamespaceAliases) is matched
//     case-insensitively and spelt canonically;
//   - with CapitalLinks, the first letter after the namespace prefix (or of
//     the title) is upper-cased;
//   - rejected: empty results; control characters and U+FFFD; any of
//     # < > [ ] { } |; "%XX" percent-encoding; HTML character references
//     ("&eacute;", "&#233;"); "." or ".." path segments after the
//     namespace prefix; a namespace with nothing after it, or a ':' right
//     after it; a Talk: title naming another namespace ("Talk:User:X");
//     keys longer than MaxTitleBytes (or MaxSpecialBytes after Special:).
//
// Normalize is idempotent, and allocates nothing when s is already canonical.
func (tr TitleRules) Normalize(s string) (string, error) {
	if tr.canonical(s) {
		return s, nil
	}
	return tr.parse(s)
}

// Split parses title text that may carry a fragment after '#', as
// MediaWiki's title parser does: "foo bar#Intro" is the title "Foo_bar"
// and the fragment "Intro". The title is normalized as by Normalize; the
// fragment keeps its text, but for runs of whitespace, which become one
// '_', and trailing ones, which are dropped ("#_a b_" → "_a_b"), as in
// MediaWiki, whose fragment text is this with spaces for underscores.
// Without '#', Split is Normalize with an empty fragment. A text with
// nothing before '#' ("#Intro") names no page: title "" and no error.
//
// A numeric character reference across the '#' ("Caf&#233;") is an error:
// Folio titles never hold references, and link text is decoded before it
// gets here.
func (tr TitleRules) Split(s string) (title, fragment string, err error) {
	i := strings.IndexByte(s, '#')
	if i < 0 {
		title, err = tr.Normalize(s)
		return title, "", err
	}
	if !utf8.ValidString(s) {
		return "", "", badTitle(s, "invalid UTF-8")
	}
	if i > 0 && s[i-1] == '&' {
		if n := charRefLen(s, i-1); n > 0 {
			return "", "", badTitle(s, "contains a character reference "+s[i-1:i-1+n])
		}
	}
	if fragment, err = normalizeFragment(s, s[i+1:]); err != nil {
		return "", "", err
	}
	if head := squash(s[:i]); head == "" || head == ":" {
		return "", fragment, nil
	}
	if title, err = tr.Normalize(s[:i]); err != nil {
		return "", "", rename(err, s)
	}
	return title, fragment, nil
}

// normalizeFragment is Split's fragment: NFC, directional marks removed,
// whitespace runs as one '_', trailing ones dropped; no controls.
func normalizeFragment(in, f string) (string, error) {
	if f == "" {
		return "", nil
	}
	f = norm.NFC.String(f)
	var b strings.Builder
	sep := false
	for _, r := range f {
		switch {
		case r == utf8.RuneError:
			return "", badTitle(in, "contains U+FFFD or invalid UTF-8")
		case unicode.IsControl(r):
			return "", badTitle(in, fmt.Sprintf("contains control character %U", r))
		case isBidi(r):
			continue
		case r == '_' || IsTitleSpace(r):
			sep = true
			continue
		}
		if sep {
			b.WriteByte('_')
			sep = false
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String()), nil
}

// rename reports a title error against the caller's input rather than an
// intermediate form.
func rename(err error, in string) error {
	var te *TitleError
	if errors.As(err, &te) {
		return badTitle(in, te.Reason)
	}
	return err
}

// parse is Normalize for a title that is not canonical: it builds the key
// or says why there is none.
func (tr TitleRules) parse(in string) (string, error) {
	if !utf8.ValidString(in) {
		return "", badTitle(in, "invalid UTF-8")
	}
	s, ascii := in, isASCII(in)
	if !ascii {
		s = norm.NFC.String(s)
	}
	s = squash(s)
	if !ascii && !norm.NFC.IsNormalString(s) { // a removed mark joined two characters
		s = norm.NFC.String(s)
	}
	if reason := checkChars(s); reason != "" {
		return "", badTitle(in, reason)
	}
	if s != "" && s[0] == ':' { // ":Foo" is Foo in the main namespace
		s = strings.TrimLeft(s[1:], "_")
	}
	if s == "" {
		return "", badTitle(in, "empty")
	}
	ns, rest := splitNamespace(s)
	if reason := checkRest(ns, rest); reason != "" {
		return "", badTitle(in, reason)
	}
	if c := tr.capitalize(rest); c != rest {
		rest = c
		if !ascii && !norm.NFC.IsNormalString(rest) {
			rest = norm.NFC.String(rest)
		}
	}
	key := rest
	if ns != "" {
		key = ns + ":" + rest
	}
	if reason := checkLength(ns, rest, key); reason != "" {
		return "", badTitle(in, reason)
	}
	return key, nil
}

// canonical reports, without allocating, whether s is its own key: whether
// parse(s) would return s unchanged.
func (tr TitleRules) canonical(s string) bool {
	n := len(s)
	if n == 0 || s[0] == '_' || s[0] == ':' || s[n-1] == '_' {
		return false
	}
	ascii := true
	for i := 0; i < n; {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || unicode.IsControl(r) || IsTitleSpace(r) || isBidi(r) {
				return false
			}
			ascii = false
			i += size
			continue
		}
		switch asciiClass[c] {
		case asciiPlain:
		case asciiUnderscore:
			if s[i-1] == '_' {
				return false
			}
		case asciiPercent:
			if percentAt(s, i) {
				return false
			}
		case asciiAmp:
			if charRefLen(s, i) > 0 {
				return false
			}
		default:
			return false
		}
		i++
	}
	if !ascii && !norm.NFC.IsNormalString(s) {
		return false
	}
	rest := s
	if i := strings.IndexByte(s, ':'); i > 0 {
		if ns := lookupNamespace(strings.TrimRight(s[:i], "_")); ns != "" {
			if s[:i] != ns || i+1 < n && s[i+1] == '_' {
				return false
			}
			rest = s[i+1:]
		}
	}
	ns := ""
	if len(rest) < n {
		ns = s[:n-len(rest)-1]
	}
	if checkRest(ns, rest) != "" || checkLength(ns, rest, s) != "" {
		return false
	}
	return !tr.CapitalLinks || isUpperFirst(rest)
}

// squash removes directional marks, turns runs of whitespace and
// underscores into one '_' and trims '_' from both ends.
func squash(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; {
		c := s[i]
		if c < utf8.RuneSelf {
			clean = c != ' ' && (c != '_' || i > 0 && i < len(s)-1 && s[i+1] != '_')
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		clean = !IsTitleSpace(r) && !isBidi(r)
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for _, r := range s {
		switch {
		case isBidi(r):
			continue
		case r == '_' || IsTitleSpace(r):
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

// checkChars says why s (squashed) holds a character no title may hold, or
// returns "".
func checkChars(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError:
				return "contains U+FFFD or invalid UTF-8"
			case unicode.IsControl(r):
				return fmt.Sprintf("contains control character %U", r)
			}
			i += size
			continue
		}
		switch asciiClass[c] {
		case asciiControl:
			return fmt.Sprintf("contains control character %U", rune(c))
		case asciiForbidden:
			return fmt.Sprintf("contains %q", rune(c))
		case asciiPercent:
			if percentAt(s, i) {
				return "contains percent-encoding " + s[i:i+3]
			}
		case asciiAmp:
			if n := charRefLen(s, i); n > 0 {
				return "contains a character reference " + s[i:i+n]
			}
		}
		i++
	}
	return ""
}

// checkRest says why the title rest after the namespace ns ("" for the
// main namespace) cannot be a title, or returns "".
func checkRest(ns, rest string) string {
	switch {
	case rest == "" && ns != "":
		return "namespace " + ns + " with no title"
	case rest == "":
		return "empty"
	case rest[0] == ':':
		return "starts with ':' after the namespace"
	case isDotSegments(rest):
		return `contains a "." or ".." path segment`
	}
	if ns == TalkNamespace {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if other := lookupNamespace(strings.TrimRight(rest[:i], "_")); other != "" {
				return fmt.Sprintf("namespace Talk cannot hold a title of namespace %s (its talk pages have their own namespace)", other)
			}
		}
	}
	return ""
}

// checkLength says why key is too long, or returns "".
func checkLength(ns, rest, key string) string {
	switch {
	case ns == SpecialNamespace && len(rest) > MaxSpecialBytes:
		return fmt.Sprintf("longer than %d bytes after Special:", MaxSpecialBytes)
	case ns != SpecialNamespace && len(key) > MaxTitleBytes:
		return fmt.Sprintf("longer than %d bytes", MaxTitleBytes)
	}
	return ""
}

// isDotSegments reports whether s has a "." or ".." path segment, which
// browsers and servers resolve away in URLs (MediaWiki refuses them too).
func isDotSegments(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false
	}
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '/')
		if end < 0 {
			end = len(s) - start
		}
		if seg := s[start : start+end]; seg == "." || seg == ".." {
			return true
		}
		start += end + 1
	}
	return false
}

// percentAt reports whether s[i] == '%' starts a "%XX" escape.
func percentAt(s string, i int) bool {
	return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
}

// charRefLen returns the length of the HTML character reference at s[i]
// ('&'), or 0: MediaWiki's "&[A-Za-z0-9\x80-\xff]+;" (a named reference,
// any non-ASCII letter counts), or a numeric "&#233;" or "&#xE9;".
func charRefLen(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		start := j
		for j < len(s) && ('0' <= s[j] && s[j] <= '9' || hex && isHex(s[j])) {
			j++
		}
		if j > start && j < len(s) && s[j] == ';' {
			return j + 1 - i
		}
		return 0
	}
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z' || '0' <= s[j] && s[j] <= '9' || s[j] >= utf8.RuneSelf) {
		j++
	}
	if j > i+1 && j < len(s) && s[j] == ';' {
		return j + 1 - i
	}
	return 0
}

// The classes of ASCII bytes in titles.
const (
	asciiPlain byte = iota
	asciiControl
	asciiForbidden
	asciiPercent
	asciiSpace
	asciiUnderscore
	asciiAmp
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range 0x20 {
		t[c] = asciiControl
	}
	t[0x7f] = asciiControl
	for _, c := range []byte("#<>[]{}|") {
		t[c] = asciiForbidden
	}
	t['%'], t[' '], t['_'], t['&'] = asciiPercent, asciiSpace, asciiUnderscore, asciiAmp
	return t
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// splitNamespace returns the canonical namespace of s ("" if none) and the
// title after the prefix, leading underscores trimmed (all of s if none).
// A prefix is the text before the first ':', trailing underscores trimmed.
func splitNamespace(s string) (ns, rest string) {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", s
	}
	if ns = lookupNamespace(strings.TrimRight(s[:i], "_")); ns == "" {
		return "", s
	}
	return ns, strings.TrimLeft(s[i+1:], "_")
}

// lookupNamespace returns the canonical namespace that name spells,
// ignoring case, or "".
func lookupNamespace(name string) string {
	for _, ns := range namespaces {
		if len(ns) == len(name) && strings.EqualFold(ns, name) {
			return ns
		}
	}
	for _, a := range namespaceAliases {
		if len(a[0]) == len(name) && strings.EqualFold(a[0], name) {
			return a[1]
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

// IsTitleSpace reports the whitespace MediaWiki turns into '_' in titles:
// ' ', U+00A0, U+1680, U+180E, U+2000–U+200A, U+2028, U+2029, U+202F,
// U+205F and U+3000. ('_' itself joins their runs; tabs and newlines are
// control characters, which no title holds.)
func IsTitleSpace(r rune) bool {
	switch {
	case r == ' ':
		return true
	case r < 0xA0:
		return false
	case r == 0xA0, r == 0x1680, r == 0x180E, 0x2000 <= r && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// IsBidiMark reports the invisible directional marks titles drop:
// MediaWiki's U+200E, U+200F and U+202A–U+202E, and the isolates
// U+2066–U+2069 (Folio's addition: they are as invisible).
func IsBidiMark(r rune) bool { return isBidi(r) }

func isBidi(r rune) bool {
	return r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
