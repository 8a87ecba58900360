package server

import (
	"net/http"

	"github.com/foliowiki/folio/router"
)

// clearSiteData is the Clear-Site-Data of a logout.
var clearSiteData = []string{`"cache", "storage"`}

// userLogout shows a logout button (GET: a link must not log anyone out)
// and logs out (POST with csrf, checked by the middleware): the session
// ends and its cookie is cleared.
func (s *Server) userLogout(w http.ResponseWriter, r *http.Request, m router.Match) error {
	u := userOf(r)
	if r.Method != http.MethodPost {
		if u.Anonymous {
			return s.render(w, r, m, page{Title: s.lang(r, m).T("logout-title"), Message: s.lang(r, m).T("logout-not-logged-in")})
		}
		form, err := renderForm(s.lang(r, m), "logout", formData{Action: s.Routes.Path("user.logout"), CSRF: u.CSRF, Name: u.Name})
		if err != nil {
			return err
		}
		return s.render(w, r, m, page{Title: s.lang(r, m).T("logout-title"), Body: form})
	}
	if err := s.Users.Logout(r.Context(), u); err != nil {
		return err
	}
	http.SetCookie(w, s.Users.ClearCookie(r))
	// What the browser kept of the reader goes too: the service worker's
	// saved pages and UserInfo, and the HTTP cache (the worker clears its
	// own as well, for browsers that ignore the header).
	w.Header()["Clear-Site-Data"] = clearSiteData
	http.Redirect(w, r, router.TitleURL(s.Routes.Config().MainPage), http.StatusSeeOther)
	return nil
}
