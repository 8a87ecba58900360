package skin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// TestRegisterLink: with open registration, anonymous readers' personal
// tools link to the account form in every skin, on the specialized path of
// page views as on any page; a site setting, so the link is in the
// specialized text (not a reader's hole) and logged-in readers do not get
// it. With registration closed, no page links to it.
func TestRegisterLink(t *testing.T) {
	set := loadSet(t)
	const link = `id="pt-createaccount" href="/-/register?returnto=Main_Page"`
	for _, name := range set.Names() {
		for _, open := range []bool{true, false} {
			site := testSite()
			site.OpenRegistration = open
			bound := set.WithSite(site)
			for _, tc := range []struct {
				who  string
				u    *userinfo.UserInfo
				want bool
			}{
				{"anonymous", anonymousUser(), open},
				{"nil user", nil, open},
				{"logged in", alice(), false},
			} {
				var view, page, data bytes.Buffer
				if err := bound.View(mainPage(), tc.u, viewMeta("Main_Page"), name).Render(&view); err != nil {
					t.Fatal(err)
				}
				m := viewMeta("Main_Page")
				m.RouteName, m.Class = "page.history", router.ClassDynamic
				if err := set.Render(&page, set.PageData("History", "<p>x</p>", tc.u, m, site, name)); err != nil {
					t.Fatal(err)
				}
				if err := set.Render(&data, set.ViewData(mainPage(), tc.u, viewMeta("Main_Page"), site, name)); err != nil {
					t.Fatal(err)
				}
				for what, b := range map[string]*bytes.Buffer{"view": &view, "page": &page, "view data": &data} {
					if got := strings.Contains(b.String(), link); got != tc.want {
						t.Errorf("%s, open %v, %s, %s: has the Create account link = %v, want %v", name, open, tc.who, what, got, tc.want)
					}
				}
				if view.String() != data.String() {
					t.Errorf("%s, open %v, %s: the specialized view differs from ViewData's render", name, open, tc.who)
				}
			}
			d := set.ViewData(mainPage(), anonymousUser(), viewMeta("Main_Page"), site, name)
			if want := map[bool]string{true: "/-/register?returnto=Main_Page", false: ""}[open]; d.LinkRegister != want {
				t.Errorf("%s, open %v: link-register = %q, want %q", name, open, d.LinkRegister, want)
			}
		}
	}
}
