package pageinfo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
)

// TestParserFunctionHook: a parser function registered in the hook
// reaches template expansion through ParserFunctions, by lower-case name,
// and the first of two with one name wins.
func TestParserFunctionHook(t *testing.T) {
	if pageinfo.ParserFunctionHook.Frozen() {
		t.Skip("hooks frozen")
	}
	upper := func(_ *transclude.Frame, args []string) (string, error) {
		return strings.ToUpper(strings.Join(args, " ")), nil
	}
	other := func(*transclude.Frame, []string) (string, error) { return "other", nil }
	pageinfo.ParserFunctionHook.Register("test.upper", 0, func() (string, transclude.Func) { return "Upper", upper })
	pageinfo.ParserFunctionHook.Register("test.upper2", 1, func() (string, transclude.Func) { return "upper", other })
	res, err := transclude.Expand(context.Background(), "P", "{{#upper: a | b }}", transclude.SourceFunc(func(context.Context, string) (string, bool, error) {
		return "", false, nil
	}), transclude.Options{Functions: pageinfo.ParserFunctions()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "A B" {
		t.Errorf("got %q, want %q", res.Text, "A B")
	}
}
