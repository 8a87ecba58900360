package blob

import (
	"encoding/json"
	"time"

	"github.com/foliowiki/folio/internal/memo"
)

// PageInfo is everything a skin needs to show one revision of a page,
// computed once (at save time, or lazily after a renderer upgrade) and
// immutable afterwards. It is keyed by (RevID, Version) and serialized into
// the store's parse cache as JSON (by package pageinfo).
type PageInfo struct {
	Version      string     `json:"version"` // renderer version (pageinfo.Version)
	Title        string     `json:"title"`   // canonical DB key
	DisplayTitle string     `json:"display_title"`
	PageID       int64      `json:"page_id"`
	RevID        int64      `json:"rev_id"`
	Timestamp    time.Time  `json:"timestamp"`
	Author       string     `json:"author"`
	Size         int        `json:"size"`
	HTML         string     `json:"html"` // rendered and sanitized body
	TOC          []TOCEntry `json:"toc,omitempty"`
	// Sections are the page's editable headings (the top-level ones), in
	// order: where each sits in HTML, for the skin's edit-section links.
	Sections   []SectionMark `json:"sections,omitempty"`
	Links      []Link        `json:"links,omitempty"`
	Categories []string      `json:"categories,omitempty"`
	Members    []string      `json:"members,omitempty"` // a category page's members (pageinfo.MaxMembers at most), by title
	Files      []string      `json:"files,omitempty"`   // names of the files the page embeds (without "File:"), in order of appearance
	// UsedBy are the pages transcluding a Template page (directly or
	// through other templates), by title, pageinfo.MaxTemplateUsers at
	// most; UsedByMore says there are more.
	UsedBy     []string `json:"used_by,omitempty"`
	UsedByMore bool     `json:"used_by_more,omitempty"`
	Redirect   string   `json:"redirect,omitempty"` // target title of a redirect page
	// RedirectFragment is the anchor of the target's section a redirect
	// names ("#REDIRECT [[Foo#Bar]]": "Bar"), or "".
	RedirectFragment string `json:"redirect_fragment,omitempty"`
	Summary          string `json:"summary,omitempty"` // first paragraph, plain text
	// Pair is the other page of the title's talk pair (router.PairTitle):
	// the talk page of a subject page, the subject page of a talk page,
	// and whether it existed when the PageInfo was computed (the
	// namespace tabs' colour); empty for a Special page. It is kept
	// current as links are: creating, deleting, undeleting or moving a
	// page drops its pair's current PageInfo.
	Pair  Link                       `json:"pair"`
	Words int                        `json:"words"`
	Needs Needs                      `json:"needs"`
	Ext   map[string]json.RawMessage `json:"ext,omitempty"` // data of PageInfo hooks, by hook id

	derived memo.Slot // see Derived
}

// Derived returns the memo of values derived from pi by its readers (the
// skin keeps its specialized views of the page there). It lives as long
// as pi: a new rendering of the revision starts with an empty one.
func (pi *PageInfo) Derived() *memo.Memo { return pi.derived.Get() }

// Link is one outgoing wiki link and whether its target existed when the
// PageInfo was computed (blue) or not (red).
type Link struct {
	Title  string `json:"title"`
	Exists bool   `json:"exists"`
}

// TOCEntry is one heading of the table of contents: its level (1–6), its
// element id, and its plain text.
type TOCEntry struct {
	Level  int    `json:"level"`
	Anchor string `json:"anchor"`
	Text   string `json:"text"`
}

// SectionMark is one editable heading of a page: section N (counted from
// 1 in document order, as MediaWiki's ?section=N) and where its heading
// element sits in the rendered HTML, from Start (its "<hL") to End (just
// after its "</hL>"), byte offsets into PageInfo.HTML. The skin wraps it,
// with an edit link, for readers who may edit; others get the HTML as it is.
type SectionMark struct {
	N      int    `json:"n"`
	Level  int    `json:"level"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Anchor string `json:"anchor"` // the heading's id
	Text   string `json:"text"`   // the heading's plain text
}

// Needs says which extra assets a skin must load for a page: the
// highlighted-code stylesheet, a math typesetter for <pre class="math">,
// mermaid.js for <pre class="mermaid">.
type Needs struct {
	Highlight bool `json:"highlight,omitempty"` // chroma CSS for highlighted code
	Math      bool `json:"math,omitempty"`      // a math typesetter for ```math blocks
	Mermaid   bool `json:"mermaid,omitempty"`   // mermaid.js for ```mermaid blocks
}
