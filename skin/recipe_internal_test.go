package skin

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/i18n"
)

// The rules the bundle's recipe gives folio-render.js are the Go
// recipe's: applied as the script applies them, they give the plural
// forms, numbers and zone offsets package i18n and package time give.

// pluralOf and numberOf are the script's Recipe.plural and Recipe.number.
func (p RecipePlural) pluralOf(n int) string {
	m := 100 + n%100
	switch {
	case n < 200:
		m = n
	case n%1_000_000 == 0:
		m = 1_000_000
	}
	form := p.Runs[0].Form
	for _, r := range p.Runs {
		if r.From <= m {
			form = r.Form
		}
	}
	return form
}

func (r RecipeNumber) numberOf(n int) string {
	s := fmt.Sprint(n)
	if r.Group != "" && len(s) >= 3+r.MinGroup {
		out := ""
		for len(s) > 3 {
			out = r.Group + s[len(s)-3:] + out
			s = s[:len(s)-3]
		}
		s += out
	}
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteString(r.Digits[c-'0'])
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// counts are the counts the rules are checked on.
var counts = func() []int {
	var ns []int
	for n := range 1200 {
		ns = append(ns, n)
	}
	return append(ns, 1234, 10_000, 12_345, 99_999, 100_000, 123_456, 1_000_000, 1_000_001, 1_000_100, 2_000_000, 12_345_678, 1_000_000_000)
}()

func TestRecipePluralAndNumbers(t *testing.T) {
	for _, code := range i18n.Default().Codes() {
		lang := i18n.Default().Lang(code)
		forms := lang.Forms("notification-count")
		p, nr := pluralRule(lang), numberRule(lang)
		for _, n := range counts {
			if got, want := nr.numberOf(n), lang.Number(n); got != want {
				t.Fatalf("%s: the number rule writes %d as %q, package i18n as %q", code, n, got, want)
			}
			text, ok := forms[p.pluralOf(n)]
			if !ok {
				text = forms["other"]
			}
			if got, want := strings.ReplaceAll(text, "{{.Count}}", lang.Number(n)), lang.T("notification-count", "Count", n); got != want {
				t.Fatalf("%s: the plural rule makes %q of %d, package i18n %q", code, got, n, want)
			}
		}
	}
}

func TestZoneChanges(t *testing.T) {
	for _, name := range []string{"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Tehran", "Africa/Casablanca"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		z := zoneChanges(loc)
		for ts := zoneFrom.Unix(); ts < zoneUntil.Unix(); ts += 86400*7 + 3607 {
			c := z[0]
			for _, next := range z[1:] {
				if next.From > ts {
					break
				}
				c = next
			}
			abbr, off := time.Unix(ts, 0).In(loc).Zone()
			if c.Offset != off || c.Abbr != abbr {
				t.Fatalf("%s at %v: the table says %s %d, package time %s %d", name, time.Unix(ts, 0).UTC(), c.Abbr, c.Offset, abbr, off)
			}
		}
		t.Logf("%s: %d changes", name, len(z))
	}
}
