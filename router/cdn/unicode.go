package cdn

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/foliowiki/folio/router"
)

// The viewer-request function must fit in 10 KB, so it cannot carry
// Unicode's normalization and case tables. It knows a small alphabet
// exactly — characters NFC leaves as they are, whatever their neighbours,
// with their upper case — and sends titles with any other character, a
// combining mark included, to the origin. The tables below are computed
// from Go's own unicode and norm packages, the ones router.Normalize uses,
// so the function cannot disagree with the router on the characters it
// knows.

// latinEnd is the last code point of Latin Extended-A: the function knows
// ASCII, Latin-1 and Latin Extended-A.
const latinEnd = 0x17F

// unicodeTables is the part of the function's data that describes
// characters.
type unicodeTables struct {
	WS         string // class: every unicode.IsSpace rune (strings.TrimSpace, Fields)
	TitleSpace string // class: router.IsTitleSpace, the spaces titles turn into '_'
	Known      string // class: the characters the function handles exactly
}

func tables() unicodeTables {
	known := knownRunes()
	return unicodeTables{
		WS:         class(runesWhere(unicode.IsSpace)),
		TitleSpace: class(append([]rune{' '}, runesWhere(router.IsTitleSpace)...)),
		Known:      class(known),
	}
}

// knownRunes is the alphabet the function handles exactly: ASCII, Latin-1,
// Latin Extended-A, the spaces and directional marks titles drop, U+FFFD
// (rejected), and the upper case of all these.
func knownRunes() []rune {
	var rs []rune
	for r := rune(0); r <= latinEnd; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, runesWhere(router.IsTitleSpace)...)
	rs = append(rs, runesWhere(router.IsBidiMark)...)
	rs = append(rs, unicode.ReplacementChar)
	for _, r := range slices.Clone(rs) {
		rs = append(rs, unicode.ToUpper(r))
	}
	slices.Sort(rs)
	return slices.Compact(rs)
}

func runesWhere(f func(rune) bool) []rune {
	var rs []rune
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if f(r) {
			rs = append(rs, r)
		}
	}
	if f('\t') {
		rs = append([]rune{'\t', '\n', '\v', '\f', '\r', ' '}, rs...)
	}
	return rs
}

// class writes runes as the inside of a JavaScript regular expression
// character class, with ranges.
func class(rs []rune) string {
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		b.WriteString(jsEscape(rs[i]))
		if j > i {
			if j > i+1 {
				b.WriteByte('-')
			}
			b.WriteString(jsEscape(rs[j]))
		}
		i = j + 1
	}
	return b.String()
}

// jsEscape writes r for a character class: itself (JSON escapes what must
// be), after a backslash when the class syntax needs one.
func jsEscape(r rune) string {
	if r > 0xFFFF {
		panic(fmt.Sprintf("cdn: rune %U outside the BMP in a class", r))
	}
	if strings.ContainsRune(`]\^-`, r) {
		return `\` + string(r)
	}
	return string(r)
}
