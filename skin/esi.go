package skin

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/skin/engine"
)

// Views at the edge (docs/cdn.md, "Views at the edge"): a cache that
// speaks ESI keeps a logged-in view's body, which depends on the reader
// only through their class, and asks the origin for the reader's own
// part. That part is cut from the view's specialization (engine.Segments):
// the reader's dynamic segments, from the first to the last, widened to
// the tags they start and end in, are one hole; the body is the
// specialization with an include in its place, and the fragment is the
// hole filled with the reader's keys. Body and fragment together are the
// bytes Render writes, by construction.

// A reader class as a cookie value:
// "v1.<rights>.<skin>.<language>.<theme>.<zone>", rights the hex of the
// class's bits (classRights), theme the colour preference (auto, light,
// dark), zone an IANA name or "". It is not secret: it chooses chrome,
// not rights. The theme is in it so that the one hole the preference
// makes (<html data-theme>) is filled in the body: a hole costs a request.
const classVersion = "v1"

// maxClassLen bounds a class value read from a request.
const maxClassLen = 128

// ReaderClass returns u's reader class as a cookie value: what a view's
// body depends on besides the page — rights, skin, interface language,
// colour theme and time zone, as u's preferences choose them. An
// anonymous reader has no class (""): their views are cached whole.
func (s *Set) ReaderClass(u *blob.UserInfo) string {
	if u == nil || u.Anonymous {
		return ""
	}
	c := classOf(u)
	sk := s.choose("", u).man.Name
	lang := s.site.Language("", u).Code
	return classVersion + "." + strconv.FormatUint(uint64(c.rights), 16) + "." + sk + "." + lang + "." + theme(u.Preferences.DarkMode) + "." + c.tz
}

// classReader returns a UserInfo that stands for every reader of class:
// logged in, with the class's rights and preferences, and nothing of
// anyone. It reports false for a class that does not parse or names a
// skin, language or time zone this Set does not have.
func (s *Set) classReader(class string) (*blob.UserInfo, bool) {
	c := s.classes
	if c == nil {
		return s.parseClass(class)
	}
	if u, ok := c.m.Load(class); ok { // only valid classes are kept
		return u.(*blob.UserInfo), true
	}
	u, ok := s.parseClass(class)
	if ok && c.n.Add(1) <= maxClassReaders {
		u, _ := c.m.LoadOrStore(class, u)
		return u.(*blob.UserInfo), true
	}
	return u, ok
}

// classReaders keeps the UserInfo of each reader class seen (shared by
// a Set and its copies: it depends on the class alone), so that its
// memo keeps its keys and fragments.
type classReaders struct {
	m sync.Map // class → *blob.UserInfo
	n atomic.Int64
}

// maxClassReaders bounds the class readers a Set keeps (with their
// memos: keys, fragments): a wiki has a few classes, but a forged cookie
// may name any valid one.
const maxClassReaders = 256

// parseClass is classReader without the Set's cache.
func (s *Set) parseClass(class string) (*blob.UserInfo, bool) {
	if len(class) > maxClassLen {
		return nil, false
	}
	parts := strings.SplitN(class, ".", 6)
	if len(parts) != 6 || parts[0] != classVersion {
		return nil, false
	}
	bits, err := strconv.ParseUint(parts[1], 16, 8)
	if err != nil || bits >= 1<<len(classRights) || strconv.FormatUint(bits, 16) != parts[1] {
		return nil, false
	}
	skin, lang, dark, zone := parts[2], parts[3], parts[4], parts[5]
	if s.skins[skin] == nil || i18n.Default().Lang(lang) == nil {
		return nil, false
	}
	if zone != "" {
		if _, err := time.LoadLocation(zone); err != nil || strings.HasPrefix(zone, "/") {
			return nil, false
		}
	}
	u := &blob.UserInfo{Preferences: blob.Preferences{Skin: skin, Language: lang, DarkMode: dark, Timezone: zone}}
	for i, r := range classRights {
		if bits&(1<<i) != 0 {
			u.Rights = append(u.Rights, r)
		}
	}
	return u, s.ReaderClass(u) == class
}

// ESIView returns the view of pi shared by the readers of class, with the
// route m (as View), to be written with RenderESI. It reports false when
// the class does not parse or the view cannot be cut into holes (a skin
// without a program): such a view is served whole, to each reader.
func (s *Set) ESIView(pi *blob.PageInfo, class string, m Meta) (View, bool) {
	cu, ok := s.classReader(class)
	if !ok {
		return View{}, false
	}
	vw := s.View(pi, cu, m, "")
	return vw, vw.page.spec != nil
}

// FragmentView returns the view of pi whose body ESIView gave the readers
// of class, with u's own keys: its holes are u's fragments (RenderHole).
// Whatever u's own class, the holes are those of class's body, in its
// skin and language, so that they fit it.
func (s *Set) FragmentView(pi *blob.PageInfo, class string, u *blob.UserInfo, m Meta) (View, bool) {
	cu, ok := s.classReader(class)
	if !ok {
		return View{}, false
	}
	sk := s.choose("", cu)
	if m.Page == "" {
		m.Page = pi.Title
	}
	lang := s.site.Language(m.UseLang, cu)
	m.UseLang = lang.Code
	shared := s.reader(cu, s.site, sk.man.Name, false, lang)
	own := s.reader(u, s.site, sk.man.Name, watches(u, m.Page), lang)
	vw := View{page: s.specialized(pi, cu, shared, m, sk), reader: own, link: sk.link}
	return vw, vw.page.spec != nil
}

// Holes returns how many holes the view has (0 for a view that cannot
// be cut).
func (vw View) Holes() int {
	if vw.page.spec == nil {
		return 0
	}
	return len(vw.page.cut().holes)
}

// RenderESI appends the view's shared body to b: its finished text and
// what its class decides (the theme), with an ESI include of include(n)
// in place of hole n (from 0). include returns a URL with nothing to
// escape in an attribute (a route's path: titles are percent-escaped),
// which ESI processors read as written.
func (vw View) RenderESI(b *bytes.Buffer, include func(n int) string) error {
	if vw.page.spec == nil {
		return fmt.Errorf("skin: ESI body of a skin without a program")
	}
	vw.write(b, vw.page.cut().body, include)
	return nil
}

// RenderHole appends hole n of the view, filled with its reader's keys,
// to b. It reports false when the view has no hole n.
func (vw View) RenderHole(b *bytes.Buffer, n int) bool {
	if vw.page.spec == nil {
		return false
	}
	c := vw.page.cut()
	if n < 0 || n >= len(c.holes) {
		return false
	}
	vw.write(b, c.holes[n], nil)
	return true
}

// write writes parts: text, segments filled with the view's reader's
// keys, includes.
func (vw View) write(b *bytes.Buffer, parts []esiPart, include func(n int) string) {
	segs := vw.page.segments()
	for _, p := range parts {
		switch {
		case p.hole >= 0:
			b.WriteString(`<esi:include src="`)
			b.WriteString(include(p.hole))
			b.WriteString(`"/>`)
		case p.seg >= 0:
			vw.page.spec.FillSegment(b, &segs[p.seg], &vw.reader.keys, &vw.reader.frags)
		default:
			b.WriteString(p.text)
		}
	}
}

// classKeys are the reader's keys a reader class decides: a dynamic
// segment that reads no other is filled in the body.
var classKeys = []string{"user-theme"}

// esiCut is a specialization cut for ESI: the body — finished text, the
// segments the class fills, includes — and the holes — finished text and
// segments. The reader's own segments, from the first to the last, are
// one hole, widened to the tag it starts or ends in (an attribute value:
// ESI processors look for includes between tags): a cache fetches a
// page's includes one after the other (Varnish does), each a round trip
// to the origin, so one hole costs a view the one a passed view costs.
type esiCut struct {
	body  []esiPart
	holes [][]esiPart
}

// esiPart is finished text, a segment (seg), or an include (hole).
type esiPart struct {
	text      string
	seg, hole int // -1 for none
}

func textPart(s string) esiPart { return esiPart{text: s, seg: -1, hole: -1} }

// cut returns sp's ESI cut, made on first use (spec must not be nil).
func (sp *specialized) cut() *esiCut {
	sp.cutOnce.Do(func() { sp.esi = cutESI(sp.spec, sp.segments()) })
	return sp.esi
}

// cutESI cuts segs, spec's segments, into a body and holes.
func cutESI(spec *engine.Specialized, segs []engine.Segment) *esiCut {
	own := func(i int) bool { return !segs[i].Static() && !spec.ReadsOnly(&segs[i], classKeys...) }
	last := -1 // the reader's last own segment
	for i := range segs {
		if own(i) {
			last = i
		}
	}
	c := &esiCut{}
	var hole []esiPart
	open, inTag := false, false
	for i := range segs {
		if !segs[i].Static() {
			part := esiPart{seg: i, hole: -1}
			switch {
			case open:
				hole = append(hole, part)
			case own(i):
				open = true
				if inTag { // the tag's start, and what follows it, move into the hole
					j := len(c.body) - 1
					for c.body[j].seg >= 0 || !strings.Contains(c.body[j].text, "<") {
						j--
					}
					lt := strings.LastIndexByte(c.body[j].text, '<')
					hole = append(append(hole, textPart(c.body[j].text[lt:])), c.body[j+1:]...)
					c.body[j].text = c.body[j].text[:lt]
					c.body = c.body[:j+1]
				}
				hole = append(hole, part)
			default:
				c.body = append(c.body, part)
			}
			continue
		}
		var b bytes.Buffer
		spec.FillSegment(&b, &segs[i], nil, nil)
		text := b.String()
		if open && i > last && inTag { // the hole ends with its tag
			gt := strings.IndexByte(text, '>')
			if gt < 0 {
				hole = append(hole, textPart(text))
				continue
			}
			hole = append(hole, textPart(text[:gt+1]))
			text, inTag = text[gt+1:], false
		}
		if lt, gt := strings.LastIndexByte(text, '<'), strings.LastIndexByte(text, '>'); lt > gt {
			inTag = true
		} else if gt > lt {
			inTag = false
		}
		if open && i < last {
			hole = append(hole, textPart(text))
			continue
		}
		if open {
			c.body = append(c.body, esiPart{seg: -1, hole: len(c.holes)})
			c.holes = append(c.holes, hole)
			hole, open = nil, false
		}
		c.body = append(c.body, textPart(text))
	}
	if open {
		c.body = append(c.body, esiPart{seg: -1, hole: len(c.holes)})
		c.holes = append(c.holes, hole)
	}
	return c
}
