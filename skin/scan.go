package skin

import (
	"fmt"
	"strings"
)

// token is one Mustache tag of a template source, as written.
type token struct {
	kind byte   // '!' comment, '#' '^' '/' sections, '>' partial, '&' raw variable, 'v' variable
	name string // the tag's name, trimmed
	line int    // 1-based line of the tag's start
	pos  int    // byte offset of "{{"
	end  int    // byte offset just after the closing braces
}

// scan lists the tags of src, the source of file. It knows only the default delimiters: a
// set-delimiter tag ({{=<% %>=}}) is an error, so that this scan, the
// partial expansion and cbroglie's parser always agree on what is a tag.
func scan(file, src string) ([]token, error) {
	var toks []token
	for i := 0; ; {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			return toks, nil
		}
		t := token{pos: i + j, line: 1 + strings.Count(src[:i+j], "\n")}
		body, end, err := tagBody(src, t.pos)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, t.line, err)
		}
		t.end = end
		if err := t.classify(body); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, t.line, err)
		}
		toks = append(toks, t)
		i = end
	}
}

// tagBody returns what is between the braces of the tag at pos, with the
// leading "{" of a triple mustache kept, and the offset after the tag.
func tagBody(src string, pos int) (string, int, error) {
	open, closing := 2, "}}"
	if strings.HasPrefix(src[pos:], "{{{") {
		open, closing = 2, "}}}"
	}
	k := strings.Index(src[pos+open:], closing)
	if k < 0 {
		return "", 0, fmt.Errorf("unclosed tag %.20q", src[pos:])
	}
	return src[pos+open : pos+open+k], pos + open + k + len(closing), nil
}

func (t *token) classify(body string) error {
	body = strings.TrimSpace(body)
	if body == "" {
		return fmt.Errorf("empty tag")
	}
	switch c := body[0]; c {
	case '{':
		t.kind, t.name = '&', strings.TrimSpace(body[1:])
	case '!', '#', '^', '/', '>', '&':
		t.kind, t.name = c, strings.TrimSpace(body[1:])
	case '=':
		return fmt.Errorf("set-delimiter tag {{%s}}: skins use the default delimiters", body)
	default:
		t.kind, t.name = 'v', body
	}
	return nil
}

// String returns the tag as a template author writes it.
func (t token) String() string {
	switch t.kind {
	case '&':
		return "{{{" + t.name + "}}}"
	case 'v':
		return "{{" + t.name + "}}"
	}
	return "{{" + string(t.kind) + t.name + "}}"
}

// isHTMLKey reports whether name ("html-x", or "data-y.html-x") names raw
// HTML by the contract's convention.
func isHTMLKey(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.HasPrefix(name, "html-")
}

// checkRaw enforces the escaping rule: html-* keys only in triple
// mustaches, and every other variable escaped.
func checkRaw(file string, toks []token) error {
	for _, t := range toks {
		switch {
		case t.kind == '&' && !isHTMLKey(t.name):
			return fmt.Errorf("%s:%d: %s renders %q unescaped: only html-* keys may be, use {{%s}}", file, t.line, t, t.name, t.name)
		case t.kind == 'v' && isHTMLKey(t.name):
			return fmt.Errorf("%s:%d: %s escapes HTML: html-* keys are HTML, use {{{%s}}}", file, t.line, t, t.name)
		}
	}
	return nil
}

// lineOf returns the line of the first tag of kind with name, or 0.
func lineOf(toks []token, kinds, name string) int {
	for _, t := range toks {
		if t.name == name && strings.IndexByte(kinds, t.kind) >= 0 {
			return t.line
		}
	}
	return 0
}
