package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Source is the language every message is written in first, and the one
// a message missing elsewhere falls back to.
const Source = "en"

//go:embed messages/*.json
var shipped embed.FS

// Catalog is every message in every shipped language. Only the source
// language is read when a catalog is made; each other language is read,
// and its templates parsed, the first time it is asked for (Lang), so a
// wiki starts without parsing languages nobody reads.
type Catalog struct {
	sources []source
	files   map[string][]file // language code → its files, in sources' order
	codes   []string          // shipped languages, sorted, the source first
	keys    map[string]*Key   // the source language's keys

	mu    sync.Mutex
	langs map[string]*langOnce
}

// source is one directory of catalog files.
type source struct {
	fsys fs.FS
	dir  string
}

// file is one catalog file: GROUP.LANG.json in a source.
type file struct {
	src   int
	name  string // path in the source's fsys
	group string
}

// langOnce loads one language once.
type langOnce struct {
	once  sync.Once
	lang  *Lang
	texts map[string]any // key → string or plural forms, as parsed
	err   error
}

// Key is one message as the source language has it.
type Key struct {
	ID     string
	Group  string   // the file group it is in ("skin", "lists" …)
	Params []string // its parameters, sorted (Count for plurals)
	Plural bool     // a message with plural forms
	Text   string   // the source text ("other" form of a plural)
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
)

// Default returns the catalog of the shipped messages (messages/*.json).
// It panics if they do not parse, which a test rules out.
func Default() *Catalog {
	defaultOnce.Do(func() {
		c, err := Load(shipped, "messages")
		if err != nil {
			panic(err)
		}
		defaultCat = c
	})
	return defaultCat
}

// Load reads the catalogs in dir of fsys, files named GROUP.LANG.json:
// the source language's now, the others when first asked for.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	return (&Catalog{}).with(source{fsys, dir})
}

// Extend returns a copy of c with the catalogs in dir of fsys added (a
// skin's own messages), under their file groups. Every added file is
// parsed now, to report a fault at once; a key c has already is an error.
func (c *Catalog) Extend(fsys fs.FS, dir string) (*Catalog, error) {
	return c.with(source{fsys, dir})
}

// with returns a catalog of c's sources and src, its source language
// loaded.
func (c *Catalog) with(src source) (*Catalog, error) {
	n := &Catalog{sources: append(slices.Clip(c.sources), src), files: map[string][]file{}, langs: map[string]*langOnce{}}
	for code, fs := range c.files {
		n.files[code] = slices.Clone(fs)
	}
	names, err := fs.Glob(src.fsys, path.Join(src.dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("i18n: list %s: %w", src.dir, err)
	}
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".json")
		group, code, ok := strings.Cut(base, ".")
		if !ok {
			return nil, fmt.Errorf("i18n: %s: want GROUP.LANG.json", name)
		}
		if _, err := language.Parse(code); err != nil {
			return nil, fmt.Errorf("i18n: %s: language %q: %w", name, code, err)
		}
		f := file{src: len(n.sources) - 1, name: name, group: group}
		if len(c.sources) > 0 && code != Source { // an extension: check its files now
			if _, err := n.read(f); err != nil {
				return nil, err
			}
		}
		n.files[code] = append(n.files[code], f)
	}
	if n.files[Source] == nil {
		return nil, fmt.Errorf("i18n: no %s catalog", Source)
	}
	for code := range n.files {
		n.codes = append(n.codes, code)
	}
	slices.SortFunc(n.codes, func(a, b string) int {
		switch {
		case a == Source:
			return -1
		case b == Source:
			return 1
		}
		return strings.Compare(a, b)
	})
	src0 := n.load(Source)
	if src0.err != nil {
		return nil, src0.err
	}
	return n, nil
}

// read parses one catalog file.
func (c *Catalog) read(f file) (map[string]any, error) {
	b, err := fs.ReadFile(c.sources[f.src].fsys, f.name)
	if err != nil {
		return nil, fmt.Errorf("i18n: read %s: %w", f.name, err)
	}
	var msgs map[string]any
	if err := json.Unmarshal(b, &msgs); err != nil {
		return nil, fmt.Errorf("i18n: parse %s: %w", f.name, err)
	}
	return msgs, nil
}

// load reads language code's files (once) and builds its Lang.
func (c *Catalog) load(code string) *langOnce {
	c.mu.Lock()
	lo := c.langs[code]
	if lo == nil {
		lo = &langOnce{}
		c.langs[code] = lo
	}
	c.mu.Unlock()
	lo.once.Do(func() { lo.lang, lo.texts, lo.err = c.build(code) })
	return lo
}

// build parses language code's files into a Lang.
func (c *Catalog) build(code string) (*Lang, map[string]any, error) {
	tag, err := language.Parse(code)
	if err != nil {
		return nil, nil, fmt.Errorf("i18n: language %q: %w", code, err)
	}
	if code == Source && c.fromTables() {
		texts, keys := tableSource()
		c.keys = keys
		loc := sync.OnceValue(func() *goi18n.Localizer { return goi18n.NewLocalizer(tableBundle(tag), code) })
		l := newLang(c, code, tag, loc, texts)
		if code == "en" {
			l.pluralOf = englishPlural
		}
		return l, texts, nil
	}
	bundle := goi18n.NewBundle(tag)
	texts := map[string]any{}
	groups := map[string]string{}
	for _, f := range c.files[code] {
		msgs, err := c.read(f)
		if err != nil {
			return nil, nil, err
		}
		for id, v := range msgs {
			if err := addMessage(bundle, tag, texts, id, v); err != nil {
				return nil, nil, fmt.Errorf("i18n: %s: %w", f.name, err)
			}
			groups[id] = f.group
		}
	}
	if code == Source {
		c.keys = map[string]*Key{}
		for id, v := range texts {
			params, err := paramsOf(v)
			if err != nil {
				return nil, nil, fmt.Errorf("i18n: %s: key %q: %w", code, id, err)
			}
			k := &Key{ID: id, Group: groups[id], Params: params}
			if forms, ok := v.(map[string]any); ok {
				k.Plural = true
				k.Text, _ = forms["other"].(string)
			} else {
				k.Text, _ = v.(string)
			}
			c.keys[id] = k
		}
	}
	loc := goi18n.NewLocalizer(bundle, code)
	return newLang(c, code, tag, func() *goi18n.Localizer { return loc }, texts), texts, nil
}

// tableBundle is the go-i18n bundle of the source language's messages,
// from the tables: made when a message with parameters is first used.
func tableBundle(tag language.Tag) *goi18n.Bundle {
	bundle := goi18n.NewBundle(tag)
	msgs := make([]*goi18n.Message, len(sourceMessages))
	for i := range sourceMessages {
		sm := &sourceMessages[i]
		m := &goi18n.Message{ID: sm.id, Other: sm.text}
		for _, f := range sm.forms {
			switch f.form {
			case "zero":
				m.Zero = f.text
			case "one":
				m.One = f.text
			case "two":
				m.Two = f.text
			case "few":
				m.Few = f.text
			case "many":
				m.Many = f.text
			case "other":
				m.Other = f.text
			}
		}
		msgs[i] = m
	}
	if err := bundle.AddMessages(tag, msgs...); err != nil {
		panic(fmt.Sprintf("i18n: the source tables: %v", err)) // TestTables builds the same bundle
	}
	return bundle
}

// addMessage adds message id (v: its text or its plural forms) to bundle
// and texts.
func addMessage(bundle *goi18n.Bundle, tag language.Tag, texts map[string]any, id string, v any) error {
	if strings.ContainsAny(id, ". ") {
		return fmt.Errorf("key %q: keys are lowercase words joined by hyphens", id)
	}
	if _, dup := texts[id]; dup {
		return fmt.Errorf("key %q defined twice", id)
	}
	m, err := goi18n.NewMessage(v)
	if err != nil {
		return fmt.Errorf("key %q: %w", id, err)
	}
	m.ID = id
	if err := bundle.AddMessages(tag, m); err != nil {
		return fmt.Errorf("key %q: %w", id, err)
	}
	texts[id] = v
	return nil
}

// paramsOf returns the parameters message v (a string or plural forms)
// uses, sorted, each once.
func paramsOf(v any) ([]string, error) {
	var texts []string
	switch v := v.(type) {
	case string:
		texts = []string{v}
	case map[string]any:
		for form, t := range v {
			s, ok := t.(string)
			if !ok {
				return nil, fmt.Errorf("plural form %q is not a string", form)
			}
			texts = append(texts, s)
		}
	default:
		return nil, fmt.Errorf("a message is a string or an object of plural forms")
	}
	var params []string
	for _, t := range texts {
		ps, err := templateFields(t)
		if err != nil {
			return nil, err
		}
		params = append(params, ps...)
	}
	slices.Sort(params)
	return slices.Compact(params), nil
}

// templateFields returns the fields ({{.Name}}) template text reads.
func templateFields(text string) ([]string, error) {
	if !strings.Contains(text, "{{") {
		return nil, nil
	}
	trees, err := parse.Parse("m", text, "{{", "}}")
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", text, err)
	}
	var out []string
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, k := range n.Nodes {
				walk(k)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			for _, cmd := range n.Cmds {
				for _, a := range cmd.Args {
					walk(a)
				}
			}
		case *parse.FieldNode:
			out = append(out, n.Ident[0])
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, t := range trees {
		walk(t.Root)
	}
	return out, nil
}

// Lang returns the shipped language code names (its base language when
// only that is shipped: "de-AT" → de), or nil. The first call for a
// language reads its catalogs; a language whose files do not parse is
// not shipped (Check reports why).
func (c *Catalog) Lang(code string) *Lang {
	if c.files[code] == nil {
		tag, err := language.Parse(code)
		if err != nil {
			return nil
		}
		base, _ := tag.Base()
		code = base.String()
		if c.files[code] == nil {
			return nil
		}
	}
	return c.load(code).lang
}

// Codes returns the codes of the shipped languages, the source language
// first, without reading their catalogs.
func (c *Catalog) Codes() []string { return slices.Clone(c.codes) }

// Languages returns the shipped languages, the source language first
// (reading every catalog not read yet).
func (c *Catalog) Languages() []*Lang {
	out := make([]*Lang, 0, len(c.codes))
	for _, code := range c.codes {
		if l := c.Lang(code); l != nil {
			out = append(out, l)
		}
	}
	return out
}

// Keys returns the source language's keys, sorted.
func (c *Catalog) Keys() []*Key {
	out := make([]*Key, 0, len(c.keys))
	for _, k := range c.keys {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b *Key) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Key returns the source language's key id, or nil.
func (c *Catalog) Key(id string) *Key { return c.keys[id] }

// Plain reads catalogs of messages without parameters — a skin's own,
// which its templates show as they are — from dir of fsys (files named
// GROUP.LANG.json) and returns their texts by language code and key. A
// message with parameters or plural forms, a key c has, or a language c
// does not ship is an error; a message a language lacks is English.
func (c *Catalog) Plain(fsys fs.FS, dir string) (map[string]map[string]string, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("i18n: list %s: %w", dir, err)
	}
	out := map[string]map[string]string{}
	for _, name := range names {
		_, code, ok := strings.Cut(strings.TrimSuffix(path.Base(name), ".json"), ".")
		if !ok || c.files[code] == nil {
			return nil, fmt.Errorf("i18n: %s: want GROUP.LANG.json of a shipped language (%s)", name, strings.Join(c.codes, ", "))
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", name, err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("i18n: parse %s (an object of texts): %w", name, err)
		}
		if out[code] == nil {
			out[code] = map[string]string{}
		}
		for id, text := range msgs {
			switch {
			case c.keys[id] != nil:
				return nil, fmt.Errorf("i18n: %s: key %q is the catalogs' already", name, id)
			case strings.Contains(text, "{{"):
				return nil, fmt.Errorf("i18n: %s: %q has parameters: a skin's own messages have none", name, id)
			case strings.ContainsAny(id, ". ") || id == "":
				return nil, fmt.Errorf("i18n: %s: key %q: keys are lowercase words joined by hyphens", name, id)
			}
			out[code][id] = text
		}
	}
	if len(out) > 0 && out[Source] == nil {
		return nil, fmt.Errorf("i18n: %s: no %s catalog", dir, Source)
	}
	for code, msgs := range out {
		for id := range msgs {
			if _, ok := out[Source][id]; !ok {
				return nil, fmt.Errorf("i18n: %s: %s has key %q, %s has not", dir, code, id, Source)
			}
		}
	}
	return out, nil
}
