package pageinfo

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo/markdown"
)

// PageInfo is everything a skin needs to show one revision of a page; see
// blob.PageInfo. This package builds, caches and stores it; readers that
// need only the data (the skin) import package blob.
type PageInfo = blob.PageInfo

// Link is one outgoing wiki link, blue or red; see blob.Link.
type Link = blob.Link

// MaxMembers bounds the members a category page's PageInfo lists, as the
// server listed them before they were part of it (MediaWiki pages them
// 200 at a time).
const MaxMembers = 500

// Version is the version of PageInfo as a whole: the Markdown renderer's
// version plus this struct's shape. A parse-cache row of another version is
// ignored and re-rendered lazily.
const Version = "pi4+md" + markdown.Version

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
func cost(pi *PageInfo) int64 {
	// viewCost is what a viewed PageInfo keeps in its memo besides: the
	// skin's specialization of its view (skin BenchmarkViewSpecialize
	// measures 15 KB for a 20 KB page with a 25-entry contents).
	const viewCost = 16 << 10
	// compressedCost is what its compressed views add (skin/encoded.go): the
	// view in each encoding asked for, for anonymous readers whole and for
	// logged-in ones in pieces — a view compresses to about a quarter of its
	// bytes (the page's HTML and ~16 KB of skin), and a few are kept.
	compressedCost := viewCost + len(pi.HTML)
	n := 512 + viewCost + compressedCost + len(pi.HTML) + len(pi.Summary) + len(pi.Title)*2
	for _, l := range pi.Links {
		n += len(l.Title) + 24
	}
	for _, m := range pi.Members {
		n += len(m) + 16
	}
	for _, u := range pi.UsedBy {
		n += len(u) + 16
	}
	for _, t := range pi.TOC {
		n += len(t.Text) + len(t.Anchor) + 40
	}
	for _, e := range pi.Ext {
		n += len(e)
	}
	return int64(n)
}
