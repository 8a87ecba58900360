package userinfo

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrBadUserName means a user name is empty, too long or holds characters
// a name may not have.
var ErrBadUserName = errors.New("user names are 1 to 85 characters without / : @ # < > [ ] { } | or control characters")

// NormalizeUserName returns the canonical form of a user name, as MediaWiki:
// underscores as spaces, runs of spaces collapsed, trimmed, NFC, first
// letter upper-cased.
func NormalizeUserName(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", ErrBadUserName
	}
	s = norm.NFC.String(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
	if s == "" || utf8.RuneCountInString(s) > 85 {
		return "", ErrBadUserName
	}
	for _, r := range s {
		if unicode.IsControl(r) || strings.ContainsRune("/:@#<>[]{}|", r) {
			return "", ErrBadUserName
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:], nil
}
