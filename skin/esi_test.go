package skin_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

var esiInclude = regexp.MustCompile(`<esi:include src="hole:(\d+)"/>`)

// esiPage assembles what an ESI cache serves u: the body of u's class
// with each include replaced by u's fragment.
func esiPage(t *testing.T, set *skin.Set, pi *pageinfo.PageInfo, u *userinfo.UserInfo, m skin.Meta) (page, body string) {
	t.Helper()
	class := set.ReaderClass(u)
	shared, ok := set.ESIView(pi, class, m)
	if !ok {
		t.Fatalf("no ESI view for class %q", class)
	}
	var b bytes.Buffer
	if err := shared.RenderESI(&b, func(n int) string { return "hole:" + strconv.Itoa(n) }); err != nil {
		t.Fatal(err)
	}
	own, ok := set.FragmentView(pi, class, u, m)
	if !ok {
		t.Fatalf("no fragment view for class %q", class)
	}
	if own.Holes() != 1 || shared.Holes() != 1 { // one include: one request to the origin
		t.Fatalf("holes: %d in the fragments' view, %d in the body's; want 1", own.Holes(), shared.Holes())
	}
	page = esiInclude.ReplaceAllStringFunc(b.String(), func(inc string) string {
		n, _ := strconv.Atoi(esiInclude.FindStringSubmatch(inc)[1])
		var f bytes.Buffer
		if !own.RenderHole(&f, n) {
			t.Fatalf("no hole %d", n)
		}
		return f.String()
	})
	return page, b.String()
}

// An ESI body with its holes filled by the reader's fragments is the
// reader's own view, byte for byte, in both skins, for readers of
// several classes; the body holds nothing of the reader (their
// token, their personal links).
func TestESIViewMatchesView(t *testing.T) {
	set := loadSet(t).WithSite(testSite())
	cats := renderPage(t, "Cats", tocSource)
	users := map[string]*userinfo.UserInfo{
		"alice": alice(), "sysop": sysop(), "blocked": blockedUser(), "alice-messages": aliceWithMessages(),
	}
	for _, sk := range []string{"desktop", "minimal"} {
		for un, u := range users {
			u.Preferences.Skin = sk
			for pn, pi := range map[string]*pageinfo.PageInfo{"main": mainPage(), "cats": cats, "talk": talkPage(t)} {
				m := viewMeta(pi.Title)
				var want bytes.Buffer
				if err := set.View(pi, u, m, "").Render(&want); err != nil {
					t.Fatal(err)
				}
				got, body := esiPage(t, set, pi, u, m)
				if got != want.String() {
					t.Fatalf("%s/%s/%s: ESI page differs from the view:\n%s", sk, un, pn, firstDiff(got, want.String()))
				}
				if theme := `data-theme="` + u.Preferences.DarkMode; u.Preferences.DarkMode != "" && !strings.Contains(body, theme) {
					t.Errorf("%s/%s/%s: the body does not set the class's theme (%s)", sk, un, pn, theme)
				}
				if inTag := insideTag(body); inTag != "" {
					t.Errorf("%s/%s/%s: an include inside a tag, which ESI does not see: %s", sk, un, pn, inTag)
				}
				for _, secret := range []string{u.CSRF, "pt-userpage", "pt-mytalk"} {
					if strings.Contains(body, secret) {
						t.Errorf("%s/%s/%s: the shared body holds %q", sk, un, pn, secret)
					}
				}
			}
		}
	}
}

// A reader class round-trips through its cookie value; anything else is
// refused, as are the anonymous reader (no class) and a skin, language
// or zone the wiki does not have.
func TestReaderClass(t *testing.T) {
	set := loadSet(t).WithSite(testSite())
	u := alice()
	class := set.ReaderClass(u)
	if class != "v1.7.desktop.en.dark.Europe/Paris" {
		t.Errorf("class = %q", class)
	}
	if set.ReaderClass(anonymousUser()) != "" || set.ReaderClass(nil) != "" {
		t.Error("an anonymous reader has a class")
	}
	if set.ReaderClass(sysop()) == class {
		t.Error("a sysop has a user's class")
	}
	m := viewMeta("Main_Page")
	if _, ok := set.ESIView(mainPage(), class, m); !ok {
		t.Fatalf("class %q refused", class)
	}
	for _, bad := range []string{"", "v1", "v2.7.desktop.en.auto.", "v1.7.desktop.en.auto", "v1.07.desktop.en.auto.", "v1.ff.desktop.en.auto.",
		"v1.7.nope.en.auto.", "v1.7.desktop.xx.auto.", "v1.7.desktop.en.auto.Mars/Olympus", "v1.7.desktop.en.auto./etc/passwd",
		"v1.-1.desktop.en.auto.", "v1.7.desktop.en.purple.", "v1.7.desktop.en.auto." + strings.Repeat("A", 200)} {
		if _, ok := set.ESIView(mainPage(), bad, m); ok {
			t.Errorf("class %q accepted", bad)
		}
		if _, ok := set.FragmentView(mainPage(), bad, u, m); ok {
			t.Errorf("class %q accepted for fragments", bad)
		}
	}
}

// insideTag returns the text before the first include of body that sits
// inside a tag, or "".
func insideTag(body string) string {
	for _, loc := range esiInclude.FindAllStringIndex(body, -1) {
		before := esiInclude.ReplaceAllString(body[:loc[0]], "")
		if strings.LastIndexByte(before, '<') > strings.LastIndexByte(before, '>') {
			return before[max(0, len(before)-80):]
		}
	}
	return ""
}
