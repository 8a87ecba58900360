package skin

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin/engine"
)

// The data recipe runs in two places: here (ViewData, PayloadData) and in
// JavaScript (skin/js/folio-render.js, served as a static asset), which
// makes the same Data from the three payloads in a browser, a service
// worker or at the edge. Go stays its one source of truth: whatever the
// JavaScript needs beyond the payloads' own keys — the recipe's messages
// and their plural and number rules in the bundle's language, the routes'
// URL patterns, the namespaces, the tab tables, the escaping — travels in
// the bundle's recipe (Recipe), generated here; the reader's time-zone
// rules travel in the UserPayload (ZoneChange). skin/recipejs_test.go
// proves the two equal.

// recipeGroups are the message groups the recipe's messages come from:
// the skin's words, the sentences of its data, dates and the extensions'.
var recipeGroups = []string{"skin", "skindata", "core", "extensions"}

// Recipe is what the JavaScript data recipe (folio-render.js) needs that
// the payloads do not hold, in the bundle's language, generated from the
// Go recipe: never written by hand in the script.
type Recipe struct {
	Messages         map[string]string            `json:"messages"`          // the recipe's messages (groups skin, skindata, core, extensions) by key, in interface-lang (English where it has none): Go template text, whose only actions are {{.Name}}. A message the bundle's messages hold as msg-KEY, with the same text, is not repeated here
	Plurals          map[string]map[string]string `json:"plurals"`           // the messages with plural forms, by key, then by CLDR form ("one", "other" …)
	Plural           RecipePlural                 `json:"plural"`            // how interface-lang chooses a plural form for a count
	Number           RecipeNumber                 `json:"number"`            // how interface-lang writes numbers
	Routes           map[string]string            `json:"routes"`            // URL of each route with no path parameter but title, by route name: "{title}" stands for the title, escaped as router.EscapeTitle does
	Namespaces       []string                     `json:"namespaces"`        // the namespace prefixes, canonical, without the colon ("User_talk" …)
	NamespaceAliases map[string]string            `json:"namespace-aliases"` // other names of namespaces, by alias ("Image": "File")
	NamespaceTabs    []RecipeNamespaceTab         `json:"namespace-tabs"`    // the subject tab's messages, by namespace ("" for the main namespace and every other)
	PageActions      []RecipeAction               `json:"page-actions"`      // the page actions, in order
	ContentLang      string                       `json:"content-lang"`      // BCP 47 code of the wiki's content language (--lang), the lang of a view's body
	ContentDir       string                       `json:"content-dir"`       // its direction, "ltr" or "rtl"
	OpenRegistration bool                         `json:"open-registration"` // anyone may create an account: views link the form (link-register)
	MinTOC           int                          `json:"min-toc"`           // the fewest headings a page needs for a table of contents
	Escapes          map[string]string            `json:"escapes"`           // how {{name}} escapes: the replacement of each character that changes (mustache.js's Mustache.escape must do this)
}

// RecipePlural chooses the CLDR plural form of a count n ≥ 0: that of
// the last run whose from is at most m, where m is n for n < 200, else
// 1,000,000 for a multiple of it, else 100 + n % 100.
type RecipePlural struct {
	Runs []RecipePluralRun `json:"runs"` // the forms of 0 to 199 and of 1,000,000, as runs, in order
}

// RecipePluralRun is a run of counts with the same plural form.
type RecipePluralRun struct {
	From int    `json:"from"` // the run's first count
	Form string `json:"form"` // "zero", "one", "two", "few", "many" or "other"
}

// RecipeNumber is how a language writes a whole number: its digits, and
// groups of three separated when the number has at least 3 + min-group
// digits.
type RecipeNumber struct {
	Digits   []string `json:"digits"`    // the digits 0 to 9
	Group    string   `json:"group"`     // the group separator ("," "." …); "" for none
	MinGroup int      `json:"min-group"` // the fewest digits before the first separator
}

// RecipeNamespaceTab is the subject tab of a namespace: MediaWiki's
// nstab-* message and its tooltip.
type RecipeNamespaceTab struct {
	Namespace string `json:"namespace"` // the subject namespace; "" for the main namespace, and every namespace not listed
	Text      string `json:"text"`      // message of the tab's text
	Tooltip   string `json:"tooltip"`   // message of its tooltip
}

// RecipeAction is a page action: shown to readers with the right, when
// the registry has the route.
type RecipeAction struct {
	ID        string `json:"id"`        // the tab's id ("backlinks" …)
	Text      string `json:"text"`      // message of its text
	Route     string `json:"route"`     // route name of its URL (title: the page)
	Right     string `json:"right"`     // the right it needs
	AccessKey string `json:"accesskey"` // MediaWiki's access key; "" for none
	Tooltip   string `json:"tooltip"`   // message of its tooltip
}

// recipe returns the recipe of the bundle in lang whose messages are
// msgs.
func (s *Set) recipe(lang *i18n.Lang, msgs map[string]string) Recipe {
	cl := s.site.ContentLanguage()
	r := Recipe{
		Messages: map[string]string{}, Plurals: map[string]map[string]string{},
		Plural: pluralRule(lang), Number: numberRule(lang),
		Routes: recipeRoutes(s.site.registry()), Namespaces: router.Namespaces(), NamespaceAliases: router.NamespaceAliases(),
		ContentLang: cl.Code, ContentDir: cl.Dir, OpenRegistration: s.site.OpenRegistration, MinTOC: MinTOC,
		Escapes: map[string]string{},
	}
	for _, k := range i18n.Default().Keys() {
		if !slices.Contains(recipeGroups, k.Group) {
			continue
		}
		if forms := lang.Forms(k.ID); forms != nil {
			r.Plurals[k.ID] = forms
			continue
		}
		if text := lang.Text(k.ID); msgs["msg-"+k.ID] != text {
			r.Messages[k.ID] = text
		}
	}
	for _, p := range slices.Sorted(mapKeys(nsTabs)) {
		r.NamespaceTabs = append(r.NamespaceTabs, RecipeNamespaceTab{Namespace: p, Text: nsTabs[p].text, Tooltip: nsTabs[p].what})
	}
	for _, a := range actions {
		r.PageActions = append(r.PageActions, RecipeAction{ID: a.id, Text: a.text, Route: a.route, Right: string(a.right), AccessKey: a.key, Tooltip: a.what})
	}
	for c, rep := range engine.Escapes() {
		r.Escapes[string(rune(c))] = rep
	}
	return r
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// recipeRoutes are the URLs of the routes whose only path parameter, if
// any, is the title, with "{title}" for it.
func recipeRoutes(reg *router.Registry) map[string]string {
	const mark = "\x00"
	out := map[string]string{}
	for _, rt := range reg.Routes() {
		other := false
		for _, seg := range strings.Split(rt.Pattern, "/") {
			if (strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*")) && seg[1:] != "title" {
				other = true
			}
		}
		if other {
			continue
		}
		out[rt.Name] = strings.ReplaceAll(rt.URL(router.MakeParams("title", mark)), router.EscapeTitle(mark), "{title}")
	}
	return out
}

// pluralForms are every CLDR plural form, for the probe of pluralRule.
var pluralForms = &goi18n.Message{ID: "form", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}

// pluralRule returns how lang chooses plural forms, as T does: English's
// rule, other languages' go-i18n's, probed with a message whose forms
// are their names.
func pluralRule(lang *i18n.Lang) RecipePlural {
	form := func(n int) string {
		if n == 1 {
			return "one"
		}
		return "other"
	}
	if lang.Code != i18n.Source {
		b := goi18n.NewBundle(lang.Tag)
		if err := b.AddMessages(lang.Tag, pluralForms); err != nil {
			panic(fmt.Sprintf("skin: plural probe: %v", err)) // a constant message
		}
		loc := goi18n.NewLocalizer(b, lang.Code)
		form = func(n int) string {
			s, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: "form", PluralCount: n})
			if err != nil {
				return "other"
			}
			return s
		}
	}
	var p RecipePlural
	add := func(n int) {
		if f := form(n); len(p.Runs) == 0 || p.Runs[len(p.Runs)-1].Form != f {
			p.Runs = append(p.Runs, RecipePluralRun{From: n, Form: f})
		}
	}
	for n := range 200 {
		add(n)
	}
	add(1_000_000)
	return p
}

// numberRule returns how lang writes numbers (Lang.Number).
func numberRule(lang *i18n.Lang) RecipeNumber {
	r := RecipeNumber{Digits: make([]string, 10)}
	for i := range r.Digits {
		r.Digits[i] = lang.Number(i)
	}
	strip := func(s string) string {
		for _, d := range r.Digits {
			s = strings.ReplaceAll(s, d, "")
		}
		return s
	}
	seps := strip(lang.Number(1_234_567))
	if seps == "" {
		r.MinGroup = 99
		return r
	}
	r.Group = seps[:len(seps)/2]
	if !utf8.ValidString(r.Group) {
		panic(fmt.Sprintf("skin: the group separator of %s: %q", lang.Code, seps))
	}
	r.MinGroup = 1
	for n := 1000; r.MinGroup < 6 && !strings.Contains(lang.Number(n), r.Group); n *= 10 {
		r.MinGroup++
	}
	return r
}

// ZoneChange is when a time zone's offset from UTC (or its name)
// changes: from then on, until the next change, times are in this zone.
type ZoneChange struct {
	From   int64  `json:"from"`   // Unix time of the change, in seconds; the first change stands for every earlier time too
	Offset int    `json:"offset"` // seconds east of UTC
	Abbr   string `json:"abbr"`   // the zone's abbreviation then, as dates show it ("CET", "UTC", "+03")
}

// zoneFrom and zoneUntil bound the changes a UserPayload lists: the
// times a view shows (revisions, block expiries) fall between them.
var (
	zoneFrom  = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	zoneUntil = time.Date(2070, 1, 1, 0, 0, 0, 0, time.UTC)
)

// zoneTables keeps the changes of each zone by name.
var zoneTables sync.Map // string → []ZoneChange

// zoneChanges returns the changes of loc from zoneFrom to zoneUntil
// (shared: do not modify).
func zoneChanges(loc *time.Location) []ZoneChange {
	if z, ok := zoneTables.Load(loc.String()); ok {
		return z.([]ZoneChange)
	}
	z, _ := zoneTables.LoadOrStore(loc.String(), changesOf(loc))
	return z.([]ZoneChange)
}

func changesOf(loc *time.Location) []ZoneChange {
	t := zoneFrom.In(loc)
	name, off := t.Zone()
	out := []ZoneChange{{From: t.Unix(), Offset: off, Abbr: name}}
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(zoneUntil) {
			return out
		}
		if !end.After(t) {
			// Past its last transition, a zone's rule is bounded by years:
			// time.Time.ZoneBounds stops at the year's end. No zone changes
			// on 31 December; step over it.
			end = t.Add(24 * time.Hour)
		}
		t = end.In(loc)
		name, off := t.Zone()
		if last := out[len(out)-1]; last.Offset == off && last.Abbr == name {
			continue
		}
		out = append(out, ZoneChange{From: t.Unix(), Offset: off, Abbr: name})
	}
}
