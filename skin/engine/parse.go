package engine

import (
	"errors"
	"fmt"
	"strings"
)

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
	ref  ref // tags: where name resolves (set on a Program's copy)
}

// Template is a template set parsed once: an entry template with its
// partials expanded.
type Template struct {
	src   string
	nodes []*node
}

// Parse expands the partials of the template entry, from templates (its
// sources by name: {{> name}} is templates[name]), and parses the result
// once, following the parser of cbroglie and mustache.js: the same text,
// standalone-line and whitespace rules. It knows only the default
// delimiters and refuses a partial that includes itself.
func Parse(entry string, templates map[string]string) (*Template, error) {
	src, err := expand(entry, templates, nil)
	if err != nil {
		return nil, fmt.Errorf("engine: expand partials: %w", err)
	}
	nodes, err := parse(src)
	if err != nil {
		return nil, fmt.Errorf("engine: parse %s: %w", entry, err)
	}
	return &Template{src: src, nodes: nodes}, nil
}

// ParseString parses src, a template without partials.
func ParseString(src string) (*Template, error) {
	return Parse("template", map[string]string{"template": src})
}

// Source returns the template's text with its partials expanded: what
// another engine parses to render the same template.
func (t *Template) Source() string { return t.src }

// parse parses src (partials expanded, default delimiters).
func parse(src string) ([]*node, error) {
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
