package server

import (
	"net/http"

	"github.com/foliowiki/folio/router"
)

// static answers /static/<hash>/<file>. Skins bring the assets (issue 6);
// until then there are none.
func (s *Server) static(http.ResponseWriter, *http.Request, router.Match) error {
	return errorf(http.StatusNotFound, "no such asset")
}
