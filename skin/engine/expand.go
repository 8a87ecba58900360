package engine

import (
	"fmt"
	"slices"
	"strings"
)

// expand returns the source of template name with every partial tag
// replaced by the partial's expanded source. A partial tag alone on its
// line replaces the line, its indentation prefixed to each line of the
// partial, as the Mustache spec renders standalone partials.
func expand(name string, templates map[string]string, stack []string) (string, error) {
	if slices.Contains(stack, name) {
		return "", fmt.Errorf("partial %q includes itself", name)
	}
	stack = append(stack, name)
	src, ok := templates[name]
	if !ok {
		return "", fmt.Errorf("no template %q", name)
	}
	toks, err := Scan(name, src)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if t.Kind != '>' {
			continue
		}
		inner, err := expand(t.Name, templates, stack)
		if err != nil {
			return "", err
		}
		start, end, indent := standalone(src, t.Pos, t.End)
		b.WriteString(src[last:start])
		if indent != "" {
			inner = indentLines(inner, indent)
		}
		b.WriteString(inner)
		last = end
	}
	b.WriteString(src[last:])
	return b.String(), nil
}

// standalone returns the span a partial tag at [pos, end) replaces: the
// whole line, and its indentation, when the tag is alone on it; the tag
// itself otherwise.
func standalone(src string, pos, end int) (start, stop int, indent string) {
	ls := strings.LastIndexByte(src[:pos], '\n') + 1
	if strings.Trim(src[ls:pos], " \t") != "" {
		return pos, end, ""
	}
	rest := src[end:]
	trimmed := strings.TrimLeft(rest, " \t")
	switch {
	case trimmed == "":
		return ls, len(src), src[ls:pos]
	case strings.HasPrefix(trimmed, "\n"):
		return ls, len(src) - len(trimmed) + 1, src[ls:pos]
	case strings.HasPrefix(trimmed, "\r\n"):
		return ls, len(src) - len(trimmed) + 2, src[ls:pos]
	}
	return pos, end, ""
}

// indentLines prefixes every non-empty line of s with indent.
func indentLines(s, indent string) string {
	var b strings.Builder
	for l := range strings.Lines(s) {
		if l != "\n" && l != "\r\n" {
			b.WriteString(indent)
		}
		b.WriteString(l)
	}
	return b.String()
}
