package pageinfo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/foliowiki/folio/internal/memo"

	"github.com/foliowiki/folio/pageinfo/markdown"
)

// PageInfo is everything a skin needs to show one revision of a page,
// computed once (at save time, or lazily after a renderer upgrade) and
// immutable afterwards. It is keyed by (RevID, Version) and serialized into
// the store's parse cache as JSON.
type PageInfo struct {
	Version      string                     `json:"version"` // renderer version (Version)
	Title        string                     `json:"title"`   // canonical DB key
	DisplayTitle string                     `json:"display_title"`
	PageID       int64                      `json:"page_id"`
	RevID        int64                      `json:"rev_id"`
	Timestamp    time.Time                  `json:"timestamp"`
	Author       string                     `json:"author"`
	Size         int                        `json:"size"`
	HTML         string                     `json:"html"` // rendered and sanitized body
	TOC          []markdown.TOCEntry        `json:"toc,omitempty"`
	Links        []Link                     `json:"links,omitempty"`
	Categories   []string                   `json:"categories,omitempty"`
	Members      []string                   `json:"members,omitempty"`  // a category page's members (MaxMembers at most), by title
	Redirect     string                     `json:"redirect,omitempty"` // target title of a redirect page
	Summary      string                     `json:"summary,omitempty"`  // first paragraph, plain text
	Words        int                        `json:"words"`
	Needs        markdown.Needs             `json:"needs"`
	Ext          map[string]json.RawMessage `json:"ext,omitempty"` // data of PageInfo hooks, by hook id

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

// MaxMembers bounds the members a category page's PageInfo lists, as the
// server listed them before they were part of it (MediaWiki pages them
// 200 at a time).
const MaxMembers = 500

// Version is the version of PageInfo as a whole: the Markdown renderer's
// version plus this struct's shape. A parse-cache row of another version is
// ignored and re-rendered lazily.
const Version = "pi2+md" + markdown.Version

// encode serializes pi for the parse cache. The blob is read by decode
// only, never embedded in HTML: < > & stay as they are, rather than
// \u003c … (shorter, and cheaper to write, for a body that is mostly tags).
func encode(pi *PageInfo) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(pi.HTML) + len(pi.HTML)/8 + 1024)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(pi); err != nil {
		return nil, fmt.Errorf("pageinfo: encode revision %d: %w", pi.RevID, err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// decode reads a parse-cache blob.
func decode(b []byte) (*PageInfo, error) {
	var pi PageInfo
	if err := json.Unmarshal(b, &pi); err != nil {
		return nil, fmt.Errorf("pageinfo: decode: %w", err)
	}
	return &pi, nil
}

// cost is what pi weighs in the memory cache, in bytes, roughly.
func (pi *PageInfo) cost() int64 {
	// viewCost is what a viewed PageInfo keeps in its memo besides: the
	// skin's specialization of its view (skin BenchmarkViewSpecialize
	// measures 15 KB for a 20 KB page with a 25-entry contents).
	const viewCost = 16 << 10
	n := 512 + viewCost + len(pi.HTML) + len(pi.Summary) + len(pi.Title)*2
	for _, l := range pi.Links {
		n += len(l.Title) + 24
	}
	for _, m := range pi.Members {
		n += len(m) + 16
	}
	for _, t := range pi.TOC {
		n += len(t.Text) + len(t.Anchor) + 40
	}
	for _, e := range pi.Ext {
		n += len(e)
	}
	return int64(n)
}
