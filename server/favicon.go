package server

import (
	"net/http"

	"github.com/foliowiki/folio/router"
)

// faviconSVG is the site icon: a folded page.
const faviconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M7 3h13l6 6v20H7z" fill="#fff" stroke="#36c" stroke-width="2"/><path d="M20 3v6h6" fill="none" stroke="#36c" stroke-width="2"/><path d="M11 15h11M11 19h11M11 23h7" stroke="#36c" stroke-width="2"/></svg>`

// favicon answers /favicon.ico, which every browser asks for.
func (s *Server) favicon(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	return writeBytes(w, r, http.StatusOK, "image/svg+xml", []byte(faviconSVG))
}
