package markdown

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
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

// sanitize runs html through the policy.
func sanitize(html []byte) string {
	return string(policy.SanitizeBytes(html))
}
