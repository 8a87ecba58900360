package skin_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/skin"
)

func loadSkins(t *testing.T) *skin.Set { return loadSet(t).WithSite(testSite()) }

func fixturePage() *blob.PageInfo { return mainPage() }

// viaJSON encodes v and decodes it into out, as a client would get it.
func viaJSON(t *testing.T, v, out any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
}

// TestPayloadsMerge: the PageInfo, UserInfo and bundle payloads, through
// JSON, merged by PayloadData, are the data of the view (ViewData, what
// "folio skin data" prints), in both skins, for anonymous, logged-in
// (notifications, new messages, a watched page, another time zone),
// sysop and blocked readers.
func TestPayloadsMerge(t *testing.T) {
	set := loadSkins(t)
	pages := []*blob.PageInfo{mainPage(), renderPage(t, "Cats", tocSource), talkPage(t), sectionedPage()}
	readers := map[string]*blob.UserInfo{"nil": nil, "anonymous": anonymousUser(), "alice": alice(), "alice with messages": aliceWithMessages(), "sysop": sysop(), "blocked": blockedUser()}
	for who, u := range readers {
		if u != nil && !u.Anonymous && u.Groups == nil {
			u.Groups = []string{} // as package userinfo builds them: the payload's groups are a list
		}
		for _, name := range set.Names() {
			var up skin.UserPayload
			viaJSON(t, set.UserPayload(u), &up)
			up.Skin = name // as ?useskin= would
			var b skin.Bundle
			viaJSON(t, set.Bundle(name, up.Language), &b)
			for _, pi := range pages {
				var pp skin.PagePayload
				viaJSON(t, skin.NewPagePayload(pi), &pp)
				got, err := set.PayloadData(&pp, &up, &b, viewMeta(pi.Title))
				if err != nil {
					t.Fatal(err)
				}
				want := set.ViewData(pi, u, viewMeta(pi.Title), set.Site(), name)
				var g, w bytes.Buffer
				if err := skin.WriteJSON(&g, got); err != nil {
					t.Fatal(err)
				}
				if err := skin.WriteJSON(&w, want); err != nil {
					t.Fatal(err)
				}
				if g.String() != w.String() {
					t.Errorf("%s, %s, %s: the payloads' data differ:\n%s", who, name, pi.Title, lineDiff(g.String(), w.String()))
				}
			}
		}
	}
}

// sectionedPage is a page with two editable sections, one heading with
// a multi-byte character (offsets are in bytes).
func sectionedPage() *blob.PageInfo {
	pi := mainPage()
	pi.Title, pi.RevID = "Sections", 9
	h1, h2 := `<h2 id="café">Café</h2>`, `<h2 id="more">More</h2>`
	pi.HTML = "<p>intro</p>\n" + h1 + "\n<p>one</p>\n" + h2 + "\n<p>two</p>\n"
	s1 := len("<p>intro</p>\n")
	s2 := s1 + len(h1) + len("\n<p>one</p>\n")
	pi.Sections = []blob.SectionMark{{N: 1, Level: 2, Start: s1, End: s1 + len(h1), Anchor: "café", Text: "Café"}, {N: 2, Level: 2, Start: s2, End: s2 + len(h2), Anchor: "more", Text: "More"}}
	pi.TOC = []blob.TOCEntry{{Level: 2, Anchor: "café", Text: "Café"}, {Level: 2, Anchor: "more", Text: "More"}}
	return pi
}

// TestPagePayloadIsTheReaders: nothing of a reader is in a PagePayload,
// and its html is the article without edit-section links.
func TestPagePayloadIsTheReaders(t *testing.T) {
	pi := sectionedPage()
	b, err := json.Marshal(skin.NewPagePayload(pi))
	if err != nil {
		t.Fatal(err)
	}
	var p skin.PagePayload
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if p.HTML != pi.HTML || strings.Contains(p.HTML, "mw-editsection") || len(p.Sections) != len(pi.Sections) || len(p.Sections) == 0 {
		t.Errorf("html or sections differ from the PageInfo's: %d sections", len(p.Sections))
	}
	for _, s := range p.Sections {
		if h := p.HTML[s.Start:s.End]; !strings.HasPrefix(h, "<h") || !strings.Contains(h, s.Text) {
			t.Errorf("section %d at %d–%d is %q", s.N, s.Start, s.End, h)
		}
	}
}

// TestBundleURL: the userinfo links its skin's bundle at an immutable URL
// that changes with the language.
func TestBundleURL(t *testing.T) {
	set := loadSkins(t)
	en, de := set.BundleURL("desktop", "en"), set.BundleURL("desktop", "de")
	_, hash, ok := set.BundleJSON("desktop", "en")
	if !ok || en != "/api/v1/skins/desktop?uselang=en&v="+hash || de == en || !strings.Contains(de, "uselang=de") {
		t.Errorf("bundle URLs %q, %q (hash %s)", en, de, hash)
	}
	if _, _, ok := set.BundleJSON("nope", "en"); ok || set.BundleURL("nope", "en") != "" {
		t.Error("an unknown skin has a bundle")
	}
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}
