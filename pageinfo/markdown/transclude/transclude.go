package transclude

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Source gives the expander the text of other pages.
type Source interface {
	// Text returns the current text of the page title (canonical), ok
	// false when it does not exist.
	Text(ctx context.Context, title string) (text string, ok bool, err error)
}

// SourceFunc is a func as a Source.
type SourceFunc func(ctx context.Context, title string) (string, bool, error)

// Text calls f.
func (f SourceFunc) Text(ctx context.Context, title string) (string, bool, error) {
	return f(ctx, title)
}

// Func is a parser function, {{#name:a|b}}: it gets the arguments after
// the name (the text after the colon first, then each "|" part), each
// expanded and trimmed of surrounding whitespace, and returns its output,
// which is included as it is (it is not expanded again). An error shows in
// the page as an error box and in Result.Errors; the expansion goes on.
type Func func(f *Frame, args []string) (string, error)

// The defaults of Options, MediaWiki's.
const (
	DefaultMaxDepth        = 40        // $wgMaxTemplateDepth
	DefaultMaxIncludeBytes = 2 << 20   // $wgMaxArticleSize × 1024, the post-expand include size
	DefaultMaxNodes        = 1_000_000 // $wgMaxPPNodeCount
)

// Options are the limits and site rules of an expansion. Zero fields take
// the defaults.
type Options struct {
	MaxDepth        int // nested transclusions, DefaultMaxDepth
	MaxIncludeBytes int // post-expand include size, DefaultMaxIncludeBytes
	MaxNodes        int // preprocessor nodes visited, DefaultMaxNodes
	// NormalizeTitle turns a template name into a canonical title
	// (router.NormalizeTitle). Default: wikidoc.DefaultNormalizeTitle.
	NormalizeTitle func(string) (string, error)
	// Namespaces are the canonical namespace names, without the colon
	// (router.Namespaces()): a call whose name normalizes into one of them
	// ({{User:X/Sig}}) names that page rather than one in Template:.
	// Default: Template only.
	Namespaces []string
	// TalkTitle returns the talk page of a canonical title
	// (router.TalkTitle), for {{TALKPAGENAME}}; nil or false: empty.
	TalkTitle func(string) (string, bool)
	// Now is the time of the CURRENT* magic words (UTC). Default: time.Now.
	Now func() time.Time
	// Functions are more parser functions, by name without the '#',
	// lower-case; they cannot replace the built-in if, ifeq and switch.
	Functions map[string]Func
}

// Result is an expanded text and what went into it.
type Result struct {
	Text string
	// Used is every title transcluded, directly or through other
	// templates, missing ones too, sorted and without duplicates:
	// MediaWiki's templatelinks, so that a change to any of them finds
	// the page in one lookup.
	Used []string
	// Errors says what went wrong (loop, depth, size, node count, bad
	// title, a parser function's error), for logs and tests; the limits'
	// errors also show in Text.
	Errors []string
}

// The messages of the error boxes, MediaWiki's.
const (
	msgLoop     = "Template loop detected: [[%s]]"
	msgDepth    = "Template depth limit exceeded (%d)"
	msgSize     = "Post-expand include size too large; some templates were not included"
	msgNodes    = "Node-count limit exceeded"
	msgBadTitle = "Bad template title: %q"
)

// Expand returns text, the Markdown of the page title, with every
// transclusion, parameter and parser function expanded. The error is
// only one of src or of ctx; what goes wrong in the text is reported in
// Result.Errors and, for the limits, in the text itself.
func Expand(ctx context.Context, title, text string, src Source, opts Options) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if !strings.Contains(text, "{{") && !hasTagText(text) {
		return Result{Text: text}, nil
	}
	// The page as it shows itself: as in MediaWiki, on every page (a
	// template's own page too) noinclude shows and includeonly does not.
	rs := codeRegions(text)
	if hasTagText(text) {
		if t := applyTags(text, rs, false); t != text {
			text = t
			rs = codeRegions(text)
		}
		if !strings.Contains(text, "{{") {
			return Result{Text: text}, nil
		}
	}
	e := newExpander(ctx, title, src, opts)
	root := &Frame{e: e}
	var b strings.Builder
	b.Grow(len(text))
	if err := e.expand(root, parse(text, rs), &b); err != nil {
		return Result{}, err
	}
	var used []string
	for t := range e.used {
		used = append(used, t)
	}
	slices.Sort(used)
	return Result{Text: b.String(), Used: used, Errors: e.errors}, nil
}

// errorBox is MediaWiki's inline error markup around msg.
func errorBox(msg string) string {
	return `<strong class="error">` + msg + `</strong>`
}

// Frame is one level of an expansion: the page itself, or a template
// transcluded with its arguments. Parser functions get the frame they
// are called in.
type Frame struct {
	e        *expander
	parent   *Frame // the frame of the call; nil for the page
	template string // the transcluded title; "" for the page
	args     map[string]*arg
	depth    int
}

// Context is the context of the expansion.
func (f *Frame) Context() context.Context { return f.e.ctx }

// Title is the canonical title of the page being expanded (not of the
// template the call is in, as MediaWiki's magic words).
func (f *Frame) Title() string { return f.e.title }

// Template is the title of the template the call is in, "" on the page.
func (f *Frame) Template() string { return f.template }

// Arg returns the value of a parameter of the template, expanded, and
// whether it was given.
func (f *Frame) Arg(name string) (string, bool, error) {
	a, ok := f.args[name]
	if !ok {
		return "", false, nil
	}
	v, err := f.e.argValue(a)
	return v, true, err
}

// arg is one argument of a call, expanded at most once, when first used,
// in the frame of the call.
type arg struct {
	nodes []node
	frame *Frame
	trim  bool // a named argument's value is trimmed
	done  bool
	val   string
}

func errorf(format string, a ...any) string { return fmt.Sprintf(format, a...) }
