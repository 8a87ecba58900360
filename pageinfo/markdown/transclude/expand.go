package transclude

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// expander is the state of one Expand call.
type expander struct {
	ctx   context.Context
	src   Source
	opts  Options
	title string
	ns    map[string]bool

	used   map[string]bool
	errors []string
	seen   map[string]bool      // errors already reported
	cache  map[string]*template // by title: parsed for inclusion, or missing

	nodes     int  // nodes visited
	size      int  // post-expand include size
	overNodes bool // the node count is over its limit
	overSize  bool // the include size is over its limit
}

// template is a page's text parsed for transclusion; nil nodes and
// !exists for a missing page.
type template struct {
	nodes  []node
	exists bool
}

func newExpander(ctx context.Context, title string, src Source, opts Options) *expander {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxIncludeBytes <= 0 {
		opts.MaxIncludeBytes = DefaultMaxIncludeBytes
	}
	if opts.MaxNodes <= 0 {
		opts.MaxNodes = DefaultMaxNodes
	}
	if opts.NormalizeTitle == nil {
		opts.NormalizeTitle = wikidoc.DefaultNormalizeTitle
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	ns := map[string]bool{"Template": true}
	for _, n := range opts.Namespaces {
		ns[n] = true
	}
	return &expander{ctx: ctx, src: src, opts: opts, title: title, ns: ns,
		used: map[string]bool{}, seen: map[string]bool{}, cache: map[string]*template{}}
}

// maxErrors bounds Result.Errors, and maxErrorBytes each message.
const (
	maxErrors     = 100
	maxErrorBytes = 300
)

// report adds msg to the errors, once, up to maxErrors.
func (e *expander) report(msg string) {
	if len(msg) > maxErrorBytes {
		msg = strings.ToValidUTF8(msg[:maxErrorBytes], "") + "…"
	}
	if len(e.errors) < maxErrors && !e.seen[msg] {
		e.seen[msg] = true
		e.errors = append(e.errors, msg)
	}
}

// box reports msg and writes its error box.
func (e *expander) box(b *strings.Builder, msg string) {
	e.report(msg)
	b.WriteString(errorBox(msg))
}

// expand writes the expansion of nodes in frame f to b. Its error is
// only ctx's or the Source's.
func (e *expander) expand(f *Frame, nodes []node, b *strings.Builder) error {
	for i := range nodes {
		n := &nodes[i]
		e.nodes++
		if e.nodes > e.opts.MaxNodes && !e.overNodes {
			e.overNodes = true
			e.box(b, msgNodes)
		}
		if n.kind == textNode {
			// Once over a limit, the page's own text still shows; a
			// template's stops.
			if !e.stopped() || f.parent == nil {
				b.WriteString(n.text)
			}
			continue
		}
		if n.kind == groupNode {
			if err := e.expand(f, n.parts[0].nodes, b); err != nil {
				return err
			}
			continue
		}
		if e.stopped() {
			continue
		}
		var err error
		if n.kind == paramNode {
			err = e.param(f, n, b)
		} else {
			err = e.call(f, n, b)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// stopped reports whether a limit was hit: nothing more is expanded.
func (e *expander) stopped() bool { return e.overNodes || e.overSize }

// str expands nodes in f to a string.
func (e *expander) str(f *Frame, nodes []node) (string, error) {
	if len(nodes) == 1 && nodes[0].kind == textNode {
		e.nodes++
		return nodes[0].text, nil
	}
	var b strings.Builder
	err := e.expand(f, nodes, &b)
	return b.String(), err
}

// trimmed is str, trimmed of surrounding whitespace.
func (e *expander) trimmed(f *Frame, nodes []node) (string, error) {
	s, err := e.str(f, nodes)
	return strings.TrimSpace(s), err
}

// include writes s, the output of a template, parameter or function, to
// b, counting it against the include size. The output that would go over
// the limit is replaced by the error box; after it nothing more is
// expanded, and what the frames being expanded had built, counted already
// but for their own text, is written as it is, so the box reaches the page.
func (e *expander) include(b *strings.Builder, s string) {
	if e.overSize {
		b.WriteString(s)
		return
	}
	if e.size+len(s) > e.opts.MaxIncludeBytes {
		e.overSize = true
		e.box(b, msgSize)
		return
	}
	e.size += len(s)
	b.WriteString(s)
}

// param expands {{{name|default}}}.
func (e *expander) param(f *Frame, n *node, b *strings.Builder) error {
	name, err := e.trimmed(f, n.parts[0].nodes)
	if err != nil {
		return err
	}
	if a, ok := f.args[name]; ok {
		v, err := e.argValue(a)
		if err != nil {
			return err
		}
		e.include(b, v)
		return nil
	}
	if len(n.parts) > 1 {
		v, err := e.str(f, n.parts[1].nodes)
		if err != nil {
			return err
		}
		e.include(b, v)
		return nil
	}
	// Unset and no default: as written (MediaWiki shows "{{{1}}}").
	b.WriteString("{{{")
	b.WriteString(name)
	b.WriteString("}}}")
	return nil
}

// argValue expands an argument in the frame of its call, once.
func (e *expander) argValue(a *arg) (string, error) {
	if a.done {
		return a.val, nil
	}
	v, err := e.str(a.frame, a.nodes)
	if err != nil {
		return "", err
	}
	if a.trim {
		v = strings.TrimSpace(v)
	}
	a.val, a.done = v, true
	return v, nil
}

// call expands {{…}}: a parser function, a magic word or a transclusion.
func (e *expander) call(f *Frame, n *node, b *strings.Builder) error {
	name, err := e.trimmed(f, n.parts[0].nodes)
	if err != nil {
		return err
	}
	if fn, first, ok := strings.Cut(name, ":"); ok && strings.HasPrefix(fn, "#") {
		return e.function(f, n, strings.ToLower(strings.TrimSpace(fn[1:])), first, b)
	}
	if len(n.parts) == 1 {
		if v, ok := e.magic(name); ok {
			b.WriteString(v)
			return nil
		}
	}
	title, ok := e.resolve(name)
	if !ok {
		e.report(errorf(msgBadTitle, name))
		b.WriteString(n.text)
		return nil
	}
	return e.transclude(f, n, title, b)
}

// resolve returns the title a call names: ":Page" a page in the main
// namespace, "NS:Page" a page in a namespace, anything else a page in
// Template:.
func (e *expander) resolve(name string) (string, bool) {
	if rest, ok := strings.CutPrefix(name, ":"); ok {
		t, err := e.opts.NormalizeTitle(rest)
		return t, err == nil
	}
	if t, err := e.opts.NormalizeTitle(name); err == nil {
		if ns, _ := e.split(t); ns != "" {
			return t, true
		}
	}
	t, err := e.opts.NormalizeTitle("Template:" + name)
	return t, err == nil
}

// split cuts a canonical title into its namespace ("" for the main one)
// and the rest.
func (e *expander) split(title string) (ns, rest string) {
	if i := strings.IndexByte(title, ':'); i > 0 && e.ns[title[:i]] {
		return title[:i], title[i+1:]
	}
	return "", title
}

// transclude expands the page title with the arguments of the call n.
func (e *expander) transclude(f *Frame, n *node, title string, b *strings.Builder) error {
	for p := f; p != nil; p = p.parent {
		if p.template == title {
			e.used[title] = true
			e.box(b, errorf(msgLoop, wikidoc.DisplayTitle(title)))
			return nil
		}
	}
	if err := e.ctx.Err(); err != nil {
		return err
	}
	if f.depth >= e.opts.MaxDepth {
		e.box(b, errorf(msgDepth, e.opts.MaxDepth))
		return nil
	}
	e.used[title] = true
	t, err := e.load(title)
	if err != nil {
		return err
	}
	if !t.exists {
		b.WriteString("[[")
		b.WriteString(wikidoc.DisplayTitle(title))
		b.WriteString("]]")
		return nil
	}
	child := &Frame{e: e, parent: f, template: title, depth: f.depth + 1, args: map[string]*arg{}}
	if err := e.bind(f, child, n.parts[1:]); err != nil {
		return err
	}
	var out strings.Builder
	if err := e.expand(child, t.nodes, &out); err != nil {
		return err
	}
	e.include(b, out.String())
	return nil
}

// bind sets the arguments of child from the parts of the call in f:
// positional ones numbered from 1, untrimmed; named ones trimmed, their
// names expanded now, their values when used.
func (e *expander) bind(f, child *Frame, parts []part) error {
	pos := 0
	for _, p := range parts {
		if p.eq < 0 {
			pos++
			child.args[strconv.Itoa(pos)] = &arg{nodes: p.nodes, frame: f}
			continue
		}
		name, err := e.trimmed(f, p.name())
		if err != nil {
			return err
		}
		child.args[name] = &arg{nodes: p.value(), frame: f, trim: true}
	}
	return nil
}

// load returns the page title parsed for transclusion, reading it once
// per expansion.
func (e *expander) load(title string) (*template, error) {
	if t, ok := e.cache[title]; ok {
		return t, nil
	}
	text, ok, err := e.src.Text(e.ctx, title)
	if err != nil {
		return nil, err
	}
	if target, redirect := e.redirectTarget(text); ok && redirect && target != title {
		// One hop, as MediaWiki: the target's text, whatever it is. Both
		// titles are used: a change to either changes the page.
		e.used[target] = true
		if text, ok, err = e.src.Text(e.ctx, target); err != nil {
			return nil, err
		}
	}
	t := &template{exists: ok}
	if ok {
		rs := codeRegions(text)
		if hasTagText(text) {
			if s := applyTags(text, rs, true); s != text {
				text = s
				rs = codeRegions(text)
			}
		}
		t.nodes = parse(text, rs)
	}
	e.cache[title] = t
	return t, nil
}
