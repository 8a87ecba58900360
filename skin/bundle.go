package skin

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sync"
)

// Bundle is a skin as a renderer elsewhere needs it, in one interface
// language: its templates as written, its messages, its assets' URLs, the
// site's keys and its version. It is immutable: its hash, a fingerprint
// of all of it, is in the URL the UserPayload gives (link-skin), which
// caches keep for a year.
type Bundle struct {
	Schema          string            `json:"schema"`            // "folio.skin.v1"
	Skin            string            `json:"skin"`              // the skin's name
	DisplayName     string            `json:"display-name"`      // the name shown to users
	Version         string            `json:"version"`           // the skin's version: its manifest's and a hash of its templates, messages and files (part of every view's ETag)
	Hash            string            `json:"hash"`              // a hash of this bundle, the v= of its immutable URL (computed with this key "")
	Language        string            `json:"interface-lang"`    // BCP 47 code of the language of messages and site (?uselang=, else the wiki's)
	Dir             string            `json:"interface-dir"`     // its direction, "ltr" or "rtl"
	Entry           string            `json:"entry"`             // the name of the page template, among templates
	Templates       map[string]string `json:"templates"`         // every template as written, by name (the entry and its partials, included as {{> name}}): render the entry over the view's data with the others as partials, escaping as skin/escaping.go does
	TOC             bool              `json:"toc"`               // the skin shows a table of contents (data-toc); without it the recipe leaves data-toc empty
	DarkMode        bool              `json:"dark-mode"`         // the skin has a dark mode: user-theme follows the reader's dark-mode, and html-theme-script is set
	Stylesheets     []URL             `json:"data-stylesheets"`  // the skin's stylesheets, on every page, in order
	Scripts         []URL             `json:"data-scripts"`      // the skin's scripts, on every page, in order
	Needs           BundleNeeds       `json:"needs"`             // the assets added after them for a page that needs them (PagePayload needs)
	HTMLThemeScript string            `json:"html-theme-script"` // the inline theme script of skins with a dark mode; "" otherwise
	Messages        map[string]string `json:"messages"`          // the msg-* keys of the skin's templates, by key ("msg-search"), in interface-lang
	Site            SiteKeys          `json:"site"`              // the site keys of every view in interface-lang (search-query "": the view's ?q=)
	RenderScripts   []string          `json:"render-scripts"`    // fingerprinted URLs of mustache.js and folio-render.js, which render a view from the three payloads in a browser, a service worker or at the edge (docs/api.md); [] without them
	DataHooks       []string          `json:"data-hooks"`        // ids of the skin.data and skin.user-data hooks the server runs (extensions): folio-render.js runs each with its JavaScript twin, and refuses a view whose hook has none (render it on the server)
	Recipe          Recipe            `json:"recipe"`            // what folio-render.js needs beyond the payloads, in interface-lang, generated from the Go recipe
}

// BundleNeeds are the extra assets of each page need, in the order the
// recipe adds them: highlight, math, mermaid.
type BundleNeeds struct {
	Highlight BundleAssets `json:"highlight"` // highlighted code: the generated highlight.css first, then the skin's own
	Math      BundleAssets `json:"math"`      // math blocks
	Mermaid   BundleAssets `json:"mermaid"`   // mermaid diagrams
}

// BundleAssets are assets a page needs.
type BundleAssets struct {
	Stylesheets []URL `json:"stylesheets"` // fingerprinted URLs of stylesheets
	Scripts     []URL `json:"scripts"`     // fingerprinted URLs of scripts
}

// Assets returns the stylesheets and scripts of a page of b that needs n:
// the skin's, then those of each need, as views link them.
func (b *Bundle) Assets(n PageNeeds) (styles, scripts []URL) {
	styles, scripts = slices.Clone(b.Stylesheets), slices.Clone(b.Scripts)
	for _, a := range []struct {
		on bool
		BundleAssets
	}{{n.Highlight, b.Needs.Highlight}, {n.Math, b.Needs.Math}, {n.Mermaid, b.Needs.Mermaid}} {
		if a.on {
			styles = append(styles, a.Stylesheets...)
			scripts = append(scripts, a.Scripts...)
		}
	}
	return styles, scripts
}

// encodedBundle is a bundle's JSON, made once per Set, skin and language.
type encodedBundle struct {
	json []byte
	hash string
}

type bundleKey struct {
	set        *Set
	skin, lang string
}

// bundles keeps the encoded bundles: a Set is replaced only by a reload
// (--dev), so they are few.
var bundles sync.Map // bundleKey → *encodedBundle

// BundleJSON returns the JSON of the bundle of the named skin in the
// language uselang (one not shipped: the site's), and its hash; ok is
// false when there is no skin of that name.
func (s *Set) BundleJSON(name, uselang string) (b []byte, hash string, ok bool) {
	if s.skins[name] == nil {
		return nil, "", false
	}
	lang := s.site.Language(uselang, nil)
	key := bundleKey{s, name, lang.Code}
	if e, ok := bundles.Load(key); ok {
		return e.(*encodedBundle).json, e.(*encodedBundle).hash, true
	}
	bd := s.Bundle(name, lang.Code)
	b, err := json.Marshal(bd)
	if err != nil {
		panic(fmt.Sprintf("skin: encode bundle: %v", err)) // plain data
	}
	e, _ := bundles.LoadOrStore(key, &encodedBundle{json: append(b, '\n'), hash: bd.Hash})
	return e.(*encodedBundle).json, e.(*encodedBundle).hash, true
}

// BundleURL returns the immutable URL of the named skin's bundle in the
// language code: with its hash as v; "" when the registry has no
// api.skin route or there is no such skin.
func (s *Set) BundleURL(name, code string) string {
	base := routeURL(s.site.registry(), "api.skin", "name", name)
	if base == "" {
		return ""
	}
	_, hash, ok := s.BundleJSON(name, code)
	if !ok {
		return ""
	}
	return base + "?" + url.Values{"uselang": {code}, "v": {hash}}.Encode()
}

// Bundle returns the bundle of the named skin (the default for an unknown
// name) in the language uselang, for s's site.
func (s *Set) Bundle(name, uselang string) *Bundle {
	sk := s.skin(name)
	lang := s.site.Language(uselang, nil)
	b := &Bundle{
		Schema: BundleSchema, Skin: sk.man.Name, DisplayName: sk.man.DisplayName, Version: sk.version,
		Language: lang.Code, Dir: lang.Dir, Entry: sk.man.Entry, Templates: maps.Clone(map[string]string(sk.srcs)),
		TOC: sk.man.Capabilities.TOC, DarkMode: sk.man.Capabilities.DarkMode,
		Stylesheets: nonNilURLs(sk.styles), Scripts: nonNilURLs(append(slices.Clone(sk.scripts), s.offlineScripts()...)),
		Messages:      maps.Clone(s.messages(lang, sk)),
		Site:          siteKeys(s.site, Meta{}, lang),
		RenderScripts: s.renderScripts(), DataHooks: dataHookIDs(),
	}
	b.Recipe = s.recipe(lang, b.Messages)
	if b.DisplayName == "" {
		b.DisplayName = b.Skin
	}
	if b.Entry == "" {
		b.Entry = "skin"
	}
	if b.DarkMode {
		b.HTMLThemeScript = themeScript
	}
	needs := func(key string) BundleAssets {
		n := sk.needs[key]
		return BundleAssets{Stylesheets: nonNilURLs(n.styles), Scripts: nonNilURLs(n.scripts)}
	}
	b.Needs = BundleNeeds{Highlight: needs(NeedHighlight), Math: needs(NeedMath), Mermaid: needs(NeedMermaid)}
	b.Needs.Highlight.Stylesheets = append([]URL{{URL: staticURL(s.highlightHash(), HighlightFile)}}, b.Needs.Highlight.Stylesheets...)
	h, err := json.Marshal(b)
	if err != nil {
		panic(fmt.Sprintf("skin: encode bundle: %v", err)) // plain data
	}
	sum := sha256.Sum256(h)
	b.Hash = hex.EncodeToString(sum[:8])
	return b
}

func nonNilURLs(u []URL) []URL {
	if u == nil {
		return []URL{}
	}
	return slices.Clone(u)
}
