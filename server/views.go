package server

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
)

// views are the bodies of dynamic views and actions. The skin draws the
// page around them (header, tools, footer), as MediaWiki's SkinMustache
// draws around a special page's content.
//
//go:embed views/*.html
var viewFS embed.FS

var views = template.Must(template.New("views").Funcs(template.FuncMap{}).ParseFS(viewFS, "views/*.html"))

// body renders the named view into HTML for a page's body.
func body(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := views.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// view renders a named view as the body of a page.
func (s *Server) view(w http.ResponseWriter, r *http.Request, m router.Match, status int, title, name string, data any) error {
	b, err := body(name, data)
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: status, Title: title, Body: b})
}

// when formats a time for lists in the reader's time zone (zoneOf), with
// the zone's abbreviation, as the skin's footer shows it.
func when(loc *time.Location, t time.Time) string { return t.In(loc).Format("2006-01-02 15:04 MST") }

// zoneOf is the time zone a request's reader chose in the preferences (UTC
// for anonymous readers). Only pages that are never publicly cached may use
// it: feeds and the API keep UTC.
func zoneOf(r *http.Request) *time.Location { return skin.Timezone(userOf(r)) }

// link is a titled URL in a list.
type link struct {
	URL, Text string
	Note      string // shown after the link, in parentheses ("transclusion"); "" for none
}

func titleLink(title string) link {
	return link{URL: router.TitleURL(title), Text: router.DisplayTitle(title)}
}
