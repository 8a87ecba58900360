package skin_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/foliowiki/folio/blob"
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

// nodePath returns node, or skips the test (fails it when
// FOLIO_REQUIRE_NODE=1).
func nodePath(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("FOLIO_REQUIRE_NODE") == "1" {
			t.Fatalf("node is required (FOLIO_REQUIRE_NODE=1) but not found: %v", err)
		}
		t.Skipf("SKIP: the folio-render.js tests need node on PATH (set FOLIO_REQUIRE_NODE=1 to make this a failure): %v", err)
	}
	return path
}

// jsCase is one case of run.js: a view from payloads (page, user, meta),
// or data to render.
type jsCase struct {
	Bundle string          `json:"bundle"`
	Page   int             `json:"page"`
	User   int             `json:"user"`
	Meta   map[string]any  `json:"meta,omitempty"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// jsResult is run.js's answer to a case.
type jsResult struct {
	Data  json.RawMessage `json:"data"`
	HTML  string          `json:"html"`
	Error string          `json:"error"`
}

// jsInput is run.js's input, and what each case should give.
type jsInput struct {
	Pages   []json.RawMessage          `json:"pages"`
	Users   []json.RawMessage          `json:"users"`
	Bundles map[string]json.RawMessage `json:"bundles"`
	Cases   []jsCase                   `json:"cases"`

	set      *skin.Set
	pageIdx  map[*blob.PageInfo]int
	userIdx  map[string]int
	names    []string
	wantData [][]byte // nil for a case of data
	wantHTML []string
}

func newJSInput(set *skin.Set) *jsInput {
	return &jsInput{Pages: []json.RawMessage{}, Users: []json.RawMessage{}, Bundles: map[string]json.RawMessage{},
		set: set, pageIdx: map[*blob.PageInfo]int{}, userIdx: map[string]int{}}
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
func (in *jsInput) bundle(t testing.TB, sk, lang string) (string, *skin.Bundle) {
	t.Helper()
	key := sk + "/" + lang
	raw, _, ok := in.set.BundleJSON(sk, lang)
	if !ok {
		t.Fatalf("no skin %s", sk)
	}
	in.Bundles[key] = raw
	var b skin.Bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	return key, &b
}

// view adds the view of pi by u (who names it) in skin sk for meta m,
// which the script gets as jsMeta.
func (in *jsInput) view(t testing.TB, sk, who string, pi *blob.PageInfo, u *blob.UserInfo, m skin.Meta, jsMeta map[string]any) {
	t.Helper()
	pi2, ok := in.pageIdx[pi]
	if !ok {
		pi2 = len(in.Pages)
		in.pageIdx[pi] = pi2
		in.Pages = append(in.Pages, mustJSON(t, skin.NewPagePayload(pi)))
	}
	var pp skin.PagePayload
	if err := json.Unmarshal(in.Pages[pi2], &pp); err != nil {
		t.Fatal(err)
	}
	if u != nil && !u.Anonymous && u.Groups == nil {
		u.Groups = []string{} // as package userinfo builds them
	}
	up := in.set.UserPayload(u)
	up.Skin = sk // as ?useskin= would
	ui, ok := in.userIdx[who+"/"+sk]
	if !ok {
		ui = len(in.Users)
		in.userIdx[who+"/"+sk] = ui
		in.Users = append(in.Users, mustJSON(t, up))
	}
	if err := json.Unmarshal(in.Users[ui], up); err != nil {
		t.Fatal(err)
	}
	key, b := in.bundle(t, sk, up.Language)
	d, err := in.set.PayloadData(&pp, up, b, m)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := skin.WriteJSON(&want, d); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := in.set.View(pi, u, m, sk).Render(&html); err != nil {
		t.Fatal(err)
	}
	in.Cases = append(in.Cases, jsCase{Bundle: key, Page: pi2, User: ui, Meta: jsMeta})
	in.names = append(in.names, sk+"/"+who+"/"+pi.Title)
	in.wantData = append(in.wantData, want.Bytes())
	in.wantHTML = append(in.wantHTML, html.String())
}

// rendered adds data d, to be rendered by mustache.js as the server
// renders it.
func (in *jsInput) rendered(t testing.TB, name string, d *skin.Data) {
	t.Helper()
	key, _ := in.bundle(t, d.Skin, d.InterfaceLang)
	var b bytes.Buffer
	if err := skin.WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := in.set.Render(&html, d); err != nil {
		t.Fatal(err)
	}
	in.Cases = append(in.Cases, jsCase{Bundle: key, Data: b.Bytes()})
	in.names = append(in.names, name)
	in.wantData = append(in.wantData, nil)
	in.wantHTML = append(in.wantHTML, html.String())
}

// run runs run.js over in and returns its results.
func (in *jsInput) run(t testing.TB) []jsResult {
	t.Helper()
	node := nodePath(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, filepath.Join("testdata", "renderjs", "run.js"))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(mustJSON(t, in)), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node run.js: %v\n%s", err, stderr.String())
	}
	var out []jsResult
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node run.js: output: %v", err)
	}
	if len(out) != len(in.Cases) {
		t.Fatalf("node answered %d cases, want %d", len(out), len(in.Cases))
	}
	return out
}

// check compares the results with what the Go recipe and the server give.
func (in *jsInput) check(t testing.TB, got []jsResult) {
	t.Helper()
	failed := 0
	fail := func(format string, args ...any) {
		t.Errorf(format, args...)
		if failed++; failed == 5 {
			t.Fatal("too many differences")
		}
	}
	for i, r := range got {
		name := in.names[i]
		if r.Error != "" {
			fail("%s: folio-render.js: %s", name, r.Error)
			continue
		}
		if in.wantData[i] != nil {
			if diff := jsonDiff(r.Data, in.wantData[i]); diff != "" {
				fail("%s: FolioRender.data differs from PayloadData: %s", name, diff)
				continue
			}
		}
		if r.HTML != in.wantHTML[i] {
			fail("%s: FolioRender.render differs from the server's view:\n%s", name, firstDiff(r.HTML, in.wantHTML[i]))
		}
	}
}

// jsonDiff returns "" when the JSON texts a and b hold the same values,
// else the first key (in sorted order, depth first) where they differ.
func jsonDiff(a, b []byte) string {
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		return "got: " + err.Error()
	}
	if err := json.Unmarshal(b, &y); err != nil {
		return "want: " + err.Error()
	}
	return valueDiff("", x, y)
}

func valueDiff(path string, x, y any) string {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range xv {
			keys[k] = true
		}
		for k := range yv {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			xe, xok := xv[k]
			ye, yok := yv[k]
			switch {
			case !xok:
				return fmt.Sprintf("%s.%s: missing, want %s", path, k, short(ye))
			case !yok:
				return fmt.Sprintf("%s.%s: got %s, want no such key", path, k, short(xe))
			}
			if d := valueDiff(path+"."+k, xe, ye); d != "" {
				return d
			}
		}
		return ""
	case []any:
		yv, ok := y.([]any)
		if !ok || len(xv) != len(yv) {
			break
		}
		for i := range xv {
			if d := valueDiff(fmt.Sprintf("%s[%d]", path, i), xv[i], yv[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if reflect.DeepEqual(x, y) {
		return ""
	}
	return fmt.Sprintf("%s: got %s, want %s", path, short(x), short(y))
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
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
	return []*pageinfo.PageInfo{mainPage(), renderPage(t, "Cats", tocSource), renderPage(t, "Home", "#REDIRECT [[Main Page]]\n"),
		talkPage(t), sectionedPage(), cat, tmpl, user}
}

func TestRecipeJS(t *testing.T) {
	nodePath(t)
	set := loadSet(t).WithSite(testSite())
	in := newJSInput(set)
	readers := recipeReaders()
	whos := slices.Sorted(mapKeys(readers))
	fixtures := fixtureReaders()
	fixtureWhos := slices.Sorted(mapKeys(fixtures))
	for _, sk := range set.Names() {
		for _, who := range whos {
			for _, pi := range corpusSample(t) {
				in.view(t, sk, who, pi, readers[who], viewMeta(pi.Title), map[string]any{"title": pi.Title})
			}
		}
		for _, who := range fixtureWhos {
			u := fixtures[who]
			for _, pi := range fixtureViews(t) {
				in.view(t, sk, who, pi, u, viewMeta(pi.Title), map[string]any{"title": pi.Title})
			}
			// The main page reached through the redirect Home, to its
			// section; and Home when it loops.
			m := viewMeta("Main_Page")
			m.RedirectedFrom, m.RedirectFragment = "Home", "History"
			in.view(t, sk, who, mainPage(), u, m, map[string]any{"title": "Home", "redirected-from": "Home", "redirect-fragment": "History"})
			loop := renderPage(t, "Loop", "#REDIRECT [[Loop]]\n")
			m = viewMeta("Loop")
			m.RedirectLoop = true
			m.SearchQuery = "cats & dogs"
			in.view(t, sk, who, loop, u, m, map[string]any{"title": "Loop", "redirect-loop": true, "search-query": "cats & dogs"})
		}
		in.rendered(t, sk+"/alice/missing", set.MissingData("No_such_page", nil, alice(), viewMeta("No_such_page"), set.Site(), sk))
	}
	start := time.Now()
	got := in.run(t)
	in.check(t, got)
	t.Logf("%d views (%d pages, %d readers, %d bundles), rendered alike by folio-render.js and the server in %v", len(in.Cases), len(in.Pages), len(in.Users), len(in.Bundles), time.Since(start).Round(time.Millisecond))
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


