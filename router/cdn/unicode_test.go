package cdn

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/foliowiki/folio/router"
)

// TestKnownRunes: the alphabet the function handles alone is one where
// NFC changes nothing but the compositions it knows, and upper case stays
// inside it.
func TestKnownRunes(t *testing.T) {
	known := knownRunes()
	special := slices.Concat(runesWhere(router.IsBidiMark), runesWhere(router.IsTitleSpace), []rune{unicode.ReplacementChar})
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
