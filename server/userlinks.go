package server

import (
	"context"
	"html"
	"html/template"
	"strings"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// userLink is an author in a list: a link to their user page (red, as
// MediaWiki's, when it does not exist) and to their contributions.
type userLink struct {
	Name, PageURL, ContribsURL string
	Missing                    bool // the user page does not exist
}

// userLinks makes the links of the names, asking the store once which user
// pages exist. Empty names (system saves) get no links.
func (s *Server) userLinks(ctx context.Context, names []string) (map[string]userLink, error) {
	out := make(map[string]userLink, len(names))
	var titles []string
	for _, n := range names {
		if _, ok := out[n]; ok || n == "" {
			continue
		}
		t := router.UserTitle(n)
		out[n] = userLink{Name: n, PageURL: router.TitleURL(t), ContribsURL: s.contributionsURL(n)}
		titles = append(titles, t)
	}
	if len(titles) == 0 {
		return out, nil
	}
	exist, err := s.Store.PagesExist(ctx, titles)
	if err != nil {
		return nil, err
	}
	for n, l := range out {
		l.Missing = !exist[router.UserTitle(n)]
		out[n] = l
	}
	return out, nil
}

// contributionsURL is the path of a user's contributions, spaces written
// as underscores as in MediaWiki's Special:Contributions/Ada_Lovelace.
func (s *Server) contributionsURL(name string) string {
	return s.Routes.Path("user.contributions", "user", strings.ReplaceAll(name, " ", "_"))
}

// sizeDelta is a signed change of size, as MediaWiki shows it: "+12",
// "−30" (a minus sign), "0", classed for colour, bold from 500 bytes.
type sizeDelta struct {
	Text, Class, Title string
	Big                bool
}

// deltaOf formats the change from old to new bytes in l's digits.
func deltaOf(l *i18n.Lang, old, new int) sizeDelta {
	d := new - old
	sd := sizeDelta{Title: l.T("rc-change-size-new", "Count", new), Big: d >= 500 || d <= -500}
	switch {
	case d > 0:
		sd.Text, sd.Class = "+"+l.Number(d), "mw-plusminus-pos"
	case d < 0:
		sd.Text, sd.Class = "\u2212"+l.Number(-d), "mw-plusminus-neg"
	default:
		sd.Text, sd.Class = l.Number(0), "mw-plusminus-null"
	}
	return sd
}

// anchor is a link with text, for a message's link parameter
// (i18n.Lang.HTML).
func anchor(url, text string) template.HTML {
	return template.HTML(`<a href="` + html.EscapeString(url) + `">` + html.EscapeString(text) + `</a>`)
}
