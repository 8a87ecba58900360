package server

import "net/http"

// The post-edit notice, as MediaWiki's postEdit: a save's redirect sets a
// one-shot cookie that the skin's script reads, deletes and turns into a
// notice on the page view that follows ("Your edit was saved."). The view
// itself is not touched: it stays the same cached page for everyone (the
// CDN drops anonymous readers' cookies before the cache; see docs/cdn.md).
const (
	postEditCookie   = "folio_postedit"
	postEditSaved    = "saved"    // a new revision was saved
	postEditNoChange = "nochange" // a null edit: the text was the current one
	postEditMaxAge   = 60         // seconds: the redirect follows at once
)

// setPostEdit sets the post-edit cookie of a successful save; unchanged
// tells a null edit. It is Secure as the session cookie (--secure-cookies)
// or when the request came over TLS.
func (s *Server) setPostEdit(w http.ResponseWriter, r *http.Request, unchanged bool) {
	v := postEditSaved
	if unchanged {
		v = postEditNoChange
	}
	// Not HttpOnly: the skin's script reads it.
	http.SetCookie(w, &http.Cookie{Name: postEditCookie, Value: v, Path: "/", MaxAge: postEditMaxAge,
		SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies || r.TLS != nil})
}
