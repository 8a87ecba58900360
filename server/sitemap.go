package server

import (
	"bytes"
	"encoding/xml"
	"net/http"

	"github.com/foliowiki/folio/router"
)

// sitemapMax is the sitemaps.org limit of URLs in one file; a bigger wiki
// lists the first sitemapMax titles (a sitemap index is future work).
const sitemapMax = 50_000

// sitemap answers /sitemap.xml: every page's canonical URL and when it last
// changed.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	pages, err := s.Store.ListPages(r.Context(), "", sitemapMax)
	if err != nil {
		return err
	}
	base := s.baseURL(r)
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(base+router.TitleURL(p.Title)))
		b.WriteString("</loc><lastmod>" + p.Touched.UTC().Format("2006-01-02T15:04:05Z") + "</lastmod></url>\n")
	}
	b.WriteString("</urlset>\n")
	return writeBytes(w, r, http.StatusOK, "application/xml; charset=utf-8", b.Bytes())
}
