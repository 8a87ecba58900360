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

// Catalog is every message in every shipped language.
type Catalog struct {
	bundle *goi18n.Bundle
	keys   map[string]*Key           // the source language's keys
	texts  map[string]map[string]any // lang → key → string or map of plural forms, as parsed
	langs  map[string]*Lang
	codes  []string // shipped languages, sorted, the source first
}

// Key is one message as the source language has it.
type Key struct {
	ID     string
	Group  string   // the file group it is in ("skin", "views" …)
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

// Load reads the catalogs in dir of fsys, files named GROUP.LANG.json.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	c := &Catalog{
		bundle: goi18n.NewBundle(language.English),
		keys:   map[string]*Key{},
		texts:  map[string]map[string]any{},
		langs:  map[string]*Lang{},
	}
	c.bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	if err := c.add(fsys, dir); err != nil {
		return nil, err
	}
	return c.finish()
}

// Extend returns a copy of c with the catalogs in dir of fsys added (a
// skin's own messages), under their file groups. A key c has already is
// an error.
func (c *Catalog) Extend(fsys fs.FS, dir string) (*Catalog, error) {
	n := &Catalog{
		bundle: goi18n.NewBundle(language.English),
		keys:   map[string]*Key{},
		texts:  map[string]map[string]any{},
		langs:  map[string]*Lang{},
	}
	n.bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for code, msgs := range c.texts {
		for id, v := range msgs {
			if err := n.addMessage(code, c.groupOf(id), id, v); err != nil {
				return nil, err
			}
		}
	}
	if err := n.add(fsys, dir); err != nil {
		return nil, err
	}
	return n.finish()
}

func (c *Catalog) groupOf(id string) string {
	if k := c.keys[id]; k != nil {
		return k.Group
	}
	return ""
}

// add parses every GROUP.LANG.json in dir.
func (c *Catalog) add(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return fmt.Errorf("i18n: list %s: %w", dir, err)
	}
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".json")
		group, code, ok := strings.Cut(base, ".")
		if !ok {
			return fmt.Errorf("i18n: %s: want GROUP.LANG.json", name)
		}
		if _, err := language.Parse(code); err != nil {
			return fmt.Errorf("i18n: %s: language %q: %w", name, code, err)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("i18n: read %s: %w", name, err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(b, &msgs); err != nil {
			return fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		for id, v := range msgs {
			if err := c.addMessage(code, group, id, v); err != nil {
				return fmt.Errorf("i18n: %s: %w", name, err)
			}
		}
	}
	return nil
}

// addMessage adds message id of group in language code: v is its text or
// its plural forms.
func (c *Catalog) addMessage(code, group, id string, v any) error {
	if strings.ContainsAny(id, ". ") {
		return fmt.Errorf("key %q: keys are lowercase words joined by hyphens", id)
	}
	if c.texts[code] == nil {
		c.texts[code] = map[string]any{}
	}
	if _, dup := c.texts[code][id]; dup {
		return fmt.Errorf("key %q defined twice for %s", id, code)
	}
	m, err := goi18n.NewMessage(v)
	if err != nil {
		return fmt.Errorf("key %q: %w", id, err)
	}
	m.ID = id
	if err := c.bundle.AddMessages(language.MustParse(code), m); err != nil {
		return fmt.Errorf("key %q: %w", id, err)
	}
	c.texts[code][id] = v
	if code == Source {
		params, err := paramsOf(v)
		if err != nil {
			return fmt.Errorf("key %q: %w", id, err)
		}
		k := &Key{ID: id, Group: group, Params: params}
		if forms, ok := v.(map[string]any); ok {
			k.Plural = true
			k.Text, _ = forms["other"].(string)
		} else {
			k.Text, _ = v.(string)
		}
		c.keys[id] = k
	}
	return nil
}

func (c *Catalog) finish() (*Catalog, error) {
	if c.texts[Source] == nil {
		return nil, fmt.Errorf("i18n: no %s catalog", Source)
	}
	for code := range c.texts {
		c.codes = append(c.codes, code)
	}
	slices.SortFunc(c.codes, func(a, b string) int {
		switch {
		case a == Source:
			return -1
		case b == Source:
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, code := range c.codes {
		l, err := newLang(c, code)
		if err != nil {
			return nil, err
		}
		c.langs[code] = l
	}
	return c, nil
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
// only that is shipped: "de-AT" → de), or nil.
func (c *Catalog) Lang(code string) *Lang {
	if l := c.langs[code]; l != nil {
		return l
	}
	tag, err := language.Parse(code)
	if err != nil {
		return nil
	}
	base, _ := tag.Base()
	return c.langs[base.String()]
}

// Languages returns the shipped languages, the source language first.
func (c *Catalog) Languages() []*Lang {
	out := make([]*Lang, len(c.codes))
	for i, code := range c.codes {
		out[i] = c.langs[code]
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
