package markdown

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight"
)

// policy is the first of the two passes all rendered HTML goes through
// (see finish for the second). It is bluemonday's UGC policy, rebuilt from
// NewPolicy with two differences, plus what the renderer emits (class
// names, heading and footnote ids, footnote roles, task-list checkboxes,
// ordered-list starts, table alignment) and what a wiki needs (kbd,
// details/summary, any text in title and alt, the link schemes of
// linkSchemes, small raster data: images).
//
// The differences: the attributes UGC allows on every element (dir, lang,
// id, title) and class are not allowed on the HTML formatting elements
// but a (b, code, em, i, s, small, strike, strong, tt, u), which keep no
// attribute at all (but strong its class="error", MediaWiki's error box). The HTML5 tree builder that balances the output keeps
// a list of open formatting elements and reopens them all, cloned, in
// every paragraph that follows the one that closed them: with thousands of
// distinct elements (<b title=1>, <b title=2> …) that is quadratic (18 s
// for 160 KB). Identical ones count three at most ("Noah's Ark"), and at
// most one a, so bare formatting elements keep it linear
// (TestFormattingReconstruction).
//
// nofollow goes on links with a host only, so internal links stay
// followable. A bluemonday.Policy is safe for concurrent use. It is built
// by the first render, not at package init: a process that serves pages
// from the parse cache, or runs a command that renders nothing, never
// builds it.
var policy = sync.OnceValue(newPolicy)

var (
	// srcsetRe is a srcset of same-origin paths under /files/ (the URLs of
	// uploaded files) with density descriptors: "/files/a/250px-x.png 1.5x, …".
	srcsetRe = regexp.MustCompile(`^/files/[^\s,]+(,[^\s,]+)* [0-9](\.[0-9]+)?x(, /files/[^\s,]+(,[^\s,]+)* [0-9](\.[0-9]+)?x)*$`)
	classRe  = regexp.MustCompile(`^[\w+#. -]*$`)
	idRe     = regexp.MustCompile(`^[\p{L}\p{N}\p{M}_:.-]+$`)
)

// formatting are the HTML formatting elements bluemonday's UGC policy
// allows, a aside.
var formatting = []string{"b", "code", "em", "i", "s", "small", "strike", "strong", "tt", "u"}

// plainElements are the other elements the policy allows, which take the
// standard attributes.
var plainElements = []string{
	"a", "abbr", "acronym", "area", "article", "aside", "bdi", "bdo", "blockquote", "br", "caption",
	"cite", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "figcaption",
	"figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "img", "input", "ins", "kbd", "li",
	"map", "mark", "meter", "ol", "p", "pre", "progress", "q", "rp", "rt", "ruby", "samp",
	"section", "span", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
	"time", "tr", "ul", "var", "wbr",
}

// linkSchemes are the URL schemes links and images may have; other
// schemes lose their attribute. data: is allowed for images only (see
// dataImage).
var linkSchemes = []string{"http", "https", "mailto", "ftp", "tel", "irc", "ircs", "xmpp"}

// MaxDataURL bounds a data: URL, in bytes: a small inline image (an icon,
// a badge) is fine, a large one belongs in a file. Larger ones lose their
// src.
const MaxDataURL = 64 << 10

// dataImage reports whether a data: URL is an image of a raster type
// (PNG, GIF, JPEG, WebP; never SVG, which can hold script), in base64, of
// at most MaxDataURL bytes. The skins' CSP allows data: images.
func dataImage(u *url.URL) bool {
	if len(u.Opaque)+len("data:") > MaxDataURL || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	typ, data, ok := strings.Cut(u.Opaque, ";base64,")
	if !ok {
		return false
	}
	switch strings.ToLower(typ) {
	case "image/png", "image/gif", "image/jpeg", "image/webp":
	default:
		return false
	}
	_, err := base64.StdEncoding.DecodeString(data)
	return err == nil
}

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	// bluemonday.UGCPolicy, less AllowStandardAttributes.
	p.AllowStandardURLs()
	p.AllowElements("article", "aside")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`(?i)^(|open)$`)).OnElements("details")
	p.AllowElements("figure", "section", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup")
	p.AllowAttrs("cite").OnElements("blockquote")
	p.AllowElements("br", "div", "hr", "p", "span", "wbr")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("name").Matching(regexp.MustCompile(`^([\p{L}\p{N}_-]+)$`)).OnElements("map")
	p.AllowAttrs("alt").Matching(bluemonday.Paragraph).OnElements("area")
	p.AllowAttrs("coords").Matching(regexp.MustCompile(`^([0-9]+,)+[0-9]+$`)).OnElements("area")
	p.AllowAttrs("href").OnElements("area")
	p.AllowAttrs("rel").Matching(bluemonday.SpaceSeparatedTokens).OnElements("area")
	p.AllowAttrs("shape").Matching(regexp.MustCompile(`(?i)^(default|circle|rect|poly)$`)).OnElements("area")
	p.AllowAttrs("usemap").Matching(regexp.MustCompile(`(?i)^#[\p{L}\p{N}_-]+$`)).OnElements("img")
	p.AllowElements("abbr", "acronym", "cite", "code", "dfn", "em", "figcaption", "mark", "s", "samp", "strong", "sub", "sup", "var")
	p.AllowAttrs("cite").OnElements("q")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("time")
	p.AllowElements("b", "i", "pre", "small", "strike", "tt", "u")
	p.AllowAttrs("dir").Matching(bluemonday.Direction).OnElements("bdi", "bdo")
	p.AllowElements("rp", "rt", "ruby")
	p.AllowAttrs("cite").Matching(bluemonday.Paragraph).OnElements("del", "ins")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("del", "ins")
	p.AllowLists()
	p.AllowTables()
	p.AllowAttrs("value", "min", "max", "low", "high", "optimum").Matching(bluemonday.Number).OnElements("meter")
	p.AllowAttrs("value", "max").Matching(bluemonday.Number).OnElements("progress")
	p.AllowImages()
	// The standard attributes, and class, on all but formatting elements.
	p.AllowAttrs("dir").Matching(bluemonday.Direction).OnElements(plainElements...)
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`[a-zA-Z]{2,20}`)).OnElements(plainElements...)
	p.AllowAttrs("id").Matching(idRe).OnElements(plainElements...)
	p.AllowAttrs("title").OnElements(plainElements...)
	p.AllowAttrs("class").Matching(classRe).OnElements(plainElements...)
	// Folio's additions.
	// A code block is a focusable, named region, so that a keyboard can
	// scroll its long lines (highlight's writeCodeRegion); the exact
	// attributes it writes, and nothing else, pass on pre.
	p.AllowAttrs("tabindex").Matching(regexp.MustCompile(`^0$`)).OnElements("pre")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^region$`)).OnElements("pre")
	p.AllowAttrs("aria-label").Matching(regexp.MustCompile(`^Code(: [A-Za-z0-9_+#.-]{1,32})?$`)).OnElements("pre")
	p.AllowURLSchemes(linkSchemes...)
	p.AllowURLSchemeWithCustomPolicy("data", dataImage)
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AllowAttrs("alt").OnElements("img")
	// What package embed writes on an uploaded file's image: its size,
	// lazy loading, and a srcset of same-origin /files/ URLs only.
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[0-9]{1,5}$`)).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.AllowAttrs("decoding").Matching(regexp.MustCompile(`^async$`)).OnElements("img")
	p.AllowAttrs("srcset").Matching(srcsetRe).OnElements("img")
	p.AllowAttrs("name").Matching(idRe).OnElements("a")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(noteref|backlink|endnotes)$`)).OnElements("a", "div")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	p.AllowElements("kbd", "details", "summary")
	// MediaWiki's error markup, which template expansion writes (package
	// transclude): <strong class="error">. One fixed attribute keeps
	// strong's reconstruction linear (two kinds of strong at most).
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^error$`)).OnElements("strong")
	return p
}

// Sanitize runs HTML through both passes every Render output goes
// through; use it again on HTML that hooks changed after rendering. It is
// idempotent. HTML nested deeper than limits.MaxNesting comes back as
// text.
func Sanitize(s string) string {
	out, err := finish(sanitize([]byte(s)))
	if err != nil {
		return html.EscapeString(s)
	}
	return out
}

// sanitize runs html through the policy, as policy.SanitizeBytes does
// but into a string of about the right size from the start.
func sanitize(html []byte) string {
	if len(bytes.TrimSpace(html)) == 0 {
		return string(html)
	}
	var b strings.Builder
	b.Grow(len(html))
	if err := policy().SanitizeReaderToWriter(bytes.NewReader(html), &b); err != nil {
		return "" // as SanitizeBytes
	}
	return b.String()
}

// sanitizeBytes is sanitize into bytes.
func sanitizeBytes(html []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(html))
	if err := policy().SanitizeReaderToWriter(bytes.NewReader(html), &b); err != nil {
		return nil
	}
	return b.Bytes()
}

// Code blocks are most of the markup of a technical page (a 20 KB page of
// the rustc-dev-guide renders to 700 of its 1,250 tags there), and
// sanitizing them is half the sanitizer's time, for nothing: the highlight
// renderer builds them from fixed tags (pre, code, span), classes the
// policy keeps and text escaped the way the sanitizer escapes it, so the
// sanitizer gives back each block's bytes unchanged (TestAsideFixedPoint).
// sanitizeAside lets the highlight renderer set the blocks aside
// (highlight.Aside), sanitizes the rest with a placeholder for each block,
// and splices the blocks back where the placeholders came out, when that
// gives the same HTML as sanitizing everything; otherwise it does that.
// The blocks' markup is only written at the splice, so highlighting them
// (highlight.Ahead) goes on while the rest is rendered and sanitized.
//
// A block B could only come out of the sanitizer changed by what comes
// before it: a tokenizer not at the start of a tag (in a comment, a raw
// text element such as <textarea> or <title>, inside a tag or an attribute
// value); an element whose content bluemonday drops (<object>, <iframe>
// …); or a start tag bluemonday dropped while keeping a note to drop its
// end tag, if that is </span>, </code> or </pre>, which B would then lose
// (not with today's policy, which allows those three bare, but a policy
// may change). The placeholder of block i is
//
//	<pre id="NONCE-i"></span></code></pre>\n
//
// with a random NONCE per render, so the text cannot forge it. It comes
// out of the sanitizer byte for byte only if the tokenizer read a pre start
// tag carrying only that id (our own, as no text can spell the nonce)
// outside any dropped content, and no end tag of span, code or pre was
// waiting on the stack: just the conditions under which B comes out
// unchanged, and B, like the placeholder, starts with a pre start tag,
// ends with </pre>\n and leaves the stack and the skipping state as they
// were. So when every placeholder comes out intact, replacing each by its
// block gives what sanitizing the document with its blocks in place gives
// (TestSanitizeAsideSame and FuzzSanitizeAside compare the two).

// newAside returns the Aside of one render, with fresh placeholders.
func newAside() *highlight.Aside {
	nonce := rand.Text()
	return &highlight.Aside{Placeholder: func(i int) string {
		return `<pre id="` + nonce + "-" + strconv.Itoa(i) + `"></span></code></pre>` + "\n"
	}}
}

// sanitizeAside sanitizes raw, rendered with the code blocks set aside
// into a, and returns what sanitizing raw with its blocks in place would.
func sanitizeAside(raw []byte, a *highlight.Aside) string {
	if a.Len() == 0 {
		return sanitize(raw)
	}
	if out, ok := splice(sanitizeBytes(raw), a); ok {
		return out
	}
	// Something before a block changes how it reads: sanitize the blocks too.
	full, _ := splice(raw, a)
	return sanitize([]byte(full))
}

// splice replaces the placeholders in b, in order, by their blocks, or
// reports false if one of them is not found whole.
func splice(b []byte, a *highlight.Aside) (string, bool) {
	a.Help()
	var out strings.Builder
	out.Grow(len(b) + 2*a.CodeBytes() + 64*a.Len()) // markup is about twice the code
	for i := range a.Len() {
		ph := a.Placeholder(i)
		j := bytes.Index(b, []byte(ph))
		if j < 0 {
			return "", false
		}
		out.Write(b[:j])
		a.WriteBlock(&out, i)
		b = b[j+len(ph):]
	}
	out.Write(b)
	return out.String(), true
}

// sanitizeFinish sanitizes raw, rendered with the code blocks set aside
// into a, and runs finish on it, keeping the blocks out of finish's HTML5
// parse as sanitizeAside keeps them out of the sanitizer: their markup is
// fixed and balanced (pre, code, span, escaped text), and parsing it is
// half of finish's time on a technical page. When the placeholders came
// out of the sanitizer intact, each becomes an empty <pre id="NONCE-i">
// for the parse (without the end tags of the sanitizer's placeholder, which
// could close elements of the page's), and that element, wherever the
// parser put it, is replaced by the block (an html.RawNode) in the tree.
// Parsing the blocks in place would give the same tree, except that
// formatting elements the page left open and the parser reopens (say <b>
// closed by a </p>) would be reopened inside the block too: a page's bold
// does not leak into its code blocks. If a placeholder is missing from the
// tree, everything is parsed.
func sanitizeFinish(raw []byte, a *highlight.Aside) (string, error) {
	if a.Len() == 0 {
		return finish(sanitize(raw))
	}
	clean := sanitizeBytes(raw)
	if marked, ok := mark(clean, a); ok {
		if out, ok, err := finishAside(marked, a); ok || err != nil {
			return out, err
		}
		full, _ := splice(clean, a)
		return finish(full)
	}
	// Something before a block changes how it reads: sanitize the blocks too.
	full, _ := splice(raw, a)
	return finish(sanitize([]byte(full)))
}

// mark replaces the placeholders in b, in order, by empty <pre> elements
// with the same id, or reports false if one of them is not found whole.
func mark(b []byte, a *highlight.Aside) (string, bool) {
	var out strings.Builder
	out.Grow(len(b))
	for i := range a.Len() {
		ph := a.Placeholder(i)
		j := bytes.Index(b, []byte(ph))
		if j < 0 {
			return "", false
		}
		out.Write(b[:j])
		out.WriteString(ph[:strings.IndexByte(ph, '>')+1])
		out.WriteString("</pre>\n")
		b = b[j+len(ph):]
	}
	out.Write(b)
	return out.String(), true
}

// placeholderID returns the id of the placeholder of block i.
func placeholderID(a *highlight.Aside, i int) string {
	ph := a.Placeholder(i)
	const open = `<pre id="`
	return ph[len(open) : len(open)+strings.IndexByte(ph[len(open):], '"')]
}
