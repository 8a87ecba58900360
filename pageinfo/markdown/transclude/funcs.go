package transclude

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// function expands {{#name:first|…}}. The built-in ones (if, ifeq,
// switch) expand only the arguments they need, as MediaWiki's
// ParserFunctions: the branch not taken transcludes nothing.
func (e *expander) function(f *Frame, n *node, name, first string, b *strings.Builder) error {
	first = strings.TrimSpace(first)
	args := n.parts[1:]
	var out string
	var err error
	switch name {
	case "if":
		out, err = e.fnIf(f, first, args)
	case "ifeq":
		out, err = e.fnIfeq(f, first, args)
	case "switch":
		out, err = e.fnSwitch(f, first, args)
	default:
		fn, ok := e.opts.Functions[name]
		if !ok {
			// Not a function: MediaWiki shows the call as written.
			e.report(errorf("Unknown parser function: #%s", name))
			b.WriteString(n.text)
			return nil
		}
		out, err = e.extension(f, fn, name, first, args)
	}
	if err != nil {
		return err
	}
	e.include(b, out)
	return nil
}

// arg i of args, whole (a '=' in it is text), expanded and trimmed; "" if
// there is none.
func (e *expander) argAt(f *Frame, args []part, i int) (string, error) {
	if i >= len(args) {
		return "", nil
	}
	return e.trimmed(f, args[i].nodes)
}

// {{#if: test | then | else}}: then when test is not blank.
func (e *expander) fnIf(f *Frame, test string, args []part) (string, error) {
	if test != "" {
		return e.argAt(f, args, 0)
	}
	return e.argAt(f, args, 1)
}

// {{#ifeq: a | b | then | else}}: then when a equals b, as numbers when
// both are numbers ("01" equals "1").
func (e *expander) fnIfeq(f *Frame, a string, args []part) (string, error) {
	bv, err := e.argAt(f, args, 0)
	if err != nil {
		return "", err
	}
	if equal(a, bv) {
		return e.argAt(f, args, 1)
	}
	return e.argAt(f, args, 2)
}

// {{#switch: v | a = x | b | c = y | #default = z}}: the value of the
// first case equal to v; cases without a value fall through to the next
// one with a value; the default is "#default = …", or a last case without
// '='.
func (e *expander) fnSwitch(f *Frame, v string, args []part) (string, error) {
	found, defaultNext := false, false
	var def *part
	for i := range args {
		p := &args[i]
		if p.eq < 0 {
			key, err := e.trimmed(f, p.nodes)
			if err != nil {
				return "", err
			}
			if i == len(args)-1 {
				return key, nil // a last value without '=' is the default
			}
			if equal(key, v) {
				found = true
			} else if key == "#default" {
				defaultNext = true
			}
			continue
		}
		key, err := e.trimmed(f, p.name())
		if err != nil {
			return "", err
		}
		if found || equal(key, v) {
			return e.trimmed(f, p.value())
		}
		if key == "#default" || defaultNext {
			def = p
			defaultNext = false
		}
	}
	if def != nil {
		return e.trimmed(f, def.value())
	}
	return "", nil
}

// equal compares as #ifeq and #switch do: as numbers when both are.
func equal(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

// extension calls a parser function of Options.Functions with all its
// arguments expanded and trimmed.
func (e *expander) extension(f *Frame, fn Func, name, first string, args []part) (string, error) {
	vals := make([]string, 0, 1+len(args))
	vals = append(vals, first)
	for i := range args {
		v, err := e.trimmed(f, args[i].nodes)
		if err != nil {
			return "", err
		}
		vals = append(vals, v)
	}
	out, err := fn(f, vals)
	if err != nil {
		if ctxErr := e.ctx.Err(); ctxErr != nil {
			return "", ctxErr
		}
		msg := fmt.Sprintf("#%s: %v", name, err)
		e.report(msg)
		return errorBox(escapeText(msg)), nil
	}
	return out, nil
}

// magic returns the value of a magic word: the page's names (escaped,
// so a title cannot write markup) and the CURRENT* time, which is the
// time of the expansion.
func (e *expander) magic(name string) (string, bool) {
	switch name {
	case "PAGENAME":
		_, rest := e.split(e.title)
		return escapeText(wikidoc.DisplayTitle(rest)), true
	case "FULLPAGENAME":
		return escapeText(wikidoc.DisplayTitle(e.title)), true
	case "NAMESPACE":
		ns, _ := e.split(e.title)
		return escapeText(wikidoc.DisplayTitle(ns)), true
	case "TALKPAGENAME":
		if e.opts.TalkTitle == nil {
			return "", true
		}
		t, ok := e.opts.TalkTitle(e.title)
		if !ok {
			return "", true
		}
		return escapeText(wikidoc.DisplayTitle(t)), true
	}
	now := e.opts.Now().UTC()
	switch name {
	case "CURRENTYEAR":
		return now.Format("2006"), true
	case "CURRENTMONTH":
		return now.Format("01"), true
	case "CURRENTDAY":
		return strconv.Itoa(now.Day()), true
	case "CURRENTTIMESTAMP":
		return now.Format("20060102150405"), true
	}
	return "", false
}

// escapeText escapes the characters of s that are markup in Markdown or
// HTML (\ ` * _ ~ [ ] { } < > | & and the ':' of "://") as numeric
// character references, which the renderer shows as the characters, as
// MediaWiki's wfEscapeWikiText does for the titles of magic words. So
// does a leading character that could start a block ("- ", "+ ", "1. ",
// "2) ").
func escapeText(s string) string {
	lead := 0 // the end of the leading digits
	for lead < len(s) && s[lead] >= '0' && s[lead] <= '9' {
		lead++
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte("\\`*_~[]{}<>|&", c) >= 0 ||
			c == ':' && strings.HasPrefix(s[i+1:], "//") ||
			i == 0 && (c == '-' || c == '+' || c == ' ' || c == '\t') ||
			i == lead && lead > 0 && (c == '.' || c == ')') {
			fmt.Fprintf(&b, "&#%d;", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
