package skin_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/internal/renderjs"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/userinfo"
)

// The data recipe in JavaScript (skin/js/folio-render.js) is the Go
// recipe's twin: from the JSON of the three payloads — PageInfo,
// UserInfo, bundle, as the API sends them — FolioRender.data gives the
// data PayloadData gives (as parsed JSON), and FolioRender.render, through
// mustache.js, the bytes the server sends for the view (Set.View). Over
// every corpus page (corpusSample) in both skins for an anonymous reader,
// a user and a sysop, and the fixture views: blocked readers, other
// languages and zones, redirects, a table of contents, a category with
// members, a template, a talk page. A missing page, which the recipe does
// not make, is rendered by mustache.js from its data, as "folio skin
// data" prints it. All of it goes to one node process.

// views builds a renderjs.Run from Go values: the payloads as the API
// encodes them, the Go recipe's data (PayloadData) and the server's view
// (Set.View).
type views struct {
	set     *skin.Set
	run     *renderjs.Run
	pages   map[*blob.PageInfo]int
	decoded map[int]*skin.PagePayload
	users   map[string]int
	payload map[int]*skin.UserPayload
	bundles map[string]*skin.Bundle
}

func newViews(set *skin.Set) *views {
	return &views{set: set, run: renderjs.New(), pages: map[*blob.PageInfo]int{}, decoded: map[int]*skin.PagePayload{}, users: map[string]int{},
		payload: map[int]*skin.UserPayload{}, bundles: map[string]*skin.Bundle{}}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bundle returns the key of the bundle of skin sk in lang, as the API
// sends it, and the bundle.
func (vs *views) bundle(t testing.TB, sk, lang string) (string, *skin.Bundle) {
	t.Helper()
	key := sk + "/" + lang
	if b, ok := vs.bundles[key]; ok {
		return key, b
	}
	raw, _, ok := vs.set.BundleJSON(sk, lang)
	if !ok {
		t.Fatalf("no skin %s", sk)
	}
	var b skin.Bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	vs.run.Bundle(key, raw)
	vs.bundles[key] = &b
	return key, &b
}

// page returns the index of pi's payload, and the payload as a client
// decodes it.
func (vs *views) page(t testing.TB, pi *blob.PageInfo) (int, *skin.PagePayload) {
	t.Helper()
	if i, ok := vs.pages[pi]; ok {
		return i, vs.decoded[i]
	}
	raw := mustJSON(t, skin.NewPagePayload(pi))
	var pp skin.PagePayload
	if err := json.Unmarshal(raw, &pp); err != nil {
		t.Fatal(err)
	}
	i := vs.run.Page(raw)
	vs.pages[pi], vs.decoded[i] = i, &pp
	return i, &pp
}

// user returns the index of u's payload in skin sk (who names u), and
// the payload as a client decodes it.
func (vs *views) user(t testing.TB, who, sk string, u *blob.UserInfo) (int, *skin.UserPayload) {
	t.Helper()
	if i, ok := vs.users[who+"/"+sk]; ok {
		return i, vs.payload[i]
	}
	if u != nil && !u.Anonymous && u.Groups == nil {
		u.Groups = []string{} // as package userinfo builds them
	}
	p := vs.set.UserPayload(u)
	p.Skin = sk // as ?useskin= would
	raw := mustJSON(t, p)
	var up skin.UserPayload
	if err := json.Unmarshal(raw, &up); err != nil {
		t.Fatal(err)
	}
	i := vs.run.User(raw)
	vs.users[who+"/"+sk], vs.payload[i] = i, &up
	return i, &up
}

// view adds the view of pi by u (who names it) in skin sk for meta m,
// which the script gets as jsMeta; render: compare the HTML too.
func (vs *views) view(t testing.TB, sk, who string, pi *blob.PageInfo, u *blob.UserInfo, m skin.Meta, jsMeta map[string]any, render bool) {
	t.Helper()
	page, pp := vs.page(t, pi)
	user, up := vs.user(t, who, sk, u)
	key, b := vs.bundle(t, sk, up.Language)
	d, err := vs.set.PayloadData(pp, up, b, m)
	if err != nil {
		t.Fatal(err)
	}
	var html *string
	if render {
		var w bytes.Buffer
		if err := vs.set.View(pi, u, m, sk).Render(&w); err != nil {
			t.Fatal(err)
		}
		s := w.String()
		html = &s
	}
	vs.run.View(sk+"/"+who+"/"+pi.Title, key, page, user, jsMeta, mustJSON(t, d), html)
}

// rendered adds data d, to be rendered by mustache.js as the server
// renders it.
func (vs *views) rendered(t testing.TB, name string, d *skin.Data) {
	t.Helper()
	key, _ := vs.bundle(t, d.Skin, d.InterfaceLang)
	var html bytes.Buffer
	if err := vs.set.Render(&html, d); err != nil {
		t.Fatal(err)
	}
	vs.run.Rendered(name, key, mustJSON(t, d), html.String())
}

// recipeReaders are the readers of the corpus views.
func recipeReaders() map[string]*userinfo.UserInfo {
	return map[string]*userinfo.UserInfo{"anonymous": anonymousUser(), "alice": alice(), "sysop": sysop()}
}

// fixtureReaders are the readers of the fixture views: blocked (for
// ever, and until a date in another zone), in other languages, with new
// messages and many notifications.
func fixtureReaders() map[string]*userinfo.UserInfo {
	until := blockedUser()
	until.Block = &store.Block{UserID: 3, Reason: "Spam & <links>", By: "Root", Created: editedAt, Expires: time.Date(2031, 7, 1, 12, 30, 0, 0, time.UTC)}
	until.Preferences.Timezone = "America/New_York"
	many := aliceWithMessages()
	many.Notifications.Unread = 1234567
	out := map[string]*userinfo.UserInfo{"anonymous": anonymousUser(), "sysop": sysop(), "blocked": blockedUser(), "blocked-until": until, "alice-messages": many}
	for _, lang := range []string{"de", "fr", "es", "ar", "ja"} {
		u := aliceIn(lang)
		u.Notifications.Unread = 1000 + len(lang)
		out["alice-"+lang] = u
	}
	out["alice-de"].Preferences.Timezone = "Asia/Kolkata"
	out["alice-de"].Ext = map[string]json.RawMessage{"skintest.user": json.RawMessage("true")}
	return out
}

// fixtureViews are the fixture pages: the main page, a table of contents,
// a redirect, a talk page, a page with sections, a category with members
// and a template used by more pages than it lists.
func fixtureViews(t testing.TB) []*pageinfo.PageInfo {
	cat := renderPage(t, "Category:Animals", "Animals we know.\n")
	cat.Members = []string{"Cats", "Dogs", "Help:Pets & people"}
	tmpl := renderPage(t, "Template:Infobox", "An infobox.\n")
	tmpl.UsedBy, tmpl.UsedByMore = []string{"Cats", "Dogs"}, true
	user := renderPage(t, "User:Alice", "Hello, I am Alice.\n")
	user.Pair = pageinfo.Link{Title: "User_talk:Alice"}
	hooked := renderPage(t, "Hooked", "A page the test hooks change.\n")
	hooked.Ext = map[string]json.RawMessage{"skintest.info": json.RawMessage("5")}
	return []*pageinfo.PageInfo{mainPage(), renderPage(t, "Cats", tocSource), renderPage(t, "Home", "#REDIRECT [[Main Page]]\n"),
		talkPage(t), sectionedPage(), cat, tmpl, user, hooked}
}

func TestRecipeJS(t *testing.T) {
	renderjs.Node(t)
	testHooks.Do(registerTestHooks) // the bundles name them: their twins run
	set := loadSet(t).WithSite(testSite())
	prepStart := time.Now()
	in := newViews(set)
	readers := recipeReaders()
	whos := slices.Sorted(mapKeys(readers))
	fixtures := fixtureReaders()
	fixtureWhos := slices.Sorted(mapKeys(fixtures))
	for _, sk := range set.Names() {
		for w, who := range whos {
			for i, pi := range corpusSample(t) {
				// The data of every view; the HTML of each page once per
				// skin, in turn for each reader.
				in.view(t, sk, who, pi, readers[who], viewMeta(pi.Title), map[string]any{"title": pi.Title}, (i+w)%len(whos) == 0)
			}
		}
		for _, who := range fixtureWhos {
			u := fixtures[who]
			for _, pi := range fixtureViews(t) {
				in.view(t, sk, who, pi, u, viewMeta(pi.Title), map[string]any{"title": pi.Title}, true)
			}
			// The main page reached through the redirect Home, to its
			// section; and Home when it loops.
			m := viewMeta("Main_Page")
			m.RedirectedFrom, m.RedirectFragment = "Home", "History"
			in.view(t, sk, who, mainPage(), u, m, map[string]any{"title": "Home", "redirected-from": "Home", "redirect-fragment": "History"}, true)
			loop := renderPage(t, "Loop", "#REDIRECT [[Loop]]\n")
			m = viewMeta("Loop")
			m.RedirectLoop = true
			m.SearchQuery = "cats & dogs"
			in.view(t, sk, who, loop, u, m, map[string]any{"title": "Loop", "redirect-loop": true, "search-query": "cats & dogs"}, true)
		}
		in.rendered(t, sk+"/alice/missing", set.MissingData("No_such_page", nil, alice(), viewMeta("No_such_page"), set.Site(), sk))
	}
	// run.js requires folio-render.js, as a Node program does; the other
	// tests load the scripts as served, as a page does.
	in.run.Twins = []string{testHookTwins}
	prepared := time.Since(prepStart)
	start := time.Now()
	in.run.Check(t)
	t.Logf("%d views (%d pages, %d readers, %d bundles), the same data and HTML from folio-render.js as from the server (prepared in %v, node and the comparison %v)",
		len(in.run.Cases), len(in.run.Pages), len(in.run.Users), len(in.run.Bundles), prepared.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
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

// testHookTwins are the JavaScript twins of registerTestHooks' filters.
const testHookTwins = `
FolioRender.hooks['skintest.hook.second'] = {data: function (d) {
  if (d['page-title'] === 'Hooked') d['page-heading'] += ' (second)';
  return d;
}};
FolioRender.hooks['skintest.hook.first'] = {data: function (d, ext) {
  if (d['page-title'] !== 'Hooked') return d;
  d['page-heading'] += ' (first)';
  d['data-page-actions'] = (d['data-page-actions'] || []).concat([{id: 'cite', text: 'Cite', href: '/-/cite/Hooked', 'is-selected': false, 'is-new': false, accesskey: '', tooltip: ''}]);
  if (JSON.stringify(ext['skintest.info']) === '5') {
    d['data-indicators'] = (d['data-indicators'] || []).concat([{id: 'skintest', text: '5 min read', href: '', accesskey: '', tooltip: ''}]);
  }
  d['user-name'] = 'set by a page filter'; // not the page filter's to set: dropped
  return d;
}};
FolioRender.hooks['skintest.user'] = {user: function (k, ext) {
  if (ext['skintest.user'] === true) {
    k['data-personal'] = (k['data-personal'] || []).concat([{id: 'pt-skintest', text: 'Test tool', href: '/wiki/Test', accesskey: '', tooltip: ''}]);
  }
  return k;
}};
`
