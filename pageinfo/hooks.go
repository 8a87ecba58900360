package pageinfo

import (
	"context"

	"github.com/yuin/goldmark"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/store"
)

// The hook points of PageInfo. They all run at parse time — when a revision
// is saved, or re-rendered after a renderer upgrade — never on a page view,
// so what they cost is paid once per revision. Register from init();
// hooks.FreezeAll, at start, ends registration.
var (
	// MarkdownHook adds goldmark extensions to the shared renderer.
	MarkdownHook hooks.Point[func() goldmark.Extender]
	// PreprocessHook rewrites a revision's Markdown before it is parsed.
	PreprocessHook hooks.Point[Preprocessor]
	// PostprocessHook rewrites the rendered HTML; its output is sanitized
	// again, so a hook cannot add script.
	PostprocessHook hooks.Point[Postprocessor]
	// InfoHook adds extension data to a PageInfo: the value it returns is
	// stored, JSON-encoded, in PageInfo.Ext under the hook's id.
	InfoHook hooks.Point[InfoFilter]
)

// Preprocessor rewrites Markdown source. title is the page's canonical title.
type Preprocessor func(title, src string) (string, error)

// Postprocessor rewrites rendered HTML.
type Postprocessor func(title, html string) (string, error)

// InfoFilter computes extension data for a revision. It may read the store
// through ro and must not change pi. A nil value stores nothing.
type InfoFilter func(ctx context.Context, ro ReadOnly, pi PageInfo) (any, error)

// ReadOnly is the part of the store a PageInfo hook may read.
type ReadOnly interface {
	store.Pages
	store.Links
	store.Categories
}

func init() {
	hooks.Describe(hooks.Doc{Name: "pageinfo.markdown", When: "once, when the renderer is built at start",
		Receives: "nothing; returns a goldmark.Extender", Touches: "the shared goldmark instance (parse and render of every revision)"}, &MarkdownHook)
	hooks.Describe(hooks.Doc{Name: "pageinfo.preprocess", When: "parse time: a save, or a lazy re-render",
		Receives: "the title and the Markdown source; returns new source", Touches: "nothing else"}, &PreprocessHook)
	hooks.Describe(hooks.Doc{Name: "pageinfo.postprocess", When: "parse time, after rendering",
		Receives: "the title and the rendered HTML; returns new HTML (sanitized again)", Touches: "nothing else"}, &PostprocessHook)
	hooks.Describe(hooks.Doc{Name: "pageinfo.info", When: "parse time, once per revision",
		Receives: "the PageInfo (a copy) and a read-only store", Touches: "its own entry of PageInfo.Ext, via its return value"}, &InfoHook)
	hooks.Describe(hooks.Doc{Name: "pageinfo.saved", When: "after a save, delete, undelete or move committed; asynchronous, in order",
		Receives: "a SavedEvent and a context ending at shutdown", Touches: "anything outside Folio (webhooks, mail); never the request"}, &SavedHook)
}
