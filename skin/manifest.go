package skin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
)

// Manifest is a skin's skin.json:
//
//	{
//	  "name": "desktop",
//	  "display_name": "Desktop",
//	  "version": "1",
//	  "entry": "skin",
//	  "partials": ["header", "sidebar", "footer"],
//	  "stylesheets": ["desktop.css"],
//	  "scripts": ["desktop.js"],
//	  "needs": {"math": {"stylesheets": ["math.css"]}},
//	  "capabilities": {"dark_mode": true, "toc": true}
//	}
//
// Templates are templates/<name>.mustache; files are paths under static/.
// Unknown fields are an error, so a typo fails at load.
type Manifest struct {
	Name         string               `json:"name"`         // the skin's directory name: lowercase letters, digits, - and _
	DisplayName  string               `json:"display_name"` // name shown to users; "" means Name
	Version      string               `json:"version"`      // the author's version; part of the skin version in ETags
	Entry        string               `json:"entry"`        // the page template; "" means "skin"
	Partials     []string             `json:"partials"`     // every other template, each included somewhere with {{> name}}
	Stylesheets  []string             `json:"stylesheets"`  // static files linked on every page, in order
	Scripts      []string             `json:"scripts"`      // static files loaded (defer) on every page, in order
	Needs        map[string]AssetList `json:"needs"`        // more files for pages that need them: keys "highlight", "math", "mermaid"
	Capabilities Capabilities         `json:"capabilities"` // what the skin supports
}

// AssetList is a set of static files of a skin.
type AssetList struct {
	Stylesheets []string `json:"stylesheets"`
	Scripts     []string `json:"scripts"`
}

// Capabilities say what a skin supports.
type Capabilities struct {
	DarkMode bool `json:"dark_mode"` // the skin styles html[data-theme=dark] and wants html-theme-script
	TOC      bool `json:"toc"`       // the skin shows data-toc (without it, data-toc stays empty)
}

// The keys of Manifest.Needs: PageInfo.Needs flags.
const (
	NeedHighlight = "highlight" // code highlighted by chroma; the generated highlight.css is always added
	NeedMath      = "math"      // <pre class="math"> blocks
	NeedMermaid   = "mermaid"   // <pre class="mermaid"> blocks
)

var (
	skinNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	tmplNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
)

// parseManifest reads and checks skin.json of the skin in directory dir.
func parseManifest(dir string, b []byte) (Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("%s/skin.json: %w", dir, err)
	}
	if m.Entry == "" {
		m.Entry = "skin"
	}
	if m.DisplayName == "" {
		m.DisplayName = m.Name
	}
	return m, m.check(dir)
}

func (m *Manifest) check(dir string) error {
	switch {
	case m.Name != dir:
		return fmt.Errorf("%s/skin.json: name %q must be the directory's name", dir, m.Name)
	case !skinNameRE.MatchString(m.Name):
		return fmt.Errorf("%s/skin.json: name %q: use lowercase letters, digits, - and _", dir, m.Name)
	case m.Version == "":
		return fmt.Errorf("%s/skin.json: version is required", dir)
	}
	for _, t := range append([]string{m.Entry}, m.Partials...) {
		if !tmplNameRE.MatchString(t) {
			return fmt.Errorf("%s/skin.json: bad template name %q (a file name without .mustache)", dir, t)
		}
	}
	if slices.Contains(m.Partials, m.Entry) {
		return fmt.Errorf("%s/skin.json: entry %q is also listed as a partial", dir, m.Entry)
	}
	for k := range m.Needs {
		if k != NeedHighlight && k != NeedMath && k != NeedMermaid {
			return fmt.Errorf("%s/skin.json: needs: unknown key %q (want %s, %s or %s)", dir, k, NeedHighlight, NeedMath, NeedMermaid)
		}
	}
	return nil
}

// files returns every static file the manifest names.
func (m *Manifest) files() []string {
	fs := slices.Concat(m.Stylesheets, m.Scripts)
	for _, k := range []string{NeedHighlight, NeedMath, NeedMermaid} {
		fs = slices.Concat(fs, m.Needs[k].Stylesheets, m.Needs[k].Scripts)
	}
	return fs
}
