package server

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"sync"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
)

// views are the bodies of dynamic views and actions. The skin draws the
// page around them (header, tools, footer), as MediaWiki's SkinMustache
// draws around a special page's content.
//
//go:embed views/*.html
var viewFS embed.FS

// The views are parsed once with stand-ins for the functions that speak
// the reader's language, and cloned per language with that language's
// (viewsIn):
//
//	{{msg "key" "Param" .Value …}}     a message, as text (i18n.Lang.T)
//	{{msgHTML "key" "Link" .HTML …}}   a message as HTML: template.HTML parameters go in as they are (i18n.Lang.HTML)
//	{{num .N}}                         a number in the language's digits and separators
//	{{link .URL .Text}}                a link, as HTML, for a msgHTML parameter
//
// They are parsed when first needed (a page view needs none): parsing them
// at package init cost every start a few milliseconds.
var views = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("views").Funcs(langFuncs(i18n.Default().Lang(i18n.Source))).ParseFS(viewFS, "views/*.html"))
})

func langFuncs(l *i18n.Lang) template.FuncMap {
	return template.FuncMap{
		"msg":     l.T,
		"msgHTML": l.HTML,
		"num":     l.Number,
		"link":    anchor,
	}
}

// byLang is a template set cloned per language on first use, with that
// language's functions (langFuncs) bound: the views, the forms.
type byLang struct {
	base func() *template.Template // parsed on first use
	m    sync.Map                  // *i18n.Lang → *template.Template
}

// in returns the set speaking l.
func (b *byLang) in(l *i18n.Lang) *template.Template {
	if t, ok := b.m.Load(l); ok {
		return t.(*template.Template)
	}
	t, _ := b.m.LoadOrStore(l, template.Must(b.base().Clone()).Funcs(langFuncs(l)))
	return t.(*template.Template)
}

var viewSets = &byLang{base: views}

// viewsIn returns the views speaking l.
func viewsIn(l *i18n.Lang) *template.Template { return viewSets.in(l) }

// body renders the named view into HTML for a page's body, in the
// request's interface language (Server.lang).
func (s *Server) body(r *http.Request, m router.Match, name string, data any) (template.HTML, error) {
	return bodyIn(s.lang(r, m), name, data)
}

// bodyIn renders the named view into HTML in language l.
func bodyIn(l *i18n.Lang, name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := viewsIn(l).ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// view renders a named view as the body of a page.
func (s *Server) view(w http.ResponseWriter, r *http.Request, m router.Match, status int, title, name string, data any) error {
	b, err := s.body(r, m, name, data)
	if err != nil {
		return err
	}
	return s.render(w, r, m, page{Status: status, Title: title, Body: b})
}

// when formats a time for lists in the reader's time zone (zoneOf), with
// the zone's abbreviation, as the skin's footer shows it.
func when(loc *time.Location, t time.Time) string { return t.In(loc).Format("2006-01-02 15:04 MST") }

// whenIn formats a time for lists in the reader's time zone (zoneOf) and
// language: "10:01, 6 December 2026" (i18n.Lang.DateTime).
func whenIn(l *i18n.Lang, loc *time.Location, t time.Time) string { return l.DateTime(t.In(loc)) }

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
