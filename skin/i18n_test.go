package skin_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/skin"
)

// aliceIn is alice with the interface language lang as her preference.
func aliceIn(lang string) *blob.UserInfo {
	u := alice()
	u.Preferences.Language = lang
	return u
}

func render(t *testing.T, set *skin.Set, d *skin.Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := set.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func tabTexts(ts []skin.Tab) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Text)
	}
	return out
}

// TestGermanReader: a logged-in reader whose language is German gets
// German tabs, personal tools, footer (a German month), search box and
// <html lang>, in both skins, and the specialized view renders the same.
func TestGermanReader(t *testing.T) {
	set := loadSet(t)
	view := set.WithSite(testSite())
	for _, name := range set.Names() {
		t.Run(name, func(t *testing.T) {
			d := set.ViewData(mainPage(), aliceIn("de"), viewMeta("Main_Page"), testSite(), name)
			if got, want := tabTexts(d.Tabs), []string{"Lesen", "Bearbeiten", "Versionsgeschichte"}; !slices.Equal(got, want) {
				t.Errorf("tabs %q, want %q", got, want)
			}
			if got := tabTexts(d.NamespaceTabs); !slices.Equal(got, []string{"Seite", "Diskussion"}) {
				t.Errorf("namespace tabs %q", got)
			}
			if d.Tabs[1].Tooltip != "Diese Seite bearbeiten [alt-shift-e]" {
				t.Errorf("edit tooltip %q", d.Tabs[1].Tooltip)
			}
			var personal []string
			for _, l := range d.Personal {
				personal = append(personal, l.Text)
			}
			if want := []string{"Diskussion", "Einstellungen", "Beobachtungsliste"}; !slices.Equal(personal, want) {
				t.Errorf("personal links %q, want %q", personal, want)
			}
			page := render(t, set, d)
			for _, want := range []string{
				`<html lang="de" dir="ltr"`,
				`<button type="submit" class="link-button">Abmelden</button>`,
				`<label class="visually-hidden" for="search-q">Folio Test Wiki durchsuchen</label>`,
				`title="Folio Test Wiki durchsuchen [alt-shift-f]"`,
				`Diese Seite wurde zuletzt am <time datetime="2026-03-14T15:09:26Z">14. März 2026</time> um 16:09 (CET) von <a href="/wiki/User:Alice">Alice</a> bearbeitet.`,
				`<span class="visually-hidden">2 ungelesene Benachrichtigungen</span>`,
				`<div class="page-body" data-msg-table="Tabelle" lang="en" dir="ltr">`,
				`data-msg-unwatch="Nicht mehr beobachten"`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			if name == "minimal" && !strings.Contains(page, "<span>Menü</span>") {
				t.Error("the minimal skin's own message is not German")
			}
			var b bytes.Buffer
			if err := view.View(mainPage(), aliceIn("de"), viewMeta("Main_Page"), name).Render(&b); err != nil {
				t.Fatal(err)
			}
			if b.String() != page {
				t.Errorf("the specialized view differs from the whole render:\n%s", firstLineDiff(b.String(), page))
			}
		})
	}
}

func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return al[i] + "\n" + bl[i]
		}
	}
	return "(one is a prefix of the other)"
}

// TestArabicIsRTL: ?uselang=ar gives an Arabic, right-to-left page whose
// English content keeps its own direction.
func TestArabicIsRTL(t *testing.T) {
	set := loadSet(t)
	m := viewMeta("Main_Page")
	m.UseLang = "ar"
	page := render(t, set, set.ViewData(mainPage(), nil, m, testSite(), "desktop"))
	for _, want := range []string{`<html lang="ar" dir="rtl"`, `<div class="page-body" data-msg-table="جدول" lang="en" dir="ltr">`, `>قراءة</a>`, `>دخول</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestReadersInTwoLanguages: one PageInfo viewed by readers of two
// languages is two specializations, with two ETags; a second reader of
// the first language shares the first.
func TestReadersInTwoLanguages(t *testing.T) {
	set := loadSet(t).WithSite(testSite())
	pi := mainPage()
	render := func(u *blob.UserInfo) (string, string) {
		v := set.View(pi, u, viewMeta("Main_Page"), "desktop")
		var b bytes.Buffer
		if err := v.Render(&b); err != nil {
			t.Fatal(err)
		}
		return v.ETag(), b.String()
	}
	enTag, en := render(aliceIn("en"))
	deTag, de := render(aliceIn("de"))
	if enTag == deTag || en == de {
		t.Fatalf("English and German views share an ETag (%s) or bytes", enTag)
	}
	if !strings.Contains(en, ">Read</a>") || !strings.Contains(de, ">Lesen</a>") {
		t.Errorf("tabs: English has Read %v, German has Lesen %v", strings.Contains(en, ">Read</a>"), strings.Contains(de, ">Lesen</a>"))
	}
	if tag, page := render(aliceIn("en")); tag != enTag || page != en {
		t.Errorf("a second English reader: ETag %s, want %s", tag, enTag)
	}
	// The anonymous view is the wiki's language's, whatever the view before.
	if _, anon := render(nil); !strings.Contains(anon, `<html lang="en" dir="ltr"`) {
		t.Error("the anonymous view is not in the wiki's language")
	}
}

// TestNoEnglishInGerman renders every golden case in both skins for a
// German wiki and for an English one, and looks at what a reader sees of
// the skin — text nodes and the attributes read out or shown (title,
// aria-label, placeholder, alt and the scripts' data-msg-*, data-title-*,
// data-aria-*) outside the page's own content — for any text the English
// page has too. What may be the same is the wiki's data (site and page
// names, user names, titles, the configured footer links), digits and
// punctuation, and the German messages that are the English word
// ("Navigation").
func TestNoEnglishInGerman(t *testing.T) {
	set := loadSet(t)
	en, de := testSite(), testSite()
	de.Lang = "de"
	same := sameInGerman()
	for _, name := range set.Names() {
		for _, c := range goldenCases {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				ed := c.build(t, set, en, name)
				english := map[string]bool{}
				for _, s := range visibleTexts(t, render(t, set, ed)) {
					english[s] = true
				}
				dd := c.build(t, set, de, name)
				data := dataTexts(ed)
				for _, s := range visibleTexts(t, render(t, set, dd)) {
					if !english[s] || same[s] {
						continue
					}
					if rest := strip(s, data); strings.IndexFunc(rest, unicode.IsLetter) >= 0 {
						t.Errorf("English in the German page: %q", s)
					}
				}
			})
		}
	}
}

// sameInGerman are the German texts of messages that are the same in
// English.
func sameInGerman() map[string]bool {
	cat := i18n.Default()
	en, de := cat.Lang("en"), cat.Lang("de")
	out := map[string]bool{}
	for _, k := range cat.Keys() {
		if !k.Plural && len(k.Params) == 0 && en.T(k.ID) == de.T(k.ID) {
			out[de.T(k.ID)] = true
		}
	}
	return out
}

// dataTexts are the wiki's data d shows, longest first: what a German
// page shows as an English one does.
func dataTexts(d *skin.Data) []string {
	out := []string{d.SiteName, d.PageHeading, d.UserName, d.PageLastAuthor, d.CategoryName, d.PageRedirectedFrom,
		d.PageRedirectTarget, d.UserBlockReason, d.UserBlockBy, d.HTMLBody}
	for _, ls := range [][]skin.Link{d.Categories, d.CategoryMembers, d.TemplateUsers, d.FooterLinks, d.Indicators} {
		for _, l := range ls {
			out = append(out, l.Text)
		}
	}
	for _, e := range d.TOC {
		out = append(out, e.Text)
	}
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func strip(s string, data []string) string {
	for _, d := range data {
		s = strings.ReplaceAll(s, d, "")
	}
	return s
}

// shownAttr are the attributes a reader sees or hears, or a script shows.
var shownAttr = regexp.MustCompile(`^(title|aria-label|placeholder|alt|data-msg-.*|data-title-.*|data-aria-.*)$`)

// visibleTexts returns the trimmed text nodes and shown attributes of
// page, but for the page's own content (div.page-body) and scripts.
func visibleTexts(t *testing.T, page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" || n.Data == "style" {
				return
			}
			body := false
			for _, a := range n.Attr {
				if shownAttr.MatchString(a.Key) {
					add(a.Val)
				}
				body = body || a.Key == "class" && slices.Contains(strings.Fields(a.Val), "page-body")
			}
			if body {
				return
			}
		}
		if n.Type == html.TextNode {
			add(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestSkinOwnMessages: a skin's messages/ adds msg-* keys to its
// templates, in the view's language, English where a language lacks one;
// a template naming a message no catalog has fails to load; a message
// clashing with the catalogs' fails too.
func TestSkinOwnMessages(t *testing.T) {
	fsys := with(testSkin(), map[string]string{
		"t/templates/skin.mustache": "<p>{{msg-t-hello}} {{msg-t-bye}} {{msg-searchbutton}}</p>\n",
		"t/templates/tab.mustache":  "",
		"t/skin.json":               `{"name": "t", "version": "1"}`,
		"t/messages/skin-t.en.json": `{"t-hello": "Hello", "t-bye": "Goodbye"}`,
		"t/messages/skin-t.de.json": `{"t-hello": "Hallo"}`,
		"t/messages/skin-t.ja.json": `{"t-hello": "こんにちは", "t-bye": "さようなら"}`,
	})
	set, err := skin.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"en": "Hello Goodbye Search", "de": "Hallo Goodbye Suchen", "ja": "こんにちは さようなら 検索", "fr": "Hello Goodbye Rechercher"} {
		m := viewMeta("Main_Page")
		m.UseLang = lang
		d := set.ViewData(mainPage(), nil, m, testSite(), "t")
		if got := render(t, set, d); got != "<p>"+want+"</p>\n" {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if _, err := skin.Load(with(fsys, map[string]string{"t/templates/skin.mustache": "{{msg-t-nope}}\n"})); err == nil || !strings.Contains(err.Error(), "msg-t-nope") {
		t.Errorf("an unknown message loads: %v", err)
	}
	if _, err := skin.Load(with(fsys, map[string]string{"t/messages/skin-t.en.json": `{"t-hello": "Hello", "searchbutton": "Go"}`})); err == nil {
		t.Error("a skin's message that redefines the catalogs' loads")
	}
}

// TestEditorWords: the edit form's page carries the editor script's
// words in the reader's language, on <body>; other pages do not.
func TestEditorWords(t *testing.T) {
	set := loadSet(t)
	m := skin.Meta{RouteName: skin.EditRoute, Class: "action", Page: "Main_Page", UseLang: "de"}
	d := set.PageData("Main Page bearbeiten", "<form class=edit></form>", alice(), m, testSite(), "desktop")
	var words map[string]string
	if err := json.Unmarshal([]byte(d.EditorMessages), &words); err != nil {
		t.Fatalf("editor-messages %q: %v", d.EditorMessages, err)
	}
	if words["editor-bold"] != "Fett" || words["editor-preview-failed"] != "Die Vorschau ist fehlgeschlagen: {error}. Dein Text steht weiterhin im Eingabefeld." {
		t.Errorf("editor words: %v", words)
	}
	if page := render(t, set, d); !strings.Contains(page, `data-editor-messages="{&#34;editor-bold&#34;:&#34;Fett&#34;`) {
		t.Errorf("the page lacks the editor's words on <body>")
	}
	m.RouteName = "page.history"
	if d := set.PageData("x", "", alice(), m, testSite(), "desktop"); d.EditorMessages != "" || strings.Contains(render(t, set, d), "data-editor-messages") {
		t.Error("a page without the editor has its words")
	}
}
