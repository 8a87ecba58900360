package skin

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// A program is a skin's entry template (partials expanded) compiled against
// the Data type: every tag's name resolved, once, to the context it reads
// and the field path within it. It renders exactly what cbroglie renders
// for the same template and toMap(d) — the differential tests in
// program_test.go and specialize_test.go hold it to that, byte for byte —
// but reads Data through field indexes instead of building maps, and can be
// partially evaluated (specialize.go): a page view's template is evaluated
// once per revision, leaving only the reader's keys as holes.
//
// cbroglie stays the parser of record: Load checks every template with it
// first, and a template this compiler cannot follow exactly (dotted names,
// a key it cannot resolve) leaves the skin on cbroglie for every page.

// nodeKind is the kind of a template node.
type nodeKind uint8

const (
	textNode     nodeKind = iota // literal text
	varNode                      // {{name}}: escaped
	rawNode                      // {{{name}}} or {{&name}}
	sectionNode                  // {{#name}}…{{/name}}
	invertedNode                 // {{^name}}…{{/name}}
)

// node is one element of a parsed template.
type node struct {
	kind nodeKind
	text string // textNode: the text
	name string // tags: the name as written
	kids []*node
	ref  ref // tags: where name resolves (compile)
}

// ref is a resolved name: the field at path in the context up levels out
// from the innermost (0), or the innermost context itself (dot). A name
// no context has resolves to nothing (missing), as cbroglie renders it:
// nothing, and a false section.
type ref struct {
	up      int
	path    []int
	typ     reflect.Type // the value's type
	dot     bool
	missing bool
	user    bool // a field of the root Data's UserKeys: the reader's own
}

// newProgram parses and compiles src, an entry template with its
// partials expanded.
func newProgram(src string) ([]*node, error) {
	nodes, err := parseProgram(src)
	if err == nil {
		err = compileProgram(nodes)
	}
	if err != nil {
		return nil, fmt.Errorf("skin: template cannot be specialized: %w", err)
	}
	return nodes, nil
}

// parseProgram parses src (a template with partials expanded and default
// delimiters) following cbroglie's parser: the same text, standalone-line
// and whitespace rules.
func parseProgram(src string) ([]*node, error) {
	p := &parser{data: src}
	nodes, closed, err := p.parse("")
	if err != nil {
		return nil, err
	}
	if closed != "" {
		return nil, fmt.Errorf("unmatched closing tag {{/%s}}", closed)
	}
	return nodes, nil
}

type parser struct {
	data string
	p    int
}

// parse reads elements until the closing tag of section (or the end, for
// ""), returning them and the name of the closing tag met.
func (p *parser) parse(section string) (nodes []*node, closed string, err error) {
	for {
		text, padding, mayStandalone, eof := p.readText()
		if eof {
			if section != "" {
				return nil, "", fmt.Errorf("section {{#%s}} has no closing tag", section)
			}
			return append(nodes, &node{kind: textNode, text: text}), "", nil
		}
		nodes = append(nodes, &node{kind: textNode, text: text})
		tag, standalone, err := p.readTag(mayStandalone)
		if err != nil {
			return nil, "", err
		}
		if !standalone {
			nodes = append(nodes, &node{kind: textNode, text: padding})
		}
		switch tag[0] {
		case '!':
		case '#', '^':
			name := strings.TrimSpace(tag[1:])
			kids, end, err := p.parse(name)
			if err != nil {
				return nil, "", err
			}
			if end != name {
				return nil, "", fmt.Errorf("section {{#%s}} closed by {{/%s}}", name, end)
			}
			kind := sectionNode
			if tag[0] == '^' {
				kind = invertedNode
			}
			nodes = append(nodes, &node{kind: kind, name: name, kids: kids})
		case '/':
			name := strings.TrimSpace(tag[1:])
			if section == "" {
				return nil, "", fmt.Errorf("unmatched closing tag {{/%s}}", name)
			}
			return nodes, name, nil
		case '>', '=':
			return nil, "", fmt.Errorf("tag {{%s}}: partials must be expanded and delimiters are fixed", tag)
		case '{':
			if tag[len(tag)-1] == '}' {
				nodes = append(nodes, &node{kind: rawNode, name: strings.TrimSpace(tag[1 : len(tag)-1])})
			}
		case '&':
			nodes = append(nodes, &node{kind: rawNode, name: strings.TrimSpace(tag[1:])})
		default:
			nodes = append(nodes, &node{kind: varNode, name: tag})
		}
	}
}

// readText reads up to the next "{{". Text that ends a line's leading
// whitespace before a tag is returned apart, as padding, since a
// standalone tag's line disappears.
func (p *parser) readText() (text, padding string, mayStandalone, eof bool) {
	start := p.p
	k := strings.Index(p.data[start:], "{{")
	if k < 0 {
		p.p = len(p.data)
		return p.data[start:], "", false, true
	}
	tagAt := start + k
	p.p = tagAt + 2
	i := tagAt
	for ; i > start; i-- {
		if c := p.data[i-1]; c != ' ' && c != '\t' {
			break
		}
	}
	if i == 0 || p.data[i-1] == '\n' {
		return p.data[start:i], p.data[i:tagAt], true, false
	}
	return p.data[start:tagAt], "", false, false
}

// readTag reads a tag's body after its "{{" and, for a standalone tag of
// a kind that may be, swallows the rest of its line.
func (p *parser) readTag(mayStandalone bool) (tag string, standalone bool, err error) {
	closing := "}}"
	if p.p < len(p.data) && p.data[p.p] == '{' {
		closing = "}}}"
	}
	k := strings.Index(p.data[p.p:], closing)
	if k < 0 {
		return "", false, errors.New("unclosed tag")
	}
	body := p.data[p.p : p.p+k+len(closing)-2]
	p.p += k + len(closing)
	tag = strings.TrimSpace(body)
	if tag == "" {
		return "", false, errors.New("empty tag")
	}
	eow := p.p
	for i := p.p; i < len(p.data); i++ {
		if c := p.data[i]; c != ' ' && c != '\t' {
			eow = i
			break
		}
	}
	standalone = true
	if mayStandalone {
		switch {
		case !strings.Contains("#^/<>=!", tag[:1]):
			standalone = false
		case eow == len(p.data):
			p.p = eow
		case p.data[eow] == '\n':
			p.p = eow + 1
		case eow+1 < len(p.data) && p.data[eow] == '\r' && p.data[eow+1] == '\n':
			p.p = eow + 2
		default:
			standalone = false
		}
	}
	return tag, standalone, nil
}

// compileProgram resolves every name of nodes against the Data type, as
// cbroglie would look it up in toMap's maps: innermost context first, a
// context without the key passed over. Every key of toMap's maps is always
// present, so where a name resolves depends on types only.
func compileProgram(nodes []*node) error {
	return resolveAll(nodes, []reflect.Type{dataType})
}

var (
	dataType     = reflect.TypeFor[Data]()
	userKeysType = reflect.TypeFor[UserKeys]()
	userKeysPath = func() []int {
		f, _ := dataType.FieldByName("UserKeys")
		return f.Index
	}()
)

func resolveAll(nodes []*node, frames []reflect.Type) error {
	for _, n := range nodes {
		if n.kind == textNode {
			continue
		}
		r, err := resolve(frames, n.name)
		if err != nil {
			return err
		}
		n.ref = r
		if n.kind == varNode || n.kind == rawNode {
			if !r.missing && !isScalar(r.typ) {
				return fmt.Errorf("{{%s}} is not a scalar", n.name)
			}
			continue
		}
		inner := frames[len(frames)-1] // an inverted section repeats the context
		if n.kind == sectionNode {
			inner = r.typ
			if r.missing {
				inner = nil // never rendered
			} else if inner.Kind() == reflect.Slice {
				inner = inner.Elem()
			}
		}
		if inner == nil {
			continue
		}
		if err := resolveAll(n.kids, append(frames[:len(frames):len(frames)], inner)); err != nil {
			return err
		}
	}
	return nil
}

// resolve finds name in frames (outermost first).
func resolve(frames []reflect.Type, name string) (ref, error) {
	if name == "." {
		return ref{dot: true, typ: frames[len(frames)-1]}, nil // checked as a variable
	}
	if strings.Contains(name, ".") {
		return ref{}, fmt.Errorf("dotted name %q", name)
	}
	for up := 0; up < len(frames); up++ {
		t := frames[len(frames)-1-up]
		if t.Kind() != reflect.Struct {
			continue
		}
		path, ft, ok := fieldPath(t, name)
		if !ok {
			continue
		}
		r := ref{up: up, path: path, typ: ft}
		if t == dataType && hasPrefix(path, userKeysPath) { // the root, or a repeat of it (inverted sections)
			r.user, r.path = true, path[len(userKeysPath):]
		}
		return r, nil
	}
	return ref{missing: true}, nil
}

func hasPrefix(path, prefix []int) bool {
	return len(path) > len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// fieldPath finds the field of struct t whose json key is key, through
// embedded structs as toMap flattens them.
func fieldPath(t reflect.Type, key string) ([]int, reflect.Type, bool) {
	for _, f := range fieldsOf(t).fields {
		sf := t.Field(f.index)
		if f.embedded {
			if p, ft, ok := fieldPath(sf.Type, key); ok {
				return append([]int{f.index}, p...), ft, true
			}
			continue
		}
		if f.key == key {
			return []int{f.index}, sf.Type, true
		}
	}
	return nil, nil, false
}

// isScalar reports whether t renders as text: a string, a bool or an int.
func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
		return true
	}
	return false
}
