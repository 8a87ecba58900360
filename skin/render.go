package skin

import (
	"embed"
	"sync"
)

// The render scripts render a page view outside the server, from the
// three payloads (docs/api.md): mustache.js (4.2.0, vendored unchanged,
// js/README.md) and folio-render.js, the data recipe in JavaScript. Both
// are served as static assets, fingerprinted, and every bundle lists
// their URLs (render-scripts), mustache.js first.
const (
	MustacheFile = "mustache.js"
	RenderFile   = "folio-render.js"
)

//go:embed js/mustache.js js/folio-render.js
var renderFiles embed.FS

// renderAsset is one render script, served at /static/<hash>/<name>.
type renderAsset struct {
	name, hash string
	asset      Asset
}

// renderAssets are the render scripts, in the order a page loads them.
var renderAssets = sync.OnceValue(func() []renderAsset {
	var out []renderAsset
	for _, name := range []string{MustacheFile, RenderFile} {
		b, err := renderFiles.ReadFile("js/" + name)
		if err != nil {
			panic("skin: embedded " + name + ": " + err.Error()) // embedded above
		}
		out = append(out, renderAsset{name: name, hash: fingerprint(b), asset: newAsset(name, b).withVariants(nil)})
	}
	return out
})

// renderScripts returns the render scripts' URLs; none for a Set that
// Load did not make.
func (s *Set) renderScripts() []string {
	out := []string{}
	if !s.generated {
		return out
	}
	for _, r := range renderAssets() {
		out = append(out, staticURL(r.hash, r.name))
	}
	return out
}
