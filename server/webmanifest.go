package server

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/foliowiki/folio/router"
)

// webManifest is the web app manifest (W3C Web Application Manifest):
// what a browser needs to install the wiki as an app.
type webManifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Lang            string         `json:"lang"`
	Dir             string         `json:"dir"`
	StartURL        string         `json:"start_url"` // the main page
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Type    string `json:"type"`
	Sizes   string `json:"sizes"`
	Purpose string `json:"purpose"`
}

// Colours of the installed app: the page's background and the skins'
// link blue (the site icon's).
const (
	manifestBackground = "#ffffff"
	manifestTheme      = "#3366cc"
)

// webmanifest answers /manifest.webmanifest, which every page links: the
// wiki's name (--site-name), its icon (the SVG favicon, any size), the
// main page as where the app starts, standalone display. The same for
// every reader.
func (s *Server) webmanifest(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	lang := s.site.Language("", nil)
	name := s.site.WikiName()
	b, err := json.MarshalIndent(webManifest{
		Name: name, ShortName: name, Lang: lang.Code, Dir: lang.Dir,
		StartURL: router.TitleURL(s.Routes.Config().MainPage), Scope: "/", Display: "standalone",
		BackgroundColor: manifestBackground, ThemeColor: manifestTheme,
		Icons: []manifestIcon{{Src: s.Routes.Path("favicon"), Type: "image/svg+xml", Sizes: "any", Purpose: "any"}},
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("web manifest: %w", err)
	}
	return writeBytes(w, r, http.StatusOK, "application/manifest+json", append(b, '\n'))
}
