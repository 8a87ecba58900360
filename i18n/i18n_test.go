package i18n

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestShippedCatalogsComplete is the catalog completeness test: every
// shipped language has every English key, with the same parameters and
// every plural form its CLDR rules need.
func TestShippedCatalogsComplete(t *testing.T) {
	if err := Default().Check(); err != nil {
		t.Fatalf("shipped catalogs:\n%v", err)
	}
	var codes []string
	for _, l := range Default().Languages() {
		codes = append(codes, l.Code)
	}
	if got := strings.Join(codes, " "); got != "en ar de es fr ja" {
		t.Errorf("shipped languages %q", got)
	}
}

func fixture(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys["m/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func TestCheckFindsFaults(t *testing.T) {
	c, err := Load(fixture(map[string]string{
		"v.en.json": `{"a": "A {{.X}}", "b": "B", "n": {"one": "{{.Count}} day", "other": "{{.Count}} days"}}`,
		"v.de.json": `{"a": "A {{.Y}}", "n": {"one": "{{.Count}} Tag", "other": "{{.Count}} Tage"}, "z": "Z"}`,
		"v.ar.json": `{"a": "A {{.X}}", "b": "ب", "n": {"one": "يوم", "other": "{{.Count}} يوم"}}`,
	}), "m")
	if err != nil {
		t.Fatal(err)
	}
	got := c.Check().Error()
	for _, want := range []string{
		"de: a: parameters [Y], source has [X]",
		"de: b: missing",
		"de: z: not a source key",
		"ar: n: count 0", // Arabic needs zero, two, few, many
		"fr: not shipped",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Check() missed %q:\n%s", want, got)
		}
	}
}

func TestMessages(t *testing.T) {
	c, err := Load(fixture(map[string]string{
		"skin.en.json": `{"search": "Search", "hi": "Hello {{.Name}}"}`,
		"v.en.json":    `{"n": {"one": "{{.Count}} day", "other": "{{.Count}} days"}, "link": "See {{.Link}} & more", "core-only": "x"}`,
		"skin.de.json": `{"search": "Suchen", "hi": "Hallo {{.Name}}"}`,
		"v.de.json":    `{"n": {"one": "{{.Count}} Tag", "other": "{{.Count}} Tage"}, "link": "Siehe {{.Link}} & mehr"}`,
	}), "m")
	if err != nil {
		t.Fatal(err)
	}
	de := c.Lang("de-AT")
	if de == nil || de.Code != "de" || de.Dir != "ltr" || de.Name != "Deutsch" {
		t.Fatalf("Lang(de-AT) = %+v", de)
	}
	for _, tc := range []struct{ got, want string }{
		{de.T("search"), "Suchen"},
		{de.T("hi", "Name", "<b>"), "Hallo <b>"},
		{de.T("n", "Count", 1), "1 Tag"},
		{de.T("n", "Count", 1234), "1.234 Tage"},
		{de.T("core-only"), "x"}, // falls back to English
		{de.T("nope"), "⧼nope⧽"},
		{string(de.HTML("link", "Link", template.HTML(`<a href="/x">x</a>`))), `Siehe <a href="/x">x</a> &amp; mehr`},
		{string(de.HTML("hi", "Name", "<b>")), "Hallo &lt;b&gt;"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got := de.Messages("skin"); len(got) != 1 || got["msg-search"] != "Suchen" {
		t.Errorf("Messages(skin) = %v (only messages without parameters)", got)
	}
	if c.Lang("xx") != nil {
		t.Error("Lang(xx) is not shipped")
	}
}

func TestDatesAndNumbers(t *testing.T) {
	at := time.Date(2026, 12, 6, 9, 5, 0, 0, time.UTC)
	for code, want := range map[string]string{
		"en": "09:05, 6 December 2026",
		"de": "09:05, 6. Dezember 2026",
		"fr": "6 décembre 2026 à 09:05",
		"ja": "2026年12月6日 09:05",
		"ar": "٠٩:٠٥، ٦ ديسمبر ٢٠٢٦",
	} {
		if got := Default().Lang(code).DateTime(at); got != want {
			t.Errorf("%s: DateTime = %q, want %q", code, got, want)
		}
	}
	if got := Default().Lang("ar").Dir; got != "rtl" {
		t.Errorf("ar: Dir = %q", got)
	}
	if got := Default().Lang("fr").Number(1234567); got != "1\u00a0234\u00a0567" {
		t.Errorf("fr: Number = %q", got)
	}
}

// TestLanguagesLoadLazily: a catalog reads the source language when it
// is made and each other language the first time it is asked for, so a
// wiki starts without parsing the languages nobody reads.
func TestLanguagesLoadLazily(t *testing.T) {
	c, err := Load(shipped, "messages")
	if err != nil {
		t.Fatal(err)
	}
	loaded := func() int {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.langs)
	}
	if n := loaded(); n != 1 || len(c.Codes()) != 6 {
		t.Fatalf("after Load: %d languages read, %d shipped; want 1 (en) of 6", n, len(c.Codes()))
	}
	if c.Lang("de").T("december") != "Dezember" || loaded() != 2 {
		t.Fatalf("after Lang(de): %d languages read, want 2", loaded())
	}
}

// TestPlain: a skin's own messages are texts without parameters, in
// shipped languages, keys of their own, each in English too.
func TestPlain(t *testing.T) {
	cat := Default()
	good, err := cat.Plain(fixture(map[string]string{
		"skin-x.en.json": `{"x-menu": "Menu"}`,
		"skin-x.de.json": `{"x-menu": "Menü"}`,
	}), "m")
	if err != nil || good["de"]["x-menu"] != "Menü" || good["en"]["x-menu"] != "Menu" {
		t.Fatalf("Plain = %v, %v", good, err)
	}
	for name, files := range map[string]map[string]string{
		"parameters":   {"skin-x.en.json": `{"x-hi": "Hi {{.Name}}"}`},
		"a clash":      {"skin-x.en.json": `{"december": "December"}`},
		"not shipped":  {"skin-x.en.json": `{"x-a": "A"}`, "skin-x.xx.json": `{"x-a": "A"}`},
		"not English":  {"skin-x.en.json": `{"x-a": "A"}`, "skin-x.de.json": `{"x-b": "B"}`},
		"plural forms": {"skin-x.en.json": `{"x-n": {"one": "a", "other": "b"}}`},
	} {
		if _, err := cat.Plain(fixture(files), "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestTextAndForms: a message as written, for a renderer that fills it
// itself — the language's text, else the source's — and a plural
// message's forms.
func TestTextAndForms(t *testing.T) {
	c, err := Load(fixture(map[string]string{
		"v.en.json": `{"a": "A {{.X}}", "b": "B", "n": {"one": "{{.Count}} day", "other": "{{.Count}} days"}}`,
		"v.de.json": `{"a": "A {{.X}}!", "n": {"one": "{{.Count}} Tag", "other": "{{.Count}} Tage"}}`,
	}), "m")
	if err != nil {
		t.Fatal(err)
	}
	de := c.Lang("de")
	if got := de.Text("a"); got != "A {{.X}}!" {
		t.Errorf(`Text("a") = %q`, got)
	}
	if got := de.Text("b"); got != "B" {
		t.Errorf(`Text("b") = %q, want the source's`, got)
	}
	if got := de.Text("n") + de.Text("nope"); got != "" {
		t.Errorf("Text of a plural or unknown key = %q", got)
	}
	if f := de.Forms("n"); f["one"] != "{{.Count}} Tag" || f["other"] != "{{.Count}} Tage" || len(f) != 2 {
		t.Errorf(`Forms("n") = %v`, f)
	}
	if de.Forms("a") != nil || de.Forms("nope") != nil {
		t.Error("Forms of a message without plural forms")
	}
}
