package wikidoc

import (
	"errors"
	"net/url"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/util"
)

// Site holds the title rules and URL shapes of a wiki; Folio injects the
// router's. A nil func takes its default (see DefaultNormalizeTitle,
// DefaultTitleURL and DefaultEditURL). A Site is read-only once built and
// shared by all documents.
type Site struct {
	NormalizeTitle func(string) (string, error) // raw link target → canonical title
	TitleURL       func(title string) string    // canonical title → view URL
	EditURL        func(title string) string    // canonical title → edit URL
}

// WithDefaults returns a copy of s with its nil funcs set to the defaults.
func (s Site) WithDefaults() *Site {
	if s.NormalizeTitle == nil {
		s.NormalizeTitle = DefaultNormalizeTitle
	}
	if s.TitleURL == nil {
		s.TitleURL = DefaultTitleURL
	}
	if s.EditURL == nil {
		s.EditURL = DefaultEditURL
	}
	return &s
}

// Href returns the URL of a link from d to the canonical title, with an
// optional fragment (not yet URL-escaped), and whether the target exists. It
// records the link, found at source offset pos, in d. An empty title is a same-page link, "#fragment". A
// missing page links to its edit URL when d.CanCreate, else to its view URL,
// without the fragment.
func (s *Site) Href(d *Doc, title, fragment string, pos int) (href string, exists bool) {
	if title == "" {
		return "#" + fragment, true
	}
	if !d.Link(title, pos) {
		if d.CanCreate {
			return s.EditURL(title), false
		}
		return s.TitleURL(title), false
	}
	if fragment == "" {
		return s.TitleURL(title), true
	}
	return s.TitleURL(title) + "#" + fragment, true
}

// Ref records a link from d to the canonical title ("" for a same-page
// link) with an optional fragment, found at source offset pos, and calls
// set with its URL and whether the target exists, as Href returns them:
// at once, or, in a Deferred document, from d.Resolve. set typically
// stores them in the link's AST node, which is rendered after Resolve.
func (s *Site) Ref(d *Doc, title, fragment string, pos int, set func(href string, exists bool)) {
	if title == "" || title == d.Title || !d.Deferred || d.resolved {
		set(s.Href(d, title, fragment, pos))
		return
	}
	d.record(title, pos)
	d.pending = append(d.pending, pendingRef{site: s, title: title, fragment: fragment, set: set})
}

// DisplayTitle is the title as readers see it: underscores become spaces.
func DisplayTitle(title string) string { return strings.ReplaceAll(title, "_", " ") }

var errBadTitle = errors.New("bad title")

// DefaultNormalizeTitle is a minimal title rule for callers without a router:
// it trims spaces, turns runs of spaces and underscores into one underscore,
// and rejects empty titles and titles holding control characters or any of
// # < > [ ] { } |.
func DefaultNormalizeTitle(s string) (string, error) {
	var b strings.Builder
	sep := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsControl(r) || strings.ContainsRune("#<>[]{}|", r) || r == unicode.ReplacementChar:
			return "", errBadTitle
		case r == '_' || unicode.IsSpace(r):
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "", errBadTitle
	}
	return b.String(), nil
}

// DefaultTitleURL is "/wiki/" followed by the title, each path segment
// URL-escaped ("/" and ":" stay readable).
func DefaultTitleURL(title string) string { return "/wiki/" + EscapePath(title) }

// DefaultEditURL is "/-/edit/" followed by the escaped title.
func DefaultEditURL(title string) string { return "/-/edit/" + EscapePath(title) }

// EscapePath URL-escapes each "/"-separated segment of p.
func EscapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// Resolve returns the canonical title a link target names, "" for a
// same-page link, or the error of NormalizeTitle. HTML character
// references in the target are decoded first, as MediaWiki does.
func (s *Site) Resolve(t Target) (string, error) {
	if t.Page == "" {
		return "", nil
	}
	return s.NormalizeTitle(DecodeEntities(t.Page))
}

// DecodeEntities resolves HTML character references ("&quot;", "&#34;").
func DecodeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return string(util.ResolveEntityNames(util.ResolveNumericReferences([]byte(s))))
}
