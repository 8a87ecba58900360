package skin

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
)

// The skin payloads are the page view split as its caches split it, for a
// skin renderer that runs elsewhere (a browser, a service worker, the
// edge): the PageInfo of a revision (PagePayload, the same for every
// reader), the reader's UserInfo (UserPayload) and a skin's bundle
// (Bundle). Their JSON is the API's (/api/v1/pageinfo/T, /api/v1/userinfo,
// /api/v1/skins/NAME); docs/api.md documents it, generated from these
// types. PayloadData is the merge rule: the three give back the Data of
// the view.

// The payloads' schema versions, each payload's "schema" field. A change
// that removes or changes a key makes a new version.
const (
	PageInfoSchema = "folio.pageinfo.v1"
	UserInfoSchema = "folio.userinfo.v1"
	BundleSchema   = "folio.skin.v1"
)

// PagePayload is a revision's PageInfo as the skin sees it: what a page
// view shows of the page, before any reader is known. It is the same
// bytes for every reader, logged in or not, so shared caches keep it; the
// reader's part of the view (which tabs, edit-section links, dates in the
// reader's zone and language) is made from it and a UserPayload by the
// data recipe (PayloadData).
type PagePayload struct {
	Schema          string          `json:"schema"`            // "folio.pageinfo.v1"
	Title           string          `json:"title"`             // DB key of the page ("Foo_bar")
	DisplayTitle    string          `json:"display-title"`     // the heading, as text; "" means the title with spaces for underscores
	Revision        int64           `json:"revision"`          // the revision's id
	RendererVersion string          `json:"renderer-version"`  // the renderer that made html: part of the ETag
	Timestamp       string          `json:"timestamp"`         // when the revision was saved, RFC 3339 in UTC
	Author          string          `json:"author"`            // user name of the revision's author; "" for none
	HTML            string          `json:"html"`              // the rendered, sanitized article, as /-/render/T sends it: without edit-section links
	Sections        []PageSection   `json:"sections"`          // the editable headings: where the recipe wraps each with its edit link, for readers who may edit
	TOC             []PageHeading   `json:"toc"`               // every heading of html, in order, for the table of contents
	Categories      []string        `json:"categories"`        // the page's categories, by name without "Category:"
	Members         []string        `json:"members"`           // a category page's members, by title (500 at most)
	UsedBy          []string        `json:"used-by"`           // a Template page's users, by title (200 at most)
	UsedByMore      bool            `json:"used-by-more"`      // more pages use the template than used-by lists
	Redirect        string          `json:"redirect"`          // a redirect's target title; "" for a page that is not one. The view of a redirect shows its target: fetch the target's PageInfo
	RedirectSection string          `json:"redirect-fragment"` // the anchor of the target's section a redirect names; "" for none
	Summary         string          `json:"summary"`           // the first paragraph as plain text, for <meta name=description>
	Pair            PagePair        `json:"pair"`              // the other page of the title's talk pair, for the namespace tabs
	Needs           PageNeeds       `json:"needs"`             // which of a skin's extra assets the page needs (the bundle's needs)
	Ext             json.RawMessage `json:"ext"`               // data of the pageinfo.info hooks, by hook id (an object), for the skin.data hooks; {} for none
}

// PageSection is one editable heading of the article: section n of
// ?section=n, whose heading element is html's bytes start to end (UTF-8
// byte offsets, end exclusive).
type PageSection struct {
	N      int    `json:"n"`      // the section's number, from 1
	Level  int    `json:"level"`  // the heading's level, 1 to 6
	Start  int    `json:"start"`  // byte offset of its "<hL" in html
	End    int    `json:"end"`    // byte offset just after its "</hL>"
	Anchor string `json:"anchor"` // the heading's id
	Text   string `json:"text"`   // the heading's plain text
}

// PageHeading is one heading of the table of contents.
type PageHeading struct {
	Level  int    `json:"level"`  // 1 to 6, as in the HTML (the recipe numbers them and makes levels relative)
	Anchor string `json:"anchor"` // the heading's id
	Text   string `json:"text"`   // its plain text
}

// PagePair is the other page of a talk pair.
type PagePair struct {
	Title  string `json:"title"`  // the talk page of a subject page, the subject page of a talk page; "" for none
	Exists bool   `json:"exists"` // it existed when the PageInfo was made (the tab's colour)
}

// PageNeeds are the extra assets a page needs.
type PageNeeds struct {
	Highlight bool `json:"highlight"` // highlighted code: the bundle's needs.highlight
	Math      bool `json:"math"`      // math blocks: needs.math
	Mermaid   bool `json:"mermaid"`   // mermaid diagrams: needs.mermaid
}

// NewPagePayload returns pi as the skin sees it.
func NewPagePayload(pi *blob.PageInfo) *PagePayload {
	p := &PagePayload{
		Schema: PageInfoSchema, Title: pi.Title, DisplayTitle: pi.DisplayTitle, Revision: pi.RevID, RendererVersion: pi.Version,
		Author: pi.Author, HTML: pi.HTML, Sections: []PageSection{}, TOC: []PageHeading{},
		Categories: nonNil(pi.Categories), Members: nonNil(pi.Members), UsedBy: nonNil(pi.UsedBy), UsedByMore: pi.UsedByMore,
		Redirect: pi.Redirect, RedirectSection: pi.RedirectFragment, Summary: pi.Summary,
		Pair:  PagePair{Title: pi.Pair.Title, Exists: pi.Pair.Exists},
		Needs: PageNeeds{Highlight: pi.Needs.Highlight, Math: pi.Needs.Math, Mermaid: pi.Needs.Mermaid},
		Ext:   json.RawMessage("{}"),
	}
	if !pi.Timestamp.IsZero() {
		p.Timestamp = pi.Timestamp.UTC().Format(time.RFC3339)
	}
	for _, s := range pi.Sections {
		p.Sections = append(p.Sections, PageSection{N: s.N, Level: s.Level, Start: s.Start, End: s.End, Anchor: s.Anchor, Text: s.Text})
	}
	for _, h := range pi.TOC {
		p.TOC = append(p.TOC, PageHeading{Level: h.Level, Anchor: h.Anchor, Text: h.Text})
	}
	if len(pi.Ext) > 0 {
		if b, err := json.Marshal(pi.Ext); err == nil {
			p.Ext = b
		}
	}
	return p
}

// PageInfo returns the PageInfo p describes, for the data recipe: what a
// skin reads of it (not its links, files or size).
func (p *PagePayload) PageInfo() (*blob.PageInfo, error) {
	pi := &blob.PageInfo{
		Version: p.RendererVersion, Title: p.Title, DisplayTitle: p.DisplayTitle, RevID: p.Revision, Author: p.Author, HTML: p.HTML,
		Categories: nilIfEmpty(p.Categories), Members: nilIfEmpty(p.Members), UsedBy: nilIfEmpty(p.UsedBy), UsedByMore: p.UsedByMore,
		Redirect: p.Redirect, RedirectFragment: p.RedirectSection, Summary: p.Summary,
		Pair:  blob.Link{Title: p.Pair.Title, Exists: p.Pair.Exists},
		Needs: blob.Needs{Highlight: p.Needs.Highlight, Math: p.Needs.Math, Mermaid: p.Needs.Mermaid},
	}
	if p.Timestamp != "" {
		t, err := time.Parse(time.RFC3339, p.Timestamp)
		if err != nil {
			return nil, fmt.Errorf("skin: pageinfo payload: timestamp: %w", err)
		}
		pi.Timestamp = t
	}
	for _, s := range p.Sections {
		pi.Sections = append(pi.Sections, blob.SectionMark{N: s.N, Level: s.Level, Start: s.Start, End: s.End, Anchor: s.Anchor, Text: s.Text})
	}
	for _, h := range p.TOC {
		pi.TOC = append(pi.TOC, blob.TOCEntry{Level: h.Level, Anchor: h.Anchor, Text: h.Text})
	}
	if len(p.Ext) > 0 && string(p.Ext) != "{}" && string(p.Ext) != "null" {
		if err := json.Unmarshal(p.Ext, &pi.Ext); err != nil {
			return nil, fmt.Errorf("skin: pageinfo payload: ext: %w", err)
		}
	}
	return pi, nil
}

// UserPayload is the reader's UserInfo as the skin sees it: who reads,
// what they may do (which drives tabs, actions and edit-section links),
// their notices, language, skin and watchlist. It is private to the
// reader; the anonymous reader's is a constant.
type UserPayload struct {
	Schema        string          `json:"schema"`           // "folio.userinfo.v1"
	IsAnon        bool            `json:"is-anon"`          // the reader is not logged in
	Name          string          `json:"name"`             // the user's name; "" for anonymous readers
	Groups        []string        `json:"groups"`           // the user's groups ("sysop" …), beyond everyone's
	Rights        []string        `json:"rights"`           // the rights the reader has now ("read", "edit" …): a block leaves only read
	EditCount     int             `json:"edit-count"`       // the user's number of edits
	Block         *UserBlock      `json:"block"`            // the block in force; null for none
	Notifications UserNotices     `json:"notifications"`    // the bell and the new-messages bar
	Skin          string          `json:"skin"`             // the skin the reader's views use (their preference, else the wiki's default); ?useskin= overrides it per view
	Language      string          `json:"language"`         // the reader's interface language, a BCP 47 code (their preference, else the wiki's); ?uselang= overrides it per view
	Timezone      string          `json:"timezone"`         // the IANA zone the reader's dates are shown in ("UTC" for anonymous readers)
	Zone          []ZoneChange    `json:"timezone-changes"` // that zone's offsets and abbreviations from 1990 to 2070, for a renderer outside Go: each change, in order
	DarkMode      string          `json:"dark-mode"`        // the reader's colour preference: "auto", "light" or "dark"
	CSRFToken     string          `json:"csrf-token"`       // the session's CSRF token, for the chrome's POST forms (logout, watch); "" for anonymous readers
	Watched       []string        `json:"watched"`          // the reader's watchlist as title hashes: 16 hex digits of the FNV-1a 64-bit hash of each canonical title's UTF-8 bytes, sorted. A view's is-watched is whether its title's hash is here
	Ext           json.RawMessage `json:"ext"`              // data of the userinfo.info hooks, by hook id (an object), for the skin.user-data hooks; {} for none
	LinkSkin      string          `json:"link-skin"`        // URL of the bundle of the reader's skin in their language, fingerprinted (immutable)
	OfflinePages  int             `json:"offline-pages"`    // how many pages the service worker keeps for offline reading, least recently read dropped first (the reader's preference; 0: none)
}

// UserBlock is a block in force.
type UserBlock struct {
	Reason  string `json:"reason"`  // why
	By      string `json:"by"`      // who blocked the user
	Expires string `json:"expires"` // when it ends, RFC 3339 in UTC; "" for an indefinite block
}

// UserNotices are what the chrome shows of the reader's notifications.
type UserNotices struct {
	Unread      int  `json:"unread"`       // unread notifications of every kind: the bell's count
	NewMessages bool `json:"new-messages"` // someone else edited the user's talk page since they last viewed it
}

// UserPayload returns u (nil: anonymous) as the skin sees it, with the
// URL of its skin's bundle, in s's site.
func (s *Set) UserPayload(u *blob.UserInfo) *UserPayload {
	if u == nil {
		u = anonymous
	}
	lang := s.site.Language("", u)
	p := &UserPayload{
		Schema: UserInfoSchema, IsAnon: u.Anonymous, Groups: []string{}, Rights: nonNil(rightNames(u)),
		Skin: s.Choose("", u), Language: lang.Code, Timezone: timezone(u).String(), Zone: zoneChanges(timezone(u)), DarkMode: "auto",
		Watched: []string{}, Ext: json.RawMessage("{}"), OfflinePages: u.Preferences.OfflineLimit(),
	}
	p.LinkSkin = s.BundleURL(p.Skin, p.Language)
	if u.Anonymous {
		return p
	}
	p.Name, p.Groups, p.EditCount, p.CSRFToken = u.Name, nonNil(u.Groups), u.EditCount, u.CSRF
	p.DarkMode = theme(u.Preferences.DarkMode)
	p.Notifications = UserNotices{Unread: u.Notifications.Unread, NewMessages: u.Notifications.NewMessages}
	if u.Blocked() {
		p.Block = &UserBlock{Reason: u.Block.Reason, By: u.Block.By}
		if !u.Block.Expires.IsZero() {
			p.Block.Expires = u.Block.Expires.UTC().Format(time.RFC3339)
		}
	}
	for _, h := range u.Watched {
		p.Watched = append(p.Watched, fmt.Sprintf("%016x", h))
	}
	if len(u.Ext) > 0 {
		if b, err := json.Marshal(u.Ext); err == nil {
			p.Ext = b
		}
	}
	return p
}

// UserInfo returns the UserInfo p describes, for the data recipe: what a
// skin reads of it.
func (p *UserPayload) UserInfo() (*blob.UserInfo, error) {
	u := &blob.UserInfo{
		Name: p.Name, Anonymous: p.IsAnon, Groups: slices.Clone(nonNil(p.Groups)), EditCount: p.EditCount, CSRF: p.CSRFToken,
		Notifications: blob.Notifications{Unread: p.Notifications.Unread, NewMessages: p.Notifications.NewMessages},
		Preferences:   blob.Preferences{Skin: p.Skin, Language: p.Language, DarkMode: p.DarkMode},
	}
	if p.Timezone != "UTC" {
		u.Preferences.Timezone = p.Timezone
	}
	for _, r := range p.Rights {
		u.Rights = append(u.Rights, router.Right(r))
	}
	if p.Block != nil {
		u.Block = &blob.Block{Reason: p.Block.Reason, By: p.Block.By}
		if p.Block.Expires != "" {
			t, err := time.Parse(time.RFC3339, p.Block.Expires)
			if err != nil {
				return nil, fmt.Errorf("skin: userinfo payload: block expiry: %w", err)
			}
			u.Block.Expires = t
		}
	}
	for _, h := range p.Watched {
		n, err := strconv.ParseUint(h, 16, 64)
		if err != nil {
			return nil, fmt.Errorf("skin: userinfo payload: watched: %w", err)
		}
		u.Watched = append(u.Watched, n)
	}
	slices.Sort(u.Watched)
	if len(p.Ext) > 0 && string(p.Ext) != "{}" && string(p.Ext) != "null" {
		if err := json.Unmarshal(p.Ext, &u.Ext); err != nil {
			return nil, fmt.Errorf("skin: userinfo payload: ext: %w", err)
		}
	}
	return u, nil
}

// PayloadData is the merge rule of the payloads: the Data of the view of
// page p by reader u with bundle b (the reader's skin, or ?useskin='s, in
// the view's interface language), for the request's meta m. It runs the
// data recipe (ViewData) over the PageInfo and UserInfo the payloads
// describe, then takes from the bundle what is the skin's and the site's:
// the site keys, the msg-* messages, the stylesheets and scripts (the
// skin's, then those of each need of the page), the theme script.
func (s *Set) PayloadData(p *PagePayload, u *UserPayload, b *Bundle, m Meta) (*Data, error) {
	pi, err := p.PageInfo()
	if err != nil {
		return nil, err
	}
	ui, err := u.UserInfo()
	if err != nil {
		return nil, err
	}
	if m.UseLang == "" {
		m.UseLang = b.Language
	}
	d := s.ViewData(pi, ui, m, s.site, b.Skin)
	search := d.SearchQuery
	d.SiteKeys = b.Site
	d.Sidebar, d.FooterLinks = cloneLinks(b.Site.Sidebar), cloneLinks(b.Site.FooterLinks)
	d.SearchQuery = search
	d.Messages = b.Messages
	d.Stylesheets, d.Scripts = b.Assets(p.Needs)
	d.HTMLThemeScript = b.HTMLThemeScript
	return d, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
