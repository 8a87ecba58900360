package markdown

import (
	"bytes"
	"crypto/rand"
	"regexp"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight"
)

// policy is the one sanitizer of all rendered HTML: bluemonday's UGC
// policy, plus what the renderer emits (class names, heading and footnote
// ids, footnote roles, task-list checkboxes, ordered-list starts, table
// alignment) and what a wiki needs (kbd, details/summary, any text in
// title and alt). nofollow goes on links with a host only, so internal
// links stay followable. A bluemonday.Policy is safe for concurrent use.
var policy = newPolicy()

var (
	classRe = regexp.MustCompile(`^[\w+#. -]*$`)
	idRe    = regexp.MustCompile(`^[\p{L}\p{N}\p{M}_:.-]+$`)
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AllowAttrs("class").Matching(classRe).Globally()
	p.AllowAttrs("id").Matching(idRe).Globally()
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("name").Matching(idRe).OnElements("a")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(noteref|backlink|endnotes)$`)).OnElements("a", "div")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	p.AllowElements("kbd", "details", "summary")
	return p
}

// Sanitize runs HTML through the policy every Render output goes
// through; use it again on HTML that hooks changed after rendering.
func Sanitize(html string) string { return policy.Sanitize(html) }

// sanitize runs html through the policy, as policy.SanitizeBytes does
// but into a string of about the right size from the start.
func sanitize(html []byte) string {
	if len(bytes.TrimSpace(html)) == 0 {
		return string(html)
	}
	var b strings.Builder
	b.Grow(len(html))
	if err := policy.SanitizeReaderToWriter(bytes.NewReader(html), &b); err != nil {
		return "" // as SanitizeBytes
	}
	return b.String()
}

// sanitizeBytes is sanitize into bytes.
func sanitizeBytes(html []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(html))
	if err := policy.SanitizeReaderToWriter(bytes.NewReader(html), &b); err != nil {
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
