package wikidoc

import (
	"errors"
	"net/url"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/util"
)

// Site holds the title rules and URL shapes of a wiki; Folio injects the
// router's. A nil func takes its default (see DefaultNormalizeTitle,
// DefaultTitleURL and DefaultEditURL). A Site is read-only once built and
// shared by all documents.
type Site struct {
	NormalizeTitle func(string) (string, error) // raw link target → canonical title
	TitleURL       func(title string) string    // canonical title → view URL
	EditURL        func(title string) string    // canonical title → edit URL
	// FileURL is the URL of an uploaded file's bytes (width 0) or of its
	// thumbnail width px wide; "" means it cannot be linked, and an embed
	// is then a red link to the File page. Default: always "".
	FileURL func(sha, name string, width int) string
	// UploadURL is the upload form with the name filled in, where a red
	// link to a missing file goes; "" (the default) sends it to the File
	// page instead.
	UploadURL func(name string) string
}

// WithDefaults returns a copy of s with its nil funcs set to the defaults.
func (s Site) WithDefaults() *Site {
	if s.NormalizeTitle == nil {
		s.NormalizeTitle = DefaultNormalizeTitle
	}
	if s.TitleURL == nil {
		s.TitleURL = DefaultTitleURL
	}
	if s.EditURL == nil {
		s.EditURL = DefaultEditURL
	}
	if s.FileURL == nil {
		s.FileURL = func(string, string, int) string { return "" }
	}
	if s.UploadURL == nil {
		s.UploadURL = func(string) string { return "" }
	}
	return &s
}

// Href returns the URL of a link from d to the canonical title, with an
// optional fragment (not yet URL-escaped), and whether the target exists. It
// records the link, found at source offset pos, in d. An empty title is a same-page link, "#fragment". A
// missing page links to its edit URL when d.CanCreate, else to its view URL,
// without the fragment.
func (s *Site) Href(d *Doc, title, fragment string, pos int) (href string, exists bool) {
	if title == "" {
		return "#" + fragment, true
	}
	if !d.Link(title, pos) {
		if d.CanCreate {
			return s.EditURL(title), false
		}
		return s.TitleURL(title), false
	}
	if fragment == "" {
		return s.TitleURL(title), true
	}
	return s.TitleURL(title) + "#" + fragment, true
}

// Ref records a link from d to the canonical title ("" for a same-page
// link) with an optional fragment, found at source offset pos, and calls
// set with its URL and whether the target exists, as Href returns them:
// at once, or, in a Deferred document, from d.Resolve. set typically
// stores them in the link's AST node, which is rendered after Resolve.
func (s *Site) Ref(d *Doc, title, fragment string, pos int, set func(href string, exists bool)) {
	if title == "" || title == d.Title || !d.Deferred || d.resolved {
		set(s.Href(d, title, fragment, pos))
		return
	}
	d.record(title, pos)
	d.pending = append(d.pending, pendingRef{site: s, title: title, fragment: fragment, set: set})
}

// DisplayTitle is the title as readers see it: underscores become spaces.
func DisplayTitle(title string) string { return strings.ReplaceAll(title, "_", " ") }

var errBadTitle = errors.New("bad title")

// DefaultNormalizeTitle is a minimal title rule for callers without a router:
// it trims spaces, turns runs of spaces and underscores into one underscore,
// and rejects empty titles and titles holding control characters or any of
// # < > [ ] { } |.
func DefaultNormalizeTitle(s string) (string, error) {
	var b strings.Builder
	sep := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsControl(r) || strings.ContainsRune("#<>[]{}|", r) || r == unicode.ReplacementChar:
			return "", errBadTitle
		case r == '_' || unicode.IsSpace(r):
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "", errBadTitle
	}
	return b.String(), nil
}

// DefaultTitleURL is "/wiki/" followed by the title, each path segment
// URL-escaped ("/" and ":" stay readable).
func DefaultTitleURL(title string) string { return "/wiki/" + EscapePath(title) }

// DefaultEditURL is "/-/edit/" followed by the escaped title.
func DefaultEditURL(title string) string { return "/-/edit/" + EscapePath(title) }

// EscapePath URL-escapes each "/"-separated segment of p.
func EscapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// Resolve returns the canonical title a link target names, "" for a
// same-page link, or the error of NormalizeTitle. The target's character
// references were decoded by ParseTarget, as MediaWiki decodes them before
// it parses a title: a reference that decodes to a character no title may
// hold ("&#124;", "&#0;") makes a bad title, as does one left undecoded
// ("&bogus;", or "&amp;eacute;", decoded once to "&eacute;").
func (s *Site) Resolve(t Target) (string, error) {
	if t.Page == "" {
		return "", nil
	}
	return s.NormalizeTitle(t.Page)
}

// DecodeEntities decodes the well-formed HTML character references in s
// once, left to right, as MediaWiki's Sanitizer::decodeCharReferences does:
// a named one ("&eacute;", an HTML5 name, with its ';'), a decimal
// ("&#233;") or a hex one ("&#xE9;"). A numeric reference to a code point
// MediaWiki refuses (controls other than tab and LF, U+007F–U+009F,
// surrogates, U+FFFE, U+FFFF, beyond U+10FFFF) becomes U+FFFD; an unknown
// name ("&bogus;") or a reference without its ';' stays as it is.
func DecodeEntities(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0 // s[last:i] is not yet written
	for i >= 0 {
		if r, chars, n := charRef(s[i:]); n > 0 {
			b.WriteString(s[last:i])
			if chars != nil {
				b.Write(chars)
			} else {
				b.WriteRune(r)
			}
			last = i + n
			i = last
		} else {
			i++
		}
		j := strings.IndexByte(s[i:], '&')
		if j < 0 {
			break
		}
		i += j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// charRef decodes the character reference at the start of s ('&'): a
// numeric one as a rune, a named one as its characters (some are two
// runes), and its length n; n is 0 when s starts with none.
func charRef(s string) (r rune, chars []byte, n int) {
	j := 1
	if j < len(s) && s[j] == '#' {
		j++
		base := rune(10)
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			base = 16
			j++
		}
		start := j
		var v rune
		for ; j < len(s); j++ {
			d := digit(s[j], base)
			if d < 0 {
				break
			}
			if v <= unicode.MaxRune {
				v = v*base + d // stops growing once past MaxRune: no overflow
			}
		}
		if j == start || j == len(s) || s[j] != ';' {
			return 0, nil, 0
		}
		if !validCodepoint(v) {
			v = unicode.ReplacementChar
		}
		return v, nil, j + 1
	}
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z' || '0' <= s[j] && s[j] <= '9') {
		j++
	}
	if j == 1 || j == len(s) || s[j] != ';' {
		return 0, nil, 0
	}
	e, ok := util.LookUpHTML5EntityByName(s[1:j])
	if !ok {
		return 0, nil, 0
	}
	return 0, e.Characters, j + 1
}

// digit returns the value of the digit c in base 10 or 16, or -1.
func digit(c byte, base rune) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case base == 16 && 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case base == 16 && 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

// validCodepoint is MediaWiki's Sanitizer::validateCodepoint: the code
// points a numeric reference may name, those valid in both HTML5 and XML.
func validCodepoint(v rune) bool {
	return v == 0x09 || v == 0x0a ||
		0x20 <= v && v <= 0x7e ||
		0xa0 <= v && v <= 0xd7ff ||
		0xe000 <= v && v <= 0xfffd ||
		0x10000 <= v && v <= 0x10ffff
}
