package skin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin/engine"
)

// A page view is the merge of two cached blobs, PageInfo and UserInfo, so
// its rendering is split the same way. Everything that depends on the page
// (and on the reader only through a reader class: the rights that choose
// tabs, the time zone of dates) is rendered once per PageInfo, skin and
// class, into a specialized template (package engine) kept in the
// PageInfo's memo. Everything that depends on the reader alone (UserKeys)
// is built once per UserInfo and skin, kept in the UserInfo's memo. A
// request then writes the specialized text and fills the few holes of the
// reader's keys: anonymous and logged-in readers take this one path, and
// its cost does not grow with the template's size or the page's.

// View returns the page view of pi by u (nil: anonymous) with the route
// m, in the skin the request chose (as Choose picks it: the useskin
// parameter, the reader's preference, the default), for the Set's Site.
func (s *Set) View(pi *blob.PageInfo, u *blob.UserInfo, m Meta, useskin string) View {
	sk := s.choose(useskin, u)
	if m.Page == "" {
		m.Page = pi.Title
	}
	lang := s.site.Language(m.UseLang, u)
	m.UseLang = lang.Code // one specialization per language, however it was chosen
	r := s.reader(u, s.site, sk.man.Name, watches(u, m.Page), lang)
	return View{page: s.specialized(pi, u, r, m, sk), reader: r, link: sk.link}
}

// maxVariants bounds the specializations kept per PageInfo and Set:
// skins × reader classes × request variants (a ?q= fills the search box).
// Past it, views are specialized and not kept.
const maxVariants = 32

// View is one page view, ready to write: pick it with Set.View, send its
// ETag and Link headers, write it.
type View struct {
	page   *specialized
	reader *reader
	link   []string
}

// ETag returns the view's strong ETag (quoted): a hash of what the page's
// bytes are made of — the skin and its version, the specialized template
// (its finished text and where its holes are), and the reader's keys
// (one-way: the CSRF token does not show) — so two views have the same
// ETag exactly when they render the same bytes, on every node.
func (vw View) ETag() string { return `"v` + vw.page.tag + vw.reader.tag + `"` }

// Link returns the values of the view's Link header, which preload the
// skin's stylesheets ("<url>; rel=preload; as=style"); nil for none. The
// slice is shared: do not modify it.
func (vw View) Link() []string { return vw.link }

// Render appends the view's HTML to b. It fails only when a skin that
// cannot be specialized fails to render.
func (vw View) Render(b *bytes.Buffer) error {
	if vw.page.spec == nil { // the skin has no program: cbroglie renders it all
		d := *vw.page.data
		d.UserKeys = vw.reader.keys
		return vw.page.set.Render(b, &d)
	}
	b.Grow(vw.page.spec.Size() + vw.reader.holes)
	vw.page.spec.Fill(b, &vw.reader.keys, &vw.reader.frags)
	return nil
}

// variant is what a specialization depends on besides its PageInfo.
type variant struct {
	skin  string
	class readerClass
	meta  Meta
}

// pageViews are the specializations of one PageInfo for one Set.
type pageViews struct {
	mu sync.RWMutex
	m  map[variant]*specialized
}

// specialized returns the specialization of pi in skin sk for u's class
// and m: kept in pi's memo, or built.
func (s *Set) specialized(pi *blob.PageInfo, u *blob.UserInfo, r *reader, m Meta, sk *skin) *specialized {
	key := variant{skin: sk.man.Name, class: r.class, meta: m}
	memo := pi.Derived()
	pv, ok := memo.Load(s)
	if !ok {
		pv = memo.Store(s, &pageViews{m: map[variant]*specialized{}})
	}
	views := pv.(*pageViews)
	views.mu.RLock()
	sp := views.m[key]
	views.mu.RUnlock()
	if sp != nil {
		return sp
	}
	sp = s.specialize(sk, s.ViewData(pi, u, m, s.site, key.skin))
	views.mu.Lock()
	defer views.mu.Unlock()
	if old := views.m[key]; old != nil {
		return old
	}
	if len(views.m) < maxVariants {
		views.m[key] = sp
	}
	return sp
}

// specialized is a page's data rendered as far as it goes without the
// reader's own keys.
type specialized struct {
	set  *Set
	data *Data               // the data spec was built from; it points into it
	spec *engine.Specialized // nil when the skin has no program
	tag  string
	// Compressed: the segments and their pieces per encoding, made on
	// first use; the anonymous reader's view whole, per encoding.
	enc    [4]atomic.Pointer[encodedPage]
	wholes sync.Map // wholeKey → []byte
	// The specialization's segments, cut on first use (an ESI body or
	// fragment: esi.go).
	segsOnce sync.Once
	segs     []engine.Segment
	cutOnce  sync.Once
	esi      *esiCut
}

// segments returns sp's segments (spec must not be nil).
func (sp *specialized) segments() []engine.Segment {
	sp.segsOnce.Do(func() { sp.segs = sp.spec.Segments() })
	return sp.segs
}

// specialize builds the specialization of d (whose UserKeys are ignored)
// in sk, d's skin.
func (s *Set) specialize(sk *skin, d *Data) *specialized {
	d.UserKeys = UserKeys{}
	sp := &specialized{set: s, data: d}
	prog, _ := sk.program() // without one, the view renders through cbroglie
	if prog == nil {
		sp.tag = hashOf(sk.man.Name, sk.version, d)
		return sp
	}
	sp.spec = prog.Specialize(d)
	sp.tag = specTag(sk, sp.spec, d)
	return sp
}

// specTag is the page's part of a view's ETag: a hash of the skin and of
// the specialization — the finished text, and where each hole is — which
// are everything the page contributes to the bytes, but for the data a
// hole reads when filled: if one does, the data too.
func specTag(sk *skin, spec *engine.Specialized, d *Data) string {
	h := sha256.New()
	io.WriteString(h, sk.man.Name+"\x00"+sk.version+"\x00")
	if spec.Digest(h) {
		if err := json.NewEncoder(h).Encode(d); err != nil {
			panic(fmt.Sprintf("skin: hash data: %v", err)) // template data is plain data
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// reader is what views need of a reader, derived once per UserInfo and
// skin: the keys (after the UserDataHook filters), their hash for ETags,
// and the reader's class.
type reader struct {
	keys  UserKeys
	tag   string
	class readerClass
	holes int              // a guess of the bytes the keys add to a page
	frags engine.Fragments // sections that read only the reader (the personal menu …), rendered once
}

// readerClass is what of the reader, beyond UserKeys, a page's data
// depends on: the rights that choose tabs and actions, and the time zone
// dates are shown in. Readers of one class share a page's specialization.
type readerClass struct {
	rights uint8
	tz     string
	lang   string // the interface language's code
}

// classRights are the rights a page's tabs, actions and create link test.
var classRights = [...]router.Right{router.RightRead, router.RightEdit, router.RightCreate, router.RightMove, router.RightDelete, router.RightProtect}

func classOf(u *blob.UserInfo) readerClass {
	var c readerClass
	for i, r := range classRights {
		if may(u, r) {
			c.rights |= 1 << i
		}
	}
	if u != nil && !u.Anonymous {
		c.tz = u.Preferences.Timezone
	}
	return c
}

// readerKey is what a reader depends on besides its UserInfo.
type readerKey struct {
	set     *Set
	reg     *router.Registry
	skin    string
	blocked bool // a block can end with no new UserInfo
	// watched: the reader watches the page shown (is-watched). A reader
	// has two variants, each with its keys, fragments and ETag part, so
	// that the watch star, data per (user, page), costs a page view a
	// binary search (watches) and nothing more.
	watched bool
	lang    *i18n.Lang // the interface language (?uselang= may differ from the preference)
}

// watches reports whether u watches page: a logged-in reader's watch
// star is filled.
func watches(u *blob.UserInfo, page string) bool {
	return u != nil && !u.Anonymous && page != "" && u.Watched.Has(page)
}

// anonReaders keeps the readers of a nil UserInfo, which has no memo.
var anonReaders sync.Map // readerKey → *reader

// reader returns u's reader in skin (a resolved name) for site, on a
// page u watches or not, in the interface language lang.
func (s *Set) reader(u *blob.UserInfo, site Site, skin string, watched bool, lang *i18n.Lang) *reader {
	key := readerKey{set: s, reg: site.Routes, skin: skin, blocked: u != nil && u.Blocked(), watched: watched, lang: lang}
	if u == nil {
		if r, ok := anonReaders.Load(key); ok {
			return r.(*reader)
		}
		r, _ := anonReaders.LoadOrStore(key, s.newReader(nil, site, skin, false, lang))
		return r.(*reader)
	}
	memo := u.Derived()
	if r, ok := memo.Load(key); ok {
		return r.(*reader)
	}
	return memo.Store(key, s.newReader(u, site, skin, watched, lang)).(*reader)
}

func (s *Set) newReader(u *blob.UserInfo, site Site, skin string, watched bool, lang *i18n.Lang) *reader {
	var ext map[string]json.RawMessage
	if u != nil {
		ext = u.Ext
	}
	k := userKeys(u, site, s.skin(skin).man.Capabilities.DarkMode, lang)
	k.IsWatched = watched
	k = filterUser(k, ext)
	class := classOf(u)
	class.lang = lang.Code
	return &reader{keys: k, tag: hashOf(k), class: class, holes: 512 + len(k.UserName)*2 + len(k.CSRFToken)}
}

// hashOf returns 16 hex digits of the SHA-256 of the JSON of parts.
func hashOf(parts ...any) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, p := range parts {
		if err := enc.Encode(p); err != nil {
			panic(fmt.Sprintf("skin: hash %T: %v", p, err)) // template data is plain data
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
