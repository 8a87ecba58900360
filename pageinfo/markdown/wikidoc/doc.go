// Package wikidoc holds what Folio's wiki extensions to goldmark share: the
// site's title rules and URLs (Site), and the state of the one document being
// rendered (Doc), which lives in that document's parser.Context so that one
// goldmark.Markdown can serve many goroutines.
//
// A renderer puts a fresh Doc into a fresh context before parsing:
//
//	doc := &wikidoc.Doc{Title: "Foo/Bar", Exists: exists, CanCreate: true}
//	pc := parser.NewContext()
//	wikidoc.Set(pc, doc)
//	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
//	// doc.Links(), doc.Categories, doc.TOC … now describe src.
//
// A renderer that looks the existence of all links up at once, after
// parsing, sets Deferred instead of Exists and calls Resolve between the
// parse and the render:
//
//	doc := &wikidoc.Doc{Title: "Foo/Bar", CanCreate: true, Deferred: true}
//	… parse as above …
//	exists := lookup(doc.Links())
//	doc.Resolve(exists)
//	// now render root
package wikidoc

import (
	"cmp"
	"slices"

	"github.com/yuin/goldmark/parser"

	"github.com/foliowiki/folio/blob"
)

// Heading is one entry of a document's table of contents. It is
// blob.TOCEntry, the type PageInfo keeps.
type Heading = blob.TOCEntry

// Needs says which extra assets a page needs in the browser. It is
// blob.Needs, the type PageInfo keeps.
type Needs = blob.Needs

// Doc is the state of one document being parsed: its inputs (Title, Exists,
// CanCreate) and what the extensions collect from it. A Doc serves one parse
// and is not safe for concurrent use.
type Doc struct {
	Title     string            // canonical title of the page itself; "" for none
	Exists    func(string) bool // nil means every page exists
	CanCreate bool              // red links go to the edit URL rather than the view URL
	// Deferred leaves red and blue undecided at parse time: extensions
	// record their links with Site.Ref, and Resolve sets them all once the
	// caller knows which pages exist. Exists is then ignored until Resolve.
	Deferred bool

	Categories []string // category names, canonical, without "Category:", deduplicated
	Redirect   string   // canonical redirect target, "" if none
	// RedirectFragment is the section of the target a redirect names
	// ("#REDIRECT [[Foo#Bar baz]]"), as an anchor ("Bar_baz"), or "".
	RedirectFragment string
	TOC              []Heading // headings in document order
	Needs            Needs
	// Files are the uploaded files the document embeds, by name (without
	// "File:"), as the caller looked them up between parse and render
	// (see FileNames); a name not in it is a missing file.
	Files map[string]blob.FileInfo

	fileNames []string            // embedded file names, in order of appearance
	fileSeen  map[string]struct{} // the names in fileNames

	links    []link
	seen     map[string]int // link target → index in links
	cats     map[string]struct{}
	pending  []pendingRef // deferred links waiting for Resolve
	resolved bool
}

// pendingRef is a link whose URL and colour wait for Resolve.
type pendingRef struct {
	site            *Site
	title, fragment string
	set             func(href string, exists bool)
}

// link is an outgoing link target, the source offset of its first use and
// whether it exists.
type link struct {
	title  string
	pos    int
	exists bool
}

var docKey = parser.NewContextKey()

// Set stores d as the document state of pc.
func Set(pc parser.Context, d *Doc) { pc.Set(docKey, d) }

// Get returns the document state of pc, adding an empty one (every page
// exists, no title) if the caller of the parser set none.
func Get(pc parser.Context) *Doc {
	return pc.ComputeIfAbsent(docKey, func() any { return &Doc{} }).(*Doc)
}

// Link records an outgoing link to the canonical title found at byte
// offset pos of the source, and reports whether that page exists. Exists
// is called at most once per distinct title; a link to the document itself
// is not recorded and always exists. In a Deferred document that Resolve
// has not resolved yet, the answer is not known: use Site.Ref there.
func (d *Doc) Link(title string, pos int) bool {
	if title == d.Title {
		return true
	}
	i, added := d.record(title, pos)
	if added && (!d.Deferred || d.resolved) {
		d.links[i].exists = d.Exists == nil || d.Exists(title)
	}
	return d.links[i].exists
}

// record records an outgoing link to title (not the document itself) and
// returns its index in d.links and whether it is new.
func (d *Doc) record(title string, pos int) (int, bool) {
	if i, seen := d.seen[title]; seen {
		l := &d.links[i]
		if pos >= 0 && pos < l.pos {
			l.pos = pos
		}
		return i, false
	}
	if d.seen == nil {
		d.seen = make(map[string]int)
	}
	d.seen[title] = len(d.links)
	d.links = append(d.links, link{title: title, pos: pos})
	return len(d.links) - 1, true
}

// Resolve decides the links of a Deferred document: exists (nil: every
// page exists) is called once per distinct target, in order of discovery,
// and every link recorded with Site.Ref gets its URL and colour. Links
// recorded later are decided at once. Resolve does nothing the second
// time, nor on a document that is not Deferred.
func (d *Doc) Resolve(exists func(string) bool) {
	if !d.Deferred || d.resolved {
		return
	}
	d.resolved, d.Exists = true, exists
	for i := range d.links {
		d.links[i].exists = exists == nil || exists(d.links[i].title)
	}
	for _, p := range d.pending {
		p.set(p.site.Href(d, p.title, p.fragment, -1))
	}
	d.pending = nil
}

// Links returns the distinct outgoing link targets in order of first
// appearance in the source. Extensions find links in different passes,
// so the order is restored from their offsets.
func (d *Doc) Links() []string {
	if len(d.links) == 0 {
		return nil
	}
	sorted := slices.Clone(d.links)
	slices.SortStableFunc(sorted, func(a, b link) int { return cmp.Compare(a.pos, b.pos) })
	out := make([]string, len(sorted))
	for i, l := range sorted {
		out[i] = l.title
	}
	return out
}

// AddFile records that the document embeds (or links to the bytes of)
// the file name, canonical, without "File:".
func (d *Doc) AddFile(name string) {
	if _, dup := d.fileSeen[name]; dup {
		return
	}
	if d.fileSeen == nil {
		d.fileSeen = make(map[string]struct{})
	}
	d.fileSeen[name] = struct{}{}
	d.fileNames = append(d.fileNames, name)
}

// FileNames returns the distinct names of the files the document embeds,
// in order of appearance.
func (d *Doc) FileNames() []string { return slices.Clone(d.fileNames) }

// AddCategory records a category name once.
func (d *Doc) AddCategory(name string) {
	if _, dup := d.cats[name]; dup {
		return
	}
	if d.cats == nil {
		d.cats = make(map[string]struct{})
	}
	d.cats[name] = struct{}{}
	d.Categories = append(d.Categories, name)
}
