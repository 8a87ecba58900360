package wikidoc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Anchor turns heading text into an element id the way GitHub and mdBook
// do, so that relative links copied from such wikis keep working: letters
// (any script) and digits are lower-cased, combining marks, '-' and '_'
// kept, each space becomes '-', everything else is dropped. Runs of '-' are
// not collapsed ("A - B" → "a---b"), as on GitHub. The result may be empty.
func Anchor(text string) string {
	text = strings.TrimSpace(text)
	if isAnchor(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || r == '_' || unicode.Is(unicode.M, r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

// isAnchor reports whether s is already an anchor made of lower-case ASCII
// letters, digits, '-' and '_', so Anchor can return it without copying.
func isAnchor(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
