package server

import (
	"net/http"
	"strings"

	"github.com/foliowiki/folio/router"
)

// immutableCache is the Cache-Control of a skin bundle asked for by its
// hash (?v=): it never changes at that URL.
var immutableCache = []string{router.StaticCache.HeaderValue(false)}

// apiSkin answers GET /api/v1/skins/NAME: the skin bundle (skin.Bundle) in
// the language ?uselang= (else the wiki's), encoded once per skin set and
// language. Its ETag is its hash. Asked for with ?v= its hash (the URL the
// userinfo payload links), it is immutable and kept a year; otherwise
// (no v, or an old one) it is public for as long as a view. An unknown
// skin is a 404 that lists the skins.
func (s *Server) apiSkin(w http.ResponseWriter, r *http.Request, m router.Match) error {
	set, err := s.skins()
	if err != nil {
		return err
	}
	name := m.Params.Get("name")
	b, hash, ok := set.BundleJSON(name, m.Params.Get("uselang"))
	if !ok {
		return errorf(http.StatusNotFound, "no skin %q; the skins are %s", name, strings.Join(set.Names(), ", "))
	}
	if v := m.Params.Get("v"); v == hash && !s.Config.Private {
		w.Header()["Cache-Control"] = immutableCache
	}
	return s.writePayload(w, r, b, `"s`+hash+`"`)
}
