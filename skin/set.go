package skin

import (
	"fmt"
	"io"
	"slices"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/skin/engine"
)

// Set is the loaded skins: parsed templates and fingerprinted assets, all
// in memory, and the Site whose page views it renders (View). It is
// immutable and safe for concurrent use; a reload builds a new Set.
type Set struct {
	skins     map[string]*skin
	names     []string // sorted
	def       string
	assets    map[string]Asset // by assetKey
	generated bool             // it has the generated assets (generatedAssets)
	site      Site             // of View; the zero Site unless WithSite
	classes   *classReaders    // the reader classes of ESI views (esi.go)
}

// Names returns the names of the skins, sorted.
func (s *Set) Names() []string { return slices.Clone(s.names) }

// Default returns the name of the default skin.
func (s *Set) Default() string { return s.def }

// WithDefault returns a copy of s whose default skin is name, or an error
// if there is no such skin.
func (s *Set) WithDefault(name string) (*Set, error) {
	if s.skins[name] == nil {
		return nil, fmt.Errorf("skin: no skin %q (have %v)", name, s.names)
	}
	c := *s
	c.def = name
	return &c, nil
}

// WithSite returns a copy of s that renders the page views of site. A page
// view's specialization is kept per Set: make the copy once per site (a
// server does, through ForSite), not per request.
func (s *Set) WithSite(site Site) *Set {
	c := *s
	c.site = site
	return &c
}

// Site returns the site whose page views s renders.
func (s *Set) Site() Site { return s.site }

// Resolve returns name if a skin has that name, else the default skin.
func (s *Set) Resolve(name string) string { return s.skin(name).man.Name }

// Choose returns the skin of a request: the ?useskin= value when it names a
// skin, else the user's preference when it does, else the default. (A
// response chosen by useskin must not be shared-cached.)
func (s *Set) Choose(useskin string, u *blob.UserInfo) string {
	return s.choose(useskin, u).man.Name
}

// choose returns the skin Choose names.
func (s *Set) choose(useskin string, u *blob.UserInfo) *skin {
	if sk := s.skins[useskin]; sk != nil {
		return sk
	}
	if u != nil {
		if sk := s.skins[u.Preferences.Skin]; sk != nil {
			return sk
		}
	}
	return s.skins[s.def]
}

// Manifest returns the skin.json of the named skin.
func (s *Set) Manifest(name string) (Manifest, bool) {
	sk := s.skins[name]
	if sk == nil {
		return Manifest{}, false
	}
	return sk.man, true
}

// Prepare compiles now what the first view in the named skin (the default
// for an unknown name) would: its view program. A server calls it beside
// its other start-up work, so that its first view does not wait for it.
func (s *Set) Prepare(name string) { s.skin(name).program() }

// Version returns the version of the named skin (the default for an
// unknown name): the manifest's version and a hash of its templates and
// files. A page view's ETag includes it.
func (s *Set) Version(name string) string { return s.skin(name).version }

// Asset returns the static file that /static/<hash>/<file> names.
func (s *Set) Asset(hash, file string) (Asset, bool) {
	if a, ok := s.assets[assetKey(hash, file)]; ok {
		return a, true
	}
	return s.generatedAsset(hash, file)
}

// Preload returns the URLs of the named skin's stylesheets, for a
// "Link: <url>; rel=preload; as=style" header (and 103 Early Hints) on
// page views.
func (s *Set) Preload(name string) []string {
	sk := s.skin(name)
	out := make([]string, len(sk.styles))
	for i, u := range sk.styles {
		out[i] = u.URL
	}
	return out
}

// Render writes the HTML page of d in the skin d.Skin (the default skin if
// there is none of that name). It neither changes nor keeps d. It writes as
// it goes, in small pieces: give it a buffer, and send the buffer only if
// Render returns no error.
//
// Render runs the whole template through cbroglie; page views go through
// View, which renders the same bytes from a specialization.
func (s *Set) Render(w io.Writer, d *Data) error {
	sk := s.skin(d.Skin)
	ts, err := sk.templates()
	if err != nil {
		return fmt.Errorf("skin %s: %w", sk.man.Name, err)
	}
	if err := ts.tmpl.FRender(w, engine.Map(d)); err != nil {
		return fmt.Errorf("skin %s: render: %w", sk.man.Name, err)
	}
	return nil
}

// skin returns the named skin, or the default.
func (s *Set) skin(name string) *skin {
	if sk := s.skins[name]; sk != nil {
		return sk
	}
	return s.skins[s.def]
}

// addAssets fills the stylesheets and scripts of a page in skin sk: the
// skin's, then those the page needs (the generated highlight.css first).
func (s *Set) addAssets(sk *skin, d *Data, needs blob.Needs) {
	d.Stylesheets = slices.Clone(sk.styles)
	d.Scripts = append(slices.Clone(sk.scripts), s.offlineScripts()...)
	if sk.man.Capabilities.DarkMode {
		d.HTMLThemeScript = themeScript
	}
	add := func(on bool, key string) {
		if n, ok := sk.needs[key]; on && ok {
			d.Stylesheets = append(d.Stylesheets, n.styles...)
			d.Scripts = append(d.Scripts, n.scripts...)
		}
	}
	if needs.Highlight {
		d.Stylesheets = append(d.Stylesheets, URL{URL: staticURL(s.highlightHash(), HighlightFile)})
	}
	add(needs.Highlight, NeedHighlight)
	add(needs.Math, NeedMath)
	add(needs.Mermaid, NeedMermaid)
}
