package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ContentType is the media type of an Atom feed, for the Content-Type
// header.
const ContentType = "application/atom+xml; charset=utf-8"

// Feed is an Atom feed.
type Feed struct {
	// ID is the feed's permanent, unique IRI. Required.
	ID string
	// Title is the feed's title, as plain text.
	Title string
	// Subtitle is an optional plain text description.
	Subtitle string
	// Link is the URL of the HTML page the feed mirrors (rel="alternate"),
	// and Self the URL of the feed itself (rel="self"). Both are optional,
	// though feed readers want Self.
	Link, Self string
	// Author is the feed's author, used by entries that have none. When it is
	// empty and some entry has no author, or there are no entries, the
	// feed's Title stands in, since RFC 4287 requires an author for every
	// entry, from the entry or from the feed.
	Author string
	// Updated is when the feed last changed. When zero, the latest entry's
	// Updated is used; an empty feed must set it.
	Updated time.Time
	// Entries are written in order, usually newest first.
	Entries []Entry
}

// Entry is one entry of a feed.
type Entry struct {
	// ID is the entry's permanent, unique IRI. Required.
	ID string
	// Title is the entry's title, as plain text.
	Title string
	// Link is the URL of the entry's HTML page (rel="alternate").
	Link string
	// Updated is when the entry last changed. Required.
	Updated time.Time
	// Author is the entry author's name; see Feed.Author.
	Author string
	// Summary is an optional plain text summary.
	Summary string
	// Content is an HTML fragment, written as escaped text with
	// type="html". It should already be sanitised: feed readers render it.
	Content string
}

// WriteTo writes the feed as an Atom document to w. It validates and
// encodes the whole feed before writing, so an error leaves w untouched.
// Characters that XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) are
// dropped from every string, and invalid UTF-8 becomes U+FFFD, so any input
// gives a well-formed document. Times are written in UTC, to the second.
func (f Feed) WriteTo(w io.Writer) (int64, error) {
	doc, err := f.atom()
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return 0, fmt.Errorf("feed: encode: %w", err)
	}
	buf.WriteByte('\n')
	return buf.WriteTo(w)
}

// atom validates f and builds its XML form.
func (f Feed) atom() (*atomFeed, error) {
	if f.ID == "" {
		return nil, errors.New("feed: feed id required")
	}
	updated := f.Updated
	needAuthor := len(f.Entries) == 0
	entries := make([]atomEntry, len(f.Entries))
	for i, e := range f.Entries {
		if e.ID == "" {
			return nil, fmt.Errorf("feed: entry %d: id required", i)
		}
		if e.Updated.IsZero() {
			return nil, fmt.Errorf("feed: entry %d (%s): updated time required", i, e.ID)
		}
		if f.Updated.IsZero() && e.Updated.After(updated) {
			updated = e.Updated
		}
		needAuthor = needAuthor || e.Author == ""
		entries[i] = e.atom()
	}
	if updated.IsZero() {
		return nil, errors.New("feed: updated time required")
	}
	doc := &atomFeed{
		ID:       clean(f.ID),
		Title:    atomText{Type: "text", Body: clean(f.Title)},
		Subtitle: optText(f.Subtitle),
		Updated:  stamp(updated),
		Links:    links(f.Link, "text/html", f.Self),
		Entries:  entries,
	}
	switch {
	case f.Author != "":
		doc.Author = &atomPerson{Name: clean(f.Author)}
	case needAuthor:
		doc.Author = &atomPerson{Name: clean(f.Title)}
	}
	return doc, nil
}

func (e Entry) atom() atomEntry {
	a := atomEntry{
		ID:      clean(e.ID),
		Title:   atomText{Type: "text", Body: clean(e.Title)},
		Updated: stamp(e.Updated),
		Links:   links(e.Link, "text/html", ""),
		Summary: optText(e.Summary),
	}
	if e.Author != "" {
		a.Author = &atomPerson{Name: clean(e.Author)}
	}
	// RFC 4287 wants content or an alternate link on every entry.
	if e.Content != "" || e.Link == "" {
		a.Content = &atomText{Type: "html", Body: clean(e.Content)}
	}
	return a
}

func links(alternate, typ, self string) []atomLink {
	var out []atomLink
	if alternate != "" {
		out = append(out, atomLink{Rel: "alternate", Type: typ, Href: clean(alternate)})
	}
	if self != "" {
		out = append(out, atomLink{Rel: "self", Type: "application/atom+xml", Href: clean(self)})
	}
	return out
}

func optText(s string) *atomText {
	if s == "" {
		return nil
	}
	return &atomText{Type: "text", Body: clean(s)}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// clean drops the characters XML 1.0 does not allow and replaces invalid
// UTF-8 with U+FFFD.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, notXMLChar) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if notXMLChar(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// notXMLChar reports whether r is not a Char of XML 1.0 (production 2).
func notXMLChar(r rune) bool {
	return !(r == '\t' || r == '\n' || r == '\r' ||
		0x20 <= r && r <= 0xD7FF ||
		0xE000 <= r && r <= 0xFFFD ||
		0x10000 <= r && r <= 0x10FFFF)
}

// The XML form, in the element order RFC 4287's examples use.
type (
	atomFeed struct {
		XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		ID       string      `xml:"id"`
		Title    atomText    `xml:"title"`
		Subtitle *atomText   `xml:"subtitle,omitempty"`
		Updated  string      `xml:"updated"`
		Links    []atomLink  `xml:"link"`
		Author   *atomPerson `xml:"author,omitempty"`
		Entries  []atomEntry `xml:"entry"`
	}
	atomEntry struct {
		ID      string      `xml:"id"`
		Title   atomText    `xml:"title"`
		Updated string      `xml:"updated"`
		Links   []atomLink  `xml:"link"`
		Author  *atomPerson `xml:"author,omitempty"`
		Summary *atomText   `xml:"summary,omitempty"`
		Content *atomText   `xml:"content,omitempty"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomPerson struct {
		Name string `xml:"name"`
	}
)
