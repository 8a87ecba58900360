package server

import (
	"net/http"

	"github.com/foliowiki/folio/router"
)

// userLogout shows a logout button (GET: a link must not log anyone out)
// and logs out (POST with csrf, checked by the middleware): the session
// ends and its cookie is cleared.
func (s *Server) userLogout(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	u := userOf(r)
	if r.Method != http.MethodPost {
		if u.Anonymous {
			return writeHTML(w, r, http.StatusOK, plainData{Site: s.Config.SiteName, Heading: "Log out", Message: "You are not logged in."})
		}
		form, err := renderForm("logout", formData{CSRF: u.CSRF, Name: u.Name})
		if err != nil {
			return err
		}
		return writeHTML(w, r, http.StatusOK, plainData{Site: s.Config.SiteName, Heading: "Log out", Body: form})
	}
	if err := s.Users.Logout(r.Context(), u); err != nil {
		return err
	}
	http.SetCookie(w, s.Users.ClearCookie(r))
	http.Redirect(w, r, router.TitleURL(s.Routes.Config().MainPage), http.StatusSeeOther)
	return nil
}
