package engine

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cbroglie/mustache"
)

// The engine's contract: for any template and data, Program.Render and
// Specialize then Fill write what cbroglie writes for the same template
// over Map(data), byte for byte. These tests hold it to that on seeds of
// Mustache's corners, generated templates and data (property_test.go) and
// fuzzed ones, over a root type shaped like a skin's data: scalars, lists
// of objects and of strings, an object, and embedded hole keys.

type root struct {
	Title  string   `json:"title"`
	HTML   string   `json:"html-body"`
	Blank  string   `json:"blank"`
	Count  int      `json:"count"`
	Rev    int64    `json:"rev"`
	Flag   bool     `json:"is-flag"`
	Items  []item   `json:"data-items"`
	Tags   []string `json:"data-tags"`
	Empty  []item   `json:"data-empty"`
	Obj    item     `json:"data-obj"`
	Hidden string   `json:"-"`
	// Msgs is inline: its entries are keys of the root ("msg-save").
	Msgs map[string]string `json:"-" mustache:"msg-"`
	Reader
}

type item struct {
	Text  string `json:"text"`
	Href  string `json:"href"`
	On    bool   `json:"is-on"`
	N     int    `json:"n"`
	Title string `json:"title"` // shadows the root's
}

// Reader is the hole keys: a reader's own.
type Reader struct {
	Name     string   `json:"user-name"`
	Anon     bool     `json:"is-anon"`
	Token    string   `json:"csrf-token"`
	Edits    int      `json:"user-edits"`
	Groups   []string `json:"data-groups"`
	Personal []item   `json:"data-personal"`
}

func sample() *root {
	return &root{
		Title: `Cats "&" <dogs> 'co'`, HTML: "<p>Body & <b>bold</b></p>" + strings.Repeat("x", bigText), Blank: "   ",
		Count: 0, Rev: 42, Flag: true,
		Items: []item{{Text: "A <1>", Href: "/a?x=1&y=2", On: true, N: 1, Title: "inner"}, {Text: "B", Href: "/b"}},
		Tags:  []string{"x&y", "z"}, Obj: item{Text: "obj\x00", Href: "/o"},
		Msgs: map[string]string{"msg-save": "Save & <go>", "msg-blank": " "},
		Reader: Reader{Name: "Alice <admin>", Token: "tok'en", Edits: 3, Groups: []string{"sysop", "a<b"},
			Personal: []item{{Text: "Prefs", Href: "/-/prefs", On: true}}},
	}
}

func anon() *root {
	d := sample()
	d.Reader = Reader{Anon: true}
	return d
}

// cbroglieRender renders src over d with cbroglie; false if it refuses src.
func cbroglieRender(t testing.TB, src string, d *root) (string, bool) {
	tmpl, err := mustache.ParseString(src)
	if err != nil {
		return "", false
	}
	var b bytes.Buffer
	if err := tmpl.FRender(&b, Map(d)); err != nil {
		t.Fatalf("cbroglie render: %v", err)
	}
	return b.String(), true
}

// check compares, for src over d: cbroglie, the program, and the
// specialization of d without its hole keys filled from d's. It reports
// whether the engine compiled src.
func check(t testing.TB, src string, d *root) bool {
	t.Helper()
	want, ok := cbroglieRender(t, src, d)
	if !ok {
		return false
	}
	tmpl, err := ParseString(src)
	if err != nil {
		return false
	}
	p, err := tmpl.Compile(typeOfRoot, "Reader")
	if err != nil {
		return false // refused: the caller stays on cbroglie
	}
	var b bytes.Buffer
	p.Render(&b, d)
	if got := b.String(); got != want {
		t.Fatalf("program renders differently from cbroglie\ntemplate: %q\ncbroglie: %q\nprogram:  %q", src, want, got)
	}
	static := *d
	static.Reader = Reader{}
	sp := p.Specialize(&static)
	var frags Fragments
	for _, f := range []*Fragments{nil, &frags} {
		for range 2 { // the second time with the fragments kept
			b.Reset()
			sp.Fill(&b, &d.Reader, f)
			if got := b.String(); got != want {
				t.Fatalf("specialized program renders differently from cbroglie\ntemplate: %q\ncbroglie: %q\nfilled:   %q", src, want, got)
			}
		}
	}
	// Its segments, alternating finished text and holes, write the same
	// bytes one after the other.
	b.Reset()
	segs := sp.Segments()
	for i := range segs {
		if i > 0 && segs[i].Static() == segs[i-1].Static() {
			t.Fatalf("segments %d and %d are both static=%v\ntemplate: %q", i-1, i, segs[i].Static(), src)
		}
		sp.FillSegment(&b, &segs[i], &d.Reader, &frags)
	}
	if got := b.String(); got != want {
		t.Fatalf("segments render differently from cbroglie\ntemplate: %q\ncbroglie: %q\nsegments: %q", src, want, got)
	}
	return true
}

var typeOfRoot = typeOf[root]()

// templateSeeds are the corners of cbroglie's parser and Mustache's
// rules: standalone lines (LF, CRLF, at the end), triple and & tags,
// inverted and nested sections, {{.}}, blank strings, comments, names
// that shadow outer ones, hole keys inside page lists and page keys
// inside hole lists.
var templateSeeds = []string{
	"plain text",
	"{{title}}|{{{html-body}}}|{{&title}}",
	"a\n  {{#data-items}}\n  <li>{{text}}</li>\n  {{/data-items}}\nb",
	"a\r\n{{#is-anon}}\r\nanon\r\n{{/is-anon}}\r\nb",
	"{{#is-flag}}  \n{{user-name}}\n{{/is-flag}}  ",
	"{{^is-anon}}{{user-name}}{{/is-anon}}{{^data-empty}}none{{/data-empty}}",
	"{{#data-groups}}[{{.}}]{{/data-groups}}{{#data-tags}}<{{.}}>{{/data-tags}}",
	"{{#blank}}has{{/blank}}{{^blank}}blank{{/blank}}",
	"{{#count}}n{{/count}}{{^count}}zero{{/count}}{{#user-edits}}{{user-edits}}{{/user-edits}}",
	"{{! a comment }}x {{ title }} {{#data-personal}}{{#href}}{{href}}:{{/href}}{{text}} {{user-name}}{{/data-personal}}",
	"{{#data-items}}{{#is-on}}*{{/is-on}}{{text}}{{title}}{{#is-anon}}-{{csrf-token}}{{/is-anon}}{{/data-items}}",
	"{{#is-anon}}{{.}}{{/is-anon}}{{#user-name}}{{.}}{{/user-name}}",
	"{{#data-items}}{{#user-name}}{{text}}={{.}}{{/user-name}}{{/data-items}}",
	"{{nope}}{{#nope}}x{{/nope}}{{^nope}}y{{/nope}}{{rev}}{{is-flag}}{{count}}",
	"  {{#is-anon}}  \nx\n  {{/is-anon}}",
	"{{#data-items}}{{^is-anon}}{{n}} {{user-name}}{{/is-anon}}{{/data-items}}",
	"{{#data-personal}}{{title}}{{/data-personal}}{{#data-obj}}{{text}}{{href}}{{/data-obj}}",
	"{{msg-save}}|{{{msg-save}}}|{{msg-none}}|{{#msg-blank}}b{{/msg-blank}}{{^msg-none}}n{{/msg-none}}",
	"{{#data-items}}{{msg-save}}{{/data-items}}{{^is-anon}}{{msg-save}} {{user-name}}{{/is-anon}}{{#data-personal}}{{text}}{{msg-save}}{{/data-personal}}",
}

func TestSeeds(t *testing.T) {
	for _, src := range templateSeeds {
		for _, d := range []*root{sample(), anon()} {
			if !check(t, src, d) {
				t.Errorf("seed %q was not compiled", src)
			}
		}
	}
}

func FuzzProgram(f *testing.F) {
	for _, s := range templateSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, anonymous bool) {
		if len(src) > 4096 || strings.Contains(src, "{{>") || strings.Contains(src, "{{=") {
			return
		}
		d := sample()
		if anonymous {
			d = anon()
		}
		check(t, src, d)
	})
}

// TestRefuses: what the engine cannot follow exactly is refused, so that
// its caller stays on cbroglie rather than render differently.
func TestRefuses(t *testing.T) {
	for _, src := range []string{
		"{{data-items}}",                      // a list as text
		"{{#data-items}}{{.}}{{/data-items}}", // an object as text
		"{{data-items.text}}",                 // dotted names
		"{{#a}}x",                             // unclosed
		"{{/a}}",                              // unopened
		"{{#a}}{{/b}}",                        // mismatched
		"{{> head}}",                          // a partial that does not exist
		"{{=<% %>=}}",                         // other delimiters
	} {
		tmpl, err := ParseString(src)
		if err == nil {
			_, err = tmpl.Compile(typeOfRoot, "Reader")
		}
		if err == nil {
			t.Errorf("%q compiled", src)
		}
	}
}

// TestCompileNeedsHoles: the hole keys are a struct field of the root.
func TestCompileNeedsHoles(t *testing.T) {
	tmpl, err := ParseString("x")
	if err != nil {
		t.Fatal(err)
	}
	for _, holes := range []string{"Nope", "Title"} {
		if _, err := tmpl.Compile(typeOfRoot, holes); err == nil {
			t.Errorf("holes %q accepted", holes)
		}
	}
	if _, err := tmpl.Compile(typeOf[string](), "Reader"); err == nil {
		t.Error("a string root accepted")
	}
}

// TestParseExpandsPartials: standalone partials take their line and its
// indentation; inline ones stay inline; a cycle is refused.
func TestParseExpandsPartials(t *testing.T) {
	tmpl, err := Parse("page", map[string]string{
		"page":   "<ul>\n  {{> item}}\n</ul>{{>inline}}",
		"item":   "<li>{{title}}</li>\n<li>2</li>\n",
		"inline": "[{{count}}]",
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<ul>\n  <li>{{title}}</li>\n  <li>2</li>\n</ul>[{{count}}]"; tmpl.Source() != want {
		t.Errorf("source %q, want %q", tmpl.Source(), want)
	}
	if _, err := Parse("a", map[string]string{"a": "{{>b}}", "b": "{{>a}}"}); err == nil {
		t.Error("a cycle of partials parsed")
	}
}
