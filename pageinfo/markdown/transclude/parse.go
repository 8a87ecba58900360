package transclude

import "strings"

// The preprocessor turns a source into a tree of text, template calls
// ({{…}}) and parameters ({{{…}}}), as MediaWiki's Preprocessor_Hash: a
// run of opening braces is matched with the closing run that follows,
// three at a time for a parameter, else two for a call, and what is left
// of a run stays open for the next closing run ("{{{{{x}}}}}" is a call
// whose name is the parameter x). '|' separates the parts of a call and
// the first '=' of a part (not the first) names it. Inside "[[…]]" neither
// is special, so a link's pipe stays in its argument. What never closes is
// text, as written. Code regions and HTML comments are text.

type nodeKind uint8

const (
	textNode  nodeKind = iota
	callNode           // {{…}}
	paramNode          // {{{…}}}
	groupNode          // "[[…]]": text around other nodes, parts[0]
)

// node is one piece of a parsed source.
type node struct {
	kind  nodeKind
	text  string // a text node's text; a call's or parameter's source
	parts []part // a call's title and arguments, a parameter's name and default
	// off and end are the text node's range in the source, when it is a
	// slice of it (end > 0), so that adjacent text merges without copying.
	off, end int
}

// part is one '|'-separated part of a call or parameter: its nodes, the
// index of the text node "=" that names it, or -1, and the offset of the
// '|' before it (the first part has none).
type part struct {
	nodes []node
	eq    int
	pipe  int
}

// name and value split a named part at its '='.
func (p part) name() []node  { return p.nodes[:p.eq] }
func (p part) value() []node { return p.nodes[p.eq+1:] }

// piece is an open run of braces or brackets on the parser's stack.
type piece struct {
	open  byte // '{' or '['
	count int  // unmatched opening characters
	start int  // offset of the first of them
	parts []part
	cur   part
}

type parser struct {
	src   string
	stack []*piece
	root  []node
}

// parse builds the tree of src, whose code regions are rs.
func parse(src string, rs []span) []node {
	p := &parser{src: src}
	r := 0
	for i := 0; i < len(src); {
		for r < len(rs) && rs[r].end <= i {
			r++
		}
		if r < len(rs) && rs[r].start <= i {
			p.slice(i, rs[r].end)
			i = rs[r].end
			continue
		}
		limit := len(src)
		if r < len(rs) {
			limit = rs[r].start
		}
		i = p.step(i, limit)
	}
	p.unwind()
	return p.root
}

// step consumes what starts at src[i], up to limit, and returns where to
// go on.
func (p *parser) step(i, limit int) int {
	src := p.src
	c := src[i]
	switch c {
	case '{', '[':
		n := run(src, i, limit, c)
		if n < 2 {
			p.slice(i, i+n)
			return i + n
		}
		p.stack = append(p.stack, &piece{open: c, count: n, start: i, cur: part{eq: -1}})
		return i + n
	case '}', ']':
		// Close pieces with the run while they match (one scan of the
		// run, however many pieces it closes); the rest is text.
		n := run(src, i, limit, c)
		k := 0
		for k < n {
			top := p.top()
			if top == nil || top.open != opening(c) {
				break
			}
			m := min(n-k, top.count, 3)
			if top.open == '[' {
				m = min(m, 2)
			}
			if m < 2 {
				break
			}
			p.close(m, i+k+m)
			k += m
		}
		p.slice(i+k, i+n)
		return i + n
	case '|':
		if top := p.top(); top != nil && top.open == '{' {
			top.parts = append(top.parts, top.cur)
			top.cur = part{eq: -1, pipe: i}
			return i + 1
		}
	case '=':
		if top := p.top(); top != nil && top.open == '{' && len(top.parts) > 0 && top.cur.eq < 0 {
			top.cur.eq = len(top.cur.nodes)
			top.cur.nodes = append(top.cur.nodes, node{text: "=", off: i, end: i + 1})
			return i + 1
		}
	case '<':
		if strings.HasPrefix(src[i:], "<!--") {
			e := strings.Index(src[i+4:], "-->")
			if e < 0 {
				p.slice(i, len(src))
				return len(src)
			}
			p.slice(i, i+4+e+3)
			return i + 4 + e + 3
		}
	}
	// Plain text up to the next special character.
	j := i + 1
	for j < limit && !special(src[j]) {
		j++
	}
	p.slice(i, j)
	return j
}

func special(c byte) bool {
	switch c {
	case '{', '}', '[', ']', '|', '=', '<':
		return true
	}
	return false
}

func opening(c byte) byte {
	if c == '}' {
		return '{'
	}
	return '['
}

// run is the number of c at src[i:limit].
func run(src string, i, limit int, c byte) int {
	j := i
	for j < limit && src[j] == c {
		j++
	}
	return j - i
}

func (p *parser) top() *piece {
	if len(p.stack) == 0 {
		return nil
	}
	return p.stack[len(p.stack)-1]
}

// accum is the part that text goes to: the top piece's, or the root.
func (p *parser) add(n node) {
	if top := p.top(); top != nil {
		top.cur.nodes = p.appendNode(top.cur.nodes, n, top.cur.eq)
		return
	}
	p.root = p.appendNode(p.root, n, -1)
}

// text adds text that is not a slice of the source.
func (p *parser) text(s string) {
	if s != "" {
		p.add(node{text: s})
	}
}

// slice adds the text src[i:j].
func (p *parser) slice(i, j int) {
	if j > i {
		p.add(node{text: p.src[i:j], off: i, end: j})
	}
}

// appendNode appends n, merging a slice of the source into the last text
// node when it is the slice just before (but not into the "=" at index
// eq): linear in the source, however many special characters it holds.
func (p *parser) appendNode(ns []node, n node, eq int) []node {
	if k := len(ns) - 1; n.kind == textNode && n.end > 0 && k >= 0 && k != eq && ns[k].kind == textNode && ns[k].end > 0 && ns[k].end == n.off {
		ns[k].text, ns[k].end = p.src[ns[k].off:n.end], n.end
		return ns
	}
	return append(ns, n)
}

// close matches m closing characters, ending at end, with the top piece.
func (p *parser) close(m, end int) {
	top := p.top()
	p.stack = p.stack[:len(p.stack)-1]
	parts := append(top.parts, top.cur)
	start := top.start + top.count - m
	var el node
	switch {
	case top.open == '[':
		// A link is text around its inside as parsed, one node, so that
		// links nested deep are not copied at each level.
		nodes := make([]node, 0, len(parts[0].nodes)+2)
		nodes = append(nodes, node{text: p.src[start : start+2], off: start, end: start + 2})
		nodes = append(nodes, parts[0].nodes...)
		nodes = append(nodes, node{text: p.src[end-2 : end], off: end - 2, end: end})
		el = node{kind: groupNode, parts: []part{{nodes: nodes, eq: -1}}}
	case m == 3:
		el = node{kind: paramNode, text: p.src[start:end], parts: parts}
	default:
		el = node{kind: callNode, text: p.src[start:end], parts: parts}
	}
	top.count -= m
	if top.count >= 2 {
		top.parts, top.cur = nil, part{eq: -1}
		p.stack = append(p.stack, top)
	} else if top.count > 0 {
		p.slice(top.start, top.start+top.count)
	}
	p.add(el)
}

// unwind turns the pieces left open at the end back into text, in one
// pass from the bottom of the stack: each piece is in the last part of the
// one below, so the text is each piece's braces and parts in turn. (One
// piece at a time from the top would copy the deeper ones' nodes at each
// level: quadratic in "{{a|{{b}}{{a|{{b}}…".)
func (p *parser) unwind() {
	pieces := p.stack
	p.stack = nil
	for _, pc := range pieces {
		p.slice(pc.start, pc.start+pc.count)
		for k, pt := range append(pc.parts, pc.cur) {
			if k > 0 {
				p.slice(pt.pipe, pt.pipe+1)
			}
			for _, n := range pt.nodes {
				p.add(n)
			}
		}
	}
}
