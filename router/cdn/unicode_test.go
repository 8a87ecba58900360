package cdn

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestKnownRunes: the alphabet the function handles alone is one where
// NFC changes nothing but the compositions it knows, and upper case stays
// inside it.
func TestKnownRunes(t *testing.T) {
	known := knownRunes()
	special := slices.Concat(marks, bidi, runesWhere(titleSpace), []rune{unicode.ReplacementChar})
	for _, r := range known {
		if !slices.Contains(known, unicode.ToUpper(r)) {
			t.Errorf("%U: its upper case %U is not known", r, unicode.ToUpper(r))
		}
		if slices.Contains(special, r) || unicode.IsControl(r) {
			continue
		}
		if !norm.NFC.IsNormalString(string(r)) || norm.NFC.PropertiesString(string(r)).CCC() != 0 {
			t.Errorf("%U is not a stable starter in NFC", r)
		}
	}
}

// TestCompositions: the marks compose with the letters the table lists,
// into what it says, and with no ASCII character but letters.
func TestCompositions(t *testing.T) {
	table := compositions()
	for _, m := range marks {
		if norm.NFC.String(string(m)) != string(m) || norm.NFC.PropertiesString(string(m)).CCC() == 0 {
			t.Errorf("%U is not a combining mark NFC keeps", m)
		}
		pairs := []rune(table[strconv.FormatInt(int64(m), 16)])
		for c := rune(0x20); c < 0x7f; c++ {
			got := norm.NFC.String(string(c) + string(m))
			i := slices.Index(pairs, c)
			switch {
			case i >= 0 && i%2 == 0:
				if got != string(pairs[i+1]) {
					t.Errorf("%c + %U: table says %c, NFC %q", c, m, pairs[i+1], got)
				}
			case !isASCIILetter(c) && got != string(c)+string(m):
				t.Errorf("%q + %U composes to %q; the function keeps non-letters as they are", c, m, got)
			}
		}
	}
}

// TestUpperRanges: the ranges reproduce unicode.ToUpper over the known
// runes.
func TestUpperRanges(t *testing.T) {
	known := knownRunes()
	ranges := upperRanges(known)
	for _, r := range known {
		got := r
		for _, x := range ranges {
			if int(r) >= x[0] && int(r) <= x[1] && (int(r)-x[0])%x[2] == 0 {
				got = r + rune(x[3])
				break
			}
		}
		if got != unicode.ToUpper(r) {
			t.Errorf("upper(%U) = %U, unicode.ToUpper %U", r, got, unicode.ToUpper(r))
		}
	}
}

func TestMinify(t *testing.T) {
	src := `// a comment
const LONGNAME = 'a  b // not a comment', re = /[/ ]+/g;
function handler(event) {
  const total = event.request.uri.length + +LONGNAME.length;
  return {request: total, re: re};  // trailing
}
`
	got := minify(src)
	for _, want := range []string{"'a  b // not a comment'", "/[/ ]+/g", "+ +", ".request.uri.length", "{request:", ",re:", "function handler("} {
		if !strings.Contains(got, want) {
			t.Errorf("minified code lacks %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"// a comment", "trailing", "LONGNAME", "total", "event", ") {", "  return"} {
		if strings.Contains(got, gone) {
			t.Errorf("minified code keeps %q:\n%s", gone, got)
		}
	}
}
