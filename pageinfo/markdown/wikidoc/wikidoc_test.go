package wikidoc

import (
	"slices"
	"testing"
)

func TestAnchor(t *testing.T) {
	for in, want := range map[string]string{
		"Hello World":         "hello-world",
		"  Hello World  ":     "hello-world",
		"already-an_anchor":   "already-an_anchor",
		"A - B":               "a---b",
		"Punctuation: what?!": "punctuation-what",
		"Über Straße":         "über-straße",
		"日本語 テキスト":            "日本語-テキスト",
		"Ωmega 42":            "ωmega-42",
		"\"><script>":         "script",
		"":                    "",
		"!!!":                 "",
	} {
		if got := Anchor(in); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScan(t *testing.T) {
	for _, c := range []struct {
		line, inside string
		n            int
		ok           bool
	}{
		{"[[Foo]] rest", "Foo", 7, true},
		{"[[Foo|bar]]]", "Foo|bar", 11, true},
		{"[[a [[b]]", "", 0, false},
		{"[[Foo", "", 0, false},
		{"[Foo]]", "", 0, false},
		{"[[]]", "", 4, true},
		{"[[" + string(make([]byte, MaxLinkBytes+3)) + "]]", "", 0, false},
	} {
		inside, n, ok := Scan([]byte(c.line))
		if string(inside) != c.inside || n != c.n || ok != c.ok {
			t.Errorf("Scan(%.20q) = %q, %d, %v; want %q, %d, %v", c.line, inside, n, ok, c.inside, c.n, c.ok)
		}
	}
}

func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  Target
		label string
		ok    bool
	}{
		{"Foo", Target{Page: "Foo"}, "Foo", true},
		{" Foo bar | the label ", Target{Page: "Foo bar", Piped: true}, "the label", true},
		{"Foo#Sec tion|x", Target{Page: "Foo", Fragment: "Sec tion", Piped: true}, "x", true},
		{"#Local", Target{Fragment: "Local"}, "#Local", true},
		{":Category:Cats", Target{Page: "Category:Cats", Colon: true}, "Category:Cats", true},
		{"Foo|", Target{Page: "Foo"}, "Foo", true},
		{"", Target{}, "", false},
		{"|x", Target{}, "", false},
		{"#", Target{}, "", false},
		// "\|" separates target and label, as '|' does.
		{`Foo\|label`, Target{Page: "Foo", Piped: true}, "label", true},
		{`Foo \| label`, Target{Page: "Foo", Piped: true}, "label", true},
		{`Foo\\|label`, Target{Page: `Foo\`, Piped: true}, "label", true},
		{`Foo\ |label`, Target{Page: `Foo\`, Piped: true}, "label", true},
		{`Foo|a\|b`, Target{Page: "Foo", Piped: true}, `a\|b`, true},
		{`Foo\|`, Target{Page: "Foo"}, "Foo", true},
		{`\|x`, Target{}, "", false},
		{`Foo\`, Target{Page: `Foo\`}, `Foo\`, true},
		// Character references are decoded before the fragment is split off.
		{"Caf&#233;", Target{Page: "Café"}, "Caf&#233;", true},
		{"Caf&#xE9;#Men&uuml;|x", Target{Page: "Café", Fragment: "Menü", Piped: true}, "x", true},
		{"Foo&#35;Bar", Target{Page: "Foo", Fragment: "Bar"}, "Foo&#35;Bar", true},
		{":Category:Caf&eacute;", Target{Page: "Category:Café", Colon: true}, "Category:Caf&eacute;", true},
		{"&#58;Foo", Target{Page: ":Foo"}, "&#58;Foo", true},
		{"A&amp;eacute;B", Target{Page: "A&eacute;B"}, "A&amp;eacute;B", true},
		{"&#32;", Target{}, "", false},
		{"&#35;", Target{}, "", false},
		{"&#35;Sec", Target{Fragment: "Sec"}, "&#35;Sec", true},
	} {
		got, ok := ParseTarget([]byte(c.in))
		label := ""
		if ok {
			label = c.in[got.LabelStart:got.LabelEnd]
		}
		got.LabelStart, got.LabelEnd = 0, 0
		if ok != c.ok || got != c.want || label != c.label {
			t.Errorf("ParseTarget(%q) = %+v %q %v; want %+v %q %v", c.in, got, label, ok, c.want, c.label, c.ok)
		}
	}
}

func TestDecodeEntities(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"plain":                      "plain",
		"Caf&#233;":                  "Café",
		"Caf&#0233;":                 "Café", // decimal, not octal
		"Caf&#xE9;":                  "Café",
		"Caf&#Xe9;":                  "Café",
		"Caf&eacute;":                "Café",
		"A &eacute; B":               "A é B",
		"&amp;&lt;&gt;&quot;":        `&<>"`,
		"&NotEqualTilde;":            "\u2242\u0338", // two runes
		"&amp;eacute;":               "&eacute;",     // decoded once
		"&#38;#233;":                 "&#233;",
		"&eacute":                    "&eacute", // no ';': not a reference
		"&bogus;":                    "&bogus;",
		"&#;":                        "&#;",
		"&#x;":                       "&#x;",
		"&#12a;":                     "&#12a;",
		"& amp;":                     "& amp;",
		"&&#233;":                    "&é",
		"&#9;&#10;&#13;":             "\t\n\uFFFD",
		"&#0;":                       "\uFFFD",
		"&#1;":                       "\uFFFD",
		"&#127;&#128;&#159;":         "\uFFFD\uFFFD\uFFFD",
		"&#160;":                     "\u00a0",
		"&#xD800;":                   "\uFFFD",
		"&#xFFFE;":                   "\uFFFD",
		"&#x10FFFF;":                 "\U0010FFFF",
		"&#x110000;":                 "\uFFFD",
		"&#1114112;":                 "\uFFFD",
		"&#99999999999999999999999;": "\uFFFD",
		"&#124;&#91;&#93;":           "|[]",
	} {
		if got := DecodeEntities(in); got != want {
			t.Errorf("DecodeEntities(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDefaultNormalizeTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Foo":          "Foo",
		"  foo  bar_ ": "foo_bar",
		"a__b":         "a_b",
		"":             "",
		"a#b":          "",
		"a|b":          "",
		"a\x00b":       "",
	} {
		got, err := DefaultNormalizeTitle(in)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("DefaultNormalizeTitle(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestEscapePath(t *testing.T) {
	if got, want := DefaultTitleURL("Dir/Foo bar?:x"), "/wiki/Dir/Foo%20bar%3F:x"; got != want {
		t.Errorf("DefaultTitleURL = %q, want %q", got, want)
	}
}

func TestDocLinks(t *testing.T) {
	var asked []string
	d := &Doc{Title: "Self", Exists: func(s string) bool { asked = append(asked, s); return s == "B" }}
	for _, c := range []struct {
		title  string
		pos    int
		exists bool
	}{{"B", 10, true}, {"A", 20, false}, {"Self", 1, true}, {"B", 30, true}, {"C", 5, false}, {"A", 2, false}} {
		if got := d.Link(c.title, c.pos); got != c.exists {
			t.Errorf("Link(%q) = %v, want %v", c.title, got, c.exists)
		}
	}
	if want := []string{"B", "A", "C"}; !slices.Equal(asked, want) {
		t.Errorf("asked %q, want %q", asked, want)
	}
	if got, want := d.Links(), []string{"A", "C", "B"}; !slices.Equal(got, want) {
		t.Errorf("Links() = %q, want %q (by first offset)", got, want)
	}
}

func TestSiteHref(t *testing.T) {
	s := Site{}.WithDefaults()
	d := &Doc{Exists: func(t string) bool { return t == "Blue" }}
	for _, c := range []struct {
		title, frag, href string
		create, exists    bool
	}{
		{"Blue", "sec", "/wiki/Blue#sec", false, true},
		{"Red", "sec", "/wiki/Red", false, false},
		{"Red", "sec", "/-/edit/Red", true, false},
		{"", "here", "#here", true, true},
	} {
		d.CanCreate = c.create
		href, exists := s.Href(d, c.title, c.frag, 0)
		if href != c.href || exists != c.exists {
			t.Errorf("Href(%q, %q) = %q, %v; want %q, %v", c.title, c.frag, href, exists, c.href, c.exists)
		}
	}
}

// TestWordCounterSplitRunes writes runes cut between writes.
func TestWordCounterSplitRunes(t *testing.T) {
	for _, c := range []struct {
		writes []string
		want   int
	}{
		{[]string{"a\xe3", "\x80\x80b"}, 2},           // U+3000, a space, cut in two
		{[]string{"a\xe3\x80", "\x80", "b"}, 2},       // … in three
		{[]string{"a\xe3", "b"}, 1},                   // an invalid byte is no space
		{[]string{"a ", "\xe3"}, 2},                   // cut at the very end
		{[]string{"x", "", " ", "y\xc2", "\xa0z"}, 3}, // U+00A0
	} {
		var w wordCounter
		for _, s := range c.writes {
			_, _ = w.Write([]byte(s))
		}
		if got := w.end(); got != c.want {
			t.Errorf("%q: %d words, want %d", c.writes, got, c.want)
		}
	}
}
