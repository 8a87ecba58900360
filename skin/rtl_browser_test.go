package skin_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/skin"
)

// The page of the right-to-left test: Arabic sentences about cats, with
// sections (a table of contents), a list, a quotation and code.
const (
	rtlShort  = "القطط حيوانات أليفة."
	rtlSource = "هذه صفحة عن **القطط**، مع [[Dogs|رابط أزرق]] و[[Missing page|رابط أحمر]].\n\n" +
		rtlShort + "\n\n" +
		"## التاريخ\n\nعاشت القطط مع الناس منذ آلاف السنين، وكانت تحمي مخازن الحبوب من الفئران. " +
		"وانتشرت مع التجار والبحارة في كل أنحاء العالم.\n\n" +
		"### مصر القديمة\n\nكانت القطط مقدسة في مصر القديمة، وكان من يؤذيها يعاقب بشدة.\n\n" +
		"## الرعاية\n\nتحتاج القطة إلى الطعام والماء النظيف ومكان دافئ للنوم.\n\n" +
		"- ماء نظيف كل يوم\n- طعام مناسب لعمرها\n- زيارة الطبيب البيطري مرة في السنة\n\n" +
		"> القطة لا تنسى من أحسن إليها.\n\n" +
		"تطعم القطة بالدالة `feed` هكذا:\n\n" +
		"```go\nfunc feed(c Cat) { c.Eat(\"fish\") }\n```\n"
	ltrShort  = "Cats are pets."
	ltrSource = "A page about **cats**, with [[Dogs|a blue link]] and [[Missing page|a red link]].\n\n" +
		ltrShort + "\n\n" +
		"## History\n\nCats have lived with people for thousands of years, guarding granaries from mice. " +
		"They spread with traders and sailors all over the world.\n\n" +
		"### Ancient Egypt\n\nCats were sacred in ancient Egypt, and harming one was severely punished.\n\n" +
		"## Care\n\nA cat needs food, clean water and a warm place to sleep.\n\n" +
		"- Clean water every day\n- Food suited to its age\n- A visit to the vet once a year\n\n" +
		"> A cat never forgets who was kind to it.\n\n" +
		"Feed the cat with the `feed` function:\n\n" +
		"```go\nfunc feed(c Cat) { c.Eat(\"fish\") }\n```\n"
)

// arabic gives the labels the skin's data still has in English their
// Arabic, as MediaWiki words them, until the skin's messages are
// translated: the test lays out a page all in Arabic.
var arabic = map[string]string{
	"Page": "صفحة", "Article": "مقالة", "Discussion": "نقاش", "Read": "اقرأ", "Edit": "عدل", "History": "تاريخ", "View history": "عرض التاريخ",
	"What links here": "ماذا يصل هنا", "Page information": "معلومات الصفحة", "Main page": "الصفحة الرئيسية",
	"Recent changes": "أحدث التغييرات", "Random page": "صفحة عشوائية", "Help": "مساعدة", "All pages": "كل الصفحات",
	"Talk": "نقاش", "Preferences": "تفضيلات", "Watchlist": "قائمة المراقبة", "Contributions": "مساهمات",
}

func arabicLinks(ls []skin.Link) {
	for i := range ls {
		if ar, ok := arabic[ls[i].Text]; ok {
			ls[i].Text = ar
		}
	}
}

func arabicTabs(ts []skin.Tab) {
	for i := range ts {
		if ar, ok := arabic[ts[i].Text]; ok {
			ts[i].Text = ar
		}
	}
}

// rtlPage renders the cats page in skin name, in Arabic (the wiki's
// --lang ar: interface and content right to left) or in English.
func rtlPage(t *testing.T, set *skin.Set, name, lang string) []byte {
	t.Helper()
	site := testSite()
	title, src := "Cats", ltrSource
	if lang == "ar" {
		site.Lang, site.Name = "ar", "ويكي فوليو"
		site.Footer = []skin.Link{{Text: "حول", Href: "/wiki/Folio:About"}, {Text: "الخصوصية", Href: "/wiki/Folio:Privacy"}}
		title, src = "قطط", rtlSource
	}
	d := set.ViewData(renderPage(t, title, src), alice(), viewMeta(title), site, name)
	if d.InterfaceDir != map[string]string{"ar": "rtl", "en": "ltr"}[lang] || d.SiteDir != d.InterfaceDir {
		t.Fatalf("%s: interface dir %q, content dir %q", lang, d.InterfaceDir, d.SiteDir)
	}
	if lang == "ar" {
		arabicLinks(d.Sidebar)
		arabicLinks(d.Personal)
		arabicLinks(d.FooterLinks)
		arabicTabs(d.NamespaceTabs)
		arabicTabs(d.Tabs)
		arabicTabs(d.PageActions)
	}
	var buf bytes.Buffer
	if err := set.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// box is an element's getBoundingClientRect; Found is false when there is
// no such element.
type box struct {
	Found                    bool
	Left, Right, Top, Bottom float64
}

// layout is what the test measures of a page.
type layout struct {
	Dir, BodyDirection       string
	Width                    float64
	Overflow                 bool
	Sidebar, Content, Main   box
	SiteName, Search, Menu   box
	Personal, TabFirst       box
	TabLast, Star            box
	Para, ParaText           box // the short paragraph and its text
	ParaDirection, ParaAlign string
	List, ListItem           box
	TOC1, TOC2               box // a level-1 and a level-2 link of the sidebar's table of contents
	PreDirection, CodeDir    string
	SkipLink                 box // focused
}

const measure = `(() => {
  const box = el => { if (!el) return {found: false}; const r = el.getBoundingClientRect();
    return {found: true, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const q = s => document.querySelector(s);
  const para = [...document.querySelectorAll(".page-body p")].find(p => p.textContent.trim() === SHORT);
  let text = null;
  if (para) { text = document.createRange(); text.selectNodeContents(para); }
  const tabs = [...document.querySelectorAll(".tabs > ul > li > a")];
  const skip = q(".skip-link"); skip.focus();
  const out = {
    dir: document.documentElement.dir, bodyDirection: getComputedStyle(document.body).direction,
    width: innerWidth, overflow: document.documentElement.scrollWidth > innerWidth,
    sidebar: box(q(".sidebar")), content: box(q(".content")), main: box(q("main")),
    siteName: box(q(".site-name")), search: box(q(".search input")), menu: box(q("details.menu > summary")),
    personal: box(q(".personal")), tabFirst: box(tabs[0]), tabLast: box(tabs[tabs.length - 1]), star: box(q(".watch-star button")),
    para: box(para), paraText: box(text), paraDirection: para ? getComputedStyle(para).direction : "",
    paraAlign: para ? getComputedStyle(para).textAlign : "",
    list: box(q(".page-body ul")), listItem: box(q(".page-body ul li")),
    toc1: box(q(".sidebar .toc .toc-level-1 a")), toc2: box(q(".sidebar .toc .toc-level-2 a")),
    preDirection: getComputedStyle(q(".page-body pre")).direction, codeDir: getComputedStyle(q(".page-body p code")).direction,
    skipLink: box(skip),
  };
  skip.blur();
  return out;
})()`

// TestBrowserRTL lays the page out in both skins in Arabic and in English
// in headless chromium, and checks the Arabic one is the mirror image:
// sidebar, site name, search, menu, tabs, table of contents, list bullets
// and the skip link on the other side, text aligned right, code left to
// right. FOLIO_SHOTS_DIR=DIR saves screenshots of each skin and language,
// at 1280 and 390 px, light and dark.
func TestBrowserRTL(t *testing.T) {
	b := browsertest.New(t)
	// :focus matches in a page without the window's focus (the skip link).
	focus := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
	if _, err := chromedp.Run(b.Context(), focus); err != nil {
		t.Fatal(err)
	}
	set := loadSet(t)
	pages := map[string][]byte{}
	for _, name := range set.Names() {
		for _, lang := range []string{"ar", "en"} {
			pages[name+"/"+lang] = rtlPage(t, set, name, lang)
		}
	}
	assets := &skinServer{t: t, set: set}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/sw.js" || r.URL.Path == "/manifest.webmanifest" {
			assets.ServeHTTP(w, r)
			return
		}
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		page, ok := pages[r.URL.Query().Get("skin")+"/"+r.URL.Query().Get("lang")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", skin.ContentSecurityPolicy())
		w.Write(page)
	}))
	defer ts.Close()
	shots := os.Getenv("FOLIO_SHOTS_DIR")
	for _, name := range set.Names() {
		for _, lang := range []string{"ar", "en"} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				url := ts.URL + "/wiki/Cats?skin=" + name + "&lang=" + lang
				b.SetCookie(ts.URL, skin.ThemeCookie, "light")
				b.Viewport(1280, 900, false)
				b.Navigate(url)
				short := map[string]string{"ar": rtlShort, "en": ltrShort}[lang]
				var l layout
				b.Eval(strings.Replace(measure, "SHORT", jsString(short), 1), &l)
				checkDirection(t, name, lang == "ar", l)
				b.CheckClean()
				if shots != "" {
					shootRTL(t, b, ts.URL, url, filepath.Join(shots, name+"-"+lang))
				}
			})
		}
	}
}

// checkDirection checks the layout l of skin name is right to left (rtl)
// or left to right.
func checkDirection(t *testing.T, name string, rtl bool, l layout) {
	t.Helper()
	dir := map[bool]string{true: "rtl", false: "ltr"}[rtl]
	// before says a comes before b in the reading direction: a is right
	// of b in rtl, left of it in ltr.
	before := func(what string, a, b box) {
		t.Helper()
		if !a.Found || !b.Found {
			t.Errorf("%s: %s: an element is missing (%+v, %+v)", dir, what, a, b)
			return
		}
		if rtl && a.Left < b.Right-0.5 || !rtl && a.Right > b.Left+0.5 {
			t.Errorf("%s: %s: %+v is not before %+v", dir, what, a, b)
		}
	}
	// startOf says a's start edge is inside b's, indented by at least min
	// pixels and at most max.
	indented := func(what string, a, b box, min, max float64) {
		t.Helper()
		in := a.Left - b.Left
		if rtl {
			in = b.Right - a.Right
		}
		if !a.Found || !b.Found || in < min || in > max {
			t.Errorf("%s: %s: indented %.1fpx from its start, want %.0f to %.0f (%+v in %+v)", dir, what, in, min, max, a, b)
		}
	}
	if l.Dir != dir || l.BodyDirection != dir || l.ParaDirection != dir {
		t.Errorf("%s: <html dir> %q, body's direction %q, the paragraph's %q", dir, l.Dir, l.BodyDirection, l.ParaDirection)
	}
	if l.Overflow {
		t.Errorf("%s: the page scrolls sideways", dir)
	}
	if l.ParaAlign != "start" && l.ParaAlign != map[bool]string{true: "right", false: "left"}[rtl] {
		t.Errorf("%s: the paragraph's text-align %q", dir, l.ParaAlign)
	}
	// The short line starts at the paragraph's start edge, far from its end.
	indented("the short paragraph's text", l.ParaText, l.Para, -0.5, 0.5)
	if l.Para.Right-l.Para.Left-(l.ParaText.Right-l.ParaText.Left) < 100 {
		t.Errorf("%s: the short paragraph's text %+v fills its paragraph %+v", dir, l.ParaText, l.Para)
	}
	indented("a list item (its bullet in the padding)", l.ListItem, l.List, 10, 60)
	if l.PreDirection != "ltr" || l.CodeDir != "ltr" {
		t.Errorf("%s: code is %s, code blocks %s; want ltr", dir, l.CodeDir, l.PreDirection)
	}
	// The focused skip link is at the window's start corner.
	skip := box{Found: true, Left: 0, Right: l.Width}
	indented("the focused skip link", l.SkipLink, skip, 0, 20)
	before("the first tab and the last", l.TabFirst, l.TabLast)
	switch name {
	case "desktop":
		before("the sidebar and the content", l.Sidebar, l.Content)
		before("the site name and the search box", l.SiteName, l.Search)
		before("the search box and the personal tools", l.Search, l.Personal)
		before("the tabs and the watch star", l.TabLast, l.Star)
		indented("the table of contents' level-2 link", l.TOC2, l.TOC1, 15, 17)
		indented("the site name", l.SiteName, box{Found: true, Left: 0, Right: l.Width}, 0, 40)
	case "minimal":
		before("the site name and the menu", l.SiteName, l.Menu)
		indented("the site name", l.SiteName, l.Main, -0.5, 0.5)
		indented("the menu", l.Menu, l.Main, l.Main.Right-l.Main.Left-200, l.Main.Right-l.Main.Left)
		before("the tabs and the watch star", l.TabLast, l.Star)
	}
}

// shootRTL saves the page at 1280 and 390 px, light and dark; on the
// phone, with the minimal skin's menu open too. (Chromium's capture
// beyond the viewport draws a right-to-left page no taller than the
// window shifted sideways; this page is taller at both widths.)
func shootRTL(t *testing.T, b *browsertest.Browser, site, url, prefix string) {
	for _, v := range []struct {
		width, height int
		mobile        bool
	}{{1280, 900, false}, {390, 844, true}} {
		for _, theme := range []string{"light", "dark"} {
			b.Viewport(v.width, v.height, v.mobile)
			b.SetCookie(site, skin.ThemeCookie, theme)
			b.Navigate(url)
			file := fmt.Sprintf("%s-%d-%s.png", prefix, v.width, theme)
			b.Screenshot(file)
			var menu bool
			b.Eval(`(() => { const d = document.querySelector("details.menu"); if (d) d.open = true; return !!d; })()`, &menu)
			if menu && v.mobile {
				b.ScreenshotViewport(strings.TrimSuffix(file, ".png") + "-menu.png")
			}
		}
	}
	b.Viewport(1280, 900, false)
	b.SetCookie(site, skin.ThemeCookie, "light")
	b.CheckClean()
	t.Logf("screenshots: %s-*.png", prefix)
}
