package skin_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skin/engine"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/userinfo"
)

// mustache.js parity: a skin is portable Mustache. Rendered by mustache.js
// under Node — the templates as written, partials as partials, over the
// JSON "folio skin data" prints, with Mustache.escape set to the escaping
// Go uses — both bundled skins give, byte for byte, what the server sends:
// for every corpus page (corpusSample), anonymous and logged in, and the
// fixture pages (blocked and sysop readers, a redirect, a missing page).
// All the pages go to one node process.

// nodePath returns node, or skips the test (fails it when
// FOLIO_REQUIRE_NODE=1).
func nodePath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("FOLIO_REQUIRE_NODE") == "1" {
			t.Fatalf("node is required (FOLIO_REQUIRE_NODE=1) but not found: %v", err)
		}
		t.Skipf("SKIP: the mustache.js parity test needs node on PATH (set FOLIO_REQUIRE_NODE=1 to make this a failure): %v", err)
	}
	return path
}

// jsSkin is a skin as render.js takes it.
type jsSkin struct {
	Entry     string            `json:"entry"`
	Templates map[string]string `json:"templates"`
}

// jsCase is one page for render.js: the data as folio skin data prints it.
type jsCase struct {
	Skin string          `json:"skin"`
	Data json.RawMessage `json:"data"`
}

// paritySkins reads the bundled skins' templates as written.
func paritySkins(t *testing.T, set *skin.Set) map[string]jsSkin {
	t.Helper()
	out := map[string]jsSkin{}
	for _, name := range set.Names() {
		man, _ := set.Manifest(name)
		files, err := fs.Glob(skins.FS, name+"/templates/*.mustache")
		if err != nil {
			t.Fatal(err)
		}
		js := jsSkin{Entry: man.Entry, Templates: map[string]string{}}
		for _, f := range files {
			js.Templates[strings.TrimSuffix(filepath.Base(f), ".mustache")] = string(mustReadFS(t, f))
		}
		out[name] = js
	}
	return out
}

func mustReadFS(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(skins.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parityPage is one page: its data, and the bytes the server sends.
type parityPage struct {
	name string
	data *skin.Data
	want string
}

// parityPages are the pages compared in each skin.
func parityPages(t *testing.T, set *skin.Set) []parityPage {
	t.Helper()
	site := set.Site()
	var out []parityPage
	view := func(name string, d *skin.Data, v skin.View) {
		var b bytes.Buffer
		if err := v.Render(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, parityPage{name, d, b.String()})
	}
	for _, sk := range set.Names() {
		for who, u := range corpusReaders() {
			for _, pi := range corpusSample(t) {
				m := viewMeta(pi.Title)
				view(sk+"/"+who+"/"+pi.Title, set.ViewData(pi, u, m, site, sk), set.View(pi, u, m, sk))
			}
		}
		cats := renderPage(t, "Cats", tocSource)
		for who, u := range map[string]*userinfo.UserInfo{"sysop": sysop(), "blocked": blockedUser(), "anonymous": anonymousUser()} {
			for _, pi := range []*pageinfo.PageInfo{mainPage(), cats, renderPage(t, "Home", "#REDIRECT [[Main Page]]\n")} {
				m := viewMeta(pi.Title)
				view(sk+"/"+who+"/"+pi.Title, set.ViewData(pi, u, m, site, sk), set.View(pi, u, m, sk))
			}
		}
		d := set.MissingData("No_such_page", nil, alice(), viewMeta("No_such_page"), site, sk)
		var b bytes.Buffer
		if err := set.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		out = append(out, parityPage{sk + "/alice/missing", d, b.String()})
	}
	return out
}

func TestMustacheJSParity(t *testing.T) {
	node := nodePath(t)
	set := loadSet(t).WithSite(testSite())
	pages := parityPages(t, set)
	escapes := map[string]string{}
	for c, rep := range engine.Escapes() {
		escapes[string(rune(c))] = rep
	}
	cases := make([]jsCase, len(pages))
	for i, p := range pages {
		var b bytes.Buffer
		if err := skin.WriteJSON(&b, p.data); err != nil {
			t.Fatal(err)
		}
		cases[i] = jsCase{Skin: p.data.Skin, Data: b.Bytes()}
	}
	input, err := json.Marshal(map[string]any{"escapes": escapes, "skins": paritySkins(t, set), "cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, filepath.Join("testdata", "mustachejs", "render.js"))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(input), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node render.js: %v\n%s", err, stderr.String())
	}
	var got []string
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("node render.js: output: %v", err)
	}
	if len(got) != len(pages) {
		t.Fatalf("node rendered %d pages, want %d", len(got), len(pages))
	}
	failed := 0
	for i, p := range pages {
		if got[i] != p.want {
			t.Errorf("%s: mustache.js renders differently from the server:\n%s", p.name, firstDiff(got[i], p.want))
			if failed++; failed == 5 {
				t.Fatal("too many differences")
			}
		}
	}
	t.Logf("%d pages, %d bytes of data, rendered alike by mustache.js and the server", len(pages), len(input))
}
