package engine

import (
	"fmt"
	"strings"
)

// Token is one Mustache tag of a template source, as written.
type Token struct {
	Kind byte   // '!' comment, '#' '^' '/' sections, '>' partial, '&' raw variable ({{{x}}} or {{&x}}), 'v' variable
	Name string // the tag's name, trimmed
	Line int    // 1-based line of the tag's start
	Pos  int    // byte offset of "{{"
	End  int    // byte offset just after the closing braces
}

// Scan lists the tags of src, the source of file (named in errors). It
// knows only the default delimiters: a set-delimiter tag ({{=<% %>=}}) is
// an error, so that this scan, the partial expansion and every other
// Mustache parser reading the same text agree on what is a tag.
func Scan(file, src string) ([]Token, error) {
	var toks []Token
	for i := 0; ; {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			return toks, nil
		}
		t := Token{Pos: i + j, Line: 1 + strings.Count(src[:i+j], "\n")}
		body, end, err := tagBody(src, t.Pos)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, t.Line, err)
		}
		t.End = end
		if err := t.classify(body); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, t.Line, err)
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

func (t *Token) classify(body string) error {
	body = strings.TrimSpace(body)
	if body == "" {
		return fmt.Errorf("empty tag")
	}
	switch c := body[0]; c {
	case '{':
		t.Kind, t.Name = '&', strings.TrimSpace(body[1:])
	case '!', '#', '^', '/', '>', '&':
		t.Kind, t.Name = c, strings.TrimSpace(body[1:])
	case '=':
		return fmt.Errorf("set-delimiter tag {{%s}}: templates use the default delimiters", body)
	default:
		t.Kind, t.Name = 'v', body
	}
	return nil
}

// String returns the tag as a template author writes it.
func (t Token) String() string {
	switch t.Kind {
	case '&':
		return "{{{" + t.Name + "}}}"
	case 'v':
		return "{{" + t.Name + "}}"
	}
	return "{{" + string(t.Kind) + t.Name + "}}"
}
