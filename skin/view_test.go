package skin_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/userinfo"
)

// Set.View renders a page view from a specialization kept per PageInfo;
// it must give the bytes that ViewData rendered by cbroglie gives, for
// every page, reader, skin and request, and ETags that are equal exactly
// when the bytes are.

type viewCase struct {
	name string
	pi   *pageinfo.PageInfo
	u    *userinfo.UserInfo
	meta skin.Meta
	skin string
}

func viewCases(t testing.TB) []viewCase {
	cats := renderPage(t, "Cats", tocSource)
	home := renderPage(t, "Home", "#REDIRECT [[Main Page]]\n")
	paris := alice()
	paris.Ext = nil
	utc := alice()
	utc.Preferences.Timezone = ""
	other := alice()
	other.CSRF = "another-session"
	watching := alice()
	watching.Watched = blob.NewWatchSet([]string{"Cats", "Talk:Cats", "Home"})
	users := map[string]*userinfo.UserInfo{
		"nil": nil, "anonymous": anonymousUser(), "alice": alice(), "alice-no-ext": paris,
		"alice-utc": utc, "alice-other-session": other, "sysop": sysop(), "blocked": blockedUser(),
		"alice-watching-cats": watching, "alice-messages": aliceWithMessages(),
	}
	searched := viewMeta("Main_Page")
	searched.SearchQuery = `"<cats> & dogs'`
	var cases []viewCase
	for _, sk := range []string{"desktop", "minimal", "no-such-skin"} {
		for un, u := range users {
			for pn, pi := range map[string]*pageinfo.PageInfo{"main": mainPage(), "cats": cats, "home": home, "talk": talkPage(t)} {
				cases = append(cases, viewCase{sk + "/" + un + "/" + pn, pi, u, viewMeta(pi.Title), sk})
			}
			cases = append(cases, viewCase{sk + "/" + un + "/searched", mainPage(), u, searched, sk})
		}
	}
	return cases
}

func TestViewerMatchesRender(t *testing.T) {
	set := loadSet(t)
	v := set.WithSite(testSite())
	etags := map[string]string{} // ETag → bytes
	bodies := map[string]string{}
	for _, tc := range viewCases(t) {
		var want bytes.Buffer
		if err := set.Render(&want, set.ViewData(tc.pi, tc.u, tc.meta, testSite(), tc.skin)); err != nil {
			t.Fatal(err)
		}
		// Twice: the first builds the specialization, the second reuses it.
		for round := range 2 {
			view := v.View(tc.pi, tc.u, tc.meta, tc.skin)
			var got bytes.Buffer
			if err := view.Render(&got); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("%s (round %d): the view differs from ViewData + Render:\n%s", tc.name, round, firstDiff(got.String(), want.String()))
			}
			etag := view.ETag()
			if !strings.HasPrefix(etag, `"v`) || !strings.HasSuffix(etag, `"`) {
				t.Fatalf("%s: bad ETag %s", tc.name, etag)
			}
			if b, ok := etags[etag]; ok && b != got.String() {
				t.Fatalf("%s: ETag %s shared by two different pages", tc.name, etag)
			}
			if e, ok := bodies[got.String()]; ok && e != etag {
				t.Fatalf("%s: the same page has two ETags, %s and %s", tc.name, e, etag)
			}
			etags[etag], bodies[got.String()] = got.String(), etag
		}
	}
	if len(bodies) < 20 {
		t.Errorf("only %d distinct pages: the cases do not vary", len(bodies))
	}
}

// TestViewerKeepsOneSpecialization: readers of one class share a page's
// specialization; the memo of the PageInfo holds it.
func TestViewerKeepsOneSpecialization(t *testing.T) {
	set := loadSet(t)
	v := set.WithSite(testSite())
	pi := mainPage()
	other := alice()
	other.Name, other.CSRF = "Bob", "bob-token"
	for _, u := range []*userinfo.UserInfo{alice(), other, alice()} {
		v.View(pi, u, viewMeta("Main_Page"), "")
	}
	if n := pi.Derived().Len(); n != 1 {
		t.Fatalf("PageInfo memo holds %d entries, want 1 (this Set's views)", n)
	}
	if a, b := v.View(pi, alice(), viewMeta("Main_Page"), "").ETag(), v.View(pi, other, viewMeta("Main_Page"), "").ETag(); a == b {
		t.Error("two readers share an ETag")
	}
}

// TestViewChoosesSkin: View picks the skin as Choose does — useskin, then
// the reader's preference, then the default — and its Link header values
// preload that skin's stylesheets.
func TestViewChoosesSkin(t *testing.T) {
	set := loadSet(t).WithSite(testSite())
	prefers := alice()
	prefers.Preferences.Skin = "minimal"
	for _, tc := range []struct {
		useskin string
		u       *userinfo.UserInfo
	}{{"", nil}, {"minimal", nil}, {"nope", alice()}, {"", prefers}, {"desktop", prefers}, {"nope", prefers}} {
		name := set.Choose(tc.useskin, tc.u)
		var want, got bytes.Buffer
		if err := set.Render(&want, set.ViewData(mainPage(), tc.u, viewMeta("Main_Page"), testSite(), name)); err != nil {
			t.Fatal(err)
		}
		view := set.View(mainPage(), tc.u, viewMeta("Main_Page"), tc.useskin)
		if err := view.Render(&got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("useskin %q: the view is not in skin %s", tc.useskin, name)
		}
		var link []string
		for _, u := range set.Preload(name) {
			link = append(link, "<"+u+">; rel=preload; as=style")
		}
		if !slices.Equal(view.Link(), link) || len(link) == 0 {
			t.Errorf("useskin %q: Link %q, want %q", tc.useskin, view.Link(), link)
		}
	}
}

// TestForSite: the Provider gives one copy of each Set bound to the site,
// the same until the Set changes.
func TestForSite(t *testing.T) {
	r, err := skin.NewReloader(skins.FS, "", false)
	if err != nil {
		t.Fatal(err)
	}
	p := skin.ForSite(r, testSite())
	a, err := p.Current()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := p.Current(); b != a {
		t.Error("two copies of one Set")
	}
	if a.Site().Name != testSite().Name {
		t.Errorf("site %q, want %q", a.Site().Name, testSite().Name)
	}
	if err := r.Reload(); err != nil {
		t.Fatal(err)
	}
	if b, _ := p.Current(); b == a || b.Site().Name != testSite().Name {
		t.Error("a reloaded Set is not a new copy for the site")
	}
}
