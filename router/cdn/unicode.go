package cdn

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The viewer-request function must fit in 10 KB, so it cannot carry
// Unicode's normalization and case tables. It knows a small alphabet
// exactly, and sends titles with any other character to the origin. The
// tables below are computed from Go's own unicode and norm packages, the
// ones router.Normalize uses, so the function cannot disagree with the
// router on the characters it knows.

// marks are the combining marks the function composes after an ASCII letter:
// grave, acute, circumflex, tilde, diaeresis, ring, caron and cedilla.
var marks = []rune{0x300, 0x301, 0x302, 0x303, 0x308, 0x30A, 0x30C, 0x327}

// bidi are the directional marks router.Normalize removes (its isBidi).
var bidi = []rune{0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}

// latinEnd is the last code point of Latin Extended-A: the function knows
// ASCII, Latin-1 and Latin Extended-A.
const latinEnd = 0x17F

// unicodeTables is the part of the function's data that describes
// characters.
type unicodeTables struct {
	WS      string            // class: every unicode.IsSpace rune (strings.TrimSpace, Fields)
	Known   string            // class: the characters the function handles exactly
	Compose map[string]string // mark (hex) → base, composite, base, composite…
	Upper   [][4]int          // unicode.ToUpper as [first, last, step, delta] ranges
}

func tables() unicodeTables {
	known := knownRunes()
	return unicodeTables{
		WS:      class(runesWhere(unicode.IsSpace)),
		Known:   class(known),
		Compose: compositions(),
		Upper:   upperRanges(known),
	}
}

// titleSpace is router's isSpace beyond ASCII: Unicode spaces that are not
// control characters.
func titleSpace(r rune) bool {
	return r > unicode.MaxASCII && unicode.IsSpace(r) && !unicode.IsControl(r)
}

// knownRunes is the alphabet the function handles exactly: ASCII, Latin-1,
// Latin Extended-A, the spaces and directional marks titles drop, U+FFFD
// (rejected), the combining marks it composes, and the upper case of all
// these.
func knownRunes() []rune {
	var rs []rune
	for r := rune(0); r <= latinEnd; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, runesWhere(titleSpace)...)
	rs = append(rs, bidi...)
	rs = append(rs, marks...)
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

// compositions lists, for each mark, the ASCII letters it composes with
// into a known character. A letter missing from a mark's list either does
// not compose with it or composes into something the function does not
// know; the function gives up on both. No ASCII character but a letter
// composes with these marks (a test checks it).
func compositions() map[string]string {
	out := map[string]string{}
	for _, m := range marks {
		var b strings.Builder
		for c := 'A'; c <= 'z'; c++ {
			if !isASCIILetter(c) {
				continue
			}
			comp := []rune(norm.NFC.String(string(c) + string(m)))
			if len(comp) == 1 && comp[0] <= latinEnd {
				b.WriteRune(c)
				b.WriteRune(comp[0])
			}
		}
		out[strconv.FormatInt(int64(m), 16)] = b.String()
	}
	return out
}

func isASCIILetter(c rune) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// upperRanges encodes unicode.ToUpper over the known runes as ranges of
// runes with one step between them and one delta to their upper case.
func upperRanges(known []rune) [][4]int {
	var out [][4]int
	for _, r := range known {
		d := int(unicode.ToUpper(r) - r)
		if d == 0 {
			continue
		}
		if n := len(out); n > 0 {
			last := &out[n-1]
			step := int(r) - last[1]
			if last[3] == d && (last[0] == last[1] && step <= 2 || step == last[2]) {
				last[1], last[2] = int(r), step
				continue
			}
		}
		out = append(out, [4]int{int(r), int(r), 1, d})
	}
	return out
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
