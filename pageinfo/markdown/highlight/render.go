package highlight

import (
	"bytes"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, render)
}

func render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := Language(n, src)
	code := code(n, src)
	j := jobOf(n, lang, code)
	if a := asideOf(n); a != nil && !bytes.ContainsAny(code, "\r\x00") {
		a.blocks = append(a.blocks, asideBlock{lang: lang, code: code, job: j})
		_, _ = w.WriteString(a.Placeholder(len(a.blocks) - 1))
		return ast.WalkSkipChildren, nil
	}
	writeBlock(w, lang, code, j)
	return ast.WalkSkipChildren, nil
}

// writeBlock writes the markup of a fenced code block in lang, taking its
// markup from j if Ahead made a job for it.
func writeBlock(w util.BufWriter, lang string, code []byte, j *job) {
	switch kind, l := Classify(lang, len(code)); kind {
	case Mermaid:
		writePre(w, "mermaid", code)
	case Math:
		writePre(w, "math", code)
	case Chroma:
		if j != nil {
			_, _ = w.Write(j.result())
			break
		}
		writeHighlighted(w, lang, l, code)
	default:
		writePlain(w, lang, code)
	}
}

// writeHighlighted writes a block highlighted by l, or plain if the lexer
// fails.
func writeHighlighted(w util.BufWriter, lang string, l chroma.Lexer, code []byte) {
	if tokens, ok := tokenize(l, code); ok {
		writeChroma(w, lang, tokens)
		return
	}
	writePlain(w, lang, code)
}

// code returns the block's text.
func code(n ast.Node, src []byte) []byte {
	lines := n.Lines()
	if lines.Len() == 1 {
		seg := lines.At(0)
		return seg.Value(src)
	}
	b := make([]byte, 0, Size(n, src))
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// maxEmptyTokens is how many empty tokens a lexer may yield for one
// block. Every other token holds at least a byte of the code; a lexer that
// yields empty ones without end (chroma v2.27's JSONata and Jungle do, on
// ordinary text) is stopped there and the block shown plain. chroma's own
// Coalesce would follow them for ever, inside one call: tokenize does its
// work (drop empty tokens, join runs of one type up to 8 KB) itself.
const maxEmptyTokens = 256

// tokenize runs the lexer, reporting false if it fails, panics or loops.
func tokenize(l chroma.Lexer, code []byte) (tokens []chroma.Token, ok bool) {
	defer func() {
		if recover() != nil {
			tokens, ok = nil, false
		}
	}()
	it, err := l.Tokenise(nil, string(code))
	if err != nil {
		return nil, false
	}
	empty := 0
	for t := it(); t != chroma.EOF; t = it() {
		switch n := len(tokens); {
		case t.Value == "":
			if empty++; empty > maxEmptyTokens {
				return nil, false
			}
		case n > 0 && tokens[n-1].Type == t.Type && len(tokens[n-1].Value) < 8192:
			tokens[n-1].Value += t.Value
		default:
			tokens = append(tokens, t)
		}
	}
	return tokens, true
}

func writePre(w util.BufWriter, class string, code []byte) {
	_, _ = w.WriteString(`<pre class="` + class + `">`)
	escape(w, code)
	_, _ = w.WriteString("</pre>\n")
}

func writePlain(w util.BufWriter, lang string, code []byte) {
	_, _ = w.WriteString("<pre")
	writeLangClass(w, "", lang)
	writeCodeRegion(w, lang)
	_, _ = w.WriteString("><code>")
	escape(w, code)
	_, _ = w.WriteString("</code></pre>\n")
}

func writeChroma(w util.BufWriter, lang string, tokens []chroma.Token) {
	_, _ = w.WriteString(`<pre`)
	writeLangClass(w, "chroma", lang)
	writeCodeRegion(w, lang)
	_, _ = w.WriteString("><code>")
	for _, t := range tokens {
		cls := class(t.Type)
		if t.Type == chroma.TextWhitespace {
			cls = "" // no theme colours spaces; a span each would double the markup
		}
		if cls != "" {
			_, _ = w.WriteString(`<span class="`)
			_, _ = w.WriteString(cls)
			_, _ = w.WriteString(`">`)
		}
		escapeString(w, t.Value)
		if cls != "" {
			_, _ = w.WriteString("</span>")
		}
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// writeCodeRegion makes a code block's <pre> reachable by keyboard: a long
// line scrolls inside the block, and a keyboard user must be able to
// focus it to scroll (WCAG 2.1.1; axe's scrollable-region-focusable). A
// focusable element needs a name, which a region may carry: "Code", or
// "Code: go" when the language is a safe class name.
func writeCodeRegion(w util.BufWriter, lang string) {
	label := "Code"
	if SafeClass(lang) {
		label += ": " + lang
	}
	_, _ = w.WriteString(` tabindex="0" role="region" aria-label="` + label + `"`)
}

// writeLangClass writes the class attribute of a block's <pre>: class
// (may be "") and "language-X" when lang is a safe class name. The
// language goes on the <pre>, not on the <code> as CommonMark suggests:
// code is an HTML formatting element, which the sanitizer keeps bare (see
// package markdown's policy).
func writeLangClass(w util.BufWriter, class, lang string) {
	if SafeClass(lang) {
		if class != "" {
			class += " "
		}
		class += "language-" + lang
	}
	if class != "" {
		_, _ = w.WriteString(` class="` + class + `"`)
	}
}

// SafeClass reports whether s is 1–32 bytes of ASCII letters, digits and
// "_+#.-", which can stand in a class attribute as is.
func SafeClass(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '+' || c == '#' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// class returns chroma's CSS class of a token type, or of its nearest
// parent type that has one.
func class(t chroma.TokenType) string {
	for {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		if t == 0 {
			return ""
		}
		t = t.Parent()
	}
}

// escapeString writes s with &, <, >, " and ' escaped, as escape.
func escapeString(w util.BufWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		esc := escapes[s[i]]
		if esc == "" {
			continue
		}
		_, _ = w.WriteString(s[last:i])
		_, _ = w.WriteString(esc)
		last = i + 1
	}
	_, _ = w.WriteString(s[last:])
}

// escapes are the entities escape writes.
var escapes = [256]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\'': "&#39;"}

// escape writes b with &, <, >, " and ' escaped.
func escape(w util.BufWriter, b []byte) {
	last := 0
	for i, c := range b {
		var esc string
		switch c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		_, _ = w.Write(b[last:i])
		_, _ = w.WriteString(esc)
		last = i + 1
	}
	_, _ = w.Write(b[last:])
}
