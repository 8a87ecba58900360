package transclude_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/pageinfo/markdown/transclude"
	"github.com/foliowiki/folio/router"
)

// pages is an in-memory Source.
type pages map[string]string

func (p pages) Text(_ context.Context, title string) (string, bool, error) {
	t, ok := p[title]
	return t, ok, nil
}

var testNow = time.Date(2026, 3, 7, 8, 9, 10, 0, time.UTC)

func options() transclude.Options {
	return transclude.Options{
		NormalizeTitle: router.NormalizeTitle,
		Namespaces:     router.Namespaces(),
		TalkTitle:      router.TalkTitle,
		Now:            func() time.Time { return testNow },
	}
}

// wiki are the templates of the table tests, modelled on MediaWiki's
// parserTests.txt and the ParserFunctions extension's tests.
var wiki = pages{
	"Template:Hello":          "Hello",
	"Template:Greet":          "Hello, {{{1}}}!",
	"Template:Pair":           "{{{1}}}/{{{2}}}",
	"Template:Named":          "[{{{name}}}]",
	"Template:Default":        "{{{1|none}}}",
	"Template:Nested_default": "{{{a|{{{b|neither}}}}}}",
	"Template:Default_call":   "{{{1|{{Hello}}}}}",
	"Template:Raw":            "<{{{1}}}>",
	"Template:Noinc":          "shown<noinclude> (only on the page)</noinclude>",
	"Template:Inconly":        "<includeonly>included</includeonly>visible",
	"Template:Only":           "before <onlyinclude>part one</onlyinclude> middle <onlyinclude>, part two</onlyinclude> after",
	"Template:Only_noinc":     "<onlyinclude>a<noinclude>b</noinclude>c</onlyinclude>d",
	"Template:Outer":          "(outer {{Inner|{{{1}}}}})",
	"Template:Inner":          "inner {{{1}}}",
	"Template:Self":           "self {{Self}}",
	"Template:Ping":           "ping {{Pong}}",
	"Template:Pong":           "pong {{Ping}}",
	"Template:Code":           "`{{Hello}}` {{Hello}}",
	"Template:Fenced":         "```\n{{{1}}}\n```\n{{{1}}}",
	"Template:Pagename":       "{{PAGENAME}}",
	"Template:Ifparam":        "{{#if:{{{1|}}}|yes {{{1}}}|no}}",
	"Template:Lower_name":     "ok",
	"Template:Foo_bar":        "foo bar",
	"User:Ada/Sig":            "— Ada",
	"Main":                    "the main page",
	"Template:Moved":          "#REDIRECT [[Template:Hello]]\n",
	"Template:Old_greet":      "#redirect: [[Template:Greet]]",
	"Template:Broken":         "#REDIRECT [[Template:Nowhere]]",
}

func TestExpand(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		// Transclusion and titles.
		{"plain", "a {{Hello}} b", "a Hello b"},
		{"lower first letter", "{{hello}}", "Hello"},
		{"spaces and underscores", "{{Foo bar}} {{Foo_bar}} {{ foo  bar }}", "foo bar foo bar foo bar"},
		{"namespace prefix", "{{User:Ada/Sig}}", "— Ada"},
		{"template prefix", "{{Template:Hello}}", "Hello"},
		{"main namespace", "{{:Main}}", "the main page"},
		{"missing is a red link", "{{No such}}", "[[Template:No such]]"},
		{"missing main page", "{{:Nowhere}}", "[[Nowhere]]"},
		{"redirect", "{{Moved}}", "Hello"},
		{"redirect with arguments", "{{Old greet|you}}", "Hello, you!"},
		{"redirect to a missing page", "{{Broken}}", "[[Template:Broken]]"},
		{"bad title left alone", "{{a<b}}", "{{a<b}}"},
		{"empty braces", "{{}}", "{{}}"},
		{"unclosed", "{{Hello", "{{Hello"},
		{"unclosed with parts", "{{Hello|a=b", "{{Hello|a=b"},
		{"single braces", "{a} }b{", "{a} }b{"},
		// Parameters.
		{"positional", "{{Greet|World}}", "Hello, World!"},
		{"positional untrimmed", "{{Pair| a | b }}", " a / b "},
		{"named trimmed", "{{Named| name = x y }}", "[x y]"},
		{"numbered by name", "{{Pair|2=b|1=a}}", "a/b"},
		{"later wins", "{{Greet|a|1=b}}", "Hello, b!"},
		{"unset stays", "{{Greet}}", "Hello, {{{1}}}!"},
		{"default", "{{Default}}", "none"},
		{"empty is not unset", "{{Default|}}", ""},
		{"nested default", "{{Nested default|b=B}}", "B"},
		{"nested default none", "{{Nested default}}", "neither"},
		{"default with a call", "{{Default call}}", "Hello"},
		{"parameter on the page", "{{{1}}} {{{x|y}}}", "{{{1}}} y"},
		{"link pipe in argument", "{{Greet|[[Foo|the foo]]}}", "Hello, [[Foo|the foo]]!"},
		{"link equals in argument", "{{Greet|[[Foo=bar|x]]}}", "Hello, [[Foo=bar|x]]!"},
		{"nested call in argument", "{{Greet|{{Pair|a|b}}}}", "Hello, a/b!"},
		{"argument through templates", "{{Outer|x}}", "(outer inner x)"},
		{"call name from a parameter", "{{Raw|{{Hello}}}}", "<Hello>"},
		{"five braces", "{{{{{1|Hello}}}}}", "Hello"},
		{"equals in name part", "{{#if:a=b|y|n}}", "y"},
		// Inclusion tags.
		{"noinclude", "{{Noinc}}", "shown"},
		{"includeonly", "{{Inconly}}", "includedvisible"},
		{"onlyinclude", "{{Only}}", "part one, part two"},
		{"noinclude in onlyinclude", "{{Only noinc}}", "ac"},
		{"tags on the page", "x<noinclude>y</noinclude><includeonly>z</includeonly>", "xy"},
		{"tags in any case", "x<NoInclude>y</NOINCLUDE><IncludeOnly>z</includeonly>", "xy"},
		// Code.
		{"code span on the page", "`{{Hello}}` {{Hello}}", "`{{Hello}}` Hello"},
		{"code span in a template", "{{Code}}", "`{{Hello}}` Hello"},
		{"fenced block", "```\n{{Hello}}\n```\n{{Hello}}", "```\n{{Hello}}\n```\nHello"},
		{"indented block", "para\n\n    {{Hello}}\n\n{{Hello}}", "para\n\n    {{Hello}}\n\nHello"},
		{"parameter in template code", "{{Fenced|x}}", "```\n{{{1}}}\n```\nx"},
		{"tags in code", "`<noinclude>` {{Noinc}}", "`<noinclude>` shown"},
		{"comment", "<!-- {{Hello}} --> {{Hello}}", "<!-- {{Hello}} --> Hello"},
		// Loops.
		{"self loop", "{{Self}}", `self <strong class="error">Template loop detected: [[Template:Self]]</strong>`},
		{"indirect loop", "{{Ping}}", `ping pong <strong class="error">Template loop detected: [[Template:Ping]]</strong>`},
		// Parser functions.
		{"if then", "{{#if: x | yes | no }}", "yes"},
		{"if else", "{{#if:  | yes | no }}", "no"},
		{"if no else", "{{#if: | yes }}", ""},
		{"if equals in branch", "{{#if: x | a=b }}", "a=b"},
		{"if parameter", "{{Ifparam|v}} {{Ifparam}}", "yes v no"},
		{"ifeq", "{{#ifeq: a | a | same | different }}", "same"},
		{"ifeq different", "{{#ifeq: a | b | same | different }}", "different"},
		{"ifeq numbers", "{{#ifeq: 01 | 1 | same | different }}", "same"},
		{"switch", "{{#switch: b | a = A | b = B | #default = D }}", "B"},
		{"switch default", "{{#switch: z | a = A | #default = D }}", "D"},
		{"switch fall through", "{{#switch: b | a | b | c = ABC | d = D }}", "ABC"},
		{"switch last unnamed default", "{{#switch: z | a = A | last }}", "last"},
		{"switch no match", "{{#switch: z | a = A }}", ""},
		{"switch numbers", "{{#switch: 2.0 | 1 = one | 2 = two }}", "two"},
		{"unknown function", "{{#nosuch: x}}", "{{#nosuch: x}}"},
		// Magic words.
		{"pagename", "{{PAGENAME}}|{{FULLPAGENAME}}|{{NAMESPACE}}|{{TALKPAGENAME}}", "Some page|Help:Some page|Help|Help talk:Some page"},
		{"pagename in a template", "{{Pagename}}", "Some page"},
		{"current", "{{CURRENTYEAR}}-{{CURRENTMONTH}}-{{CURRENTDAY}} {{CURRENTTIMESTAMP}}", "2026-03-7 20260307080910"},
		{"magic words are case-sensitive", "{{fullpagename}}", "[[Template:Fullpagename]]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := transclude.Expand(context.Background(), "Help:Some_page", tc.in, wiki, options())
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tc.want {
				t.Errorf("Expand(%q)\n got %q\nwant %q", tc.in, res.Text, tc.want)
			}
		})
	}
}

// TestPagenameEscaped: a title with Markdown-special characters cannot
// write markup through a magic word.
func TestPagenameEscaped(t *testing.T) {
	res, err := transclude.Expand(context.Background(), "A*b*_`c`_~~d~~_http://x", "{{PAGENAME}}", wiki, options())
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(res.Text, "*`~") || strings.Contains(res.Text, "://") {
		t.Errorf("PAGENAME = %q: markup not escaped", res.Text)
	}
	res, _ = transclude.Expand(context.Background(), "1._List", "{{PAGENAME}}", wiki, options())
	if strings.HasPrefix(res.Text, "1.") {
		t.Errorf("PAGENAME = %q: starts a list", res.Text)
	}
}

// TestOwnPage: a template's own page shows its noinclude part, not its
// includeonly part, and expands what it calls.
func TestOwnPage(t *testing.T) {
	res, err := transclude.Expand(context.Background(), "Template:Doc", "<includeonly>{{{1}}}</includeonly><noinclude>Use it: {{Hello}}</noinclude>", wiki, options())
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "Use it: Hello" {
		t.Errorf("got %q", res.Text)
	}
	if !slices.Equal(res.Used, []string{"Template:Hello"}) {
		t.Errorf("Used = %q", res.Used)
	}
}

func TestUsedRedirect(t *testing.T) {
	res, err := transclude.Expand(context.Background(), "P", "{{Moved}}", wiki, options())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Template:Hello", "Template:Moved"}; !slices.Equal(res.Used, want) {
		t.Errorf("Used = %q, want %q", res.Used, want)
	}
}

func TestUsed(t *testing.T) {
	res, err := transclude.Expand(context.Background(), "P", "{{Outer|x}} {{Hello}} {{Missing}} {{Hello}} {{#if:|{{Greet}}|}} {{Self}}", wiki, options())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Template:Hello", "Template:Inner", "Template:Missing", "Template:Outer", "Template:Self"}
	if !slices.Equal(res.Used, want) {
		t.Errorf("Used = %q, want %q (the branch not taken transcludes nothing)", res.Used, want)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "loop") {
		t.Errorf("Errors = %q", res.Errors)
	}
}

// chain is a Source of Template:C0 … C(n-1), each calling the next.
func chain(n int) pages {
	p := pages{}
	for i := range n {
		p[fmt.Sprintf("Template:C%d", i)] = fmt.Sprintf("%d {{C%d}}", i, i+1)
	}
	return p
}

func TestDepthLimit(t *testing.T) {
	res, err := transclude.Expand(context.Background(), "P", "{{C0}}", chain(1000), options())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(res.Text, `39 <strong class="error">Template depth limit exceeded (40)</strong>`) {
		t.Errorf("text ends %q", res.Text[max(0, len(res.Text)-80):])
	}
	if len(res.Used) != 40 {
		t.Errorf("%d titles used, want 40", len(res.Used))
	}
	if !slices.Equal(res.Errors, []string{"Template depth limit exceeded (40)"}) {
		t.Errorf("Errors = %q", res.Errors)
	}
}

// laughs is a billion-laughs Source: Template:L0 is a word, each L(k)
// calls L(k-1) ten times.
func laughs(levels int, sep string) pages {
	p := pages{"Template:L0": "lol"}
	for k := 1; k <= levels; k++ {
		p[fmt.Sprintf("Template:L%d", k)] = strings.Repeat(fmt.Sprintf("{{L%d}}%s", k-1, sep), 10)
	}
	return p
}

func TestBillionLaughsSize(t *testing.T) {
	res, err := transclude.Expand(context.Background(), "P", "start {{L9}} end", laughs(9, ""), options())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Errors, "Post-expand include size too large; some templates were not included") {
		t.Errorf("Errors = %q", res.Errors)
	}
	if len(res.Text) > transclude.DefaultMaxIncludeBytes+1000 {
		t.Errorf("output %d bytes, over the limit", len(res.Text))
	}
	if !strings.HasPrefix(res.Text, "start ") || !strings.HasSuffix(res.Text, " end") {
		t.Errorf("the page's own text is lost: %q…%q", res.Text[:20], res.Text[len(res.Text)-20:])
	}
	if !strings.Contains(res.Text, `<strong class="error">Post-expand include size too large`) {
		t.Error("no error box")
	}
}

func TestNodeLimit(t *testing.T) {
	// Empty output, so only the node count grows.
	p := laughs(9, "")
	p["Template:L0"] = "{{{x|}}}"
	opts := options()
	opts.MaxNodes = 100_000
	res, err := transclude.Expand(context.Background(), "P", "{{L9}} end", p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != `<strong class="error">Node-count limit exceeded</strong> end` {
		t.Errorf("got %q", res.Text)
	}
	if !slices.Equal(res.Errors, []string{"Node-count limit exceeded"}) {
		t.Errorf("Errors = %q", res.Errors)
	}
}

func TestDefaultNodeLimit(t *testing.T) {
	p := laughs(9, "")
	p["Template:L0"] = ""
	res, err := transclude.Expand(context.Background(), "P", "{{L9}}", p, options())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Errors, []string{"Node-count limit exceeded"}) {
		t.Errorf("Errors = %q", res.Errors)
	}
}

func TestSourceError(t *testing.T) {
	boom := errors.New("boom")
	src := transclude.SourceFunc(func(context.Context, string) (string, bool, error) { return "", false, boom })
	if _, err := transclude.Expand(context.Background(), "P", "{{X}}", src, options()); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := laughs(9, "")
	p["Template:L0"] = ""
	if _, err := transclude.Expand(ctx, "P", "{{L9}}", p, options()); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestFunctions(t *testing.T) {
	opts := options()
	opts.Functions = map[string]transclude.Func{
		"join": func(f *transclude.Frame, args []string) (string, error) {
			return f.Title() + ":" + strings.Join(args, ","), nil
		},
		"fail": func(*transclude.Frame, []string) (string, error) { return "", errors.New("no <good>") },
	}
	src := pages{"Template:J": "{{#join: {{{1}}} | b | c=d }}"}
	res, err := transclude.Expand(context.Background(), "P", "{{J|a}} {{#FAIL:x}}", src, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := `P:a,b,c=d <strong class="error">#fail: no &#60;good&#62;</strong>`
	if res.Text != want {
		t.Errorf("got %q, want %q", res.Text, want)
	}
}

// TestNoBraces: a text without calls or inclusion tags comes back as it is.
func TestNoBraces(t *testing.T) {
	for _, s := range []string{"", "plain", "{ {x} }", "`{{`", "a}}b"} {
		res, err := transclude.Expand(context.Background(), "P", s, wiki, options())
		if err != nil || res.Text != s || res.Used != nil || res.Errors != nil {
			t.Errorf("Expand(%q) = %+v, %v", s, res, err)
		}
	}
}

// TestDeepNesting: calls left open and links nested deep, each holding a
// call, come out as text around the expanded calls (and in work linear in
// the text: nodes are not copied at each level).
func TestDeepNesting(t *testing.T) {
	const n = 10000
	for _, tc := range []struct{ in, want string }{
		{strings.Repeat("{{a|{{Hello}}", n), strings.Repeat("{{a|Hello", n)},
		{strings.Repeat("[[{{Hello}}", n) + strings.Repeat("]]", n), strings.Repeat("[[Hello", n) + strings.Repeat("]]", n)},
		{strings.Repeat("{{Greet|[[{{Hello}}|", n), strings.Repeat("{{Greet|[[Hello|", n)},
	} {
		res, err := transclude.Expand(context.Background(), "P", tc.in, wiki, options())
		if err != nil {
			t.Fatal(err)
		}
		if res.Text != tc.want {
			t.Errorf("Expand(%.40q…) = %.40q…", tc.in, res.Text)
		}
	}
}

// TestErrorsBounded: however many things go wrong, Result.Errors stays
// short, and so does each message.
func TestErrorsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		fmt.Fprintf(&b, "{{#nosuch%d:x}} {{bad%d<%s}}", i, i, strings.Repeat("x", 1000))
	}
	res, err := transclude.Expand(context.Background(), "P", b.String(), wiki, options())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 100 {
		t.Errorf("%d errors, want 100", len(res.Errors))
	}
	for _, e := range res.Errors {
		if len(e) > 400 {
			t.Fatalf("an error of %d bytes", len(e))
		}
	}
}
