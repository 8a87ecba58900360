package server

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
)

// pageRender answers GET /-/render/T (and ?action=render on a page's URL,
// which the router redirects here): the article HTML of the current
// revision without a skin, as MediaWiki's action=render — the fragment a
// view shows in its body, without edit-section links, the same for every
// reader. It is cached like the view (route page.render), from the cached
// PageInfo, with an ETag of the revision and a hash of the HTML. A
// redirect's own HTML is sent, not its target's.
func (s *Server) pageRender(w http.ResponseWriter, r *http.Request, m router.Match) error {
	pi, err := s.Pages.Latest(r.Context(), m.Title())
	if err != nil {
		return notFoundAs(err, "no page %q", m.Title())
	}
	if notModified(w, r, renderTagOf(pi)) {
		return nil
	}
	return s.writeHTML(w, r, http.StatusOK, bytes.NewBufferString(pi.HTML))
}

type renderTagKey struct{}

// renderTagOf is the ETag of pi's article HTML, made once per PageInfo.
func renderTagOf(pi *pageinfo.PageInfo) string {
	memo := pi.Derived()
	if t, ok := memo.Load(renderTagKey{}); ok {
		return t.(string)
	}
	return memo.Store(renderTagKey{}, `"r`+strconv.FormatInt(pi.RevID, 10)+"-"+hashHex([]byte(pi.HTML))+`"`).(string)
}
