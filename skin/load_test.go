package skin_test

import (
	"bytes"
	"maps"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/foliowiki/folio/skin"
)

// testSkin is a small valid skin "t"; cases change one file of it.
func testSkin() fstest.MapFS {
	return fstest.MapFS{
		"t/skin.json": {Data: []byte(`{"name": "t", "version": "1", "partials": ["tab"],
			"stylesheets": ["t.css"], "capabilities": {"dark_mode": true}}`)},
		"t/templates/skin.mustache": {Data: []byte("<title>{{document-title}}</title>\n" +
			"{{{html-theme-script}}}\n" +
			"{{#data-tabs}}\n  {{> tab}}\n{{/data-tabs}}\n" +
			"{{#data-stylesheets}}<link href=\"{{url}}\">{{/data-stylesheets}}\n" +
			"{{{html-body}}}\n")},
		"t/templates/tab.mustache": {Data: []byte("<a href=\"{{href}}\">{{text}}</a> on {{page-title}}\n")},
		"t/static/t.css":           {Data: []byte("body { color: red }\n")},
	}
}

func with(fsys fstest.MapFS, files map[string]string) fstest.MapFS {
	out := maps.Clone(fsys)
	for name, data := range files {
		if data == "" {
			delete(out, name)
			continue
		}
		out[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return out
}

func TestLoadValid(t *testing.T) {
	set, err := skin.Load(testSkin())
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Names(); len(got) != 1 || got[0] != "t" || set.Default() != "t" {
		t.Errorf("Names() = %v, Default() = %q", got, set.Default())
	}
}

// TestLoadRejects: every mistake a render would hide fails Load, naming the
// file (and line) and the tag.
func TestLoadRejects(t *testing.T) {
	const entry = "t/templates/skin.mustache"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
	}{
		{"unknown variable", map[string]string{entry: "<p>\n{{page-tilte}}</p>"},
			[]string{entry + ":2", "unknown variable {{page-tilte}}"}},
		{"unknown partial", map[string]string{entry: "{{#data-tabs}}{{> tab}}{{/data-tabs}}{{> footer}}"},
			[]string{entry + ":1", "unknown partial {{>footer}}"}},
		{"unknown section", map[string]string{entry: "{{#is-logged-in}}x{{/is-logged-in}}{{#data-tabs}}{{> tab}}{{/data-tabs}}"},
			[]string{entry, "unknown key {{#is-logged-in}}"}},
		{"unknown variable in a partial", map[string]string{"t/templates/tab.mustache": "{{txet}}"},
			[]string{"t/templates/tab.mustache:1", "unknown variable {{txet}}"}},
		{"item key outside its list", map[string]string{"t/templates/tab.mustache": "x",
			entry: "{{href}}{{#data-tabs}}{{> tab}}{{/data-tabs}}"},
			[]string{entry, "unknown variable {{href}}"}},
		{"list as a variable", map[string]string{entry: "{{data-tabs}}{{#data-tabs}}{{> tab}}{{/data-tabs}}"},
			[]string{entry, "{{data-tabs}} is a list"}},
		{"raw non-HTML key", map[string]string{entry: "{{{page-title}}}{{#data-tabs}}{{> tab}}{{/data-tabs}}"},
			[]string{entry + ":1", "{{{page-title}}}", "only html-* keys"}},
		{"ampersand non-HTML key", map[string]string{entry: "{{& user-name}}{{#data-tabs}}{{> tab}}{{/data-tabs}}"},
			[]string{entry + ":1", "{{{user-name}}}"}},
		{"escaped HTML key", map[string]string{entry: "{{html-body}}{{#data-tabs}}{{> tab}}{{/data-tabs}}"},
			[]string{entry + ":1", "{{html-body}} escapes HTML"}},
		{"set delimiter", map[string]string{entry: "{{=<% %>=}}<% page-title %>"},
			[]string{entry + ":1", "set-delimiter"}},
		{"unclosed section", map[string]string{entry: "{{#data-tabs}}{{> tab}}"},
			[]string{entry}},
		{"partial cycle", map[string]string{"t/templates/tab.mustache": "{{> tab}}"},
			[]string{"includes itself", "tab → tab"}},
		{"unused partial", map[string]string{entry: "{{page-title}}"},
			[]string{"t/templates/tab.mustache", `partial "tab" is never included`}},
		{"undeclared template", map[string]string{"t/templates/extra.mustache": "x"},
			[]string{"t/templates/extra.mustache", "not declared in skin.json"}},
		{"declared template missing", map[string]string{"t/templates/tab.mustache": ""},
			[]string{"t/skin.json", `template "tab"`}},
		{"unknown manifest field", map[string]string{"t/skin.json": `{"name": "t", "version": "1", "partials": ["tab"], "stylesheet": ["t.css"]}`},
			[]string{"t/skin.json", "stylesheet"}},
		{"name is not the directory", map[string]string{"t/skin.json": `{"name": "u", "version": "1", "partials": ["tab"]}`},
			[]string{"t/skin.json", `name "u"`}},
		{"missing version", map[string]string{"t/skin.json": `{"name": "t", "partials": ["tab"]}`},
			[]string{"t/skin.json", "version"}},
		{"missing static file", map[string]string{"t/static/t.css": ""},
			[]string{"t/skin.json", "t/static/t.css"}},
		{"unknown need", map[string]string{"t/skin.json": `{"name": "t", "version": "1", "partials": ["tab"], "needs": {"graphviz": {}}}`},
			[]string{"t/skin.json", `"graphviz"`}},
		{"bad static name", map[string]string{"t/static/a b.css": "x"},
			[]string{"t/static/a b.css"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := skin.Load(with(testSkin(), tc.files))
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestLoadLazy: LoadLazy takes a skin whose template Load refuses, and
// refuses it at its first use, with Load's message; the other skins
// render, however many requests use them first at once.
func TestLoadLazy(t *testing.T) {
	fsys := testSkin()
	for name, f := range testSkin() {
		fsys["u/"+strings.TrimPrefix(name, "t/")] = f
	}
	fsys["u/skin.json"] = &fstest.MapFile{Data: bytes.ReplaceAll(fsys["t/skin.json"].Data, []byte(`"name": "t"`), []byte(`"name": "u"`))}
	fsys["u/templates/skin.mustache"] = &fstest.MapFile{Data: []byte("<p>\n{{page-tilte}}</p>{{#data-tabs}}{{> tab}}{{/data-tabs}}")}
	if _, err := skin.Load(fsys); err == nil || !strings.Contains(err.Error(), "u/templates/skin.mustache:2") {
		t.Fatalf("Load = %v, want the fault of u", err)
	}
	set, err := skin.LoadLazy(fsys)
	if err != nil {
		t.Fatalf("LoadLazy: %v", err)
	}
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 8)
	for i := range outs {
		wg.Go(func() {
			if err := set.Render(&outs[i], &skin.Data{Skin: "t", PageKeys: skin.PageKeys{DocumentTitle: "Hi"}}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range outs {
		if !strings.Contains(outs[i].String(), "<title>Hi</title>") || outs[i].String() != outs[0].String() {
			t.Fatalf("render %d in t: %q", i, outs[i].String())
		}
	}
	var b bytes.Buffer
	err = set.Render(&b, &skin.Data{Skin: "u"})
	for _, want := range []string{"skin u", "u/templates/skin.mustache:2", "unknown variable {{page-tilte}}"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Render in u = %v, want an error with %q", err, want)
		}
	}
}

func TestLoadNoSkins(t *testing.T) {
	if _, err := skin.Load(fstest.MapFS{"README.md": {Data: []byte("x")}}); err == nil {
		t.Error("Load of an FS without skins succeeded")
	}
}

// TestRenderEmptyData: missing values render empty, without error.
func TestRenderEmptyData(t *testing.T) {
	for _, fsys := range []fstest.MapFS{testSkin(), nil} {
		set := loadSet(t)
		if fsys != nil {
			var err error
			if set, err = skin.Load(fsys); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := set.Render(&buf, &skin.Data{}); err != nil {
			t.Fatal(err)
		}
		if buf.Len() == 0 {
			t.Error("empty output")
		}
	}
}

// TestPartialExpansion: the expanded templates render exactly what cbroglie
// renders fetching the partials itself.
func TestPartialExpansion(t *testing.T) {
	set := loadSet(t)
	for _, name := range set.Names() {
		d := goldenCases[4].data(t, set, name)
		var got bytes.Buffer
		if err := set.Render(&got, d); err != nil {
			t.Fatal(err)
		}
		want := renderWithProvider(t, name, d)
		if got.String() != want {
			t.Errorf("%s: expanded render differs from cbroglie's partials:\n%s", name, firstDiff(got.String(), want))
		}
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "got:  …" + a[lo:min(len(a), i+80)] + "\nwant: …" + b[lo:min(len(b), i+80)]
}
