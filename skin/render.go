package skin

import (
	"embed"
	"fmt"
	"slices"
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

// hookScripts are the extensions' render scripts (RegisterRenderScript).
var hookScripts struct {
	sync.Mutex
	list []renderAsset
}

// RegisterRenderScript adds an extension's render script, the JavaScript
// twin of its skin.data or skin.user-data hooks, which folio-render.js
// cannot run: a script (file name, source) that sets
// FolioRender.hooks[id] = {data: function (d, ext, recipe) {…; return d}}
// (or user: for a skin.user-data hook) for each hook id. Every bundle
// lists it after folio-render.js, and it is served as a static asset. A
// bundle whose hooks have no twin makes folio-render.js refuse the view,
// which its caller then renders on the server. Call it from init(),
// beside the hooks' Register:
//
//	//go:embed readingtime.js
//	var script []byte
//
//	func init() {
//		skin.DataHook.Register("readingtime.skin", 100, indicator)
//		skin.RegisterRenderScript("readingtime.js", script)
//	}
//
// The twin must make the data the Go hook makes; a test of the extension
// proves it (package internal/renderjs). A name taken or not a static
// file's name panics.
func RegisterRenderScript(name string, js []byte) {
	hookScripts.Lock()
	defer hookScripts.Unlock()
	if !staticNameRE.MatchString(name) || name == MustacheFile || name == RenderFile || name == EditorFile || name == HighlightFile ||
		slices.ContainsFunc(hookScripts.list, func(r renderAsset) bool { return r.name == name }) {
		panic(fmt.Sprintf("skin: RegisterRenderScript(%q): the name is taken or not a static file's", name))
	}
	hookScripts.list = append(hookScripts.list, renderAsset{name: name, hash: fingerprint(js), asset: newAsset(name, js).withVariants(nil)})
}

// allRenderAssets returns the render scripts, then the extensions'.
func allRenderAssets() []renderAsset {
	hookScripts.Lock()
	defer hookScripts.Unlock()
	return append(slices.Clone(renderAssets()), hookScripts.list...)
}

// renderScripts returns the render scripts' URLs; none for a Set that
// Load did not make.
func (s *Set) renderScripts() []string {
	out := []string{}
	if !s.generated {
		return out
	}
	for _, r := range allRenderAssets() {
		out = append(out, staticURL(r.hash, r.name))
	}
	return out
}
