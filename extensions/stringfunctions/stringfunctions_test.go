package stringfunctions_test

import (
	"context"
	"strings"
	"testing"

	"github.com/foliowiki/folio/extensions/stringfunctions"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
)

// The cases follow MediaWiki's: ParserFunctions' string functions
// (#len, #sub: characters, not bytes; #sub as PHP's mb_substr) and the
// core lc, uc and urlencode.
func TestFunctions(t *testing.T) {
	long := strings.Repeat("é", stringfunctions.MaxLength)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"len", []string{"Icecream"}, "8"},
		{"len", []string{"Crème brûlée"}, "12"},
		{"len", []string{""}, "0"},
		{"len", nil, "0"},
		{"len", []string{long + "é"}, "1001"}, // counting is cheap: no limit, as MediaWiki's
		{"lc", []string{"ÉCOLE Normale"}, "école normale"},
		{"uc", []string{"straße café"}, "STRASSE CAFÉ"},
		{"urlencode", []string{"x y/z&é"}, "x+y%2Fz%26%C3%A9"},
		{"urlencode", []string{"x y/z", "PATH"}, "x%20y%2Fz"},
		{"urlencode", []string{"x y/z", "WIKI"}, "x_y/z"},
		{"urlencode", []string{"x y", "other"}, "x+y"},
		{"sub", []string{"Icecream", "3"}, "cream"},
		{"sub", []string{"Icecream", "0", "3"}, "Ice"},
		{"sub", []string{"Icecream", "-3"}, "eam"},
		{"sub", []string{"Icecream", "3", "3"}, "cre"},
		{"sub", []string{"Icecream", "3", "-3"}, "cr"},
		{"sub", []string{"Icecream", "-3", "2"}, "ea"},
		{"sub", []string{"Icecream", "-30", "2"}, "Ic"},
		{"sub", []string{"Icecream", "30"}, ""},
		{"sub", []string{"Icecream", "2", "-30"}, ""},
		{"sub", []string{"Icecream", "3", "0"}, "cream"}, // a length of 0 means to the end
		{"sub", []string{"Icecream", "x", "2"}, "Ic"},    // not a number: 0
		{"sub", []string{"Icecream", "2abc", "2"}, "ec"}, // a leading number counts, as PHP's (int)
		{"sub", []string{"Crème brûlée", "6", "5"}, "brûlé"},
		{"sub", []string{"Icecream"}, "Icecream"},
		{"sub", []string{long, "999"}, "é"},
	} {
		got, err := stringfunctions.Functions[c.name](c.args)
		if err != nil || got != c.want {
			t.Errorf("#%s:%s = %q, %v; want %q", c.name, strings.Join(c.args, "|"), got, err, c.want)
		}
	}
}

// TestTooLong: every function but #len refuses a string over MaxLength
// characters, as MediaWiki's $wgPFStringLengthLimit, with its message.
func TestTooLong(t *testing.T) {
	long := strings.Repeat("a", stringfunctions.MaxLength+1)
	for _, name := range []string{"lc", "uc", "urlencode", "sub"} {
		out, err := stringfunctions.Functions[name]([]string{long, "1"})
		if err == nil || err.Error() != "string exceeds 1000 character limit" || out != "" {
			t.Errorf("#%s of %d characters = %q, %v; want the limit's error", name, len(long), out, err)
		}
	}
}

// TestRegistered: the functions are registered in
// pageinfo.ParserFunctionHook, so template expansion runs them; an error
// shows in the page as an error box, and the call's arguments are
// expanded first.
func TestRegistered(t *testing.T) {
	src := transclude.SourceFunc(func(_ context.Context, title string) (string, bool, error) {
		return map[string]string{"Template:Shout": "{{#uc:{{{1}}}}}!"}[title], title == "Template:Shout", nil
	})
	text := "{{#len: Crème }} {{#sub:Icecream|3}} {{#LC:ABC}} {{Shout|hey}} {{#urlencode:a b}} {{#sub:" + strings.Repeat("a", 1001) + "|1}}"
	res, err := transclude.Expand(context.Background(), "Page", text, src, transclude.Options{Functions: pageinfo.ParserFunctions()})
	if err != nil {
		t.Fatal(err)
	}
	want := "5 cream abc HEY! a+b "
	if !strings.HasPrefix(res.Text, want) || !strings.Contains(res.Text, `class="error"`) || !strings.Contains(res.Text, "string exceeds 1000 character limit") {
		t.Errorf("expanded to %q, want %q then an error box", res.Text, want)
	}
	if len(res.Errors) != 1 || !strings.HasPrefix(res.Errors[0], "#sub: ") {
		t.Errorf("errors = %q, want the #sub limit's", res.Errors)
	}
}
