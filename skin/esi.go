package skin

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/skin/engine"
)

// Views at the edge (docs/cdn.md, "Views at the edge"): a cache that
// speaks ESI keeps a logged-in view's body, which depends on the reader
// only through their class, and asks the origin for the reader's own
// parts. Those are the dynamic segments of the view's specialization
// (engine.Segments), each widened to the tag it sits in: the body is the
// specialization with each hole replaced by an include, and a fragment
// is one hole filled with the reader's keys. Body and fragments together
// are the bytes Render writes, by construction.

// A reader class as a cookie value: "v1.<rights>.<skin>.<language>.<zone>",
// rights the hex of the class's bits (classRights), zone an IANA name or
// "". It is not secret: it chooses chrome, not rights.
const classVersion = "v1"

// maxClassLen bounds a class value read from a request.
const maxClassLen = 128

// ReaderClass returns u's reader class as a cookie value: what a view's
// body depends on besides the page — rights, skin, interface language
// and time zone, as u's preferences choose them. An anonymous reader has
// no class (""): their views are cached whole.
func (s *Set) ReaderClass(u *blob.UserInfo) string {
	if u == nil || u.Anonymous {
		return ""
	}
	c := classOf(u)
	sk := s.choose("", u).man.Name
	lang := s.site.Language("", u).Code
	return classVersion + "." + strconv.FormatUint(uint64(c.rights), 16) + "." + sk + "." + lang + "." + c.tz
}

// classReader returns a UserInfo that stands for every reader of class:
// logged in, with the class's rights and preferences, and nothing of
// anyone. It reports false for a class that does not parse or names a
// skin, language or time zone this Set does not have.
func (s *Set) classReader(class string) (*blob.UserInfo, bool) {
	if len(class) > maxClassLen {
		return nil, false
	}
	parts := strings.SplitN(class, ".", 5)
	if len(parts) != 5 || parts[0] != classVersion {
		return nil, false
	}
	bits, err := strconv.ParseUint(parts[1], 16, 8)
	if err != nil || bits >= 1<<len(classRights) || strconv.FormatUint(bits, 16) != parts[1] {
		return nil, false
	}
	skin, lang, zone := parts[2], parts[3], parts[4]
	if s.skins[skin] == nil || i18n.Default().Lang(lang) == nil {
		return nil, false
	}
	if zone != "" {
		if _, err := time.LoadLocation(zone); err != nil || strings.HasPrefix(zone, "/") {
			return nil, false
		}
	}
	u := &blob.UserInfo{Preferences: blob.Preferences{Skin: skin, Language: lang, Timezone: zone}}
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

// RenderESI appends the view's shared body to b: its finished text, with
// an ESI include of include(n) in place of hole n (from 0). include
// returns a URL with nothing to escape in an attribute (a route's path:
// titles are percent-escaped), which ESI processors read as written.
func (vw View) RenderESI(b *bytes.Buffer, include func(n int) string) error {
	if vw.page.spec == nil {
		return fmt.Errorf("skin: ESI body of a skin without a program")
	}
	for _, p := range vw.page.cut().body {
		if p.seg < 0 {
			b.WriteString(p.text)
			continue
		}
		b.WriteString(`<esi:include src="`)
		b.WriteString(include(p.seg))
		b.WriteString(`"/>`)
	}
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
	segs := vw.page.segments()
	for _, p := range c.holes[n] {
		if p.seg < 0 {
			b.WriteString(p.text)
			continue
		}
		vw.page.spec.FillSegment(b, &segs[p.seg], &vw.reader.keys, &vw.reader.frags)
	}
	return true
}

// mergeGap is the finished text between two holes below which they are
// one hole: a cache fetches each hole on its own, and a kilobyte more in
// a fragment costs less than a request.
const mergeGap = 1024

// esiCut is a specialization cut for ESI: the body, finished text and
// holes; and each hole, finished text and the dynamic segments it fills.
// A hole is a dynamic segment, widened to the whole tag when it sits
// inside one (an attribute value: data-theme="…"), since ESI processors
// look for includes between tags, not in them; holes inside one tag, or
// less than mergeGap bytes apart, are one hole.
type esiCut struct {
	body  []esiPart // seg: a hole's number
	holes [][]esiPart
}

// esiPart is finished text (seg < 0), or a hole or segment number.
type esiPart struct {
	text string
	seg  int
}

// cut returns sp's ESI cut, made on first use (spec must not be nil).
func (sp *specialized) cut() *esiCut {
	sp.cutOnce.Do(func() { sp.esi = cutESI(sp.spec, sp.segments()) })
	return sp.esi
}

// cutESI cuts segs, spec's segments, into a body and holes.
func cutESI(spec *engine.Specialized, segs []engine.Segment) *esiCut {
	c := &esiCut{}
	var hole []esiPart // the open hole, if any
	open, inTag := false, false
	closeHole := func() {
		c.body = append(c.body, esiPart{seg: len(c.holes)})
		c.holes = append(c.holes, hole)
		hole, open = nil, false
	}
	for i := range segs {
		if !segs[i].Static() {
			if !open {
				open = true
				if inTag { // the tag's start moves into the hole
					last := &c.body[len(c.body)-1]
					lt := strings.LastIndexByte(last.text, '<')
					hole = append(hole, esiPart{text: last.text[lt:], seg: -1})
					last.text = last.text[:lt]
				}
			}
			hole = append(hole, esiPart{seg: i})
			continue
		}
		var b bytes.Buffer
		spec.FillSegment(&b, &segs[i], nil, nil)
		text := b.String()
		if open && inTag {
			gt := strings.IndexByte(text, '>')
			if gt < 0 { // still in the tag: the text joins the hole
				hole = append(hole, esiPart{text: text, seg: -1})
				continue
			}
			hole = append(hole, esiPart{text: text[:gt+1], seg: -1})
			text, inTag = text[gt+1:], false
		}
		if lt, gt := strings.LastIndexByte(text, '<'), strings.LastIndexByte(text, '>'); lt > gt {
			inTag = true
		} else if gt > lt {
			inTag = false
		}
		if open && len(text) < mergeGap && i+1 < len(segs) { // a short gap: one hole, one request less
			hole = append(hole, esiPart{text: text, seg: -1})
			continue
		}
		if open {
			closeHole()
		}
		c.body = append(c.body, esiPart{text: text, seg: -1})
	}
	if open {
		closeHole()
	}
	return c
}
