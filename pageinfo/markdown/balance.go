package markdown

import (
	"net/url"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight"
	"github.com/foliowiki/folio/pageinfo/markdown/limits"
	"github.com/foliowiki/folio/pageinfo/markdown/toc"
	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

// The second pass over the sanitized HTML, finish, parses it with the
// HTML5 algorithm browsers use, as the content of a <div>, and writes the
// tree back out. Whatever the page holds, the output is then balanced:
// every element it opens it closes, and it closes nothing else, so
// "</div></main>" in a page cannot close the skin's containers (stray end
// tags are dropped, open elements closed, misnested ones repaired as a
// browser would). On the tree it also limits ids and classes:
//
// Ids. The skin's elements have ids (pt-login, content, search-q …), and a
// page must not take them: an id the page wrote gets the prefix
// "user-content-", as on GitHub, and so does the name of an <a name>.
// The ids the renderer makes stay as they are, so that /wiki/Page#Section
// keeps working as MediaWiki users expect and links copied from GitHub or
// mdBook (#section) too: heading ids (an id on h1–h6 that the heading
// rules could make: wikidoc.Anchor of itself, and not one of the skins'
// ids, toc.Reserved, which headings never get) and footnote ids (fn:N,
// fnref:N, fnrefK:N on li and sup). A same-page link "#x" to an id that
// got the prefix follows it; links to headings, footnotes and anything
// else are left as written. Ids that already have the prefix keep it,
// which makes the pass idempotent (Sanitize may run again after hooks).
//
// Classes. Only the classes the renderer emits survive (allowedClass): a
// page cannot dress up as the skin's UI (class="site-nav", "personal" …).
//
// data: URLs are kept on img src only (the policy checks them).

// userPrefix starts the ids a page writes itself.
const userPrefix = "user-content-"

// divContext is the element the output is the content of.
var divContext = &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}

// finish balances s and limits its ids and classes (see above). It fails,
// with an error wrapping ErrTooComplex, on elements nested deeper than
// limits.MaxNesting.
func finish(s string) (string, error) {
	out, _, err := finishAside(s, nil)
	return out, err
}

// finishAside is finish on s, in which the code blocks of a (if not nil)
// stand as empty <pre> elements with their placeholder ids (see
// sanitizeFinish); it reports false if one of them is not in the tree.
func finishAside(s string, a *highlight.Aside) (string, bool, error) {
	if s == "" {
		return "", a == nil || a.Len() == 0, nil
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), divContext)
	if err != nil {
		// The parser's only failure on a string: more than 512 open elements.
		return "", false, limits.Over("levels of nesting", limits.MaxNesting)
	}
	f := fixer{kept: map[string]bool{}, user: map[string]bool{}}
	if a != nil && a.Len() > 0 {
		f.aside, f.nextID = a, placeholderID(a, 0)
		a.Help() // highlight what is left while the tree is walked
	}
	for _, n := range nodes {
		f.walk(n)
	}
	if f.aside != nil && f.next < f.aside.Len() {
		return "", false, nil
	}
	f.fixLinks()
	var b strings.Builder
	b.Grow(len(s) + f.blocks.Len() + len(s)/16)
	for _, n := range nodes {
		if err := html.Render(&b, n); err != nil {
			return "", false, err
		}
	}
	return b.String(), true, nil
}

// fixer rewrites the attributes of one tree, and puts code blocks set
// aside in place of their placeholders.
type fixer struct {
	kept  map[string]bool // ids left as they are
	user  map[string]bool // ids (and a names) the page wrote, before the prefix
	links []*html.Attribute

	aside  *highlight.Aside // or nil
	next   int              // the next block of aside
	nextID string           // the id of its placeholder
	blocks strings.Builder  // the blocks' markup, which RawNodes point into
}

func (f *fixer) walk(n *html.Node) {
	for ; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode {
			continue
		}
		if f.nextID != "" && n.DataAtom == atom.Pre && len(n.Attr) == 1 && n.Attr[0].Val == f.nextID {
			f.putBlock(n)
			continue
		}
		if len(n.Attr) > 0 {
			f.attrs(n)
		}
		if n.FirstChild != nil {
			f.walk(n.FirstChild)
		}
	}
}

// putBlock turns the placeholder n of the next block into that block.
func (f *fixer) putBlock(n *html.Node) {
	start := f.blocks.Len()
	f.aside.WriteBlock(&f.blocks, f.next)
	block := f.blocks.String()[start:]
	// The placeholder ends its line; the block's markup too.
	block = strings.TrimSuffix(block, "\n")
	*n = html.Node{Parent: n.Parent, PrevSibling: n.PrevSibling, NextSibling: n.NextSibling, Type: html.RawNode, Data: block}
	f.next++
	f.nextID = ""
	if f.next < f.aside.Len() {
		f.nextID = placeholderID(f.aside, f.next)
	}
}

func (f *fixer) attrs(n *html.Node) {
	out := n.Attr[:0]
	for i := range n.Attr {
		a := n.Attr[i]
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "id":
			a.Val = f.id(n, a.Val)
		case "name":
			if n.DataAtom == atom.A {
				a.Val = f.userID(a.Val)
			}
		case "class":
			if a.Val = classes(a.Val); a.Val == "" {
				continue
			}
		case "href", "cite":
			if hasDataScheme(a.Val) {
				continue // only img src may be data:
			}
		}
		out = append(out, a)
	}
	n.Attr = out
	if n.DataAtom == atom.A {
		for i := range n.Attr {
			if n.Attr[i].Key == "href" && strings.HasPrefix(n.Attr[i].Val, "#") {
				f.links = append(f.links, &n.Attr[i])
			}
		}
	}
}

// id returns the id of element n: kept if the renderer could have made
// it, else with userPrefix.
func (f *fixer) id(n *html.Node, id string) string {
	keep := false
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		keep = wikidoc.Anchor(id) == id && !toc.Reserved(id)
	case atom.Li:
		keep = footnoteID(id, "fn")
	case atom.Sup:
		keep = footnoteID(id, "fnref")
	}
	if keep || strings.HasPrefix(id, userPrefix) {
		f.kept[id] = true
		return id
	}
	return f.userID(id)
}

func (f *fixer) userID(id string) string {
	if strings.HasPrefix(id, userPrefix) {
		f.kept[id] = true
		return id
	}
	f.user[id] = true
	return userPrefix + id
}

// fixLinks points same-page links at the prefixed ids they mean.
func (f *fixer) fixLinks() {
	for _, a := range f.links {
		frag := a.Val[1:]
		id := frag
		if strings.Contains(frag, "%") {
			if u, err := url.PathUnescape(frag); err == nil {
				id = u
			}
		}
		if !f.kept[id] && f.user[id] {
			a.Val = "#" + userPrefix + frag
		}
	}
}

// footnoteID reports whether id is prefix, optional digits, ':' and
// digits: a footnote id of goldmark's (fn:1, fnref:1, fnref2:1).
func footnoteID(id, prefix string) bool {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok {
		return false
	}
	before, after, ok := strings.Cut(rest, ":")
	return ok && digits(before, true) && digits(after, false)
}

func digits(s string, emptyOK bool) bool {
	if s == "" {
		return emptyOK
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hasDataScheme(u string) bool {
	u = strings.TrimLeft(u, " \t\n\r\f")
	return len(u) >= 5 && strings.EqualFold(u[:5], "data:")
}

// fixedClasses are the classes the renderer emits, besides chroma's
// token classes and "language-X": links (wikilink, mdlink), the redirect
// box, template expansion's error boxes (transclude), footnotes
// (goldmark's renderer), code blocks (highlight) and file embeds (embed).
var fixedClasses = []string{
	"new", "external", "redirect", "error",
	"footnotes", "footnote-ref", "footnote-backref",
	"chroma", "mermaid", "math",
	// file embeds (package embed)
	"image", "internal", "thumb", "tright", "tleft", "tcenter", "tnone",
	"floatleft", "floatright", "floatnone", "center", "thumbborder",
}

// allowedClasses is the allow-list of classes.
var allowedClasses = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range fixedClasses {
		m[c] = true
	}
	for _, c := range chroma.StandardTypes {
		if c != "" {
			m[c] = true
		}
	}
	return m
}()

// allowedClass reports whether a page may use class c.
func allowedClass(c string) bool {
	if allowedClasses[c] {
		return true
	}
	lang, ok := strings.CutPrefix(c, "language-")
	return ok && highlight.SafeClass(lang)
}

// classes returns the allowed classes of the value v, space-separated.
func classes(v string) string {
	all := true
	for c := range strings.FieldsSeq(v) {
		if !allowedClass(c) {
			all = false
			break
		}
	}
	if all && !strings.Contains(v, "  ") && strings.TrimSpace(v) == v && !strings.ContainsAny(v, "\t\n\r\f") {
		return v
	}
	var b strings.Builder
	for c := range strings.FieldsSeq(v) {
		if allowedClass(c) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c)
		}
	}
	return b.String()
}
