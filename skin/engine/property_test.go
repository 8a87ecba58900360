package engine

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestPropertyGenerated: for generated templates and data, specialize then
// fill equals cbroglie's whole render (and so does Program.Render). The
// generator draws from Mustache's grammar — text with newlines and
// spaces, escaped and raw variables, sections and inverted sections
// (nested, standalone or inline), comments, {{.}} — over the keys of the
// test root, hole keys, keys of list items and names nothing has; the data
// from values that stress escaping and truth (blank strings, zero, empty
// lists, NUL).
func TestPropertyGenerated(t *testing.T) {
	const cases = 3000
	seed := uint64(20261206)
	r := rand.New(rand.NewPCG(seed, seed))
	compiled := 0
	for i := range cases {
		src := genTemplate(r, 3, false)
		d := genData(r)
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("case %d (seed %d): template %q: %v", i, seed, src, p)
				}
			}()
			if check(t, src, d) {
				compiled++
			}
		}()
	}
	t.Logf("%d generated templates, %d compiled and matched cbroglie", cases, compiled)
	if compiled < cases*3/4 {
		t.Errorf("only %d of %d generated templates compiled: the generator drifted from what the engine accepts", compiled, cases)
	}
}

// scalarKeys and listKeys are the names generated tags use: the root's,
// the holes', an item's, and one that nothing has.
var (
	scalarKeys = []string{"title", "html-body", "blank", "count", "rev", "is-flag", "user-name", "is-anon", "csrf-token", "user-edits", "text", "href", "is-on", "n", "nope", "msg-save", "msg-none"}
	listKeys   = []string{"data-items", "data-tags", "data-empty", "data-obj", "data-groups", "data-personal"}
	texts      = []string{"a", " ", "\n", "  ", "\r\n", "<p>", "&", "x y", "\t", "}", "{"}
)

// genTemplate returns a template of up to a few elements, nesting up to
// depth sections; with dot, the context is a scalar, which {{.}} shows.
func genTemplate(r *rand.Rand, depth int, dot bool) string {
	var b strings.Builder
	for range r.IntN(5) + 1 {
		switch k := r.IntN(10); {
		case k < 3:
			b.WriteString(texts[r.IntN(len(texts))])
		case k < 6:
			name := scalarKeys[r.IntN(len(scalarKeys))]
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "{{{%s}}}", name)
			case 1:
				fmt.Fprintf(&b, "{{& %s }}", name)
			default:
				fmt.Fprintf(&b, "{{%s}}", name)
			}
		case k < 9 && depth > 0:
			genSection(&b, r, depth, dot)
		case k == 9 && dot:
			b.WriteString("{{.}}")
		case k == 9:
			b.WriteString([]string{"{{! note }}", "\n{{! line }}\n"}[r.IntN(2)])
		}
	}
	return b.String()
}

// genSection writes a section or an inverted section, standalone on its
// lines or inline; dot tells whether the context is a scalar.
func genSection(b *strings.Builder, r *rand.Rand, depth int, dot bool) {
	var name string
	if r.IntN(2) == 0 {
		name = listKeys[r.IntN(len(listKeys))]
	} else {
		name = scalarKeys[r.IntN(len(scalarKeys))]
	}
	sigil := "#"
	if r.IntN(3) == 0 {
		sigil = "^"
	}
	open, close := "{{"+sigil+name+"}}", "{{/"+name+"}}"
	if sigil == "#" { // the section's context: a scalar, an item of a list of strings, or an object
		dot = slices.Contains(scalarKeys, name) || name == "data-tags" || name == "data-groups"
	}
	body := genTemplate(r, depth-1, dot)
	if r.IntN(2) == 0 { // standalone: each tag alone on its line, indented
		indent := []string{"", "  ", "\t"}[r.IntN(3)]
		fmt.Fprintf(b, "\n%s%s\n%s\n%s%s\n", indent, open, body, indent, close)
		return
	}
	b.WriteString(open + body + close)
}

// genData returns a root with random values.
func genData(r *rand.Rand) *root {
	str := func() string {
		return []string{"", " ", "plain", `<b>"q"</b> & 'a'`, "\x00", "é/`=", "  x  "}[r.IntN(7)]
	}
	it := func() item { return item{Text: str(), Href: str(), On: r.IntN(2) == 0, N: r.IntN(3), Title: str()} }
	items := func() []item {
		out := make([]item, r.IntN(3))
		for i := range out {
			out[i] = it()
		}
		return out
	}
	strs := func() []string {
		out := make([]string, r.IntN(3))
		for i := range out {
			out[i] = str()
		}
		return out
	}
	return &root{
		Title: str(), HTML: str(), Blank: str(), Count: r.IntN(3), Rev: int64(r.IntN(3)), Flag: r.IntN(2) == 0,
		Items: items(), Tags: strs(), Empty: items(), Obj: it(),
		Msgs:   map[string]string{"msg-save": str()},
		Reader: Reader{Name: str(), Anon: r.IntN(2) == 0, Token: str(), Edits: r.IntN(3), Groups: strs(), Personal: items()},
	}
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
